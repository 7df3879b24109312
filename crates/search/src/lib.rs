//! Minbar's full-text search: a tantivy index of published posts that finds what a reader means
//! whatever spelling their keyboard gives.
//!
//! - [`analyzer`]: the tokenizer, built on `minbar_text`'s normalization and light stemmer, used
//!   for indexing, querying and highlighting alike.
//! - [`query`]: a forgiving reader of what was typed (`"phrases"`, `-exclusions`); no input is an
//!   error.
//! - [`index`]: the schema (title boosted, body, labels, hashtags, author, published time), the
//!   index on disk and its queries.
//! - [`follow`]: rebuilding from the store and following its outbox.
//!
//! Invariants: the index lives in the data directory and holds only published posts, each commit
//! records the outbox sequence number it reflects, and results are always read back from the store,
//! so a post unpublished a moment ago is never shown even before the index hears of it. The index
//! keeps no text of its own (terms and positions only), which keeps it small; snippets are cut
//! from the post text the store returns.

pub mod analyzer;
pub mod follow;
pub mod index;
pub mod query;

pub use index::{Filters, Highlighter, Hits, Rebuild, SearchIndex, WriterSize};
pub use query::{MAX_QUERY_CHARS, ParsedQuery, parse};

use minbar_store::{Store, StoreError};
use std::path::PathBuf;

/// The index's directory inside the data directory.
pub const INDEX_DIR: &str = "search";

/// Results per page.
pub const PER_PAGE: usize = 10;

/// The deepest page a reader can ask for: beyond it, ranking costs grow and nobody reads.
pub const MAX_PAGE: usize = 100;

/// Bytes of body text around the matches shown under a result (about 120 Arabic letters).
const SNIPPET_BYTES: usize = 260;

pub use index::LEAD_CHARS;

/// What can go wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search index in {0} is in use by another minbar process")]
    Locked(PathBuf),
    #[error("cannot write the search index in {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("the search index is unreadable: {0}")]
    Corrupt(String),
    #[error("the search index has fields of another version")]
    OtherSchema,
    #[error("search index error in {0}: {1}")]
    Index(PathBuf, String),
    #[error("the search index writer was left broken by a panic")]
    Poisoned,
    #[error("a search task failed: {0}")]
    Task(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SearchError {
    fn from_tantivy(dir: &std::path::Path, error: tantivy::TantivyError) -> Self {
        match error {
            tantivy::TantivyError::LockFailure(..) => SearchError::Locked(dir.to_owned()),
            tantivy::TantivyError::DataCorruption(e) => SearchError::Corrupt(format!("{e:?}")),
            other => SearchError::Index(dir.to_owned(), other.to_string()),
        }
    }
}

/// Results of search calls.
pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// A search as a reader asks it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    /// 1-based.
    pub page: usize,
}

/// One result, ready to show: the HTML fields are escaped, with `<mark>` around matched words.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub path: String,
    pub title: String,
    pub title_html: String,
    pub snippet_html: String,
    pub published_at: i64,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchPage {
    pub results: Vec<Found>,
    pub total: usize,
    pub page: usize,
    /// Nothing to look for: show a hint, not an error.
    pub empty_query: bool,
    /// The query was cut to [`MAX_QUERY_CHARS`] or to its first words.
    pub truncated: bool,
}

/// Runs a search and reads the results back from the store, in rank order.
pub async fn search(
    index: &SearchIndex,
    store: &Store,
    request: &SearchRequest,
    now: i64,
) -> Result<SearchPage> {
    let parsed = parse(&request.query);
    let page = request.page.clamp(1, MAX_PAGE);
    let mut out = SearchPage {
        page,
        empty_query: parsed.is_empty() && request.filters == Filters::default(),
        truncated: parsed.truncated,
        ..SearchPage::default()
    };
    if out.empty_query {
        return Ok(out);
    }
    let hits = index.search(
        &parsed,
        &request.filters,
        now,
        (page - 1) * PER_PAGE,
        PER_PAGE,
    )?;
    out.total = hits.total;
    if hits.ids.is_empty() {
        return Ok(out);
    }
    // One character past the opening, so the highlighter knows when the body goes on.
    let documents = minbar_store::posts::result_documents(store, &hits.ids, LEAD_CHARS + 1).await?;
    let highlighter = index.highlighter(&parsed, SNIPPET_BYTES)?;
    out.results = documents
        .into_iter()
        .map(|doc| Found {
            title_html: highlighter.title_html(&doc.title),
            snippet_html: highlighter
                .body_html(&doc.body_text)
                .unwrap_or_else(|| index::escape(&doc.excerpt)),
            path: doc.path,
            title: doc.title,
            published_at: doc.published_at,
        })
        .collect();
    Ok(out)
}
