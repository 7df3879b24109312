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
    /// The database was migrated by a newer Minbar: this one does not know its schema and must
    /// not write to it.
    #[error(
        "the database's schema is at migration {found}, newer than this Minbar knows (up to {known}): run the newer version, or restore a backup taken before that migration"
    )]
    SchemaNewer { found: i64, known: i64 },
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A row with the same unique value exists already; names what collided.
    #[error("{0} already exists")]
    Conflict(&'static str),
    /// A stored value cannot be read back as its type (a hand-edited database, say).
    #[error("the stored {what} '{value}' is not valid")]
    Corrupt { what: &'static str, value: String },
    /// The row changed since the writer read it: a save refused rather than overwriting a newer
    /// version.
    #[error("it was changed by someone else since it was opened")]
    Stale,
    /// A translation link the posts do not allow (a missing post, the same language, a language
    /// the group has already).
    #[error(transparent)]
    Translation(minbar_content::TranslationError),
    /// An archive or other input that cannot be used, with the reason.
    #[error("{0}")]
    Invalid(String),
    /// The database cannot be reached just now (a server down or restarting, a dropped
    /// connection, no free connection in time): worth retrying in a few seconds.
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// The disk under the database is full: nothing more can be written until space is freed.
    #[error("the database's disk is full: {0}")]
    Full(#[source] sqlx::Error),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(error),
            sqlx::Error::Database(db) => match db.code().as_deref().map(classify) {
                Some(Class::Unavailable) => StoreError::Unavailable(error),
                Some(Class::Full) => StoreError::Full(error),
                _ => StoreError::Database(error),
            },
            _ => StoreError::Database(error),
        }
    }
}

/// What a database error code says about the failure.
#[derive(Debug, PartialEq, Eq)]
enum Class {
    Unavailable,
    Full,
    Other,
}

/// Classifies a PostgreSQL SQLSTATE or a SQLite (extended) result code.
fn classify(code: &str) -> Class {
    // PostgreSQL: class 08 is a connection exception; 57P01–57P03 a server shutting down,
    // crashed or starting; 53100 disk full.
    if code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03") {
        return Class::Unavailable;
    }
    if code == "53100" {
        return Class::Full;
    }
    // SQLite's codes are numbers whose low byte is the primary code: 13 is SQLITE_FULL.
    match code.parse::<u32>().map(|c| c & 0xff) {
        Ok(13) => Class::Full,
        _ => Class::Other,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_say_down_or_full() {
        assert_eq!(classify("08006"), Class::Unavailable);
        assert_eq!(classify("57P01"), Class::Unavailable);
        assert_eq!(classify("53100"), Class::Full);
        assert_eq!(classify("13"), Class::Full);
        assert_eq!(classify("23505"), Class::Other);
        // SQLITE_IOERR_WRITE (10 | 3 << 8) is an I/O error, not a full disk.
        assert_eq!(classify("778"), Class::Other);
    }
}
