//! Minbar's fuzz targets: one function per parser that takes a stranger's bytes, each feeding
//! them to the real code and checking, beside "no panic", the properties that code promises.
//!
//! The functions live here, in an ordinary workspace crate, rather than in `fuzz/` so that the
//! stable test suite can replay every corpus entry and every crash found through them
//! (`tests/replay.rs`), while `fuzz/` (nightly, `cargo fuzz`) holds only one-line wrappers. A
//! violated property is a panic, which libFuzzer reports as a crash like any other.
//!
//! - [`text`]: Arabic normalization, stemming and the word splitter, hashtags.
//! - [`html`]: Markdown and outside HTML through the allow-list sanitizer.
//! - [`import`]: the Blogger and WordPress export readers.
//! - [`query`]: the search box.
//! - [`comment_form`]: a reader's comment form body and its checks.
//! - [`image`]: upload decoding, bounded so one input cannot take minutes.

// A fuzz target's job is to panic on a broken promise; asserting is its only way to speak.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod comment_form;
pub mod html;
pub mod image;
pub mod import;
pub mod query;
pub mod text;

use std::borrow::Cow;

pub use self::image::image;
pub use comment_form::comment_form;
pub use html::{markdown, sanitize};
pub use import::{blogger, wxr};
pub use query::search_query;
pub use text::{hashtags, normalize, stem};

/// A fuzz target: takes any bytes, panics only when a promise of the code under test is broken.
pub type Target = fn(&[u8]);

/// Every target by the name of its `fuzz/fuzz_targets/<name>.rs` and its corpus directories
/// (`fuzz/corpus/<name>`, `fuzz/artifacts/<name>`), which the replay test walks.
pub const TARGETS: &[(&str, Target)] = &[
    ("normalize", normalize),
    ("stem", stem),
    ("hashtags", hashtags),
    ("markdown", markdown),
    ("sanitize", sanitize),
    ("blogger", blogger),
    ("wxr", wxr),
    ("search_query", search_query),
    ("comment_form", comment_form),
    ("image", image),
];

/// The text a stranger's bytes stand for, as every door of ours reads it: invalid UTF-8 becomes
/// U+FFFD rather than a refusal, so every input the fuzzer makes tests the parser, not
/// `from_utf8`.
pub(crate) fn text_of(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}
