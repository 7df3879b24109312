//! Blogger's two export formats, read into [`Item`]s:
//!
//! - the classic export: an Atom feed whose entries are told apart by their `kind` category
//!   (`…/kind#post`, `#page`, `#comment`, `#settings`, `#template`), drafts marked by
//!   `<app:control><app:draft>yes`, a comment's post by `<thr:in-reply-to ref=…>` and the comment
//!   it answers by `<link rel='related'>`, old paths in `<link rel='alternate'>`;
//! - Google Takeout's `feed.atom`: no kind category, but `blogger:type` (POST, PAGE, COMMENT),
//!   `blogger:status` (LIVE, DRAFT, SOFT_TRASHED), `blogger:filename`, `blogger:parent` and
//!   `blogger:inReplyTo`.

use crate::xml::{Node, Nodes, attr};
use crate::{ImportedComment, ImportedPost, Item, Kind, ReadError, Status, parse_time, url_path};
use std::io::BufRead;

const KIND_SCHEME: &str = "http://schemas.google.com/g/2005#kind";
const LABEL_SCHEME: &str = "http://www.blogger.com/atom/ns#";

/// Everything gathered from one `<entry>`.
#[derive(Debug, Default)]
struct Entry {
    id: String,
    kind: Option<String>,
    /// Takeout's `blogger:type` and `blogger:status`.
    type_: Option<String>,
    status: Option<String>,
    title: String,
    content: String,
    published: Option<String>,
    updated: Option<String>,
    author: Option<String>,
    labels: Vec<String>,
    draft: bool,
    alternate: Option<String>,
    filename: Option<String>,
    /// A comment's post (classic `thr:in-reply-to`, Takeout `blogger:parent`).
    post_ref: Option<String>,
    /// The comment a reply answers (classic `link rel=related`, Takeout `blogger:inReplyTo`).
    reply_to: Option<String>,
    trashed: bool,
}

/// The last part of a Blogger id (`tag:blogger.com,1999:blog-1.post-1001` → `1001`), so ids
/// written differently by the two formats and in comment links meet.
fn short_id(id: &str) -> String {
    let tail = id.rsplit(['.', '/', '-']).next().unwrap_or(id);
    tail.trim().to_owned()
}

/// Reads a Blogger export, calling `each` for every item, in file order.
pub fn read(source: impl BufRead, mut each: impl FnMut(Item)) -> Result<(), ReadError> {
    let mut nodes = Nodes::new(source);
    // Element names from the root down; text of the innermost open element.
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut entry: Option<Entry> = None;
    let mut feed_title = None;
    let mut feed_subtitle = None;
    let mut settings_title = None;
    let mut settings_description = None;
    let mut saw_feed = false;
    loop {
        match nodes.next()? {
            Node::End => break,
            Node::Open {
                name,
                attributes,
                empty,
            } => {
                if stack.is_empty() {
                    if name != "feed" {
                        return Err(ReadError::WrongFormat(format!(
                            "this is not a Blogger export: its root element is <{name}>, not an Atom <feed> (for a WordPress export, use `minbar import wxr`)"
                        )));
                    }
                    saw_feed = true;
                }
                text.clear();
                if name == "entry" && stack.len() == 1 {
                    entry = Some(Entry::default());
                }
                if let Some(e) = entry.as_mut() {
                    match name.as_str() {
                        "category" => {
                            let scheme = attr(&attributes, "scheme").unwrap_or("");
                            let term = attr(&attributes, "term").unwrap_or("").to_owned();
                            if scheme == KIND_SCHEME {
                                e.kind = term.rsplit('#').next().map(str::to_owned);
                            } else if (scheme == LABEL_SCHEME
                                || scheme.starts_with("tag:blogger.com")
                                || scheme.is_empty())
                                && !term.is_empty()
                                && !e.labels.contains(&term)
                            {
                                e.labels.push(term);
                            }
                        }
                        "link" => {
                            let rel = attr(&attributes, "rel").unwrap_or("");
                            let href = attr(&attributes, "href").map(str::to_owned);
                            match rel {
                                "alternate"
                                    if attr(&attributes, "type").unwrap_or("text/html")
                                        == "text/html" =>
                                {
                                    e.alternate = href
                                }
                                "related" => e.reply_to = href.map(|h| short_id(&h)),
                                _ => {}
                            }
                        }
                        "in-reply-to" => {
                            e.post_ref = attr(&attributes, "ref").map(short_id);
                        }
                        _ => {}
                    }
                }
                if !empty {
                    stack.push(name);
                }
            }
            Node::Text(t) => text.push_str(&t),
            Node::Close { name } => {
                let depth = stack.len();
                stack.pop();
                let value = std::mem::take(&mut text);
                if depth == 2 && entry.is_none() {
                    match name.as_str() {
                        "title" => feed_title = Some(value.trim().to_owned()),
                        "subtitle" => feed_subtitle = Some(value.trim().to_owned()),
                        _ => {}
                    }
                    continue;
                }
                let Some(e) = entry.as_mut() else { continue };
                if depth == 2 && name == "entry" {
                    let finished = entry.take().unwrap_or_default();
                    match classify(finished) {
                        Classified::Item(item) => each(*item),
                        Classified::Setting(key, value) => match key.as_str() {
                            "BLOG_NAME" => settings_title = Some(value),
                            "BLOG_DESCRIPTION" => settings_description = Some(value),
                            _ => each(Item::Skipped {
                                what: format!("setting {key}"),
                            }),
                        },
                    }
                    continue;
                }
                // Fields directly under <entry> (depth 3), and a few nested ones.
                let parent = stack.last().map(String::as_str).unwrap_or("");
                match (depth, parent, name.as_str()) {
                    (3, _, "id") => e.id = value.trim().to_owned(),
                    (3, _, "title") => e.title = value,
                    (3, _, "content") => e.content = value,
                    (3, _, "published") => e.published = Some(value),
                    (3, _, "updated") => e.updated = Some(value),
                    (3, _, "type") => e.type_ = Some(value.trim().to_uppercase()),
                    (3, _, "status") => e.status = Some(value.trim().to_uppercase()),
                    (3, _, "filename") => e.filename = Some(value.trim().to_owned()),
                    (3, _, "parent") => e.post_ref = Some(short_id(&value)),
                    (3, _, "inReplyTo") => e.reply_to = Some(short_id(&value)),
                    (3, _, "trashed") => e.trashed = !value.trim().is_empty(),
                    (4, "author", "name") => e.author = Some(value.trim().to_owned()),
                    (4, "control", "draft") => e.draft = value.trim().eq_ignore_ascii_case("yes"),
                    _ => {}
                }
            }
        }
    }
    if !saw_feed {
        return Err(ReadError::WrongFormat(
            "the file is empty or not XML".to_owned(),
        ));
    }
    let title = settings_title.or(feed_title).unwrap_or_default();
    each(Item::Site {
        title,
        description: settings_description
            .or(feed_subtitle)
            .filter(|d| !d.is_empty()),
    });
    Ok(())
}

enum Classified {
    Item(Box<Item>),
    Setting(String, String),
}

fn classify(e: Entry) -> Classified {
    // Takeout names the type; the classic export says it with a category.
    let kind = match (e.type_.as_deref(), e.kind.as_deref()) {
        (Some("POST"), _) | (None, Some("post")) => "post",
        (Some("PAGE"), _) | (None, Some("page")) => "page",
        (Some("COMMENT"), _) | (None, Some("comment")) => "comment",
        (None, Some("settings")) => {
            let key = e.id.rsplit('.').next().unwrap_or("").to_owned();
            return Classified::Setting(key, e.content.trim().to_owned());
        }
        (None, Some("template")) => {
            return Classified::Item(Box::new(Item::Skipped {
                what: "template".to_owned(),
            }));
        }
        (Some(other), _) => {
            return Classified::Item(Box::new(Item::Skipped {
                what: format!("entry of type {other}"),
            }));
        }
        (None, Some(other)) => {
            return Classified::Item(Box::new(Item::Skipped {
                what: format!("entry of kind {other}"),
            }));
        }
        (None, None) => {
            return Classified::Item(Box::new(Item::Skipped {
                what: "entry without a kind".to_owned(),
            }));
        }
    };
    let published = e.published.as_deref().and_then(parse_time);
    if kind == "comment" {
        return Classified::Item(Box::new(match e.post_ref {
            Some(post) => Item::Comment(ImportedComment {
                source_id: short_id(&e.id),
                post_source_id: post,
                parent_source_id: e.reply_to,
                author: e.author.unwrap_or_default(),
                html: e.content,
                published,
                approved: true,
            }),
            None => Item::Skipped {
                what: "comment without a post".to_owned(),
            },
        }));
    }
    let status = match e.status.as_deref() {
        Some("SOFT_TRASHED") | Some("TRASHED") => Status::Trashed,
        Some("DRAFT") => Status::Draft,
        Some(_) => {
            if e.trashed {
                Status::Trashed
            } else {
                Status::Live
            }
        }
        None if e.draft => Status::Draft,
        None => Status::Live,
    };
    let path = e
        .filename
        .filter(|f| f.starts_with('/'))
        .or_else(|| e.alternate.as_deref().and_then(url_path));
    Classified::Item(Box::new(Item::Post(ImportedPost {
        source_id: short_id(&e.id),
        kind: if kind == "page" {
            Kind::Page
        } else {
            Kind::Post
        },
        status,
        title: e.title.trim().to_owned(),
        html: e.content,
        labels: e.labels,
        author: e.author,
        published,
        updated: e.updated.as_deref().and_then(parse_time),
        path,
        slug: None,
        old_links: Vec::new(),
        cover: None,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(name: &str) -> Option<std::path::PathBuf> {
        crate::shared(&format!("blogger/{name}"))
    }

    fn read_file(path: &std::path::Path) -> Vec<Item> {
        let mut items = Vec::new();
        let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
        read(file, |item| items.push(item)).unwrap();
        items
    }

    /// Both formats of the Arabic sample give what `expected-1.json` says a correct import gives.
    #[test]
    fn the_arabic_samples_match_what_is_expected() {
        let (Some(classic), Some(takeout), Some(expected)) = (
            shared("classic-arabic-1.xml"),
            shared("takeout-arabic-1.atom"),
            shared("expected-1.json"),
        ) else {
            return;
        };
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(expected).unwrap()).unwrap();
        for (file, has_trash) in [(classic, false), (takeout, true)] {
            let items = read_file(&file);
            let posts: Vec<&ImportedPost> = items
                .iter()
                .filter_map(|i| match i {
                    Item::Post(p) => Some(p),
                    _ => None,
                })
                .collect();
            let count = |kind: Kind, status: Status| {
                posts
                    .iter()
                    .filter(|p| p.kind == kind && p.status == status)
                    .count()
            };
            assert_eq!(
                count(Kind::Post, Status::Live),
                expected["posts_live"].as_u64().unwrap() as usize,
                "{file:?}"
            );
            assert_eq!(
                count(Kind::Post, Status::Draft),
                expected["posts_draft"].as_u64().unwrap() as usize,
                "{file:?}"
            );
            let trashed = if has_trash {
                expected["posts_trashed"].as_u64().unwrap() as usize
            } else {
                0
            };
            assert_eq!(count(Kind::Post, Status::Trashed), trashed, "{file:?}");
            assert_eq!(
                posts.iter().filter(|p| p.kind == Kind::Page).count(),
                expected["pages"].as_u64().unwrap() as usize
            );
            let comments: Vec<&ImportedComment> = items
                .iter()
                .filter_map(|i| match i {
                    Item::Comment(c) => Some(c),
                    _ => None,
                })
                .collect();
            assert_eq!(
                comments.len(),
                expected["comments"].as_u64().unwrap() as usize,
                "{file:?}"
            );
            assert_eq!(
                comments
                    .iter()
                    .filter(|c| c.parent_source_id.is_some())
                    .count(),
                expected["replies"].as_u64().unwrap() as usize,
                "{file:?}"
            );
            let mut labels: Vec<&str> = posts
                .iter()
                .flat_map(|p| p.labels.iter().map(String::as_str))
                .collect();
            labels.sort_unstable();
            labels.dedup();
            let wanted: Vec<&str> = expected["labels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            assert_eq!(labels, wanted, "{file:?}");
            for (path, title) in expected["paths"].as_object().unwrap() {
                assert!(
                    posts
                        .iter()
                        .any(|p| p.path.as_deref() == Some(path.as_str())
                            && p.title == title.as_str().unwrap()),
                    "{file:?}: {path} {title}"
                );
            }
            assert!(items.iter().any(|i| matches!(i, Item::Site { title, .. } if title == expected["title"].as_str().unwrap())));
        }
    }

    /// The other real exports: counts of each kind match counts taken from the file by plain text
    /// search, independently of the parser.
    #[test]
    fn the_public_samples_import_with_the_counts_the_files_hold() {
        for name in [
            "pelican_bloggerexport.xml",
            "blogger2jekyll_blog-08-19-2012.xml",
            "google-blog-converters_blogger-sample2.xml",
            "blog-parser_blogger-sample.xml",
            "google-blog-converters_blogger-sample.xml",
        ] {
            let Some(path) = shared(name) else { return };
            let raw = std::fs::read_to_string(&path).unwrap();
            let kind_count = |kind: &str| {
                raw.matches(&format!("kind#{kind}'")).count()
                    + raw.matches(&format!("kind#{kind}\"")).count()
            };
            let items = read_file(&path);
            let posts = items
                .iter()
                .filter(|i| matches!(i, Item::Post(p) if p.kind == Kind::Post))
                .count();
            let pages = items
                .iter()
                .filter(|i| matches!(i, Item::Post(p) if p.kind == Kind::Page))
                .count();
            let comments = items
                .iter()
                .filter(|i| matches!(i, Item::Comment(_)))
                .count();
            assert_eq!(posts, kind_count("post"), "{name} posts");
            assert_eq!(pages, kind_count("page"), "{name} pages");
            // A comment without its post reference is counted as skipped, not lost.
            let skipped_comments = items
                .iter()
                .filter(|i| matches!(i, Item::Skipped { what } if what == "comment without a post"))
                .count();
            assert_eq!(
                comments + skipped_comments,
                kind_count("comment"),
                "{name} comments"
            );
        }
    }

    #[test]
    fn hostile_and_foreign_files_are_refused_clearly() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><feed>&lol2;</feed>"#;
        assert!(matches!(
            read(laughs.as_bytes(), |_| {}),
            Err(ReadError::Entities { .. })
        ));
        let external = r#"<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed>&x;</feed>"#;
        assert!(matches!(
            read(external.as_bytes(), |_| {}),
            Err(ReadError::Entities { .. })
        ));
        let unknown = "<feed><title>&nbsp;</title></feed>";
        assert!(matches!(
            read(unknown.as_bytes(), |_| {}),
            Err(ReadError::UnknownEntity { .. })
        ));
        let wxr = r#"<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>"#;
        let error = read(wxr.as_bytes(), |_| {}).unwrap_err().to_string();
        assert!(error.contains("minbar import wxr"), "{error}");
        let truncated = "<feed><entry><title>نص</title>";
        let _ = read(truncated.as_bytes(), |_| {});
        let broken = "<feed><entry><title>نص</titel></entry></feed>";
        assert!(matches!(
            read(broken.as_bytes(), |_| {}),
            Err(ReadError::Malformed { .. })
        ));
    }
}
