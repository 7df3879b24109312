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
//!
//! This module is the reader: it walks the XML and gathers each element's text into the
//! channel, the item or the comment it belongs to. What an item becomes is decided apart, so
//! each rule can be read and tested on its own: [`post`] turns an item into a post or page (or
//! says why it is skipped), [`comments`] does the same for its comments and orders their
//! threads, [`address`] turns WordPress's links into the paths Minbar redirects from, and
//! [`autop`] adds the paragraphs WordPress would have added on display.

mod address;
mod autop;
mod comments;
mod post;
#[cfg(test)]
mod tests;

use crate::xml::{Node, Nodes, attr};
use crate::{Item, ReadError};
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
    /// Where an attachment's file was served.
    attachment_url: String,
    /// The featured image's attachment id (`_thumbnail_id` post meta).
    thumbnail_id: Option<String>,
    /// The `meta_key` of the `<wp:postmeta>` being read.
    meta_key: String,
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
            (5, "postmeta") => {
                if let Some(e) = self.entry.as_mut() {
                    match name.as_str() {
                        "meta_key" => e.meta_key = value.trim().to_owned(),
                        "meta_value" if e.meta_key == "_thumbnail_id" => {
                            let id = value.trim();
                            if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
                                e.thumbnail_id = Some(id.to_owned());
                            }
                        }
                        _ => {}
                    }
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
        if entry.post_type == "attachment"
            && !entry.post_id.is_empty()
            && !entry.attachment_url.is_empty()
        {
            (self.each)(Item::Attachment {
                source_id: format!("{base}/?p={}", entry.post_id),
                url: entry.attachment_url,
            });
            return Ok(());
        }
        match post::post(entry, &base, &self.channel.authors) {
            Ok(post) => {
                let post_source_id = post.source_id.clone();
                (self.each)(Item::Post(post));
                comments::emit_comments(comments, &post_source_id, &base, &mut self.each);
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
        "attachment_url" => e.attachment_url = value.trim().to_owned(),
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
