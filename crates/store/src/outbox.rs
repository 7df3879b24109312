//! The outbox: an ordered log of every change a page could show.
//!
//! Writers append in the same transaction as the change itself; followers (page caches, search
//! indexes, other nodes) read everything after the last sequence number they applied.

use crate::{Result, Store};
use sqlx::{Any, Row, Transaction};

/// One change: which entity, which row, what happened, and the public path it touches, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub path: Option<String>,
}

/// Appends a change inside the writer's transaction.
pub(crate) async fn append(
    tx: &mut Transaction<'_, Any>,
    entity: &str,
    entity_id: i64,
    action: &str,
    path: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO outbox (entity, entity_id, action, path, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(action)
    .bind(path)
    .bind(crate::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The changes after `seq`, oldest first, at most `limit`.
pub async fn since(store: &Store, seq: i64, limit: i64) -> Result<Vec<Change>> {
    let rows = sqlx::query(
        "SELECT seq, entity, entity_id, action, path FROM outbox WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(seq)
    .bind(limit)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Change {
                seq: row.try_get("seq")?,
                entity: row.try_get("entity")?,
                entity_id: row.try_get("entity_id")?,
                action: row.try_get("action")?,
                path: row.try_get("path")?,
            })
        })
        .collect()
}

/// The newest sequence number, or 0 for an empty outbox.
pub async fn latest(store: &Store) -> Result<i64> {
    let seq: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM outbox")
        .fetch_one(store.pool())
        .await?;
    Ok(seq.unwrap_or(0))
}
