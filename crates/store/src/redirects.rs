//! Old addresses that answer with a permanent redirect (see migration 10).

use crate::{Result, Store};

/// Where an old address now lives, if it is one.
pub async fn target(store: &Store, from_path: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT to_path FROM redirects WHERE from_path = $1")
            .bind(from_path)
            .fetch_optional(store.pool())
            .await?,
    )
}

/// Every redirect, ordered by old address, for the export.
pub async fn all(store: &Store) -> Result<Vec<(String, String)>> {
    Ok(
        sqlx::query_as("SELECT from_path, to_path FROM redirects ORDER BY from_path")
            .fetch_all(store.pool())
            .await?,
    )
}
