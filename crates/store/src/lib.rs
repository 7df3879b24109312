//! Minbar's storage, and the only place in the project that speaks SQL.
//!
//! One [`Store`] API over two engines: SQLite (one WAL-mode file in the data directory, the
//! default) and PostgreSQL (for many stateless nodes). Both run the same queries through sqlx's
//! `Any` driver, so the queries are written once in the SQL both understand (`$1` parameters,
//! `RETURNING`, `ON CONFLICT`); only the migrations have one file per engine. Times are stored as
//! Unix seconds and flags as integers, because those decode the same on both engines.
//!
//! Every write that changes what a page could show appends a row to the `outbox` in the same
//! transaction, so caches and search indexes can follow the changes by sequence number.
//!
//! Modules are named for the entity they query: [`posts`], [`pages`], [`labels`], [`comments`],
//! [`site`], [`authors`], [`users`] (accounts and sessions), [`outbox`], [`imports`] (one
//! export in one transaction), [`redirects`] (old addresses of imported sites).

pub mod archive;
pub mod authors;
pub mod backup;
pub mod bans;
pub mod comments;
pub mod editing;
mod error;
pub mod imports;
pub mod jobs;
pub mod labels;
pub mod media;
mod migrate;
pub mod notes;
pub mod outbox;
pub mod pages;
pub mod posts;
pub mod redirects;
pub mod remote_images;
mod replica;
pub mod signal;
pub mod site;
#[cfg(feature = "testing")]
pub mod testing;
pub mod users;

pub use error::StoreError;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `$first, $first+1, …` for `count` parameters: the only text ever spliced into dynamic SQL
/// besides constant column lists.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Results of store calls.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The database engine behind a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection pool to the site's database. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// The SQLite file, when the store is one.
    file: Option<std::path::PathBuf>,
    /// The PostgreSQL URL, for the connection that listens for other nodes' changes (a pool of
    /// the `Any` driver cannot `LISTEN`).
    postgres_url: Option<std::sync::Arc<str>>,
    /// A streaming replica for public reads, when the node was given one.
    replica: Option<std::sync::Arc<replica::Replica>>,
}

/// When SQLite reports a commit. PostgreSQL's own setting (`synchronous_commit`, on by default)
/// decides there; this touches only SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `synchronous = FULL`: the write-ahead log is flushed to the disk at every commit, so an
    /// acknowledged write survives a crash of the machine, not only of the process. The default.
    #[default]
    Full,
    /// `synchronous = NORMAL`: flushed at checkpoints only. A commit survives a crash of the
    /// process but may be rolled back by a power loss (SQLite's documentation says so). Kept for
    /// measuring what durability costs; no command offers it.
    Normal,
}

impl Durability {
    fn pragma(self) -> &'static str {
        match self {
            Durability::Full => {
                "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;"
            }
            Durability::Normal => {
                "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;"
            }
        }
    }
}

/// The SQLite file's name inside the data directory.
pub const SQLITE_FILE: &str = "minbar.db";

impl Store {
    /// Opens the database `database_url` names, or, without one, the SQLite file in `data_dir`
    /// (creating the directory and the file). Runs pending migrations either way.
    pub async fn open(data_dir: &Path, database_url: Option<&str>) -> Result<Self> {
        let store = match database_url {
            Some(url) => Self::connect(url).await?,
            None => Self::open_sqlite_dir(data_dir).await?,
        };
        migrate::run(&store).await?;
        Ok(store)
    }

    /// Opens (and creates) the SQLite database in `data_dir`, after checking that the directory
    /// can be written, so an operator hears which directory is wrong and why before anything else.
    async fn open_sqlite_dir(data_dir: &Path) -> Result<Self> {
        let dir = prepare_data_dir(data_dir)?;
        let file = dir.join(SQLITE_FILE);
        let url = format!("sqlite://{}?mode=rwc", file.display());
        Self::connect(&url).await
    }

    /// Connects to `url` (`sqlite://…` or `postgres://…`) without migrating, durably.
    pub async fn connect(url: &str) -> Result<Self> {
        Self::connect_with(url, Durability::Full).await
    }

    /// [`Store::connect`], with SQLite committing as `durability` says.
    pub async fn connect_with(url: &str, durability: Durability) -> Result<Self> {
        install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(redact_url(url)));
        };
        let options = AnyPoolOptions::new()
            .max_connections(if engine == Engine::Sqlite { 8 } else { 16 })
            // A request waits at most this long for a connection before the reader is told the
            // site is briefly unavailable (503): with the database server down, no request
            // hangs. A local SQLite file is never "down": a wait there is load, so it is longer.
            .acquire_timeout(if engine == Engine::Sqlite {
                Duration::from_secs(10)
            } else {
                ACQUIRE_TIMEOUT
            });
        let options = if engine == Engine::Sqlite {
            // A file on this machine does not drop connections: skip the ping before each use,
            // which costs a round trip to the connection's worker thread on every query.
            options
                .test_before_acquire(false)
                // A transaction whose COMMIT or ROLLBACK failed (an I/O error, a full disk) can
                // leave its connection inside the transaction, holding the write lock and an
                // old snapshot: every later write would wait and fail with "database is locked"
                // and reads would miss newer rows. Such a connection is closed (which rolls
                // back) instead of going back to the pool.
                .after_release(|conn, _meta| {
                    Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) })
                })
                .after_connect(move |conn, _meta| {
                    Box::pin(async move {
                        // Each connection: enforce foreign keys, wait for a writer instead of
                        // failing, and flush commits as durably as asked.
                        conn.execute(durability.pragma()).await?;
                        Ok(())
                    })
                })
        } else {
            options
        };
        let pool = options
            .connect(url)
            .await
            .map_err(|source| StoreError::Connect {
                url: redact_url(url),
                source,
            })?;
        if engine == Engine::Sqlite {
            // WAL lets readers go on while one writer writes; the mode is kept in the file.
            pool.execute("PRAGMA journal_mode = WAL").await?;
        }
        let file = (engine == Engine::Sqlite)
            .then(|| {
                let path = url
                    .trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:");
                let path = path.split('?').next().unwrap_or("");
                (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
            })
            .flatten();
        let postgres_url = (engine == Engine::Postgres).then(|| std::sync::Arc::from(url));
        Ok(Store {
            pool,
            engine,
            file,
            postgres_url,
            replica: None,
        })
    }

    /// SQLite's write-ahead log, which grows with every commit by any process: watching it
    /// tells a cache that something was written without asking the database.
    pub fn write_log(&self) -> Option<std::path::PathBuf> {
        self.file.as_ref().map(|f| {
            let mut name = f.clone().into_os_string();
            name.push("-wal");
            std::path::PathBuf::from(name)
        })
    }

    /// Creates the tables if they are missing. [`Store::open`] does this already.
    pub async fn migrate(&self) -> Result<()> {
        migrate::run(self).await
    }

    /// SQLite's journal mode (`wal` for a store opened here); the engine's name on PostgreSQL.
    pub async fn journal_mode(&self) -> Result<String> {
        match self.engine {
            Engine::Sqlite => Ok(sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&self.pool)
                .await?),
            Engine::Postgres => Ok("postgres".to_owned()),
        }
    }

    /// SQLite's `synchronous` setting as it answers (`2` is FULL, `1` NORMAL); `None` on
    /// PostgreSQL.
    pub async fn sqlite_synchronous(&self) -> Result<Option<i64>> {
        match self.engine {
            Engine::Sqlite => Ok(Some(
                sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(&self.pool)
                    .await?,
            )),
            Engine::Postgres => Ok(None),
        }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Closes every connection; pending writes are finished first.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub(crate) fn postgres_url(&self) -> Option<&str> {
        self.postgres_url.as_deref()
    }

    /// The newest migration applied to the database.
    pub async fn schema_version(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(version) FROM schema_migrations")
                .fetch_one(&self.pool)
                .await?
                .unwrap_or(0),
        )
    }

    /// Connections open in the pool and how many of them are idle, for the metrics.
    pub fn pool_state(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }
}

/// Creates `dir` if needed and proves it writable by creating and removing a file in it.
fn prepare_data_dir(dir: &Path) -> Result<PathBuf> {
    let fail = |source: std::io::Error| StoreError::DataDir {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let probe = dir.join(".minbar-write-check");
    std::fs::write(&probe, b"ok").map_err(fail)?;
    std::fs::remove_file(&probe).map_err(fail)?;
    dir.canonicalize().map_err(fail)
}

/// The URL without its password, fit for an error message or a log line.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Seconds added to the real time: zero except in tests that need time to pass (session
/// lifetimes), which set it once, at startup, through [`set_clock_offset`].
static CLOCK_OFFSET: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// How long a request waits for a connection to a PostgreSQL server.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// The current time in Unix seconds: the one clock every crate reads, so a test that moves it
/// moves it for sessions, comments, scheduling and search alike.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second() + CLOCK_OFFSET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Moves [`now`] by `seconds` for the rest of the process (a test's clock; see the binary's
/// hidden `MINBAR_TEST_CLOCK_OFFSET`).
pub fn set_clock_offset(seconds: i64) {
    CLOCK_OFFSET.store(seconds, std::sync::atomic::Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://minbar:s3cret@db:5432/minbar"),
            "postgres://minbar:***@db:5432/minbar"
        );
        assert_eq!(redact_url("postgres://db/minbar"), "postgres://db/minbar");
    }
}
