//! Localization: Fluent messages with CLDR plural rules, and ICU4X dates with the locale's own
//! month names (ar-SY `آب`, ar-EG `أغسطس`).
//!
//! Plural forms are chosen by ICU4X's CLDR rules, not Fluent's own: the rules Fluent ships
//! put Arabic 103 in `other` where CLDR says `few`. Every numeric argument `x` therefore comes
//! with a string argument `x_plural` naming its CLDR category, and messages select on that.
//!
//! Digits default to Latin (`15 آب 2016`), as on the newsroom's pages today; a site that wants
//! Arabic-Indic digits will choose them with a setting, which is why dates always name the
//! numbering system explicitly: plain `ar` would otherwise pick it by region.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_calendar::{Date, Iso};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{YM, YMD};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use minbar_content::SUPPORTED_LOCALES;
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

/// The message files, one per language, embedded in the binary.
const MESSAGES: &[(&str, &str)] = &[
    ("ar", include_str!("../locales/ar.ftl")),
    ("en", include_str!("../locales/en.ftl")),
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
            let tag: Locale = lang.parse().map_err(|_| I18nError::Plurals(lang))?;
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
                let tag: Locale = format!("{locale}-u-nu-{digits}")
                    .parse()
                    .map_err(|_| I18nError::Dates(locale))?;
                let day = DateTimeFormatter::try_new((&tag).into(), YMD::long())
                    .map_err(|_| I18nError::Dates(locale))?;
                let month = DateTimeFormatter::try_new((&tag).into(), YM::long())
                    .map_err(|_| I18nError::Dates(locale))?;
                dates.insert(key, Dates { day, month });
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
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
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

    /// A day as `6 آب 2017` (ar-SY) or `6 أغسطس 2017` (ar-EG), from Unix seconds (UTC).
    pub fn date(&self, locale: &str, unix_seconds: i64) -> String {
        let Some((date, dates)) = self.iso_date(locale, unix_seconds) else {
            return String::new();
        };
        dates.day.format(&date).to_string()
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

    fn iso_date(&self, locale: &str, unix_seconds: i64) -> Option<(Date<Iso>, &Dates)> {
        let dates = self.dates.get(locale).or_else(|| self.dates.get("ar"))?;
        let day = jiff::tz::Offset::UTC
            .to_datetime(jiff::Timestamp::from_second(unix_seconds).ok()?)
            .date();
        let date =
            Date::try_new_iso(i32::from(day.year()), day.month() as u8, day.day() as u8).ok()?;
        Some((date, dates))
    }
}

/// The language part of a locale tag: `ar-SY` → `ar`.
pub fn language_of(locale: &str) -> &str {
    locale.split(['-', '_']).next().unwrap_or(locale)
}

/// The writing direction of a locale's language.
pub fn direction_of(locale: &str) -> &'static str {
    match language_of(locale) {
        "ar" | "fa" | "he" | "ur" | "ckb" => "rtl",
        _ => "ltr",
    }
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
        assert_eq!(i18n.date("ar-SY", t), "15 آب 2016");
        assert_eq!(i18n.date("ar-EG", t), "15 أغسطس 2016");
        assert_eq!(i18n.date("en", t), "August 15, 2016");
        assert_eq!(i18n.month("ar-SY", 2017, 6), "حزيران 2017");
    }

    #[test]
    fn missing_messages_show_their_key() {
        assert_eq!(i18n().message("ar", "no-such-key", &[]), "no-such-key");
    }

    #[test]
    fn every_arabic_key_has_an_english_twin() {
        let keys = |source: &str| -> Vec<String> {
            source
                .lines()
                .filter(|l| !l.starts_with(['#', ' ']) && l.contains(" ="))
                .filter_map(|l| l.split(" =").next().map(str::to_owned))
                .collect()
        };
        assert_eq!(keys(MESSAGES[0].1), keys(MESSAGES[1].1));
    }
}
