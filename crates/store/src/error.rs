//! The store's one error type.

use std::path::PathBuf;

/// What can go wrong in the store. SQL errors never leave as strings: a unique-constraint
/// violation becomes [`StoreError::Conflict`], a missing row [`StoreError::NotFound`].
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory cannot be created or written.
    #[error("the data directory {} cannot be used: {source}", path.display())]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The URL names an engine Minbar does not speak.
    #[error("unsupported database URL '{0}': use sqlite://… or postgres://…")]
    UnsupportedUrl(String),
    /// The database server could not be reached or refused the connection.
    #[error("cannot connect to the database at {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    /// `minbar init` has not been run on this database.
    #[error("the site is not set up yet: run `minbar init --title …` first")]
    NotInitialized,
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A row with the same unique value exists already; names what collided.
    #[error("{0} already exists")]
    Conflict(&'static str),
    /// A stored value cannot be read back as its type (a hand-edited database, say).
    #[error("the stored {what} '{value}' is not valid")]
    Corrupt { what: &'static str, value: String },
    /// An archive or other input that cannot be used, with the reason.
    #[error("{0}")]
    Invalid(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            _ => StoreError::Database(error),
        }
    }
}

/// Maps a unique-constraint violation to [`StoreError::Conflict`] naming `what`.
pub(crate) fn conflict_as(what: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |error| match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(what),
        _ => StoreError::from(error),
    }
}

/// Parses a stored word into its enum, or reports the row as corrupt.
pub(crate) fn parse_stored<T: std::str::FromStr>(
    what: &'static str,
    value: String,
) -> Result<T, StoreError> {
    value
        .parse()
        .map_err(|_| StoreError::Corrupt { what, value })
}
