//! A consistent copy of a SQLite site's database while it keeps serving and writing, and the
//! check a restored copy must pass. PostgreSQL has its own tools (`pg_dump`, base backups).

use crate::{Engine, Result, Store, StoreError};
use sqlx::Executor;
use std::path::Path;

/// Writes a consistent copy of the database into `file`, which must not exist: SQLite's
/// `VACUUM INTO` reads one snapshot (a read transaction), so writers go on meanwhile and the
/// copy holds every transaction committed before it began and none after.
pub async fn snapshot_into(store: &Store, file: &Path) -> Result<()> {
    if store.engine() != Engine::Sqlite {
        return Err(StoreError::Invalid(
            "a snapshot copies a SQLite database; back PostgreSQL up with pg_dump".into(),
        ));
    }
    let path = file
        .to_str()
        .ok_or_else(|| StoreError::Invalid("the backup path is not UTF-8".into()))?;
    sqlx::query("VACUUM INTO $1")
        .bind(path)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// SQLite's own check of every page and index: `ok`, or what is wrong. PostgreSQL checks its
/// pages itself; there it answers `ok`.
pub async fn integrity_check(store: &Store) -> Result<String> {
    match store.engine() {
        Engine::Sqlite => {
            let answers: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_all(store.pool())
                .await?;
            Ok(answers.join("; "))
        }
        Engine::Postgres => {
            store.pool().execute("SELECT 1").await?;
            Ok("ok".to_owned())
        }
    }
}
