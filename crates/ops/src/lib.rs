//! Every action a person can take on a Minbar site, written once: change the settings, manage
//! accounts and API tokens, write and publish posts and pages, upload media, submit and moderate
//! comments.
//!
//! The doors (the admin's HTML handlers and the JSON API in `minbar-web`, the `minbar` command
//! line) are thin adapters: they read a request into an operation's input, call it as an
//! [`Actor`], and turn its [`OpError`] into their own form (a localized page from
//! [`Refusal::key`], JSON with the refusal's sentence, an exit code and the same sentence). A
//! rule lives here, or in `minbar-content` when it needs no I/O, and nowhere else, so nothing one
//! door refuses is accepted by another.
//!
//! Invariant: no HTTP types and no SQL here; the store writes, the operation decides.

pub mod bans;
pub mod comments;
mod error;
pub mod media;
pub mod pages;
pub mod posts;
pub mod remote_media;
pub mod secrets;
pub mod settings;
pub mod users;

pub use error::{OpError, Refusal};

use minbar_content::{Role, User};

/// Who asks for an operation.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// Whoever runs the `minbar` command on the server: they hold the database, so every rule
    /// about input applies to them but no role does.
    Operator,
    /// A signed-in member of the newsroom (a browser session or an API token).
    User(&'a User),
}

impl Actor<'_> {
    /// Refuses unless the actor's role includes `role`.
    pub fn require(&self, role: Role) -> Result<(), OpError> {
        match self {
            Actor::Operator => Ok(()),
            Actor::User(user) if user.role.at_least(role) => Ok(()),
            Actor::User(_) => Err(OpError::Forbidden),
        }
    }

    /// Whether the actor's role includes `role`.
    pub fn is_at_least(&self, role: Role) -> bool {
        self.require(role).is_ok()
    }

    /// The account acting, if a person is.
    pub fn user(&self) -> Option<&User> {
        match self {
            Actor::Operator => None,
            Actor::User(user) => Some(user),
        }
    }
}

/// Now, in Unix seconds: the store's clock, which every crate reads.
pub use minbar_store::now;
