//! The site's settings as a person types them, and the one set of rules they are checked by.
//!
//! Every door that changes settings (the admin's form, `PUT /api/v1/settings`, `minbar init` and
//! `minbar site set`) fills a [`SettingsText`] and calls [`check_settings`], so nothing one door
//! refuses is accepted by another. A refusal is a [`SettingsError`]: its [`SettingsError::key`]
//! is the message the admin shows, its `Display` the sentence the API and the command line give.

use crate::clock::{UnknownZone, check_zone, default_zone};
use crate::locale::parse_locale;
use crate::model::{
    DateStyle, Digits, HIJRI_ADJUST_DAYS, ModerationMode, MonthNames, OutsideComments,
    ParseValueError, Site,
};
use serde::{Deserialize, Serialize};

/// The longest site title, in characters.
pub const MAX_SITE_TITLE_CHARS: usize = 120;
/// The longest about text, in characters.
pub const MAX_ABOUT_CHARS: usize = 2_000;
/// The longest public address, in bytes.
pub const MAX_BASE_URL_BYTES: usize = 200;
/// The longest time comments may stay open before closing by themselves, in days (ten years).
pub const MAX_CLOSE_DAYS: u32 = 3_650;

/// Every setting as text, the way each door receives it; an empty field means "the default".
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsText {
    pub title: String,
    pub about: String,
    pub locale: String,
    pub moderation: String,
    pub outside_comments: String,
    pub base_url: String,
    pub digits: String,
    pub month_names: String,
    pub facebook_app_id: String,
    pub comments_close_days: String,
    /// An IANA zone name; empty: the main zone of the locale's region, or UTC.
    pub time_zone: String,
    /// `on` or `off` (empty: off): show the Hijri date beside the Gregorian one.
    pub hijri: String,
    /// Days (−2…2) the Hijri date is moved from Umm al-Qura's; empty: 0.
    pub hijri_adjust: String,
}

impl SettingsText {
    /// The settings of `site`, as every door shows them.
    pub fn of(site: &Site) -> Self {
        SettingsText {
            title: site.title.clone(),
            about: site.about.clone(),
            locale: site.locale.clone(),
            moderation: site.moderation.as_str().to_owned(),
            outside_comments: site
                .outside_comments
                .map_or("none", |o| o.as_str())
                .to_owned(),
            base_url: site.base_url.clone().unwrap_or_default(),
            digits: site.style.digits.as_str().to_owned(),
            month_names: site
                .style
                .months
                .map_or("locale", |m| m.as_str())
                .to_owned(),
            facebook_app_id: site.facebook_app_id.clone().unwrap_or_default(),
            comments_close_days: site
                .comments_close_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            time_zone: site.time_zone.clone(),
            hijri: if site.style.hijri.is_some() {
                "on"
            } else {
                "off"
            }
            .to_owned(),
            hijri_adjust: site.style.hijri.unwrap_or(0).to_string(),
        }
    }

    /// Every setting by its name, as `minbar site show` lists them.
    pub fn fields(&self) -> [(&'static str, &str); 13] {
        [
            ("title", &self.title),
            ("about", &self.about),
            ("locale", &self.locale),
            ("moderation", &self.moderation),
            ("outside_comments", &self.outside_comments),
            ("base_url", &self.base_url),
            ("digits", &self.digits),
            ("month_names", &self.month_names),
            ("facebook_app_id", &self.facebook_app_id),
            ("comments_close_days", &self.comments_close_days),
            ("time_zone", &self.time_zone),
            ("hijri", &self.hijri),
            ("hijri_adjust", &self.hijri_adjust),
        ]
    }

    /// Sets one setting by its name (one of [`SettingsText::fields`]); the value is checked
    /// later, with the others, by [`check_settings`].
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingsError> {
        let field = match key.trim().replace('-', "_").as_str() {
            "title" => &mut self.title,
            "about" => &mut self.about,
            "locale" => &mut self.locale,
            "moderation" => &mut self.moderation,
            "outside_comments" => &mut self.outside_comments,
            "base_url" => &mut self.base_url,
            "digits" => &mut self.digits,
            "month_names" => &mut self.month_names,
            "facebook_app_id" => &mut self.facebook_app_id,
            "comments_close_days" => &mut self.comments_close_days,
            "time_zone" => &mut self.time_zone,
            "hijri" => &mut self.hijri,
            "hijri_adjust" => &mut self.hijri_adjust,
            _ => return Err(SettingsError::UnknownKey(key.to_owned())),
        };
        *field = value.to_owned();
        Ok(())
    }
}

/// Why settings were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("the title is empty: the site needs a name")]
    TitleEmpty,
    #[error("the title is longer than {MAX_SITE_TITLE_CHARS} characters")]
    TitleTooLong,
    #[error("the about text is longer than {MAX_ABOUT_CHARS} characters")]
    About,
    #[error(transparent)]
    Locale(ParseValueError),
    #[error(transparent)]
    Moderation(ParseValueError),
    #[error(transparent)]
    OutsideComments(ParseValueError),
    #[error(
        "base_url '{0}' must start with https:// or http://, have at most {MAX_BASE_URL_BYTES} \
         bytes and hold no spaces, quotes or angle brackets"
    )]
    BaseUrl(String),
    #[error(transparent)]
    Digits(ParseValueError),
    #[error(transparent)]
    MonthNames(ParseValueError),
    #[error("facebook_app_id '{0}' must be Facebook's numeric app id")]
    FacebookAppId(String),
    #[error(
        "comments_close_days '{0}' must be a number of days from 0 (never) to {MAX_CLOSE_DAYS}"
    )]
    CloseDays(String),
    #[error(transparent)]
    TimeZone(UnknownZone),
    #[error("hijri '{0}' must be on or off")]
    Hijri(String),
    #[error(
        "hijri_adjust '{0}' must be a whole number of days from -{HIJRI_ADJUST_DAYS} to {HIJRI_ADJUST_DAYS}"
    )]
    HijriAdjust(String),
    #[error(
        "there is no setting '{0}'; the settings are title, about, locale, moderation, \
         outside_comments, base_url, digits, month_names, facebook_app_id, comments_close_days, \
         time_zone, hijri, hijri_adjust"
    )]
    UnknownKey(String),
}

impl SettingsError {
    /// The key of the message the admin shows for this refusal.
    pub fn key(&self) -> &'static str {
        match self {
            SettingsError::TitleEmpty | SettingsError::TitleTooLong => "settings-error-title",
            SettingsError::About => "settings-error-about",
            SettingsError::Locale(_) => "settings-error-locale",
            SettingsError::Moderation(_) => "settings-error-moderation",
            SettingsError::OutsideComments(_) => "settings-error-outside",
            SettingsError::BaseUrl(_) => "settings-error-base-url",
            SettingsError::Digits(_) => "settings-error-digits",
            SettingsError::MonthNames(_) => "settings-error-months",
            SettingsError::FacebookAppId(_) => "settings-error-app-id",
            SettingsError::CloseDays(_) => "settings-error-close-days",
            SettingsError::TimeZone(_) => "settings-error-time-zone",
            SettingsError::Hijri(_) | SettingsError::HijriAdjust(_) => "settings-error-hijri",
            SettingsError::UnknownKey(_) => "settings-error-unknown",
        }
    }
}

/// Checks every setting and builds the site from them, keeping `secret` (the signing key is never
/// a setting a person types).
pub fn check_settings(text: &SettingsText, secret: &str) -> Result<Site, SettingsError> {
    let title = minbar_text::collapse_whitespace(&text.title);
    if title.is_empty() {
        return Err(SettingsError::TitleEmpty);
    }
    if title.chars().count() > MAX_SITE_TITLE_CHARS {
        return Err(SettingsError::TitleTooLong);
    }
    if text.about.chars().count() > MAX_ABOUT_CHARS {
        return Err(SettingsError::About);
    }
    let locale = parse_locale(text.locale.trim()).map_err(SettingsError::Locale)?;
    let moderation = text
        .moderation
        .trim()
        .parse::<ModerationMode>()
        .map_err(SettingsError::Moderation)?;
    let time_zone = match text.time_zone.trim() {
        "" => default_zone(locale).to_owned(),
        zone => check_zone(zone).map_err(SettingsError::TimeZone)?,
    };
    let hijri = check_hijri(&text.hijri, &text.hijri_adjust)?;
    let outside_comments = match text.outside_comments.trim() {
        "" | "none" => None,
        other => Some(
            other
                .parse::<OutsideComments>()
                .map_err(SettingsError::OutsideComments)?,
        ),
    };
    Ok(Site {
        title,
        about: text.about.trim().to_owned(),
        locale: locale.to_owned(),
        moderation,
        outside_comments,
        base_url: check_base_url(&text.base_url)?,
        secret: secret.to_owned(),
        style: DateStyle {
            digits: match text.digits.trim() {
                "" => Digits::default(),
                other => other.parse().map_err(SettingsError::Digits)?,
            },
            months: match text.month_names.trim() {
                "" | "locale" => None,
                other => Some(
                    other
                        .parse::<MonthNames>()
                        .map_err(SettingsError::MonthNames)?,
                ),
            },
            hijri,
        },
        facebook_app_id: match text.facebook_app_id.trim() {
            "" => None,
            id if id.len() <= 32 && id.bytes().all(|b| b.is_ascii_digit()) => Some(id.to_owned()),
            other => return Err(SettingsError::FacebookAppId(other.to_owned())),
        },
        comments_close_days: match text.comments_close_days.trim() {
            "" | "0" => None,
            days => match days.parse::<u32>() {
                Ok(days) if days <= MAX_CLOSE_DAYS => Some(days),
                _ => return Err(SettingsError::CloseDays(days.to_owned())),
            },
        },
        time_zone,
    })
}

/// The Hijri setting: off, or on with an adjustment of at most [`HIJRI_ADJUST_DAYS`] days.
fn check_hijri(on: &str, adjust: &str) -> Result<Option<i8>, SettingsError> {
    let adjust = match adjust.trim() {
        "" => 0,
        text => text
            .trim_start_matches('+')
            .parse::<i8>()
            .ok()
            .filter(|d| d.abs() <= HIJRI_ADJUST_DAYS)
            .ok_or_else(|| SettingsError::HijriAdjust(text.to_owned()))?,
    };
    match on.trim() {
        "" | "off" | "false" | "no" => Ok(None),
        "on" | "true" | "yes" => Ok(Some(adjust)),
        other => Err(SettingsError::Hijri(other.to_owned())),
    }
}

/// The public address without a trailing slash, `None` when empty. It is written into pages,
/// feeds and headers, so anything that could leave an attribute or a header is refused.
fn check_base_url(text: &str) -> Result<Option<String>, SettingsError> {
    let base = text.trim().trim_end_matches('/');
    if base.is_empty() {
        return Ok(None);
    }
    let fits = (base.starts_with("https://") || base.starts_with("http://"))
        && base.len() <= MAX_BASE_URL_BYTES
        && !base
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"<>'`\\".contains(c));
    if fits {
        Ok(Some(base.to_owned()))
    } else {
        Err(SettingsError::BaseUrl(text.trim().to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> SettingsText {
        SettingsText {
            title: "منبج".into(),
            locale: "ar-SY".into(),
            moderation: "first-time".into(),
            ..SettingsText::default()
        }
    }

    fn check(change: impl Fn(&mut SettingsText), expected: Result<(), &str>) {
        let mut text = text();
        change(&mut text);
        let got = check_settings(&text, "s").map(|_| ()).map_err(|e| e.key());
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn every_setting_is_checked_once() {
        check(|_| {}, Ok(()));
        check(|t| t.title = "  ".into(), Err("settings-error-title"));
        check(|t| t.title = "ت".repeat(121), Err("settings-error-title"));
        check(|t| t.about = "ن".repeat(2_001), Err("settings-error-about"));
        check(|t| t.locale = "xx-YY".into(), Err("settings-error-locale"));
        check(
            |t| t.moderation = "sometimes".into(),
            Err("settings-error-moderation"),
        );
        check(
            |t| t.outside_comments = "myspace".into(),
            Err("settings-error-outside"),
        );
        check(
            |t| t.base_url = "https://x\"<".into(),
            Err("settings-error-base-url"),
        );
        check(
            |t| t.base_url = "ftp://x".into(),
            Err("settings-error-base-url"),
        );
        check(
            |t| t.base_url = "https://a b".into(),
            Err("settings-error-base-url"),
        );
        check(|t| t.base_url = "https://example.org/".into(), Ok(()));
        check(|t| t.digits = "roman".into(), Err("settings-error-digits"));
        check(
            |t| t.month_names = "aramaic".into(),
            Err("settings-error-months"),
        );
        check(
            |t| t.facebook_app_id = "12a".into(),
            Err("settings-error-app-id"),
        );
        check(
            |t| t.comments_close_days = "3651".into(),
            Err("settings-error-close-days"),
        );
        check(
            |t| t.comments_close_days = "-1".into(),
            Err("settings-error-close-days"),
        );
        check(
            |t| t.time_zone = "Asia/Manbij".into(),
            Err("settings-error-time-zone"),
        );
        check(|t| t.hijri = "maybe".into(), Err("settings-error-hijri"));
        check(
            |t| {
                t.hijri = "on".into();
                t.hijri_adjust = "3".into();
            },
            Err("settings-error-hijri"),
        );
        check(
            |t| {
                t.hijri = "on".into();
                t.hijri_adjust = "-2".into();
            },
            Ok(()),
        );
    }

    #[test]
    fn a_new_site_takes_its_region_s_zone_unless_it_names_one() {
        let site = check_settings(&text(), "s").unwrap();
        assert_eq!(site.time_zone, "Asia/Damascus");
        let mut other = text();
        other.locale = "en".into();
        assert_eq!(check_settings(&other, "s").unwrap().time_zone, "UTC");
        other.time_zone = "africa/cairo".into();
        assert_eq!(
            check_settings(&other, "s").unwrap().time_zone,
            "Africa/Cairo"
        );
        other.hijri = "on".into();
        other.hijri_adjust = "+1".into();
        assert_eq!(check_settings(&other, "s").unwrap().style.hijri, Some(1));
    }

    #[test]
    fn settings_read_back_as_they_were_written() {
        let mut text = text();
        text.set("base-url", "https://example.org/").unwrap();
        text.set("comments_close_days", "30").unwrap();
        text.set("moderation", "all").unwrap();
        let site = check_settings(&text, "secret").unwrap();
        assert_eq!(site.base_url.as_deref(), Some("https://example.org"));
        assert_eq!(site.comments_close_days, Some(30));
        assert_eq!(site.secret, "secret");
        let again = SettingsText::of(&site);
        assert_eq!(check_settings(&again, "secret").unwrap(), site);
        assert_eq!(
            text.set("colour", "red").map_err(|e| e.key()),
            Err("settings-error-unknown")
        );
    }
}
