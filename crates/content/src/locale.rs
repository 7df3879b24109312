//! Locales and languages: which ones Minbar speaks, how a tag is checked, and the
//! [`FormatLocale`] a page is written in (its tag, the site's zone and its Hijri setting).

use crate::model::{Digits, MonthNames, ParseValueError, Site};

/// The locales Minbar has messages and date formats for.
pub const SUPPORTED_LOCALES: &[&str] = &[
    "ar", "ar-SY", "ar-EG", "ar-IQ", "ar-JO", "ar-LB", "ar-PS", "ar-SA", "ar-AE", "ar-MA", "ar-DZ",
    "ar-TN", "ckb", "ckb-IQ", "kmr", "kmr-SY", "kmr-TR", "en", "en-GB", "en-US",
];

/// Checks that `locale` is one Minbar supports, and returns it as written there.
pub fn parse_locale(locale: &str) -> Result<&'static str, ParseValueError> {
    SUPPORTED_LOCALES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(locale))
        .copied()
        .ok_or_else(|| ParseValueError {
            what: "locale",
            value: locale.to_owned(),
            expected: "ar, ar-SY, ar-EG, ar-IQ, ar-JO, ar-LB, ar-PS, ar-SA, ar-AE, ar-MA, ar-DZ, \
                       ar-TN, ckb, ckb-IQ, kmr, kmr-SY, kmr-TR, en, en-GB, en-US",
        })
}

/// The languages a post or page may be written in: those Minbar has messages for.
pub const LANGUAGES: &[&str] = &["ar", "ckb", "kmr", "en"];

/// Checks a post's language tag (`ar`, `ckb`, `kmr`, `en`, case-insensitive).
pub fn parse_language(tag: &str) -> Result<&'static str, ParseValueError> {
    LANGUAGES
        .iter()
        .find(|l| l.eq_ignore_ascii_case(tag.trim()))
        .copied()
        .ok_or_else(|| ParseValueError {
            what: "language",
            value: tag.to_owned(),
            expected: "ar, ckb, kmr, en",
        })
}

/// Each language's name in itself, as a link to a translation shows it to any reader.
pub fn autonym(language: &str) -> &'static str {
    match language {
        "ar" => "العربية",
        "ckb" => "کوردی (سۆرانی)",
        "kmr" => "Kurdî (Kurmancî)",
        "en" => "English",
        _ => "",
    }
}

/// Why a post cannot be linked to another as its translation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslationError {
    #[error("there is no post {0} to link as a translation")]
    Missing(i64),
    #[error("post {0} is in the same language ({1}): a translation must be in another language")]
    SameLanguage(i64, String),
    #[error("post {0}'s translations already have a post in {1}")]
    Taken(i64, String),
}

impl TranslationError {
    /// The key of the message the editor shows.
    pub fn key(&self) -> &'static str {
        match self {
            TranslationError::Missing(_) => "editor-error-translation-missing",
            TranslationError::SameLanguage(..) => "editor-error-translation-same",
            TranslationError::Taken(..) => "editor-error-translation-taken",
        }
    }
}

/// The language part of a locale tag: `ar-SY` → `ar`, `ckb-IQ` → `ckb`.
pub fn language_of(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
}

/// The writing direction of a locale's language.
pub fn direction_of(locale: &str) -> &'static str {
    match language_of(locale) {
        "ar" | "ckb" | "fa" | "he" | "ur" => "rtl",
        _ => "ltr",
    }
}

/// The locale a page is written in, with everything its dates and numbers need: the tag (with
/// the region that gives the chosen month names and `-u-nu-arab` for Arabic-Indic digits), the
/// site's zone and the Hijri setting. It reads as its tag (`&*locale`), which is all messages
/// need.
#[derive(Debug, Clone)]
pub struct FormatLocale {
    tag: String,
    pub zone: jiff::tz::TimeZone,
    pub hijri: Option<i8>,
}

impl FormatLocale {
    /// A locale in UTC without Hijri dates, for what has no site (tests, error pages before
    /// `minbar init`).
    pub fn plain(tag: &str) -> Self {
        FormatLocale {
            tag: tag.to_owned(),
            zone: jiff::tz::TimeZone::UTC,
            hijri: None,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.tag
    }

    /// Whether numbers a reader sees are written with Arabic-Indic digits.
    pub fn arabic_digits(&self) -> bool {
        self.tag.ends_with("-u-nu-arab")
    }
}

impl std::ops::Deref for FormatLocale {
    type Target = str;
    fn deref(&self) -> &str {
        &self.tag
    }
}

impl Site {
    /// The locale to format the site's own pages with: the site's, with the region that gives
    /// the chosen month names and a Unicode extension for the chosen digits (`ar-EG-u-nu-arab`).
    /// Messages read only its language, so it serves wherever a locale is asked for.
    pub fn format_locale(&self) -> FormatLocale {
        self.format_locale_in("")
    }

    /// The locale to format a page in `language` with (a post written in another language than
    /// the site's; empty means the site's): the site's own locale when the language is the
    /// site's, else the language's plain tag. Arabic-Indic digits, when chosen, go to the site's
    /// language and to languages written in Arabic script (Sorani), never to Kurmanji or
    /// English pages of an Arabic site.
    pub fn format_locale_in(&self, language: &str) -> FormatLocale {
        let site_language = language_of(&self.locale);
        let own = language.is_empty() || language == site_language;
        let mut tag = if own {
            self.locale.clone()
        } else {
            language.to_owned()
        };
        if language_of(&tag) == "ar" {
            match self.style.months {
                Some(MonthNames::Levantine) => tag = "ar-SY".to_owned(),
                Some(MonthNames::Egyptian) => tag = "ar-EG".to_owned(),
                None => {}
            }
        }
        let arabic_script = matches!(language_of(&tag), "ar" | "ckb");
        if self.style.digits == Digits::ArabicIndic && (own || arabic_script) {
            tag.push_str("-u-nu-arab");
        }
        FormatLocale {
            tag,
            zone: self.zone(),
            hijri: self.style.hijri,
        }
    }

    /// The site's time zone; UTC if the zone database no longer has it.
    pub fn zone(&self) -> jiff::tz::TimeZone {
        crate::clock::zone(&self.time_zone).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// The site's language: the language part of its locale (`ar-SY` → `ar`).
    pub fn language(&self) -> &str {
        language_of(&self.locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DateStyle, ModerationMode};

    #[test]
    fn locales_are_checked() {
        assert_eq!(parse_locale("ar-sy"), Ok("ar-SY"));
        assert_eq!(parse_locale("CKB"), Ok("ckb"));
        assert!(parse_locale("xx-YY").is_err());
        assert_eq!(parse_language("KMR"), Ok("kmr"));
        assert!(parse_language("ku").is_err());
        assert_eq!(direction_of("ckb-IQ"), "rtl");
        assert_eq!(direction_of("kmr"), "ltr");
    }

    #[test]
    fn dates_follow_the_chosen_style() {
        let mut site = Site {
            title: "t".into(),
            about: String::new(),
            locale: "ar-SY".into(),
            moderation: ModerationMode::Open,
            outside_comments: None,
            base_url: None,
            secret: String::new(),
            style: DateStyle::default(),
            facebook_app_id: None,
            comments_close_days: None,
            time_zone: "Asia/Damascus".into(),
        };
        assert_eq!(&*site.format_locale(), "ar-SY");
        site.style = DateStyle {
            digits: Digits::ArabicIndic,
            months: Some(MonthNames::Egyptian),
            hijri: None,
        };
        assert_eq!(&*site.format_locale(), "ar-EG-u-nu-arab");
        assert_eq!(&*site.format_locale_in("ckb"), "ckb-u-nu-arab");
        assert_eq!(&*site.format_locale_in("kmr"), "kmr");
        assert_eq!(&*site.format_locale_in("ar"), "ar-EG-u-nu-arab");
        assert_eq!(site.format_locale().zone.iana_name(), Some("Asia/Damascus"));
        site.locale = "en".into();
        assert_eq!(&*site.format_locale(), "en-u-nu-arab");
    }
}
