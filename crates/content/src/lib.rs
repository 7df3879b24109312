//! Minbar's domain types and the turning of what a writer typed into HTML a reader can be shown.
//!
//! Invariant: this crate does no I/O. Rendering never fails: [`render_body`] always returns HTML,
//! plus warnings for the editor when something in the source was dropped. Every fragment of HTML
//! that leaves this crate has been through the allow-list in [`sanitize_html`], including the output
//! of Markdown, because Markdown passes raw HTML through. The one thing read from outside is the
//! system's time zone database, through jiff, in [`clock`].

// First, so the modules after it can declare their word enums with its `word_enum!`.
#[macro_use]
mod model;

pub mod clock;
pub mod comment_checks;
pub mod comments;
mod compose;
pub mod draft;
pub mod embed;
pub mod figures;
mod locale;
pub mod media;
pub mod notes;
mod redirect;
pub mod remote_images;
mod render;
pub mod settings;

pub use compose::{ContentError, MAX_TITLE_CHARS, PostInput, compose_page, compose_post};
pub use draft::{DraftError, PostDraft, compose_draft};
pub use locale::*;
pub use model::*;
pub use redirect::redirect_key;
pub use render::{ALLOWED_TAGS, Rendered, html_to_text, render_body, sanitize_html};
pub use settings::{SettingsError, SettingsText, check_settings};

/// Characters in an excerpt shown on list pages.
pub const EXCERPT_CHARS: usize = 220;

/// Featured posts the layout shows on every page. The page cache reads the same number to know
/// when a post's change alters every page.
pub const FEATURED_POSTS: i64 = 3;
