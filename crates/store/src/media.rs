//! Uploaded images: one row per full-size copy; the files themselves are in media storage.

use crate::{Result, Store};
use minbar_content::UserId;
use sqlx::{Any, Row, Transaction};

/// An uploaded image as the admin lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRow {
    pub name: String,
    pub content_type: String,
    pub width: i64,
    pub height: i64,
    pub bytes: i64,
    pub created_at: i64,
}

/// Records an upload; the same image uploaded again is recorded once.
pub async fn insert(store: &Store, row: &MediaRow, uploaded_by: Option<UserId>) -> Result<()> {
    insert_with(store.pool(), row, uploaded_by).await
}

/// [`insert`], inside a transaction that writes more.
pub(crate) async fn insert_in(
    tx: &mut Transaction<'_, Any>,
    row: &MediaRow,
    uploaded_by: Option<UserId>,
) -> Result<()> {
    insert_with(&mut **tx, row, uploaded_by).await
}

/// The one statement both write: alone on the pool (an upload) or in a transaction.
async fn insert_with<'e>(
    executor: impl sqlx::Executor<'e, Database = Any>,
    row: &MediaRow,
    uploaded_by: Option<UserId>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO media (name, content_type, width, height, bytes, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING",
    )
    .bind(&row.name)
    .bind(&row.content_type)
    .bind(row.width)
    .bind(row.height)
    .bind(row.bytes)
    .bind(uploaded_by.map(|u| u.0))
    .bind(row.created_at)
    .execute(executor)
    .await?;
    Ok(())
}

/// The latest uploads, newest first.
pub async fn recent(store: &Store, limit: i64) -> Result<Vec<MediaRow>> {
    let rows = sqlx::query(
        "SELECT name, content_type, width, height, bytes, created_at FROM media
         ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(MediaRow {
                name: row.try_get("name")?,
                content_type: row.try_get("content_type")?,
                width: row.try_get("width")?,
                height: row.try_get("height")?,
                bytes: row.try_get("bytes")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}
