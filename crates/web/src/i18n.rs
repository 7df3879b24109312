//! Localization: Fluent messages with CLDR plural rules, and ICU4X dates with the locale's own
//! month names (ar-SY `آب`, ar-EG `أغسطس`).
//!
//! Plural forms are chosen by ICU4X's CLDR rules, not Fluent's own: the rules Fluent ships
//! put Arabic 103 in `other` where CLDR says `few`. Every numeric argument `x` therefore comes
//! with a string argument `x_plural` naming its CLDR category, and messages select on that.
//!
//! Digits default to Latin (`15 آب 2016`), as on the newsroom's pages today; a site that chooses
//! Arabic-Indic digits gets a locale tag ending in `-u-nu-arab`, and then every number a message
//! carries (counts, page numbers) and every date is written with them. Dates always name the
//! numbering system explicitly: plain `ar` would otherwise pick it by region.
//!
//! Dates are days on the site's calendar ([`FormatLocale::zone`]); with the Hijri setting on, the
//! Umm al-Qura date (ICU4X's `islamic-umalqura` calendar, CLDR's month names) is given beside the
//! Gregorian one, moved by the site's adjustment.
//!
//! Kurmanji (`kmr`) has no dates or plural rules of its own in CLDR, which files Northern
//! Kurdish under `ku`; both are taken from `ku`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_calendar::{Date, Iso};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{YM, YMD};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use minbar_content::{FormatLocale, SUPPORTED_LOCALES};
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

/// The message files, one per language, embedded in the binary.
const MESSAGES: &[(&str, &str)] = &[
    ("ar", include_str!("../locales/ar.ftl")),
    ("en", include_str!("../locales/en.ftl")),
    ("ckb", include_str!("../locales/ckb.ftl")),
    ("kmr", include_str!("../locales/kmr.ftl")),
];

/// A message argument: a number (chooses plural forms) or a string.
#[derive(Debug, Clone)]
pub enum Arg {
    Number(i64),
    Text(String),
}

/// Date formatters for one locale.
struct Dates {
    day: DateTimeFormatter<YMD>,
    month: DateTimeFormatter<YM>,
    hijri: DateTimeFormatter<YMD>,
}

/// The tag ICU4X knows a locale's dates by: CLDR names Kurmanji `ku`.
fn icu_tag(locale: &str) -> String {
    match locale.split_once('-') {
        Some(("kmr", rest)) => format!("ku-{rest}"),
        _ if locale == "kmr" => "ku".to_owned(),
        _ => locale.to_owned(),
    }
}

/// Every locale's messages and date formatters, built once at start-up.
pub struct I18n {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
    dates: HashMap<String, Dates>,
    plurals: HashMap<&'static str, PluralRules>,
}

/// Why the embedded localization data could not be loaded: a bug caught by the tests, never
/// a reader's problem.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("message file for {0} does not parse")]
    Messages(&'static str),
    #[error("no date formats for {0}")]
    Dates(&'static str),
    #[error("no plural rules for {0}")]
    Plurals(&'static str),
}

impl I18n {
    pub fn new() -> Result<Self, I18nError> {
        let mut bundles = HashMap::new();
        let mut plurals = HashMap::new();
        for &(lang, source) in MESSAGES {
            let resource = FluentResource::try_new(source.to_owned())
                .map_err(|_| I18nError::Messages(lang))?;
            let langid: LanguageIdentifier = lang.parse().map_err(|_| I18nError::Messages(lang))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Without this every argument is wrapped in invisible U+2068/U+2069 marks, which
            // tests and copy-paste both trip over; our templates set direction explicitly.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|_| I18nError::Messages(lang))?;
            bundles.insert(lang, bundle);
            let tag: Locale = icu_tag(lang)
                .parse()
                .map_err(|_| I18nError::Plurals(lang))?;
            let rules = PluralRules::try_new_cardinal((&tag).into())
                .map_err(|_| I18nError::Plurals(lang))?;
            plurals.insert(lang, rules);
        }
        let mut dates = HashMap::new();
        // Every locale with Latin digits (its plain tag) and with Arabic-Indic ones
        // (`ar-SY-u-nu-arab`), as `Site::format_locale` names them.
        for &locale in SUPPORTED_LOCALES {
            for (key, digits) in [
                (locale.to_owned(), "latn"),
                (format!("{locale}-u-nu-arab"), "arab"),
            ] {
                let base = icu_tag(locale);
                let tag: Locale = format!("{base}-u-nu-{digits}")
                    .parse()
                    .map_err(|_| I18nError::Dates(locale))?;
                let hijri_tag: Locale = format!("{base}-u-ca-islamic-umalqura-nu-{digits}")
                    .parse()
                    .map_err(|_| I18nError::Dates(locale))?;
                let day = DateTimeFormatter::try_new((&tag).into(), YMD::long())
                    .map_err(|_| I18nError::Dates(locale))?;
                let month = DateTimeFormatter::try_new((&tag).into(), YM::long())
                    .map_err(|_| I18nError::Dates(locale))?;
                let hijri = DateTimeFormatter::try_new((&hijri_tag).into(), YMD::long())
                    .map_err(|_| I18nError::Dates(locale))?;
                dates.insert(key, Dates { day, month, hijri });
            }
        }
        Ok(I18n {
            bundles,
            dates,
            plurals,
        })
    }

    /// The message `key` in `locale`'s language, with `args`. A missing message shows its key, so
    /// a gap in a translation is visible rather than fatal.
    pub fn message(&self, locale: &str, key: &str, args: &[(&str, Arg)]) -> String {
        let lang = language_of(locale);
        let bundle = match self.bundles.get(lang).or_else(|| self.bundles.get("ar")) {
            Some(bundle) => bundle,
            None => return key.to_owned(),
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang, "missing message");
            return key.to_owned();
        };
        let arabic_digits = locale.ends_with("-u-nu-arab");
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Number(n) if arabic_digits => {
                    fluent_args.set(*name, FluentValue::from(arabic_indic(&n.to_string())));
                    let category = self.plural_category(lang, *n);
                    fluent_args.set(format!("{name}_plural"), FluentValue::from(category));
                }
                Arg::Number(n) => {
                    fluent_args.set(*name, FluentValue::from(*n));
                    let category = self.plural_category(lang, *n);
                    fluent_args.set(format!("{name}_plural"), FluentValue::from(category));
                }
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang, ?errors, "message formatted with errors");
        }
        text.into_owned()
    }

    /// The CLDR plural category of `n` in `lang`, as Fluent variant keys name it.
    fn plural_category(&self, lang: &str, n: i64) -> &'static str {
        let Some(rules) = self.plurals.get(lang) else {
            return "other";
        };
        match rules.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// A day on the site's calendar as `6 آب 2017` (ar-SY) or `6 أغسطس 2017` (ar-EG), from Unix
    /// seconds.
    pub fn date(&self, locale: &FormatLocale, unix_seconds: i64) -> String {
        let Some((date, dates)) = self.local_date(locale, unix_seconds, 0) else {
            return String::new();
        };
        dates.day.format(&date).to_string()
    }

    /// The Hijri (Umm al-Qura) date of the same day, moved by the site's adjustment, when the
    /// site shows Hijri dates: `14 ربيع الأول 1447 هـ`.
    pub fn hijri_date(&self, locale: &FormatLocale, unix_seconds: i64) -> Option<String> {
        let adjust = locale.hijri?;
        let (date, dates) = self.local_date(locale, unix_seconds, adjust)?;
        Some(dates.hijri.format(&date).to_string())
    }

    /// A month as `آب 2017`.
    pub fn month(&self, locale: &str, year: i32, month: u8) -> String {
        let Some(dates) = self.dates.get(locale).or_else(|| self.dates.get("ar")) else {
            return format!("{year}-{month:02}");
        };
        match Date::try_new_iso(year, month, 1) {
            Ok(date) => dates.month.format(&date).to_string(),
            Err(_) => format!("{year}-{month:02}"),
        }
    }

    /// The local day of a moment, `shift` days later, and the locale's formatters.
    fn local_date(
        &self,
        locale: &FormatLocale,
        unix_seconds: i64,
        shift: i8,
    ) -> Option<(Date<Iso>, &Dates)> {
        let dates = self
            .dates
            .get(locale.as_str())
            .or_else(|| self.dates.get("ar"))?;
        let day = minbar_content::clock::local(&locale.zone, unix_seconds)
            .date()
            .checked_add(jiff::Span::new().days(shift))
            .ok()?;
        let date =
            Date::try_new_iso(i32::from(day.year()), day.month() as u8, day.day() as u8).ok()?;
        Some((date, dates))
    }
}

pub use minbar_content::{direction_of, language_of};

/// A number written with Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩), for a site that chose them.
pub fn arabic_indic(number: &str) -> String {
    number
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i18n() -> I18n {
        I18n::new().unwrap()
    }

    #[test]
    fn arabic_comment_counts_use_all_six_plural_forms() {
        let i18n = i18n();
        let cases = [
            (0, "لا تعليقات"),
            (1, "تعليق واحد"),
            (2, "تعليقان"),
            (3, "3 تعليقات"),
            (10, "10 تعليقات"),
            (11, "11 تعليقًا"),
            (99, "99 تعليقًا"),
            (100, "100 تعليق"),
            (101, "101 تعليق"),
            (103, "103 تعليقات"),
        ];
        for (count, expected) in cases {
            let text = i18n.message("ar-SY", "comments-count", &[("count", Arg::Number(count))]);
            assert_eq!(text, expected, "count {count}");
        }
    }

    #[test]
    fn english_comment_counts() {
        let i18n = i18n();
        let text = |n| i18n.message("en", "comments-count", &[("count", Arg::Number(n))]);
        assert_eq!(text(0), "0 comments");
        assert_eq!(text(1), "One comment");
        assert_eq!(text(5), "5 comments");
    }

    #[test]
    fn months_follow_the_region() {
        let i18n = i18n();
        // 2016-08-15 12:00 UTC.
        let t = 1_471_262_400;
        let at = |tag: &str| i18n.date(&FormatLocale::plain(tag), t);
        assert_eq!(at("ar-SY"), "15 آب 2016");
        assert_eq!(at("ar-EG"), "15 أغسطس 2016");
        assert_eq!(at("en"), "August 15, 2016");
        assert_eq!(i18n.month("ar-SY", 2017, 6), "حزيران 2017");
    }

    #[test]
    fn dates_are_days_of_the_site_s_calendar_with_hijri_beside() {
        let i18n = i18n();
        // 2025-08-31 22:30 UTC is 1 September 01:30 in Damascus, 8 Rabi' al-Awwal 1447.
        let t = 1_756_679_400;
        let mut locale = FormatLocale::plain("ar-SY");
        assert_eq!(i18n.date(&locale, t), "31 آب 2025");
        assert_eq!(i18n.hijri_date(&locale, t), None);
        locale.zone = minbar_content::clock::zone("Asia/Damascus").unwrap();
        assert_eq!(i18n.date(&locale, t), "1 أيلول 2025");
        locale.hijri = Some(0);
        let hijri = i18n.hijri_date(&locale, t).unwrap();
        assert!(
            hijri.contains("ربيع الأول") && hijri.contains("1447"),
            "{hijri}"
        );
        locale.hijri = Some(-2);
        let earlier = i18n.hijri_date(&locale, t).unwrap();
        assert_ne!(earlier, hijri);
        let mut arab = FormatLocale::plain("ar-SY-u-nu-arab");
        arab.zone = locale.zone.clone();
        assert_eq!(i18n.date(&arab, t), "١ أيلول ٢٠٢٥");
        for tag in ["ckb", "kmr", "en"] {
            let date = i18n.date(&FormatLocale::plain(tag), t);
            assert!(date.contains("2025"), "{tag}: {date}");
        }
    }

    #[test]
    fn arabic_indic_digits_reach_every_number_in_a_message() {
        let i18n = i18n();
        let text = i18n.message(
            "ar-SY-u-nu-arab",
            "comments-count",
            &[("count", Arg::Number(103))],
        );
        assert_eq!(text, "١٠٣ تعليقات");
        assert_eq!(arabic_indic("2017-08"), "٢٠١٧-٠٨");
    }

    #[test]
    fn missing_messages_show_their_key() {
        assert_eq!(i18n().message("ar", "no-such-key", &[]), "no-such-key");
    }

    /// A message one locale has and another lacks would show its key to readers.
    #[test]
    fn every_locale_has_every_message() {
        let keys = |source: &str| -> std::collections::BTreeSet<String> {
            source
                .lines()
                .filter(|l| !l.starts_with(['#', ' ']) && l.contains(" ="))
                .filter_map(|l| l.split(" =").next().map(str::to_owned))
                .collect()
        };
        let (first, reference) = MESSAGES[0];
        for (lang, source) in &MESSAGES[1..] {
            let (a, b) = (keys(reference), keys(source));
            let missing: Vec<_> = a.difference(&b).collect();
            let extra: Vec<_> = b.difference(&a).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang} lacks {missing:?} and {first} lacks {extra:?}"
            );
        }
    }

    #[test]
    fn kurdish_plurals_follow_cldr() {
        let i18n = i18n();
        for lang in ["ckb", "kmr"] {
            assert_eq!(i18n.plural_category(lang, 1), "one", "{lang}");
            assert_eq!(i18n.plural_category(lang, 5), "other", "{lang}");
        }
    }
}
