//! The newsroom's clock: the site's time zone, the one rule for turning a moment into the local
//! day and month a reader sees and a path is filed under, and the one rule for reading a local
//! time an editor typed.
//!
//! Times are stored as Unix seconds (UTC) everywhere; only this module turns them into the site's
//! local calendar. Zone rules come from the system's time zone database (`/usr/share/zoneinfo`,
//! kept current by the distribution's `tzdata`), read through jiff: the one place this crate
//! reads anything outside itself, and only data that changes with governments' decisions.

use jiff::civil::{Date, DateTime};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{Span, Timestamp};

/// The zone of a site that names none and whose locale has no single zone.
pub const DEFAULT_ZONE: &str = "UTC";

/// Why a time zone name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a time zone this server knows; give an IANA name such as Asia/Damascus, \
     Asia/Baghdad, Europe/Istanbul, Africa/Cairo or UTC (the full list: `minbar site zones`)"
)]
pub struct UnknownZone(pub String);

/// Why a local time an editor typed was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocalTimeError {
    #[error("'{0}' is not a date and time (write it as 2026-09-01 08:30)")]
    Unreadable(String),
    #[error(
        "{0} does not exist in {1}: the clocks skip it for daylight saving time; \
         give a time before or after the change"
    )]
    Skipped(String, String),
}

/// The site's zone by its IANA name, or `None` when the database has no such zone.
pub fn zone(name: &str) -> Option<TimeZone> {
    let name = name.trim();
    if name.eq_ignore_ascii_case("UTC") {
        return Some(TimeZone::UTC);
    }
    // Names are case-insensitive to jiff; a path-like name must not reach outside the database.
    if name.is_empty() || name.contains("..") || name.starts_with('/') {
        return None;
    }
    TimeZone::get(name).ok()
}

/// Checks a zone name and returns the database's own spelling of it (`asia/damascus` →
/// `Asia/Damascus`).
pub fn check_zone(name: &str) -> Result<String, UnknownZone> {
    let refused = || UnknownZone(name.trim().to_owned());
    let tz = zone(name).ok_or_else(refused)?;
    Ok(tz.iana_name().unwrap_or(DEFAULT_ZONE).to_owned())
}

/// Every zone name the database holds, sorted, as the admin's list and `minbar site zones` show.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
    names.sort();
    names.dedup();
    names
}

/// The main zone of a locale's region, for a new site that names none: one zone per country
/// that has one. A locale without a region, or whose country spans several zones (en-US), gets
/// [`DEFAULT_ZONE`].
pub fn default_zone(locale: &str) -> &'static str {
    let region = locale.split(['-', '_']).nth(1).unwrap_or("");
    match region.to_ascii_uppercase().as_str() {
        "SY" => "Asia/Damascus",
        "IQ" => "Asia/Baghdad",
        "EG" => "Africa/Cairo",
        "JO" => "Asia/Amman",
        "LB" => "Asia/Beirut",
        "PS" => "Asia/Hebron",
        "SA" => "Asia/Riyadh",
        "AE" => "Asia/Dubai",
        "MA" => "Africa/Casablanca",
        "DZ" => "Africa/Algiers",
        "TN" => "Africa/Tunis",
        "TR" => "Europe/Istanbul",
        "IR" => "Asia/Tehran",
        "GB" => "Europe/London",
        _ => DEFAULT_ZONE,
    }
}

/// The local date and time of a moment in `zone`.
pub fn local(zone: &TimeZone, unix_seconds: i64) -> DateTime {
    let at = Timestamp::from_second(unix_seconds).unwrap_or(Timestamp::UNIX_EPOCH);
    zone.to_datetime(at)
}

/// The `/YYYY/MM/` a post published at `unix_seconds` is filed under: the month on the
/// newsroom's calendar, so a story published at 01:30 on 1 September in Manbij (22:30 UTC on
/// 31 August) is filed under September.
pub fn month_prefix(zone: &TimeZone, unix_seconds: i64) -> String {
    let date = local(zone, unix_seconds).date();
    format!("/{:04}/{:02}/", date.year(), date.month())
}

/// The first moment of a local month and of the next, in Unix seconds: the monthly archive's
/// bounds. `None` for a month outside the calendar.
pub fn month_bounds(zone: &TimeZone, year: i16, month: i8) -> Option<(i64, i64)> {
    let first = Date::new(year, month, 1).ok()?;
    let next = first.checked_add(Span::new().months(1)).ok()?;
    Some((start_of_day(zone, first)?, start_of_day(zone, next)?))
}

/// The first moment of a local day. A day that begins inside a daylight-saving gap (clocks
/// moved from 00:00 to 01:00, as in Cairo) begins when the clocks resume.
pub fn start_of_day(zone: &TimeZone, date: Date) -> Option<i64> {
    date.to_zoned_datetime(zone.clone())
        .ok()?
        .start_of_day()
        .ok()
        .map(|z| z.timestamp().as_second())
}

/// Reads a local date and time an editor typed (`2026-09-01T08:30`, `2026-09-01 08:30`, or a
/// date alone, meaning its first moment) in `zone`, as Unix seconds.
///
/// The documented rule at daylight-saving changes: a time the clocks skip is refused (the editor
/// meant a time that never shows on a clock there), and a time the clocks show twice is the
/// earlier of the two, the one a newsroom reaches first.
pub fn parse_local(zone: &TimeZone, text: &str) -> Result<i64, LocalTimeError> {
    let text = text.trim();
    let civil = text
        .parse::<DateTime>()
        .ok()
        .or_else(|| DateTime::strptime("%Y-%m-%d %H:%M", text).ok())
        .or_else(|| {
            text.parse::<Date>()
                .ok()
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        })
        .ok_or_else(|| LocalTimeError::Unreadable(text.to_owned()))?;
    let ambiguous = zone.to_ambiguous_timestamp(civil);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(civil),
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(civil),
        AmbiguousOffset::Gap { .. } => {
            return Err(LocalTimeError::Skipped(
                civil.strftime("%Y-%m-%d %H:%M").to_string(),
                zone.iana_name().unwrap_or(DEFAULT_ZONE).to_owned(),
            ));
        }
    }
    .map(|t| t.as_second())
    .map_err(|_| LocalTimeError::Unreadable(text.to_owned()))
}

/// A moment as the editor's `datetime-local` field holds it, in `zone`.
pub fn editor_value(zone: &TimeZone, unix_seconds: i64) -> String {
    local(zone, unix_seconds)
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A moment as the admin shows it beside a form: local time and the zone's abbreviation at
/// that moment (`2026-09-01 01:30 +03`, `2023-04-28 01:30 EEST`).
pub fn admin_time(zone: &TimeZone, unix_seconds: i64) -> String {
    let at = Timestamp::from_second(unix_seconds).unwrap_or(Timestamp::UNIX_EPOCH);
    at.to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// A moment in RFC 3339 with the zone's offset at that moment (`2026-09-01T01:30:00+03:00`),
/// for machine-readable data that should keep the newsroom's wall clock.
pub fn rfc3339_local(zone: &TimeZone, unix_seconds: i64) -> String {
    let at = Timestamp::from_second(unix_seconds).unwrap_or(Timestamp::UNIX_EPOCH);
    at.to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_second()
    }

    #[test]
    fn a_late_story_is_filed_under_the_local_month() {
        let damascus = zone("Asia/Damascus").unwrap();
        let t = at("2025-08-31T22:30:00Z");
        assert_eq!(month_prefix(&damascus, t), "/2025/09/");
        assert_eq!(month_prefix(&TimeZone::UTC, t), "/2025/08/");
    }

    #[test]
    fn zones_are_checked_and_spelled_as_the_database_does() {
        assert_eq!(check_zone("asia/damascus").unwrap(), "Asia/Damascus");
        assert_eq!(check_zone("UTC").unwrap(), "UTC");
        assert!(check_zone("Mars/Olympus").is_err());
        assert!(check_zone("../../etc/passwd").is_err());
        assert!(check_zone("").is_err());
        assert!(zone_names().iter().any(|n| n == "Asia/Baghdad"));
    }

    #[test]
    fn a_new_site_takes_its_region_s_zone() {
        assert_eq!(default_zone("ar-SY"), "Asia/Damascus");
        assert_eq!(default_zone("ckb-IQ"), "Asia/Baghdad");
        assert_eq!(default_zone("ar"), "UTC");
        assert_eq!(default_zone("en-US"), "UTC");
        for locale in crate::SUPPORTED_LOCALES {
            assert!(zone(default_zone(locale)).is_some(), "{locale}");
        }
    }

    /// Egypt restored daylight saving time in 2023: clocks went from 00:00 to 01:00 on Friday
    /// 28 April, and back from 24:00 to 23:00 on Thursday 26 October.
    #[test]
    fn cairo_s_daylight_saving_change_is_neither_skipped_nor_shifted() {
        let cairo = zone("Africa/Cairo").unwrap();
        assert!(matches!(
            parse_local(&cairo, "2023-04-28T00:30"),
            Err(LocalTimeError::Skipped(..))
        ));
        assert_eq!(
            parse_local(&cairo, "2023-04-28 01:30").unwrap(),
            at("2023-04-27T22:30:00Z")
        );
        assert_eq!(
            parse_local(&cairo, "2023-04-27T23:30").unwrap(),
            at("2023-04-27T21:30:00Z")
        );
        // 23:30 on 26 October happened twice; the earlier one (still +03:00) is taken.
        assert_eq!(
            parse_local(&cairo, "2023-10-26T23:30").unwrap(),
            at("2023-10-26T20:30:00Z")
        );
        // The day the clocks skip midnight starts at 01:00.
        let day = Date::new(2023, 4, 28).unwrap();
        assert_eq!(
            start_of_day(&cairo, day).unwrap(),
            at("2023-04-27T22:00:00Z")
        );
        assert_eq!(
            editor_value(&cairo, at("2023-07-01T09:00:00Z")),
            "2023-07-01T12:00"
        );
        assert_eq!(
            rfc3339_local(&cairo, at("2023-01-01T09:00:00Z")),
            "2023-01-01T11:00:00+02:00"
        );
        assert!(parse_local(&cairo, "tomorrow").is_err());
    }

    #[test]
    fn a_local_month_s_bounds_are_local_midnights() {
        let damascus = zone("Asia/Damascus").unwrap();
        let (start, end) = month_bounds(&damascus, 2025, 9).unwrap();
        assert_eq!(start, at("2025-08-31T21:00:00Z"));
        assert_eq!(end, at("2025-09-30T21:00:00Z"));
        assert!(month_bounds(&damascus, 2025, 13).is_none());
    }
}
