//! What an `<item>` becomes: a post or a page with its status, author, times and old
//! addresses, or the reason it is left behind (attachments, menus, revisions, theme settings).
//! Kept apart from the reader so that the mapping from WordPress's vocabulary to Minbar's can be
//! read in one place.

use super::Entry;
use super::address::{base_prefix, old_links};
use super::autop::autop;
use crate::{ImportedPost, Kind, Status};
use std::collections::HashMap;

/// A post or page from an item, or why the item is skipped.
pub(super) fn post(
    e: Entry,
    base: &str,
    authors: &HashMap<String, String>,
) -> Result<ImportedPost, String> {
    let kind = kind(&e)?;
    let status = status(&e.status).ok_or_else(|| {
        format!(
            "WordPress {} with status {} (revisions are not imported)",
            e.post_type, e.status
        )
    })?;
    if e.post_id.is_empty() {
        return Err("WordPress item without a post id".to_owned());
    }
    let published = wp_time(&e.post_date_gmt)
        .or_else(|| wp_time(&e.post_date))
        .or_else(|| rss_time(&e.pub_date));
    let prefix = base_prefix(base);
    let slug = decode_slug(&e.post_name);
    Ok(ImportedPost {
        source_id: format!("{base}/?p={}", e.post_id),
        kind,
        status,
        title: e.title.trim().to_owned(),
        html: autop(e.content.as_deref().unwrap_or("")),
        labels: e.labels,
        author: author(&e.creator, authors),
        published,
        updated: wp_time(&e.modified_gmt),
        path: None,
        slug: (!slug.is_empty()).then_some(slug),
        old_links: old_links(&e.link, &prefix, kind, &e.post_id),
        cover: e
            .thumbnail_id
            .as_deref()
            .map(|id| format!("{base}/?p={id}")),
    })
}

fn kind(e: &Entry) -> Result<Kind, String> {
    match e.post_type.as_str() {
        "post" => Ok(Kind::Post),
        "page" => Ok(Kind::Page),
        "" if e.content.as_deref().is_some_and(|c| !c.trim().is_empty()) => Ok(Kind::Post),
        "" => Err("WordPress item without a post type or content".to_owned()),
        other => Err(format!("WordPress {other} ({})", why_skipped(other))),
    }
}

/// Why items of a post type other than posts and pages are left behind, for the report.
fn why_skipped(post_type: &str) -> &'static str {
    match post_type {
        "attachment" => "without an address",
        "nav_menu_item" | "wp_navigation" => "menus are not imported",
        "revision" => "revisions are not imported",
        "wp_global_styles" | "wp_template" | "wp_template_part" | "custom_css"
        | "wp_font_family" | "wp_font_face" => "theme settings are not imported",
        "wp_block" => "reusable blocks are not imported",
        _ => "not a post or a page",
    }
}

/// Minbar's status for WordPress's, `None` for `inherit` (revisions and attachments, which
/// belong to another item).
fn status(status: &str) -> Option<Status> {
    match status {
        "publish" => Some(Status::Live),
        "future" => Some(Status::Scheduled),
        "trash" => Some(Status::Trashed),
        "inherit" => None,
        // `draft`, `pending`, `private`, `auto-draft`, and any status a plugin made up: kept,
        // but not shown until an editor publishes it, as publishing what was private would be
        // the worse mistake.
        _ => Some(Status::Draft),
    }
}

/// The display name of the author an item names by login; the login itself when the channel
/// does not list it.
fn author(creator: &str, authors: &HashMap<String, String>) -> Option<String> {
    let login = creator.trim();
    if login.is_empty() {
        return None;
    }
    // WordPress's own theme unit test data has `>themereviewteam` and `themereviewteam>`.
    let bare = login.trim_matches(['<', '>']);
    let name = authors
        .get(login)
        .or_else(|| authors.get(bare))
        .map_or(bare, String::as_str);
    Some(name.to_owned())
}

/// WordPress's `post_name`, which it stores percent-encoded (`%d9%85…` for an Arabic slug),
/// decoded; bytes that do not make UTF-8 become U+FFFD, a `%` without two hex digits stays.
fn decode_slug(post_name: &str) -> String {
    percent_encoding::percent_decode_str(post_name)
        .decode_utf8_lossy()
        .into_owned()
}

/// Unix seconds of WordPress's `2010-10-16 20:53:18`, read as UTC; `None` for its
/// `0000-00-00 00:00:00` (no date, as drafts have in GMT) or anything else unreadable.
pub(super) fn wp_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("0000-00-00") {
        return None;
    }
    let datetime = jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", text).ok()?;
    jiff::tz::TimeZone::UTC
        .to_timestamp(datetime)
        .ok()
        .map(|t| t.as_second())
}

/// Unix seconds of an RSS `pubDate` (RFC 2822, `Sat, 16 Oct 2010 20:53:18 +0000`).
fn rss_time(text: &str) -> Option<i64> {
    jiff::fmt::rfc2822::parse(text.trim())
        .ok()
        .map(|z| z.timestamp().as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_times_read_as_utc() {
        assert_eq!(wp_time("2010-10-16 20:53:18"), Some(1_287_262_398));
        assert_eq!(wp_time(" 2010-10-16 20:53:18 "), Some(1_287_262_398));
        assert_eq!(wp_time("0000-00-00 00:00:00"), None);
        assert_eq!(wp_time(""), None);
        assert_eq!(wp_time("2010-13-45 99:00:00"), None);
        assert_eq!(
            rss_time("Sat, 16 Oct 2010 20:53:18 +0000"),
            Some(1_287_262_398)
        );
        assert_eq!(
            rss_time("Sat, 16 Oct 2010 22:53:18 +0200"),
            Some(1_287_262_398)
        );
        assert_eq!(rss_time("Mon, 30 Nov -0001 00:00:00 +0000"), None);
    }

    #[test]
    fn slug_decoding_is_lossy_and_never_panics() {
        assert_eq!(decode_slug("%D8%A7%d8%a8"), "اب");
        assert_eq!(decode_slug("100%"), "100%");
        assert_eq!(decode_slug("%zz%4"), "%zz%4");
        assert_eq!(decode_slug("%ff-a"), "\u{FFFD}-a");
        assert_eq!(decode_slug("é%"), "é%");
    }
}
