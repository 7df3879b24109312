//! View models: one plain struct per page, with every value ready to display (localized dates,
//! encoded URLs). Templates receive these and nothing else. Everything is re-exported here, so
//! handlers name `views::PostView`, `views::encode_path`….
//!
//! - `layout`: what every page shares, post cards, dates, static and error pages;
//! - `lists`: the home page, archives and label pages, search results, the pager;
//! - `post`: the post page, its share links and what search engines read;
//! - `comments`: a post's comments, the comment form, the outside provider's tab;
//! - `notes`: corrections and updates, on their post and on the corrections page;
//! - `urls`: paths and query values percent-encoded for links.

mod comments;
mod layout;
mod lists;
mod notes;
mod post;
mod urls;

pub use comments::{CommentFormView, CommentView, CommentsView, LIMITS, Limits, OutsideView};
pub use layout::{ErrorView, Layout, Link, PageBody, PageView, PostCard, error_keys};
pub use lists::{HomeView, ListView, Pager, SearchResultView, SearchView};
pub use notes::{CorrectionsView, ListedNote, NoteView};
pub use post::{
    CommentsShown, CoverImage, PostBody, PostView, SeoView, ShareLinks, TitlePart, TranslationLink,
    title_parts,
};
pub use urls::{encode_path, label_url};
