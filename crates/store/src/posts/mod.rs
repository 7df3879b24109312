//! Posts: writing them, and the reads every public page needs. One module per kind of work;
//! everything callers use is re-exported here, as `posts::insert`, `posts::feed`….
//!
//! - `write`: new posts, edits (keeping revisions), statuses, comments settings, deletion;
//! - `published`: one published post, the public lists, the posts of feeds;
//! - `admin`: posts of every status for staff, the editor's post and its revisions;
//! - `documents`: what the search index reads;
//! - `addresses`: what sitemaps list;
//! - `translations`: posts in several languages, linked as translations of one another;
//! - `rows`: the column lists and row readers the reads share.

mod addresses;
mod admin;
mod documents;
mod page;
mod published;
mod rows;
pub mod translations;
mod write;

pub use addresses::{Address, addresses, published_since};
pub use admin::{
    AdminFilter, count_by_status, for_editing, id_by_path, list_all, list_for_admin, revisions,
};
pub use documents::{documents, published_ids_after, result_documents};
pub use page::{PostPage, published_page};
pub use published::{
    InLanguage, Selection, count_published, featured, feed, list_by_month, list_published,
    list_selected, published_path,
};
pub use rows::Listing;
pub use write::{
    delete, insert, insert_many, insert_once, publish_due, set_discussion, set_status, update,
    update_at_version, version,
};
