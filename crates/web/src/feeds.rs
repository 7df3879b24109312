//! Feeds in the three formats readers use — Atom, RSS 2.0 and JSON Feed 1.1 — written from one
//! format-free [`Feed`], so what a subscriber sees does not depend on the format they chose.
//!
//! Text is written by hand with escaping rather than through a template: the formats are small,
//! and characters XML 1.0 cannot carry (C0 controls, lone surrogates' replacements, U+FFFE/FFFF)
//! must be dropped from imported text, or strict readers stop at the first one.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::json;
use std::fmt::Write;

/// The formats a feed is served in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    Atom,
    Rss,
    Json,
}

impl FeedFormat {
    /// Blogger's `alt=` parameter: `rss`, `json`; anything else is Atom, as there.
    pub fn from_alt(alt: Option<&str>) -> FeedFormat {
        match alt.map(str::trim) {
            Some("rss") => FeedFormat::Rss,
            Some("json") => FeedFormat::Json,
            _ => FeedFormat::Atom,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FeedFormat::Atom => "application/atom+xml; charset=utf-8",
            FeedFormat::Rss => "application/rss+xml; charset=utf-8",
            FeedFormat::Json => "application/feed+json; charset=utf-8",
        }
    }
}

/// A feed, whatever its format. URLs are absolute.
#[derive(Debug, Clone)]
pub struct Feed {
    pub title: String,
    pub subtitle: String,
    /// The page the feed follows.
    pub home_url: String,
    /// The feed's own address, in the format served.
    pub self_url: String,
    pub lang: String,
    /// Unix seconds of the latest change to anything in it.
    pub updated: i64,
    pub entries: Vec<Entry>,
}

/// One post, page or comment in a feed.
#[derive(Debug, Clone)]
pub struct Entry {
    /// A stable, unique id (the item's permanent URL, with a fragment for comments).
    pub id: String,
    pub title: String,
    pub url: String,
    pub published: i64,
    pub updated: i64,
    pub author: Option<String>,
    pub categories: Vec<String>,
    /// Plain text.
    pub summary: String,
    /// Sanitized HTML; `None` in summary feeds.
    pub content_html: Option<String>,
}

/// Drops what XML 1.0 cannot carry, so imported text never breaks a reader.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (c >= ' '
                    && c != '\u{FFFE}'
                    && c != '\u{FFFF}'
                    && !('\u{7F}'..='\u{84}').contains(&c))
        })
        .collect()
}

/// Escaped text, safe for XML 1.0 content and attribute values.
pub fn esc(text: &str) -> String {
    quick_xml::escape::escape(xml_safe(text).as_str()).into_owned()
}

/// Unix seconds as an RFC 3339 time in UTC (`2023-11-03T08:26:40Z`).
pub fn rfc3339(seconds: i64) -> String {
    Timestamp::from_second(seconds)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_string()
}

fn rfc2822(seconds: i64) -> String {
    let zoned = Timestamp::from_second(seconds)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(TimeZone::UTC);
    jiff::fmt::rfc2822::to_string(&zoned).unwrap_or_default()
}

/// The feed's text in `format`.
pub fn write(feed: &Feed, format: FeedFormat) -> String {
    match format {
        FeedFormat::Atom => atom(feed),
        FeedFormat::Rss => rss(feed),
        FeedFormat::Json => json_feed(feed),
    }
}

fn atom(feed: &Feed) -> String {
    let mut out = String::with_capacity(4096 + feed.entries.len() * 2048);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <id>{}</id>\n<title>{}</title>\n<subtitle>{}</subtitle>\n<updated>{}</updated>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <author><name>{}</name></author>\n<generator>Minbar</generator>\n",
        esc(&feed.lang),
        esc(&feed.self_url),
        esc(&feed.title),
        esc(&feed.subtitle),
        rfc3339(feed.updated),
        esc(&feed.home_url),
        esc(&feed.self_url),
        esc(&feed.title),
    );
    for entry in &feed.entries {
        let _ = write!(
            out,
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n",
            esc(&entry.id),
            esc(&entry.title),
            esc(&entry.url),
            rfc3339(entry.published),
            rfc3339(entry.updated),
        );
        if let Some(author) = &entry.author {
            let _ = writeln!(out, "<author><name>{}</name></author>", esc(author));
        }
        for category in &entry.categories {
            let _ = writeln!(out, "<category term=\"{}\"/>", esc(category));
        }
        let _ = writeln!(
            out,
            "<summary type=\"text\">{}</summary>",
            esc(&entry.summary)
        );
        if let Some(html) = &entry.content_html {
            let _ = writeln!(out, "<content type=\"html\">{}</content>", esc(html));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn rss(feed: &Feed) -> String {
    let mut out = String::with_capacity(4096 + feed.entries.len() * 2048);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n<title>{}</title>\n<link>{}</link>\n\
         <description>{}</description>\n<language>{}</language>\n<lastBuildDate>{}</lastBuildDate>\n\
         <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{}\"/>\n<generator>Minbar</generator>\n",
        esc(&feed.title),
        esc(&feed.home_url),
        esc(&feed.subtitle),
        esc(&feed.lang),
        rfc2822(feed.updated),
        esc(&feed.self_url),
    );
    for entry in &feed.entries {
        let _ = write!(
            out,
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"{}\">{}</guid>\n<pubDate>{}</pubDate>\n",
            esc(&entry.title),
            esc(&entry.url),
            entry.id == entry.url,
            esc(&entry.id),
            rfc2822(entry.published),
        );
        if let Some(author) = &entry.author {
            let _ = writeln!(out, "<dc:creator>{}</dc:creator>", esc(author));
        }
        for category in &entry.categories {
            let _ = writeln!(out, "<category>{}</category>", esc(category));
        }
        let description = entry.content_html.as_deref().unwrap_or(&entry.summary);
        let _ = writeln!(out, "<description>{}</description>", esc(description));
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

fn json_feed(feed: &Feed) -> String {
    let items: Vec<serde_json::Value> = feed
        .entries
        .iter()
        .map(|entry| {
            let mut item = json!({
                "id": entry.id,
                "url": entry.url,
                "title": entry.title,
                "summary": entry.summary,
                "date_published": rfc3339(entry.published),
                "date_modified": rfc3339(entry.updated),
                "tags": entry.categories,
            });
            match &entry.content_html {
                Some(html) => item["content_html"] = json!(html),
                None => item["content_text"] = json!(entry.summary),
            }
            if let Some(author) = &entry.author {
                item["authors"] = json!([{ "name": author }]);
            }
            item
        })
        .collect();
    let document = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "description": feed.subtitle,
        "home_page_url": feed.home_url,
        "feed_url": feed.self_url,
        "language": feed.lang,
        "items": items,
    });
    document.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Feed {
        Feed {
            title: "أخبار <منبج> & ريفها".into(),
            subtitle: "موقع\u{1}إخباري".into(),
            home_url: "https://example.org/".into(),
            self_url: "https://example.org/atom.xml".into(),
            lang: "ar".into(),
            updated: 1_700_000_000,
            entries: vec![Entry {
                id: "https://example.org/2023/11/a.html".into(),
                title: "عنوان \u{202E}مقلوب".into(),
                url: "https://example.org/2023/11/a.html".into(),
                published: 1_699_000_000,
                updated: 1_700_000_000,
                author: Some("أحمد".into()),
                categories: vec!["محلي".into()],
                summary: "ملخص".into(),
                content_html: Some("<p>نص <script>x</script></p>".into()),
            }],
        }
    }

    #[test]
    fn xml_formats_escape_text_and_drop_what_xml_cannot_carry() {
        for format in [FeedFormat::Atom, FeedFormat::Rss] {
            let text = write(&sample(), format);
            assert!(text.contains("أخبار &lt;منبج&gt; &amp; ريفها"), "{text}");
            assert!(!text.contains('\u{1}'));
            assert!(text.contains("&lt;p&gt;نص"));
            assert!(!text.contains("<script>"));
        }
        assert!(write(&sample(), FeedFormat::Rss).contains("+0000</pubDate>"));
    }

    #[test]
    fn json_feed_is_json_with_the_version_url() {
        let value: serde_json::Value =
            serde_json::from_str(&write(&sample(), FeedFormat::Json)).expect("json");
        assert_eq!(value["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(value["items"][0]["authors"][0]["name"], "أحمد");
        assert_eq!(value["items"][0]["date_published"], "2023-11-03T08:26:40Z");
    }

    #[test]
    fn alt_picks_the_format_and_defaults_to_atom() {
        assert_eq!(FeedFormat::from_alt(Some("rss")), FeedFormat::Rss);
        assert_eq!(FeedFormat::from_alt(Some("json")), FeedFormat::Json);
        assert_eq!(FeedFormat::from_alt(Some("atom")), FeedFormat::Atom);
        assert_eq!(FeedFormat::from_alt(None), FeedFormat::Atom);
    }
}
