//! Throwaway databases for tests, on both engines (behind the `testing` feature).
//!
//! PostgreSQL tests create a database of their own on the server named by
//! `MINBAR_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`) and drop it
//! afterwards. When that server cannot be reached, a test fails under `CI=true` and, elsewhere,
//! prints one line saying so and passes, so the test command works on a laptop without PostgreSQL.

use crate::{Result, Store};
use sqlx::{AssertSqlSafe, Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};

/// The admin URL tests create their databases through.
pub fn admin_url() -> String {
    std::env::var("MINBAR_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A PostgreSQL database made for one test; [`PostgresDb::drop_now`] removes it.
pub struct PostgresDb {
    pub url: String,
    name: String,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl PostgresDb {
    /// Creates a fresh, empty database, or returns `None` (after saying why) when no server
    /// answers outside CI. Under `CI=true` a missing server is a panic: CI must test both engines.
    pub async fn create() -> Option<Self> {
        sqlx::any::install_default_drivers();
        let admin = admin_url();
        let mut conn = match sqlx::AnyConnection::connect(&admin).await {
            Ok(conn) => conn,
            Err(error) => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "PostgreSQL is required under CI=true but {admin} cannot be reached: {error}"
                );
                println!(
                    "PostgreSQL not reachable at {admin} ({error}): PostgreSQL half of this test not run"
                );
                return None;
            }
        };
        let name = format!(
            "minbar_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            jiff::Timestamp::now().as_nanosecond() % 1_000_000_000
        );
        if let Err(error) = conn
            .execute(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
        {
            panic!("cannot create test database {name}: {error}");
        }
        let base = admin
            .rsplit_once('/')
            .map_or(admin.as_str(), |(base, _)| base);
        Some(PostgresDb {
            url: format!("{base}/{name}"),
            name,
        })
    }

    /// Drops the database, closing any connection still open to it.
    pub async fn drop_now(self) {
        if let Ok(mut conn) = sqlx::AnyConnection::connect(&admin_url()).await {
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            if let Err(error) = conn.execute(AssertSqlSafe(sql)).await {
                println!("could not drop test database {}: {error}", self.name);
            }
        }
    }
}

/// A migrated store on a fresh SQLite file in `dir`.
pub async fn sqlite_store(dir: &std::path::Path) -> Result<Store> {
    Store::open(dir, None).await
}

/// Runs `test` on a fresh SQLite store and, when a server is there, a fresh PostgreSQL store.
/// A failed assertion on PostgreSQL still lets the database be dropped.
pub async fn on_both_engines<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let Ok(dir) = tempfile::tempdir() else {
        panic!("cannot make a temporary directory for a test store");
    };
    match Store::open(dir.path(), None).await {
        Ok(store) => {
            assert_eq!(store.engine(), crate::Engine::Sqlite);
            test(store).await
        }
        Err(error) => panic!("cannot open a SQLite test store: {error}"),
    }
    if let Some(db) = PostgresDb::create().await {
        let store = match Store::open(dir.path(), Some(&db.url)).await {
            Ok(store) => store,
            Err(error) => panic!("cannot open a PostgreSQL test store: {error}"),
        };
        assert_eq!(store.engine(), crate::Engine::Postgres);
        let outcome = tokio::spawn(test(store.clone())).await;
        store.close().await;
        db.drop_now().await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic.into_panic());
        }
    }
}
