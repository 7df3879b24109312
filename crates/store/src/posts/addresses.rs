//! Addresses of published posts, for sitemaps: all of them in a stable order, and the recent
//! ones the news sitemap lists.

use crate::{Result, Store};
// Dynamic SQL here only ever splices the constant conditions of this module, never input.
use sqlx::{AssertSqlSafe, Row};

/// The address and last change of published posts, oldest first (so a sitemap file keeps its
/// URLs as the site grows), `limit` of them from `offset`, for sitemaps.
pub async fn addresses(store: &Store, offset: i64, limit: i64) -> Result<Vec<Address>> {
    addresses_where(
        store,
        "status = 'published' ORDER BY id LIMIT $1 OFFSET $2",
        limit,
        offset,
    )
    .await
}

/// Posts published since `since` (Unix seconds), newest first, at most `limit`: the news
/// sitemap.
pub async fn published_since(store: &Store, since: i64, limit: i64) -> Result<Vec<Address>> {
    addresses_where(
        store,
        "status = 'published' AND published_at >= $2 ORDER BY published_at DESC, id DESC LIMIT $1",
        limit,
        since,
    )
    .await
}

async fn addresses_where(
    store: &Store,
    condition: &'static str,
    first: i64,
    second: i64,
) -> Result<Vec<Address>> {
    let sql = format!(
        "SELECT id, path, updated_at, published_at, title, language, translation_group FROM posts WHERE {condition}"
    );
    let rows = sqlx::query(AssertSqlSafe(sql))
        .bind(first)
        .bind(second)
        .fetch_all(store.reads())
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Address {
                id: row.try_get("id")?,
                path: row.try_get("path")?,
                updated_at: row.try_get("updated_at")?,
                published_at: row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                title: row.try_get("title")?,
                language: row.try_get("language")?,
                translation_group: row.try_get("translation_group")?,
            })
        })
        .collect()
}

/// A published post's address, for sitemaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub id: i64,
    pub path: String,
    pub updated_at: i64,
    pub published_at: i64,
    pub title: String,
    /// The language it is written in; `None`: the site's.
    pub language: Option<String>,
    /// Posts sharing this number translate one another.
    pub translation_group: Option<i64>,
}
