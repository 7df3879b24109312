//! Reading the exports newsrooms leave other platforms with, as a stream of [`Item`]s: the site,
//! posts and pages, comments. Only reading lives here; writing the items into the store belongs
//! to the caller, so each format is tested on its own against the real export files.
//!
//! Parsing streams (quick-xml over a buffered reader), so a 500 MB export is read in flat memory.
//! It is lenient about namespaces (prefixes are ignored, as some real exports use undeclared
//! ones) and strict about what could hurt: a document type declaring entities (the "billion
//! laughs" and external-entity tricks) is refused, and an entity other than XML's five or a
//! character reference is an error.

pub mod blogger;
pub mod wxr;
mod xml;

pub use xml::ReadError;

/// Whether a post or page was on the site, a draft, or in the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Live,
    /// Published with a date still to come (WordPress's `future`).
    Scheduled,
    Draft,
    Trashed,
}

/// A post or a static page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Post,
    Page,
}

/// A post or page as the export has it. The HTML is as exported: the caller sanitizes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPost {
    /// The platform's own id, which makes importing the same file again change nothing.
    pub source_id: String,
    pub kind: Kind,
    pub status: Status,
    pub title: String,
    pub html: String,
    pub labels: Vec<String>,
    pub author: Option<String>,
    /// Unix seconds.
    pub published: Option<i64>,
    pub updated: Option<i64>,
    /// The path the post had (`/2019/01/blog-post_7.html`), kept exactly so old links work.
    /// `None` when the platform's addresses do not fit Minbar's (WordPress): Minbar makes one
    /// from `slug` and the old ones in `old_links` redirect to it.
    pub path: Option<String>,
    /// The platform's own slug (WordPress's `post_name`, percent-decoded), if it has one.
    pub slug: Option<String>,
    /// Other addresses the post answered at (`/2018/10/20/hello/`, `/?p=12`), path and query
    /// only, to answer with a permanent redirect.
    pub old_links: Vec<String>,
    /// The attachment shown as the post's cover (WordPress's featured image), by the
    /// attachment's `source_id`.
    pub cover: Option<String>,
}

/// A reader's comment, with the post it belongs to and the comment it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedComment {
    pub source_id: String,
    pub post_source_id: String,
    pub parent_source_id: Option<String>,
    pub author: String,
    pub html: String,
    pub published: Option<i64>,
    /// False for a comment still waiting for moderation on the old site.
    pub approved: bool,
}

/// One thing read from an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Site {
        title: String,
        description: Option<String>,
    },
    Post(ImportedPost),
    Comment(ImportedComment),
    /// A file the old site kept (a WordPress attachment): its id and where it was served.
    Attachment {
        source_id: String,
        url: String,
    },
    /// An entry that is not content (settings, template) or of a kind not known, with why.
    Skipped {
        what: String,
    },
}

/// Unix seconds of an RFC 3339 time as exports write them (`2018-01-09T22:14:00.000+03:00`).
pub(crate) fn parse_time(text: &str) -> Option<i64> {
    text.trim()
        .parse::<jiff::Timestamp>()
        .ok()
        .map(|t| t.as_second())
}

/// The path of a URL (`https://x.blogspot.com/2018/01/a.html?m=1` → `/2018/01/a.html`).
pub(crate) fn url_path(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Some(path.to_owned())
}

/// A file of the shared test data (`../shared/data` beside the repository), or `None` after
/// saying so; under `CI=true` it must be there.
#[cfg(test)]
pub(crate) fn shared(name: &str) -> Option<std::path::PathBuf> {
    // The directory cargo names when it runs the test, which is where this checkout is now; the
    // one compiled in may be another checkout's when a build directory is shared.
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or(env!("CARGO_MANIFEST_DIR").into());
    let path = std::path::Path::new(&root)
        .join("../../../shared/data")
        .join(name);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is required under CI=true",
        path.display()
    );
    println!(
        "shared test data {} not found: this test did not run",
        path.display()
    );
    None
}
