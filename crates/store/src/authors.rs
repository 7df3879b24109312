//! Authors: the people posts are signed by.

use crate::{Result, Store};

/// The id of the author named `name`, creating the author if there is none.
pub async fn ensure(store: &Store, name: &str) -> Result<i64> {
    if let Some(id) = sqlx::query_scalar::<_, i64>("SELECT id FROM authors WHERE name = $1")
        .bind(name)
        .fetch_optional(store.pool())
        .await?
    {
        return Ok(id);
    }
    let id =
        sqlx::query_scalar("INSERT INTO authors (name, created_at) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(crate::now())
            .fetch_one(store.pool())
            .await?;
    Ok(id)
}

/// The first author created (the site's own, made by `minbar init`), if any.
pub async fn first(store: &Store) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM authors ORDER BY id LIMIT 1")
            .fetch_optional(store.pool())
            .await?,
    )
}

/// Whether an author named `name` exists.
pub async fn exists(store: &Store, name: &str) -> Result<bool> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT id FROM authors WHERE name = $1")
            .bind(name)
            .fetch_optional(store.pool())
            .await?
            .is_some(),
    )
}
