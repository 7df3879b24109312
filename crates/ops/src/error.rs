//! The one error of the operations: refused for a reason a person can fix ([`Refusal`]), not
//! allowed, not there, or a failure of the store underneath.

use minbar_content::comment_checks::CommentRefusal;
use minbar_content::{ContentError, DraftError, ParseValueError, SettingsError};
use minbar_store::StoreError;

/// Why an operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// The actor's role does not allow it.
    #[error("your role does not allow this")]
    Forbidden,
    /// What the operation names does not exist (or is not the actor's to see).
    #[error("not found")]
    NotFound,
    /// The input breaks a rule; nothing was written.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The database failed; the cause is for the log, not for the person.
    #[error("store: {0}")]
    Store(StoreError),
    /// Media storage failed (a full disk, an object store that does not answer); logged.
    #[error("media storage: {0}")]
    Storage(String),
    /// Media storage has no room left: nothing was kept, and it works again once space is freed.
    #[error("media storage is full: {0}")]
    StorageFull(String),
}

impl From<StoreError> for OpError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => OpError::NotFound,
            StoreError::Translation(error) => OpError::Refused(Refusal::Translation(error)),
            StoreError::Stale => OpError::Refused(Refusal::Stale),
            other => OpError::Store(other),
        }
    }
}

/// A rule the input broke. [`Refusal::key`] names the message the admin shows (translated by
/// the templates); `Display` is the sentence the API and the command line give.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Draft(#[from] DraftError),
    #[error("a page with this slug exists")]
    SlugTaken,
    #[error(transparent)]
    Translation(minbar_content::TranslationError),
    #[error(transparent)]
    Note(minbar_content::notes::NoteError),
    #[error("the post was saved by someone else since you opened it; nothing was overwritten")]
    Stale,
    #[error("not a Telegram channel message (https://t.me/channel/123)")]
    Telegram,
    #[error(transparent)]
    Comment(#[from] CommentRefusal),
    #[error(transparent)]
    Image(#[from] crate::media::ImageRefusal),
    #[error("not an address or an address range (203.0.113.0/24, 2001:db8::/48)")]
    BanRange,
    #[error(
        "a banned word must have 1 to {} characters",
        crate::bans::MAX_BAN_WORD_CHARS
    )]
    BanWord,
    #[error("the name must have 1 to {} characters", crate::users::MAX_NAME_CHARS)]
    UserName,
    #[error("'{0}' is not an e-mail address")]
    Email(String),
    #[error(transparent)]
    Role(ParseValueError),
    #[error(transparent)]
    Password(#[from] crate::users::PasswordError),
    #[error("there is already a user with the e-mail {0}")]
    EmailTaken(String),
    #[error("the site must keep at least one admin")]
    LastAdmin,
    #[error("you cannot remove your own account")]
    RemoveSelf,
}

impl Refusal {
    /// The key of the message the admin shows.
    pub fn key(&self) -> &'static str {
        match self {
            Refusal::Settings(error) => error.key(),
            Refusal::Content(error) => match error {
                ContentError::EmptyTitle => "editor-error-empty-title",
                ContentError::TitleTooLong => "editor-error-long-title",
                ContentError::EmptyBody => "editor-error-empty-body",
            },
            Refusal::Draft(error) => error.key(),
            Refusal::SlugTaken => "pages-error-slug-taken",
            Refusal::Translation(error) => error.key(),
            Refusal::Note(error) => error.key(),
            Refusal::Stale => "editor-error-conflict",
            Refusal::Telegram => "discussion-error-telegram",
            Refusal::Comment(refusal) => refusal.key(),
            Refusal::Image(refusal) => refusal.key(),
            Refusal::BanRange => "bans-error-range",
            Refusal::BanWord => "bans-error-word",
            Refusal::UserName => "users-error-name",
            Refusal::Email(_) => "users-error-email",
            Refusal::Role(_) => "users-error-role",
            Refusal::Password(_) => "users-error-password",
            Refusal::EmailTaken(_) => "users-error-taken",
            Refusal::LastAdmin => "users-error-last-admin",
            Refusal::RemoveSelf => "users-error-self",
        }
    }
}
