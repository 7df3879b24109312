//! WordPress's export, WXR ("WordPress eXtended RSS"), read into [`Item`]s.
//!
//! A WXR file is an RSS 2.0 `<channel>` with WordPress's own elements beside RSS's: the site
//! (`wp:base_blog_url`), its authors (`wp:author`), its terms (`wp:category`, `wp:tag`,
//! `wp:term`), then one `<item>` per post, page, attachment, menu entry and so on, told apart by
//! `wp:post_type`, each carrying its comments as `wp:comment` blocks.
//!
//! Elements are matched by local name only: the `wp:` namespace URI differs between real exports
//! (`http://wordpress.org/export/1.1/`, `…/1.2/`, and `https://…` in WordPress's own theme unit
//! test data), so matching the URI would miss every element of some files. Where one local name
//! serves at several levels (`title`, `link`, `description` on the channel and on each item, in
//! the channel's `<image>` too), the depth and the parent element decide.
//!
//! Items are read one at a time: at most one `<item>`, with its comments, is held in memory.
//! Terms declared on the channel are not emitted: a post's labels come with the post.

use crate::xml::{Node, Nodes};
use crate::{ImportedComment, ImportedPost, Item, Kind, ReadError, Status};
use std::cell::Cell;
use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::rc::Rc;

/// Local names only WordPress writes: a file with none of them is a plain RSS feed.
const WORDPRESS_ONLY: &[&str] = &[
    "wxr_version",
    "base_site_url",
    "base_blog_url",
    "post_id",
    "post_type",
];

const FOR_BLOGGER: &str = "(for a Blogger export, use `minbar import blogger`)";

/// What the channel says about the site; it comes before the items.
#[derive(Debug, Default)]
struct Channel {
    title: String,
    description: String,
    link: String,
    base_blog_url: String,
    /// `author_login` → `author_display_name`: items name their author by login.
    authors: HashMap<String, String>,
    /// The `<wp:author>` being read: login and display name.
    author: (String, String),
}

impl Channel {
    /// The site's address without a trailing `/` (`https://playground.internal/path`).
    fn base(&self) -> String {
        let url = if self.base_blog_url.trim().is_empty() {
            &self.link
        } else {
            &self.base_blog_url
        };
        url.trim().trim_end_matches('/').to_owned()
    }
}

/// Everything gathered from one `<item>`.
#[derive(Debug, Default)]
struct Entry {
    title: String,
    link: String,
    pub_date: String,
    creator: String,
    /// The first `encoded` element: see [`item_field`].
    content: Option<String>,
    post_id: String,
    post_date: String,
    post_date_gmt: String,
    modified_gmt: String,
    post_name: String,
    status: String,
    post_type: String,
    labels: Vec<String>,
    /// The `domain` of the `<category>` being read.
    domain: Option<String>,
    comments: Vec<Comment>,
}

/// Everything gathered from one `<wp:comment>`.
#[derive(Debug, Default)]
struct Comment {
    id: String,
    author: String,
    content: String,
    date_gmt: String,
    date: String,
    approved: String,
    type_: String,
    parent: String,
}

/// Counts the bytes the XML reader has taken, to say where a file cut short ends: quick-xml
/// reports the end of the input as a plain end, even inside open elements.
struct Counted<R> {
    inner: R,
    consumed: Rc<Cell<u64>>,
}

impl<R> Counted<R> {
    fn add(&self, amount: usize) {
        let amount = u64::try_from(amount).unwrap_or(u64::MAX);
        self.consumed
            .set(self.consumed.get().saturating_add(amount));
    }
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.add(read);
        Ok(read)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.add(amount);
    }
}

/// Reads a WordPress export, calling `each` for every item, in file order: the site first, then
/// for each `<item>` either the post or page followed by its comments (replies after the comment
/// they answer), or the reasons it and its comments are skipped.
pub fn read(source: impl BufRead, each: impl FnMut(Item)) -> Result<(), ReadError> {
    let consumed = Rc::new(Cell::new(0));
    let mut nodes = Nodes::new(Counted {
        inner: source,
        consumed: Rc::clone(&consumed),
    });
    let mut wxr = Wxr {
        each,
        stack: Vec::new(),
        text: String::new(),
        channel: Channel::default(),
        entry: None,
        saw_root: false,
        saw_channel: false,
        wordpress: false,
        announced: false,
    };
    loop {
        match nodes.next()? {
            Node::End => break,
            Node::Open {
                name,
                attributes,
                empty,
            } => {
                wxr.open(&name, &attributes)?;
                wxr.stack.push(name);
                if empty {
                    wxr.close()?;
                }
            }
            Node::Text(t) => wxr.text.push_str(&t),
            Node::Close { .. } => wxr.close()?,
        }
    }
    wxr.finish(consumed.get())
}

/// The reader's state between nodes.
struct Wxr<F> {
    each: F,
    /// Element local names from the root down.
    stack: Vec<String>,
    /// Text of the innermost open element.
    text: String,
    channel: Channel,
    entry: Option<Entry>,
    saw_root: bool,
    saw_channel: bool,
    /// Whether an element only WordPress writes was seen.
    wordpress: bool,
    /// Whether `Item::Site` went out.
    announced: bool,
}

impl<F: FnMut(Item)> Wxr<F> {
    fn open(&mut self, name: &str, attributes: &[(String, String)]) -> Result<(), ReadError> {
        if self.stack.is_empty() && !self.saw_root {
            check_root(name)?;
            self.saw_root = true;
        }
        self.text.clear();
        if WORDPRESS_ONLY.contains(&name) {
            self.wordpress = true;
        }
        let in_channel = self.stack.get(1).is_some_and(|n| n == "channel");
        match (self.stack.len(), name) {
            (1, "channel") => self.saw_channel = true,
            (2, "item") if in_channel => self.entry = Some(Entry::default()),
            (2, "author") if in_channel => self.channel.author = Default::default(),
            (3, "category") => {
                if let Some(e) = self.entry.as_mut() {
                    e.domain = attr(attributes, "domain").map(str::to_owned);
                }
            }
            (3, "comment") => {
                if let Some(e) = self.entry.as_mut() {
                    e.comments.push(Comment::default());
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), ReadError> {
        let depth = self.stack.len();
        let Some(name) = self.stack.pop() else {
            return Ok(());
        };
        let value = std::mem::take(&mut self.text);
        let in_channel = self.stack.get(1).is_some_and(|n| n == "channel");
        match (depth, name.as_str()) {
            (2, "channel") => return self.end_channel(),
            (3, "item") if in_channel => return self.end_item(),
            (3, "author") if in_channel => {
                let (login, display) = std::mem::take(&mut self.channel.author);
                let login = login.trim().to_owned();
                let display = display.trim().to_owned();
                if !login.is_empty() {
                    let display = if display.is_empty() {
                        login.clone()
                    } else {
                        display
                    };
                    self.channel.authors.insert(login, display);
                }
                return Ok(());
            }
            _ => {}
        }
        let parent = self.stack.last().map(String::as_str).unwrap_or("");
        match (depth, parent) {
            (3, "channel") => channel_field(&mut self.channel, &name, value),
            (4, "author") => match name.as_str() {
                "author_login" => self.channel.author.0 = value,
                "author_display_name" => self.channel.author.1 = value,
                _ => {}
            },
            (4, "item") => {
                if let Some(e) = self.entry.as_mut() {
                    item_field(e, &name, value);
                }
            }
            (5, "comment") => {
                if let Some(c) = self.entry.as_mut().and_then(|e| e.comments.last_mut()) {
                    comment_field(c, &name, value);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Emits the site, once, before anything else.
    fn announce(&mut self) {
        if self.announced {
            return;
        }
        self.announced = true;
        let description = self.channel.description.trim();
        (self.each)(Item::Site {
            title: self.channel.title.trim().to_owned(),
            description: (!description.is_empty()).then(|| description.to_owned()),
        });
    }

    fn end_item(&mut self) -> Result<(), ReadError> {
        let Some(mut entry) = self.entry.take() else {
            return Ok(());
        };
        // Decided here rather than at the end of the channel, so that a plain RSS feed gives
        // nothing before its error.
        if !self.wordpress {
            return Err(not_wordpress());
        }
        self.announce();
        let base = self.channel.base();
        let comments = std::mem::take(&mut entry.comments);
        match post(entry, &base, &self.channel.authors) {
            Ok(post) => {
                let post_source_id = post.source_id.clone();
                (self.each)(Item::Post(post));
                emit_comments(comments, &post_source_id, &base, &mut self.each);
            }
            Err(what) => {
                (self.each)(Item::Skipped { what });
                for _ in comments {
                    (self.each)(Item::Skipped {
                        what: "comment on a skipped WordPress item".to_owned(),
                    });
                }
            }
        }
        Ok(())
    }

    fn end_channel(&mut self) -> Result<(), ReadError> {
        if !self.wordpress {
            return Err(not_wordpress());
        }
        self.announce();
        Ok(())
    }

    /// At the end of the input: a file cut short, or one that never was a WordPress export.
    fn finish(mut self, offset: u64) -> Result<(), ReadError> {
        if let Some(innermost) = self.stack.last() {
            return Err(ReadError::Malformed {
                offset,
                message: format!("the file ends inside <{innermost}>: it may have been cut short"),
            });
        }
        if !self.saw_root {
            return Err(ReadError::WrongFormat(
                "the file is empty or not XML".to_owned(),
            ));
        }
        if !self.saw_channel {
            return Err(ReadError::WrongFormat(format!(
                "this is not a WordPress export: its <rss> has no <channel> {FOR_BLOGGER}"
            )));
        }
        if !self.wordpress {
            return Err(not_wordpress());
        }
        self.announce();
        Ok(())
    }
}

fn check_root(name: &str) -> Result<(), ReadError> {
    match name {
        "rss" => Ok(()),
        "feed" => Err(ReadError::WrongFormat(format!(
            "this is not a WordPress export: its root element is <feed>, an Atom feed like a Blogger export {FOR_BLOGGER}"
        ))),
        other => Err(ReadError::WrongFormat(format!(
            "this is not a WordPress export: its root element is <{other}>, not <rss> {FOR_BLOGGER}"
        ))),
    }
}

fn not_wordpress() -> ReadError {
    ReadError::WrongFormat(format!(
        "this is an RSS feed, not a WordPress export: it has none of WordPress's elements (<wp:wxr_version>, <wp:post_type>); export the site from WordPress's Tools → Export {FOR_BLOGGER}"
    ))
}

fn attr<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A field directly under `<channel>`.
fn channel_field(channel: &mut Channel, name: &str, value: String) {
    match name {
        "title" => channel.title = value,
        "description" => channel.description = value,
        "link" => channel.link = value,
        "base_blog_url" => channel.base_blog_url = value,
        _ => {}
    }
}

/// A field directly under `<item>`.
fn item_field(e: &mut Entry, name: &str, value: String) {
    match name {
        "title" => e.title = value,
        "link" => e.link = value,
        "pubDate" => e.pub_date = value,
        "creator" => e.creator = value,
        // `content:encoded` and `excerpt:encoded` share the local name `encoded`, and the XML
        // layer keeps local names only. WordPress's exporter has always written the content
        // first and the excerpt after it, so the first one is the content.
        "encoded" if e.content.is_none() => e.content = Some(value),
        "post_id" => e.post_id = value.trim().to_owned(),
        "post_date" => e.post_date = value,
        "post_date_gmt" => e.post_date_gmt = value,
        "post_modified_gmt" => e.modified_gmt = value,
        "post_name" => e.post_name = value.trim().to_owned(),
        "status" => e.status = value.trim().to_owned(),
        "post_type" => e.post_type = value.trim().to_owned(),
        "category" => {
            // Categories and tags are Minbar's labels; post formats and other taxonomies are
            // not. Very old exports also wrote categories without a domain.
            let domain = e.domain.take();
            let label = value.trim();
            if matches!(domain.as_deref(), None | Some("category" | "post_tag"))
                && !label.is_empty()
                && !e.labels.iter().any(|l| l == label)
            {
                e.labels.push(label.to_owned());
            }
        }
        _ => {}
    }
}

/// A field directly under `<wp:comment>`.
fn comment_field(c: &mut Comment, name: &str, value: String) {
    match name {
        "comment_id" => c.id = value.trim().to_owned(),
        "comment_author" => c.author = value.trim().to_owned(),
        "comment_content" => c.content = value,
        "comment_date_gmt" => c.date_gmt = value,
        "comment_date" => c.date = value,
        "comment_approved" => c.approved = value.trim().to_owned(),
        "comment_type" => c.type_ = value.trim().to_owned(),
        "comment_parent" => c.parent = value.trim().to_owned(),
        _ => {}
    }
}

/// A post or page from an item, or why the item is skipped.
fn post(e: Entry, base: &str, authors: &HashMap<String, String>) -> Result<ImportedPost, String> {
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
    let slug = percent_decode(&e.post_name, b"");
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
        "attachment" => "media files are not imported",
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

/// Unix seconds of WordPress's `2010-10-16 20:53:18`, read as UTC; `None` for its
/// `0000-00-00 00:00:00` (no date, as drafts have in GMT) or anything else unreadable.
fn wp_time(text: &str) -> Option<i64> {
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

/// The addresses WordPress answered a post at: its permalink, and `/?p=12` (`/?page_id=12` for
/// a page), which WordPress resolves for every post whatever its permalink settings.
fn old_links(link: &str, prefix: &str, kind: Kind, id: &str) -> Vec<String> {
    let mut links = Vec::new();
    if let Some(path) = site_path(link, prefix) {
        links.push(path);
    }
    let short = match kind {
        Kind::Post => format!("/?p={id}"),
        Kind::Page => format!("/?page_id={id}"),
    };
    if !links.contains(&short) {
        links.push(short);
    }
    links
}

/// Bytes a path keeps percent-encoded: decoded, they would change where it leads (`%2F` would
/// split a segment in two, `%3F` would start a query).
const PATH_KEEPS: &[u8] = b"/?#%";

/// The path part of a URL, decoded (`/greek/%ce%b5…/` → `/greek/ε…/`); `None` when it has none.
fn url_path_part(url: &str) -> Option<String> {
    let (path, _) = split_url(url);
    let path = collapse_slashes(&percent_decode(path, PATH_KEEPS));
    (!path.is_empty()).then_some(path)
}

/// The path a site lives under (`https://example.com/blog` → `/blog`), `""` at the root.
fn base_prefix(base: &str) -> String {
    url_path_part(base)
        .map(|p| p.trim_end_matches('/').to_owned())
        .unwrap_or_default()
}

/// An address on the site as a path and query relative to the site, as Minbar's redirects match
/// them: the site's own path prefix taken off, runs of `/` made one (WordPress's theme test data
/// has `https://…com//greek/…`, which WordPress answers as `/greek/…`). `None` for the site's
/// home page, which is no post's.
fn site_path(url: &str, prefix: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let (_, query) = split_url(url);
    let mut path = url_path_part(url).unwrap_or_default();
    if !prefix.is_empty()
        && let Some(rest) = path.strip_prefix(prefix)
        && (rest.is_empty() || rest.starts_with('/'))
    {
        path = rest.to_owned();
    }
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let whole = match query {
        Some(query) => format!("{path}?{query}"),
        None => path,
    };
    (whole != "/").then_some(whole)
}

/// A URL's path (possibly empty) and its non-empty query, without the fragment.
fn split_url(url: &str) -> (&str, Option<&str>) {
    let url = url.split('#').next().unwrap_or(url);
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest.find(['/', '?']).map_or("", |at| &rest[at..]),
        None => url,
    };
    match rest.split_once('?') {
        Some((path, query)) => (path, (!query.is_empty()).then_some(query)),
        None => (rest, None),
    }
}

fn collapse_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Decodes `%XX` escapes, except for the bytes in `keep` (left escaped, in capitals). Bytes that
/// do not make UTF-8 become U+FFFD; a `%` without two hex digits stays as it is.
fn percent_decode(text: &str, keep: &[u8]) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let escaped = match (byte, bytes.get(at + 1), bytes.get(at + 2)) {
            (b'%', Some(&high), Some(&low)) => hex(high).zip(hex(low)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match escaped {
            Some(decoded) if keep.contains(&decoded) => {
                out.push(b'%');
                out.extend(bytes[at + 1..at + 3].iter().map(u8::to_ascii_uppercase));
                at += 3;
            }
            Some(decoded) => {
                out.push(decoded);
                at += 3;
            }
            None => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// Emits a post's comments after it: the ones Minbar takes, parents before replies, and a
/// skipped item for each of the others.
fn emit_comments(
    comments: Vec<Comment>,
    post_source_id: &str,
    base: &str,
    each: &mut impl FnMut(Item),
) {
    let mut kept = Vec::new();
    for c in comments {
        match comment(c, post_source_id, base) {
            Ok(c) => kept.push(c),
            Err(what) => each(Item::Skipped { what }),
        }
    }
    for c in parents_first(kept) {
        each(Item::Comment(c));
    }
}

/// A comment, or why it is skipped.
fn comment(c: Comment, post_source_id: &str, base: &str) -> Result<ImportedComment, String> {
    match c.type_.as_str() {
        "" | "comment" => {}
        "pingback" | "trackback" => {
            return Err(format!(
                "WordPress {} (links from other sites are not imported)",
                c.type_
            ));
        }
        other => return Err(format!("WordPress comment of type {other}")),
    }
    let approved = match c.approved.as_str() {
        "1" => true,
        "spam" => return Err("WordPress comment marked spam".to_owned()),
        "trash" => return Err("WordPress comment in the trash".to_owned()),
        // "0" is waiting for moderation; anything else (`post-trashed`, set when its post went
        // to the trash) is kept for a moderator to decide too.
        _ => false,
    };
    if c.id.is_empty() {
        return Err("WordPress comment without an id".to_owned());
    }
    let parent_source_id =
        (!c.parent.is_empty() && c.parent != "0").then(|| format!("{base}/#comment-{}", c.parent));
    Ok(ImportedComment {
        source_id: format!("{base}/#comment-{}", c.id),
        post_source_id: post_source_id.to_owned(),
        parent_source_id,
        author: c.author,
        html: autop(&c.content),
        published: wp_time(&c.date_gmt).or_else(|| wp_time(&c.date)),
        approved,
    })
}

/// Orders a post's comments so that each comes after the one it answers, as whoever stores them
/// needs the parent first. A reply to a comment not imported (a pingback, spam) or caught in a
/// loop of replies becomes a comment of its own rather than pointing at nothing.
fn parents_first(mut comments: Vec<ImportedComment>) -> Vec<ImportedComment> {
    let index: HashMap<&str, usize> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.source_id.as_str(), i))
        .collect();
    let mut parents: Vec<Option<usize>> = comments
        .iter()
        .map(|c| {
            c.parent_source_id
                .as_deref()
                .and_then(|p| index.get(p).copied())
        })
        .collect();
    // Cutting the first comment of each loop met frees the rest of that loop.
    for i in 0..parents.len() {
        if depth(&parents, i).is_none() {
            parents[i] = None;
        }
    }
    let depths: Vec<usize> = (0..parents.len())
        .map(|i| depth(&parents, i).unwrap_or(0))
        .collect();
    for (c, parent) in comments.iter_mut().zip(&parents) {
        if parent.is_none() {
            c.parent_source_id = None;
        }
    }
    let mut order: Vec<(usize, ImportedComment)> = depths.into_iter().zip(comments).collect();
    // Stable: within one depth, the file's order.
    order.sort_by_key(|(depth, _)| *depth);
    order.into_iter().map(|(_, c)| c).collect()
}

/// How many replies up a comment is from a top-level one; `None` in a loop.
fn depth(parents: &[Option<usize>], from: usize) -> Option<usize> {
    let mut depth = 0;
    let mut at = from;
    while let Some(parent) = parents.get(at).copied().flatten() {
        depth += 1;
        if depth > parents.len() {
            return None;
        }
        at = parent;
    }
    Some(depth)
}

/// Elements that begin a block of their own: a line starting with one is not put in a `<p>`.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "iframe",
    "li",
    "nav",
    "ol",
    "p",
    "pre",
    "script",
    "section",
    "style",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements a blank line inside of does not end: their blank lines are content (`<pre>`), or
/// the author already made the paragraph (`<p>`).
const UNSPLIT_TAGS: &[&str] = &["p", "pre", "script", "style"];

/// WordPress stores what an author typed in the classic editor, paragraphs as blank lines and
/// line breaks as newlines, and adds `<p>` and `<br>` only when it shows a post (`wpautop`).
/// Minbar keeps HTML as shown, so this does a small version of the same: each run of text
/// between blank lines becomes a paragraph unless it starts with a block of its own (a `<p>`,
/// a list, a heading…).
///
/// Text with some `<p>` is still done, run by run: classic posts often have a few (WordPress's
/// theme test "Markup: Image Alignment" has one around an image, among bare paragraphs). Block-
/// editor content is left as it is, as WordPress leaves it: its blocks carry their own markup.
pub(crate) fn autop(html: &str) -> String {
    if html.contains("<!-- wp:") {
        return html.to_owned();
    }
    let text = html.replace("\r\n", "\n");
    let mut chunks: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut open: i64 = 0;
    for line in text.split('\n') {
        if line.trim().is_empty() && open <= 0 {
            if !current.is_empty() {
                chunks.push(std::mem::take(&mut current));
            }
            continue;
        }
        open += unsplit_balance(line);
        current.push(line);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    let out: Vec<String> = chunks.into_iter().map(|lines| paragraph(&lines)).collect();
    out.join("\n")
}

/// One run of lines between blank lines: the lines before the first that starts a block go in
/// a `<p>`, with `<br>` between them; from that block on, the lines stay as they are (a `<br>`
/// between list items or a list inside a `<p>` would break the HTML).
fn paragraph(lines: &[&str]) -> String {
    let lead = lines
        .iter()
        .position(|line| starts_with_block(line))
        .unwrap_or(lines.len());
    let (text, blocks) = lines.split_at(lead);
    let mut out = String::new();
    if !text.is_empty() {
        out.push_str("<p>");
        let mut in_tag = false;
        for (i, line) in text.iter().enumerate() {
            if i > 0 {
                // A newline inside a tag (`<a title="…"⏎href=…>`) is no line break.
                out.push_str(if in_tag { "\n" } else { "<br>\n" });
            }
            let line = line.trim_end();
            out.push_str(line);
            in_tag = ends_in_tag(line, in_tag);
        }
        out.push_str("</p>");
    }
    if !blocks.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&blocks.join("\n"));
    }
    out
}

/// Whether a line ends inside a tag, given whether it began inside one.
fn ends_in_tag(line: &str, mut in_tag: bool) -> bool {
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
    }
    in_tag
}

/// Whether `tag` (lower case) opens or closes right at the start of `text` (lower case, after
/// the `<`): `p` matches `p>` and `/p>`, not `pre>`.
fn tag_at(text: &str, tag: &str) -> bool {
    let rest = text.strip_prefix('/').unwrap_or(text);
    rest.strip_prefix(tag).is_some_and(|after| {
        after.is_empty() || after.starts_with(['>', '/', ' ', '\t', '\n', '\r'])
    })
}

fn starts_with_block(line: &str) -> bool {
    let head: String = line.trim_start().chars().take(16).collect();
    let head = head.to_ascii_lowercase();
    head.strip_prefix('<')
        .is_some_and(|rest| BLOCK_TAGS.iter().any(|tag| tag_at(rest, tag)))
}

/// How many [`UNSPLIT_TAGS`] a line opens, less those it closes.
fn unsplit_balance(line: &str) -> i64 {
    let lower = line.to_ascii_lowercase();
    let mut balance = 0;
    for (at, _) in lower.match_indices('<') {
        let rest = &lower[at + 1..];
        if UNSPLIT_TAGS.iter().any(|tag| tag_at(rest, tag)) {
            balance += if rest.starts_with('/') { -1 } else { 1 };
        }
    }
    balance
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    use crate::shared;

    fn wxr(name: &str) -> Option<std::path::PathBuf> {
        shared(&format!("wxr/{name}"))
    }

    const FILES: &[&str] = &[
        "wordpress-importer_wxr-utf-8-challenges.xml",
        "wordpress-importer_theme-unit-test-data.xml",
        "wordpress-importer_valid-wxr-1.1.xml",
        "jekyll-import_sitetitle.wordpress.2025-01-19.000.xml",
    ];

    fn read_path(path: &std::path::Path) -> Vec<Item> {
        let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
        let mut items = Vec::new();
        read(file, |item| items.push(item)).unwrap();
        items
    }

    fn read_str(text: &str) -> (Vec<Item>, Result<(), ReadError>) {
        let mut items = Vec::new();
        let result = read(text.as_bytes(), |item| items.push(item));
        (items, result)
    }

    fn posts(items: &[Item]) -> Vec<&ImportedPost> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Post(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    fn comments(items: &[Item]) -> Vec<&ImportedComment> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Comment(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    fn skipped(items: &[Item]) -> Vec<&str> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Skipped { what } => Some(what.as_str()),
                _ => None,
            })
            .collect()
    }

    fn titled<'a>(items: &'a [Item], title: &str) -> &'a ImportedPost {
        posts(items)
            .into_iter()
            .find(|p| p.title == title)
            .unwrap_or_else(|| panic!("no post titled {title}"))
    }

    // An independent count by plain text search, sharing nothing with the reader.

    /// The text of the first `<tag>…</tag>` in `block`, CDATA markers removed; "" when the
    /// element is absent or written `<tag/>`.
    fn field(block: &str, tag: &str) -> String {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        let Some(start) = block.find(&open) else {
            return String::new();
        };
        let rest = &block[start + open.len()..];
        let end = rest.find(&close).unwrap();
        rest[..end]
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim()
            .to_owned()
    }

    /// The blocks between `<open>` and `</close>`.
    fn blocks<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
        text.split(open)
            .skip(1)
            .map(|b| b.split(close).next().unwrap())
            .collect()
    }

    #[derive(Debug, Default, PartialEq)]
    struct Counts {
        posts: usize,
        pages: usize,
        skipped_items: usize,
        comments: usize,
        replies: usize,
        pings: usize,
        labels: usize,
    }

    fn scan(raw: &str) -> Counts {
        let mut counts = Counts::default();
        for item in blocks(raw, "<item>", "</item>") {
            let post_type = field(item, "wp:post_type");
            assert!(!post_type.is_empty(), "an item without a type");
            let status = field(item, "wp:status");
            match (post_type.as_str(), status.as_str()) {
                (_, "inherit") => {}
                ("post", _) => counts.posts += 1,
                ("page", _) => counts.pages += 1,
                _ => {}
            }
            if !matches!(post_type.as_str(), "post" | "page") || status == "inherit" {
                counts.skipped_items += 1;
                continue;
            }
            let mut labels = HashSet::new();
            for domain in ["category", "post_tag"] {
                for label in blocks(
                    item,
                    &format!("<category domain=\"{domain}\""),
                    "</category>",
                ) {
                    let text = label.split_once('>').unwrap().1;
                    labels.insert(
                        text.trim_start_matches("<![CDATA[")
                            .trim_end_matches("]]>")
                            .trim(),
                    );
                }
            }
            counts.labels += labels.len();
            for c in blocks(item, "<wp:comment>", "</wp:comment>") {
                let kind = field(c, "wp:comment_type");
                if kind == "pingback" || kind == "trackback" {
                    counts.pings += 1;
                    continue;
                }
                if matches!(field(c, "wp:comment_approved").as_str(), "spam" | "trash") {
                    continue;
                }
                counts.comments += 1;
                let parent = field(c, "wp:comment_parent");
                if !parent.is_empty() && parent != "0" {
                    counts.replies += 1;
                }
            }
        }
        counts
    }

    /// Whether a skip reason is a comment's rather than an item's.
    fn is_comment_skip(what: &str) -> bool {
        [
            "WordPress pingback",
            "WordPress trackback",
            "WordPress comment",
            "comment on a skipped",
        ]
        .iter()
        .any(|start| what.starts_with(start))
    }

    fn count(items: &[Item]) -> Counts {
        let posts = posts(items);
        let comments = comments(items);
        let skipped = skipped(items);
        Counts {
            posts: posts.iter().filter(|p| p.kind == Kind::Post).count(),
            pages: posts.iter().filter(|p| p.kind == Kind::Page).count(),
            skipped_items: skipped.iter().filter(|s| !is_comment_skip(s)).count(),
            comments: comments.len(),
            replies: comments
                .iter()
                .filter(|c| c.parent_source_id.is_some())
                .count(),
            pings: skipped
                .iter()
                .filter(|s| {
                    s.starts_with("WordPress pingback") || s.starts_with("WordPress trackback")
                })
                .count(),
            labels: posts.iter().map(|p| p.labels.len()).sum(),
        }
    }

    /// Every file gives as many posts, pages, comments, replies and labels as a plain text search
    /// of it finds, and the site comes first, once.
    #[test]
    fn the_samples_import_with_the_counts_the_files_hold() {
        for name in FILES {
            let Some(path) = wxr(name) else { return };
            let raw = std::fs::read_to_string(&path).unwrap();
            let items = read_path(&path);
            assert_eq!(count(&items), scan(&raw), "{name}");
            assert!(matches!(items.first(), Some(Item::Site { .. })), "{name}");
            assert_eq!(
                items
                    .iter()
                    .filter(|i| matches!(i, Item::Site { .. }))
                    .count(),
                1,
                "{name}"
            );
            let ids: HashSet<&str> = posts(&items).iter().map(|p| p.source_id.as_str()).collect();
            assert_eq!(ids.len(), posts(&items).len(), "{name}: source ids repeat");
        }
    }

    /// What the README says the files hold.
    #[test]
    fn the_counts_agree_with_the_readme() {
        let Some(theme) = wxr("wordpress-importer_theme-unit-test-data.xml") else {
            return;
        };
        let items = read_path(&theme);
        let counts = count(&items);
        assert_eq!((counts.posts, counts.pages), (58, 21));
        // 33 comments, of which 2 pingbacks and 2 trackbacks are left out; the 10 replies are
        // all between ordinary comments.
        assert_eq!(counts.comments + counts.pings, 33);
        assert_eq!(counts.pings, 4);
        assert_eq!(counts.replies, 10);
        let reasons = skipped(&items);
        let starting = |prefix: &str| reasons.iter().filter(|s| s.starts_with(prefix)).count();
        assert_eq!(starting("WordPress attachment "), 37);
        assert_eq!(starting("WordPress nav_menu_item "), 70);
        let pages_with_parent = blocks(
            &std::fs::read_to_string(&theme).unwrap(),
            "<item>",
            "</item>",
        )
        .into_iter()
        .filter(|i| field(i, "wp:post_type") == "page" && field(i, "wp:post_parent") != "0")
        .count();
        assert_eq!(pages_with_parent, 13);

        let Some(jekyll) = wxr("jekyll-import_sitetitle.wordpress.2025-01-19.000.xml") else {
            return;
        };
        let items = read_path(&jekyll);
        let counts = count(&items);
        assert_eq!((counts.posts, counts.pages, counts.comments), (7, 1, 0));
        let reasons = skipped(&items);
        let starting = |prefix: &str| reasons.iter().filter(|s| s.starts_with(prefix)).count();
        assert_eq!(starting("WordPress attachment "), 6);
        assert_eq!(starting("WordPress wp_global_styles "), 1);
        assert_eq!(starting("WordPress wp_navigation "), 1);

        let Some(valid) = wxr("wordpress-importer_valid-wxr-1.1.xml") else {
            return;
        };
        let counts = count(&read_path(&valid));
        assert_eq!((counts.posts, counts.pages, counts.comments), (1, 1, 1));
    }

    /// The Arabic and bidi stress file: the text comes through as written (neutralizing bidi
    /// controls is the renderer's job, not the importer's).
    #[test]
    fn the_arabic_and_bidi_sample_keeps_its_text() {
        let Some(path) = wxr("wordpress-importer_wxr-utf-8-challenges.xml") else {
            return;
        };
        let raw = std::fs::read_to_string(&path).unwrap();
        let items = read_path(&path);
        let Some(Item::Site { title, description }) = items.first() else {
            panic!("no site first");
        };
        assert!(title.contains("مرحبا"), "{title}");
        assert!(title.contains('\u{202E}'), "{title}");
        assert!(
            description
                .as_deref()
                .is_some_and(|d| d.contains("invisible chars")),
            "{description:?}"
        );
        let posts = posts(&items);
        assert_eq!(posts.len(), 1);
        let post = posts[0];
        let item = blocks(&raw, "<item>", "</item>")[0];
        assert_eq!(post.title, field(item, "title"));
        assert!(post.title.contains('\u{202E}') && post.title.contains('\u{202A}'));
        assert_eq!(
            post.slug.as_deref(),
            Some(field(item, "wp:post_name").as_str())
        );
        assert!(post.slug.as_deref().unwrap().contains('💫'));
        let display = field(
            blocks(&raw, "<wp:author>", "</wp:author>")[0],
            "wp:author_display_name",
        );
        assert_eq!(post.author.as_deref(), Some(display.as_str()));
        assert_eq!(post.source_id, "https://playground.internal/path/?p=10");
        // The item has no <link>: only WordPress's own short address.
        assert_eq!(post.old_links, ["/?p=10"]);
        assert_eq!(post.published, Some(1_717_603_488));
        assert_eq!(post.updated, Some(1_718_022_535));
        assert!(post.html.starts_with("<!-- wp:paragraph -->\n<p>T"));
        assert_eq!(post.labels.len(), 1);
    }

    #[test]
    fn the_minimal_wxr_1_1_sample_reads_fully() {
        let Some(path) = wxr("wordpress-importer_valid-wxr-1.1.xml") else {
            return;
        };
        let items = read_path(&path);
        assert_eq!(
            items[0],
            Item::Site {
                title: "Export Datasets".to_owned(),
                description: Some("Just another WordPress site".to_owned()),
            }
        );
        let post = titled(&items, "Hello world!");
        assert_eq!(post.kind, Kind::Post);
        assert_eq!(post.status, Status::Live);
        assert_eq!(post.source_id, "http://localhost/?p=1");
        assert_eq!(post.labels, ["alpha", "Clippable"]);
        assert_eq!(post.author.as_deref(), Some("John Doe"));
        assert_eq!(post.slug.as_deref(), Some("hello-world"));
        assert_eq!(post.old_links, ["/?p=1"]);
        assert_eq!(post.published, Some(1_287_262_398));
        assert_eq!(post.updated, None);
        assert_eq!(
            post.html,
            "<p>Welcome to WordPress. This is your first post. Edit or delete it, then start blogging!</p>"
        );
        let page = titled(&items, "About");
        assert_eq!(page.kind, Kind::Page);
        assert!(page.old_links.contains(&"/?page_id=2".to_owned()));
        let comments = comments(&items);
        assert_eq!(comments.len(), 1);
        let comment = comments[0];
        assert_eq!(comment.source_id, "http://localhost/#comment-1");
        assert_eq!(comment.post_source_id, post.source_id);
        assert_eq!(comment.parent_source_id, None);
        assert_eq!(comment.author, "Mr WordPress");
        assert!(comment.approved);
        assert!(comment.html.starts_with("<p>Hi, this is a comment.<br />"));
        // The comment follows its post.
        let at = |wanted: &Item| items.iter().position(|i| i == wanted).unwrap();
        assert!(at(&Item::Post(post.clone())) < at(&Item::Comment(comment.clone())));
    }

    #[test]
    fn the_theme_unit_test_keeps_statuses_pages_and_threads() {
        let Some(path) = wxr("wordpress-importer_theme-unit-test-data.xml") else {
            return;
        };
        let items = read_path(&path);
        let base = "https://wpthemetestdata.wordpress.com";

        let scheduled = titled(&items, "Scheduled");
        assert_eq!(scheduled.status, Status::Scheduled);
        let draft = titled(&items, "Draft");
        assert_eq!(draft.status, Status::Draft);
        assert_eq!(draft.slug, None);
        assert_eq!(draft.old_links, ["/?p=1164"]);

        let all = posts(&items);
        assert_eq!(
            all.iter().filter(|p| p.status == Status::Scheduled).count(),
            1
        );
        assert_eq!(all.iter().filter(|p| p.status == Status::Draft).count(), 1);

        // Pages at several levels keep their whole path, and no two share an old address.
        let pages: Vec<&&ImportedPost> = all.iter().filter(|p| p.kind == Kind::Page).collect();
        let links: Vec<&String> = pages.iter().flat_map(|p| &p.old_links).collect();
        let distinct: HashSet<&&String> = links.iter().collect();
        assert_eq!(links.len(), distinct.len());
        assert_eq!(
            titled(&items, "Level 3").old_links,
            ["/level-1/level-2/level-3/", "/?page_id=172"]
        );
        let greek = titled(&items, "Επίπεδο 2 -Second Greek level");
        assert_eq!(greek.slug.as_deref(), Some("επίπεδο-2"));
        assert_eq!(greek.old_links[0], "/greek/επίπεδο-2/");
        assert_eq!(
            titled(&items, "Keyboard navigation").old_links,
            ["/2018/10/20/keyboard-navigation/", "/?p=1724"]
        );

        // Classic posts get their paragraphs, also beside the odd `<p>` they already have;
        // lists keep their own markup.
        let aligned = &titled(&items, "Markup: Image Alignment").html;
        assert!(
            aligned.starts_with("<p>Welcome to image alignment!"),
            "{aligned}"
        );
        assert!(aligned.contains("</p>\n<p><img class=\"size-full wp-image-906"));
        let lists = &titled(&items, "Edge Case: Nested And Mixed Lists").html;
        assert!(lists.starts_with("<p>Nested and mixed lists"), "{lists}");
        assert!(
            lists.contains("make sure that</p>\n<ul>\n\t<li>"),
            "{lists}"
        );
        assert!(!lists.contains("</li><br>"), "{lists}");

        // Authors by display name, even where the file's login has a stray `>`.
        assert_eq!(
            titled(&items, "Block category: Common").author.as_deref(),
            Some("Theme Reviewer")
        );
        assert_eq!(
            titled(&items, "Template: Comments").author.as_deref(),
            Some("Theme Buster")
        );

        // Every reply answers a comment given before it, on the same post.
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for c in comments(&items) {
            if let Some(parent) = &c.parent_source_id {
                assert_eq!(
                    seen.get(parent.as_str()).copied(),
                    Some(c.post_source_id.as_str()),
                    "{}",
                    c.source_id
                );
            }
            assert!(c.source_id.starts_with(&format!("{base}/#comment-")));
            seen.insert(&c.source_id, &c.post_source_id);
        }
        let comments = comments(&items);
        assert_eq!(comments.iter().filter(|c| !c.approved).count(), 3);
        assert!(comments.iter().all(|c| c.published.is_some()));
        assert!(all.iter().all(|p| p.published.is_some()));
        assert!(
            all.iter()
                .all(|p| p.source_id.starts_with(&format!("{base}/?p=")))
        );
    }

    #[test]
    fn the_block_theme_sample_keeps_labels_in_order() {
        let Some(path) = wxr("jekyll-import_sitetitle.wordpress.2025-01-19.000.xml") else {
            return;
        };
        let items = read_path(&path);
        assert_eq!(
            items[0],
            Item::Site {
                title: "My Site Title".to_owned(),
                description: None,
            }
        );
        let post = titled(&items, "Blog Post 1");
        assert_eq!(post.labels, ["code", "Foo", "ruby", "ship", "stars"]);
        assert_eq!(post.old_links, ["/2025/01/18/blog-post-1/", "/?p=14"]);
        assert_eq!(
            titled(&items, "About").old_links,
            ["/about/", "/?page_id=1"]
        );
        assert!(skipped(&items).contains(&"WordPress attachment (media files are not imported)"));
    }

    #[test]
    fn foreign_hostile_and_broken_files_are_refused_clearly() {
        if let Some(blogger) = shared("blogger/classic-arabic-1.xml") {
            let file = std::io::BufReader::new(std::fs::File::open(blogger).unwrap());
            let error = read(file, |_| {}).unwrap_err();
            assert!(matches!(error, ReadError::WrongFormat(_)), "{error}");
            assert!(
                error.to_string().contains("minbar import blogger"),
                "{error}"
            );
        }

        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://example.com/</link><description>d</description><item><title>One</title><link>https://example.com/1</link><description>Text</description><content:encoded><![CDATA[<p>Body</p>]]></content:encoded></item></channel></rss>"#;
        let (items, result) = read_str(rss);
        let error = result.unwrap_err();
        assert!(matches!(error, ReadError::WrongFormat(_)), "{error}");
        assert!(
            error
                .to_string()
                .contains("RSS feed, not a WordPress export")
        );
        assert!(items.is_empty(), "{items:?}");

        let (_, result) = read_str("<html><body/></html>");
        assert!(
            result
                .unwrap_err()
                .to_string()
                .contains("minbar import blogger")
        );
        let (_, result) = read_str("");
        assert!(matches!(result, Err(ReadError::WrongFormat(_))));
        let (_, result) = read_str("<rss/>");
        assert!(matches!(result, Err(ReadError::WrongFormat(_))));

        let entities = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss><channel><wp:wxr_version>1.2</wp:wxr_version><title>&a;</title></channel></rss>"#;
        assert!(matches!(
            read_str(entities).1,
            Err(ReadError::Entities { .. })
        ));
        let unknown = "<rss><channel><title>&nbsp;</title></channel></rss>";
        assert!(matches!(
            read_str(unknown).1,
            Err(ReadError::UnknownEntity { .. })
        ));

        let Some(path) = wxr("wordpress-importer_theme-unit-test-data.xml") else {
            return;
        };
        let mut bytes = std::fs::read(path).unwrap();
        bytes.truncate(bytes.len() / 2);
        let error = read(&bytes[..], |_| {}).unwrap_err();
        assert!(matches!(error, ReadError::Malformed { .. }), "{error}");
    }

    /// Cut anywhere, a file gives an error, never a panic or a silent success.
    #[test]
    fn every_cut_of_a_file_is_an_error() {
        let Some(path) = wxr("wordpress-importer_valid-wxr-1.1.xml") else {
            return;
        };
        let bytes = std::fs::read(path).unwrap();
        let end = bytes.len() - b"</rss>\n".len();
        let channel = bytes.windows(9).position(|w| w == b"<channel>").unwrap();
        for cut in (0..end).step_by(3) {
            let result = read(&bytes[..cut], |_| {});
            assert!(result.is_err(), "cut at {cut}");
            if cut > channel {
                assert!(
                    matches!(result, Err(ReadError::Malformed { offset, .. }) if offset <= cut as u64),
                    "cut at {cut}: {result:?}"
                );
            }
        }
        assert!(read(&bytes[..], |_| {}).is_ok());
    }

    fn wxr_with(items: &str) -> String {
        format!(
            r#"<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title><link>https://example.com/blog/</link><wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>"#
        )
    }

    #[test]
    fn comments_are_sorted_parents_first_and_skipped_with_reasons() {
        let comment = |id: u32, parent: u32, approved: &str, kind: &str| {
            format!(
                "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author> A </wp:comment_author><wp:comment_content>Hi</wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent><wp:comment_date>2020-01-02 03:04:05</wp:comment_date><wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt></wp:comment>"
            )
        };
        let text = wxr_with(&format!(
            "<item><title>P</title><link>https://example.com/blog/p/</link><content:encoded>x</content:encoded><wp:post_id>7</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>{}{}{}{}{}{}{}</item><item><wp:post_id>8</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>{}</item>",
            comment(3, 2, "1", ""),
            comment(2, 1, "1", ""),
            comment(1, 0, "0", "comment"),
            comment(4, 9, "1", "pingback"),
            comment(5, 4, "1", ""),
            comment(6, 0, "spam", ""),
            comment(7, 0, "trash", ""),
            comment(9, 0, "1", ""),
        ));
        let (items, result) = read_str(&text);
        result.unwrap();
        let base = "https://example.com/blog";
        let post = titled(&items, "P");
        assert_eq!(post.old_links, ["/p/", "/?p=7"]);
        let comments = comments(&items);
        let ids: Vec<&str> = comments.iter().map(|c| c.source_id.as_str()).collect();
        assert_eq!(
            ids,
            [
                format!("{base}/#comment-1"),
                format!("{base}/#comment-5"),
                format!("{base}/#comment-2"),
                format!("{base}/#comment-3"),
            ]
        );
        // Its parent was a pingback, not imported.
        assert_eq!(comments[1].parent_source_id, None);
        assert_eq!(
            comments[2].parent_source_id.as_deref(),
            Some(format!("{base}/#comment-1").as_str())
        );
        assert!(!comments[0].approved);
        assert_eq!(comments[0].author, "A");
        assert_eq!(comments[0].html, "<p>Hi</p>");
        assert_eq!(comments[0].published, Some(1_577_934_245));
        let skipped = skipped(&items);
        assert_eq!(
            skipped,
            [
                "WordPress pingback (links from other sites are not imported)",
                "WordPress comment marked spam",
                "WordPress comment in the trash",
                "WordPress attachment (media files are not imported)",
                "comment on a skipped WordPress item",
            ]
        );
    }

    #[test]
    fn items_without_a_type_and_odd_statuses_are_handled() {
        let text = wxr_with(
            "<item><title>Bare</title><content:encoded>Body</content:encoded><excerpt:encoded>Excerpt</excerpt:encoded><wp:post_id>1</wp:post_id><pubDate>Sat, 16 Oct 2010 20:53:18 +0000</pubDate><wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt></item>\
             <item><title>Empty</title><wp:post_id>2</wp:post_id></item>\
             <item><title>Private</title><content:encoded/><excerpt:encoded>E</excerpt:encoded><wp:post_id>3</wp:post_id><wp:post_type>post</wp:post_type><wp:status>private</wp:status><wp:post_name>%D9%85%D8%B1%D8%AD%D8%A8%D8%A7</wp:post_name><category domain=\"post_format\">post-format-aside</category><category domain=\"post_tag\"> x </category><category domain=\"category\">x</category></item>\
             <item><title>Old</title><wp:post_id>4</wp:post_id><wp:post_type>post</wp:post_type><wp:status>inherit</wp:status></item>\
             <item><title>Gone</title><wp:post_id>5</wp:post_id><wp:post_type>page</wp:post_type><wp:status>trash</wp:status><link>https://example.com/blog</link></item>",
        );
        let (items, result) = read_str(&text);
        result.unwrap();
        let bare = titled(&items, "Bare");
        assert_eq!(bare.kind, Kind::Post);
        // The first `encoded` is the content, the second the excerpt.
        assert_eq!(bare.html, "<p>Body</p>");
        assert_eq!(bare.published, Some(1_287_262_398));
        assert_eq!(bare.author, None);
        let private = titled(&items, "Private");
        assert_eq!(private.status, Status::Draft);
        assert_eq!(private.html, "");
        assert_eq!(private.slug.as_deref(), Some("مرحبا"));
        assert_eq!(private.labels, ["x"]);
        let gone = titled(&items, "Gone");
        assert_eq!(gone.status, Status::Trashed);
        // The link is the site's home page, no post's address.
        assert_eq!(gone.old_links, ["/?page_id=5"]);
        assert_eq!(
            skipped(&items),
            [
                "WordPress item without a post type or content",
                "WordPress post with status inherit (revisions are not imported)",
            ]
        );
    }

    #[test]
    fn links_become_paths_on_the_site() {
        let prefix = base_prefix("https://playground.internal/path");
        assert_eq!(prefix, "/path");
        let path = |url: &str| site_path(url, &prefix);
        assert_eq!(
            path("https://playground.internal/path/x/").as_deref(),
            Some("/x/")
        );
        assert_eq!(path("https://playground.internal/path").as_deref(), None);
        assert_eq!(
            path("https://playground.internal/path-not-taken/").as_deref(),
            Some("/path-not-taken/")
        );
        assert_eq!(
            path("https://playground.internal/path/?p=1#top").as_deref(),
            Some("/?p=1")
        );
        assert_eq!(base_prefix("http://localhost/"), "");
        assert_eq!(
            site_path("http://localhost/?p=1", "").as_deref(),
            Some("/?p=1")
        );
        assert_eq!(site_path("http://localhost/", "").as_deref(), None);
        assert_eq!(site_path("http://localhost", "").as_deref(), None);
        assert_eq!(
            site_path("https://x.com/a%2fb/%d8%a7?q=%20", "").as_deref(),
            Some("/a%2Fb/ا?q=%20")
        );
        assert_eq!(
            site_path("https://x.com//a//b/", "").as_deref(),
            Some("/a/b/")
        );
    }

    #[test]
    fn percent_decoding_is_lossy_and_never_panics() {
        assert_eq!(percent_decode("%D8%A7%d8%a8", b""), "اب");
        assert_eq!(percent_decode("100%", b""), "100%");
        assert_eq!(percent_decode("%zz%4", b""), "%zz%4");
        assert_eq!(percent_decode("%ff-a", b""), "\u{FFFD}-a");
        assert_eq!(percent_decode("a%2fb%3F", b"/?"), "a%2Fb%3F");
        assert_eq!(percent_decode("é%", b""), "é%");
    }

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
    fn autop_adds_paragraphs_only_where_wordpress_would() {
        assert_eq!(
            autop("One\nline two\n\nTwo"),
            "<p>One<br>\nline two</p>\n<p>Two</p>"
        );
        assert_eq!(autop("a\r\n\r\n  \r\nb"), "<p>a</p>\n<p>b</p>");
        assert_eq!(autop(""), "");
        assert_eq!(autop("\n\n"), "");
        // Paragraphs already made are left alone, even across a blank line; the runs of text
        // beside them are made paragraphs too.
        assert_eq!(autop("<P class=x>a\n\nb</P>"), "<P class=x>a\n\nb</P>");
        assert_eq!(autop("<p>a</p>\n\nb"), "<p>a</p>\n<p>b</p>");
        // Block-editor content is WordPress's own markup, left as it is.
        let blocks = "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->\n\nloose";
        assert_eq!(autop(blocks), blocks);
        // Lines starting with a block stay as they are, and end the paragraph before them.
        assert_eq!(
            autop("Intro\n\n<ul>\n<li>a</li>\n</ul>\n\n<h2>T</h2>"),
            "<p>Intro</p>\n<ul>\n<li>a</li>\n</ul>\n<h2>T</h2>"
        );
        assert_eq!(
            autop("Lists that\nwork\n<ul>\n\t<li>a</li>\n</ul>"),
            "<p>Lists that<br>\nwork</p>\n<ul>\n\t<li>a</li>\n</ul>"
        );
        // Blank lines inside <pre> are the code's, not paragraph breaks; <pre> is not <p>.
        assert_eq!(
            autop("Code:\n\n<pre>a\n\nb</pre>\n\nEnd"),
            "<p>Code:</p>\n<pre>a\n\nb</pre>\n<p>End</p>"
        );
        // Inline tags do not count as blocks.
        assert_eq!(
            autop("<em>a</em>\n\n<preview>b"),
            "<p><em>a</em></p>\n<p><preview>b</p>"
        );
        assert_eq!(autop("</div>\n\nText"), "</div>\n<p>Text</p>");
        assert_eq!(
            autop("See <a title=\"x\"\nhref=\"/y\">y</a>\nnow"),
            "<p>See <a title=\"x\"\nhref=\"/y\">y</a><br>\nnow</p>"
        );
        // An unclosed <p> keeps the rest as it is rather than guessing.
        assert_eq!(autop("<p>a\n\nb"), "<p>a\n\nb");
    }
}
