//! What the moderators refuse: address ranges whose comments are turned away, and words that
//! send a comment to the spam folder.

use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use minbar_content::BanKind;
use sqlx::Row;

/// One entry of the list, as the moderator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ban {
    pub id: i64,
    pub kind: BanKind,
    /// What is matched: a CIDR range, or a word passed through `minbar_text::normalize`.
    pub value: String,
    /// As the moderator typed it.
    pub shown: String,
    pub created_at: i64,
}

/// Adds an entry; adding one that is already there changes nothing.
pub async fn add(store: &Store, kind: BanKind, value: &str, shown: &str) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    sqlx::query(
        "INSERT INTO comment_bans (kind, value, shown, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kind, value) DO NOTHING",
    )
    .bind(kind.as_str())
    .bind(value)
    .bind(shown)
    .bind(crate::now())
    .execute(&mut *tx)
    .await?;
    outbox::append(&mut tx, Entity::Ban, 0, Action::Insert, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes an entry.
pub async fn remove(store: &Store, id: i64) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let done = sqlx::query("DELETE FROM comment_bans WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    outbox::append(&mut tx, Entity::Ban, id, Action::Delete, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Every entry, newest first.
pub async fn list(store: &Store) -> Result<Vec<Ban>> {
    let rows = sqlx::query(
        "SELECT id, kind, value, shown, created_at FROM comment_bans ORDER BY created_at DESC, id DESC",
    )
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Ban {
                id: row.try_get("id")?,
                kind: crate::error::parse_stored("ban kind", row.try_get("kind")?)?,
                value: row.try_get("value")?,
                shown: row.try_get("shown")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

/// The values of one kind of entry.
pub async fn values(store: &Store, kind: BanKind) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM comment_bans WHERE kind = $1 ORDER BY id")
            .bind(kind.as_str())
            .fetch_all(store.pool())
            .await?,
    )
}
