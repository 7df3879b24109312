//! The journal of images brought in from other hosts, and the bodies that still show some.
//!
//! A photo (every size of it, under one key) is tried once: the stored copy's name, or the
//! reason it could not be had, is written the moment it is known, the copy's media row in the
//! same transaction, so an import stopped halfway starts again without fetching it twice.

use crate::outbox::{self, Action, Entity};
use crate::{Result, Store};
use minbar_content::BodyFormat;
use sqlx::Row;
use std::collections::HashMap;

/// What the journal knows of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tried {
    /// Stored under this media name.
    Stored(String),
    /// Could not be had, for this reason.
    Failed(String),
}

/// Every photo tried, by key.
pub async fn journal(store: &Store) -> Result<HashMap<String, Tried>> {
    let rows = sqlx::query("SELECT photo, media_name, reason FROM remote_images")
        .fetch_all(store.pool())
        .await?;
    rows.into_iter()
        .map(|row| {
            let photo: String = row.try_get("photo")?;
            let name: Option<String> = row.try_get("media_name")?;
            let reason: Option<String> = row.try_get("reason")?;
            let tried = match name {
                Some(name) => Tried::Stored(name),
                None => Tried::Failed(reason.unwrap_or_default()),
            };
            Ok((photo, tried))
        })
        .collect()
}

/// Records a photo stored as `media`, with its media row, in one transaction.
pub async fn stored(
    store: &Store,
    photo: &str,
    url: &str,
    media: &crate::media::MediaRow,
) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    crate::media::insert_in(&mut tx, media, None).await?;
    record(&mut tx, photo, url, Some(&media.name), None).await?;
    tx.commit().await?;
    Ok(())
}

/// Records a photo that could not be had, and why.
pub async fn failed(store: &Store, photo: &str, url: &str, reason: &str) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    record(&mut tx, photo, url, None, Some(reason)).await?;
    tx.commit().await?;
    Ok(())
}

async fn record(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    photo: &str,
    url: &str,
    name: Option<&str>,
    reason: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO remote_images (photo, url, media_name, reason, tried_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (photo) DO UPDATE SET url = excluded.url, media_name = excluded.media_name,
             reason = excluded.reason, tried_at = excluded.tried_at",
    )
    .bind(photo)
    .bind(url)
    .bind(name)
    .bind(reason)
    .bind(crate::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Forgets the photos that could not be had, so the next run tries them again. Returns how
/// many.
pub async fn forget_failures(store: &Store) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM remote_images WHERE media_name IS NULL")
            .execute(store.pool())
            .await?
            .rows_affected(),
    )
}

/// A post's or page's body, as `minbar media fetch-remote` reads and rewrites it.
#[derive(Debug, Clone)]
pub struct Body {
    pub entity: Entity,
    pub id: i64,
    pub format: BodyFormat,
    pub source: String,
    pub html: String,
}

/// The posts and pages whose HTML takes an image or a link from an absolute address: the only
/// ones that may show an image from another host.
pub async fn bodies_with_addresses(store: &Store) -> Result<Vec<Body>> {
    let rows = sqlx::query(
        "SELECT 'post' AS kind, id, body_format, body_source, body_html FROM posts
         WHERE body_html LIKE '%=\"http%'
         UNION ALL
         SELECT 'page' AS kind, id, body_format, body_source, body_html FROM pages
         WHERE body_html LIKE '%=\"http%'
         ORDER BY kind, id",
    )
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(Body {
                entity: if kind == "page" {
                    Entity::Page
                } else {
                    Entity::Post
                },
                id: row.try_get("id")?,
                format: crate::error::parse_stored("body format", row.try_get("body_format")?)?,
                source: row.try_get("body_source")?,
                html: row.try_get("body_html")?,
            })
        })
        .collect()
}

/// Puts the site's addresses of its images in a body, as `source` and its rendered `html`. Not
/// an editor's change: no revision, and its time of change stays; the cached pages showing it
/// are told to go.
pub async fn swap_body(store: &Store, body: &Body, source: &str, html: &str) -> Result<()> {
    let statement = match body.entity {
        Entity::Page => {
            "UPDATE pages SET body_source = $1, body_html = $2 WHERE id = $3
             RETURNING '/p/' || slug || '.html'"
        }
        _ => "UPDATE posts SET body_source = $1, body_html = $2 WHERE id = $3 RETURNING path",
    };
    let mut tx = store.pool().begin().await?;
    let path: Option<String> = sqlx::query_scalar(statement)
        .bind(source)
        .bind(html)
        .bind(body.id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(path) = path else {
        return Err(crate::StoreError::NotFound);
    };
    outbox::append(
        &mut tx,
        body.entity.clone(),
        body.id,
        Action::Update,
        Some(&path),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
