//! Static pages at `/p/<slug>.html`.

use crate::error::conflict_as;
use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use minbar_content::{NewPage, Page, Slug};
use sqlx::Row;

/// Stores a new page; [`crate::StoreError::Conflict`] when the slug is taken.
pub async fn insert(store: &Store, page: &NewPage) -> Result<Page> {
    let now = crate::now();
    let path = format!("/p/{}.html", page.slug.as_str());
    let mut tx = store.pool().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO pages (slug, title, body_source, body_format, body_html, created_at, updated_at,
                            language)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
    )
    .bind(page.slug.as_str())
    .bind(&page.title)
    .bind(&page.body_source)
    .bind(page.body_format.as_str())
    .bind(&page.body_html)
    .bind(now)
    .bind(page.language.as_deref())
    .fetch_one(&mut *tx)
    .await
    .map_err(conflict_as("a page with this slug"))?;
    outbox::append(&mut tx, Entity::Page, id, Action::Insert, Some(&path)).await?;
    tx.commit().await?;
    Ok(Page {
        slug: page.slug.clone(),
        title: page.title.clone(),
        body_html: page.body_html.clone(),
        updated_at: now,
        language: page.language.clone(),
    })
}

/// The page with this slug (unencoded), if any.
pub async fn by_slug(store: &Store, slug: &str) -> Result<Option<Page>> {
    let row = sqlx::query(
        "SELECT slug, title, body_html, updated_at, language FROM pages WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(store.reads())
    .await?;
    row.map(|row| {
        Ok(Page {
            slug: Slug::from_stored(row.try_get("slug")?),
            title: row.try_get("title")?,
            body_html: row.try_get("body_html")?,
            updated_at: row.try_get("updated_at")?,
            language: row.try_get("language")?,
        })
    })
    .transpose()
}

/// Every page's slug and title, for the navigation.
pub async fn list(store: &Store) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query("SELECT slug, title FROM pages ORDER BY id")
        .fetch_all(store.reads())
        .await?;
    rows.into_iter()
        .map(|row| Ok((row.try_get("slug")?, row.try_get("title")?)))
        .collect()
}

/// A page's title and source, for the editor.
pub async fn source(store: &Store, slug: &str) -> Result<Option<(String, String)>> {
    let row = sqlx::query("SELECT title, body_source FROM pages WHERE slug = $1")
        .bind(slug)
        .fetch_optional(store.pool())
        .await?;
    row.map(|row| Ok((row.try_get("title")?, row.try_get("body_source")?)))
        .transpose()
}

/// Replaces a page's title and body; its slug, and so its address, stays. Records the change.
pub async fn update(store: &Store, slug: &str, page: &NewPage) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "UPDATE pages SET title = $1, body_source = $2, body_format = $3, body_html = $4,
                updated_at = $5, language = COALESCE($7, language) WHERE slug = $6 RETURNING id",
    )
    .bind(&page.title)
    .bind(&page.body_source)
    .bind(page.body_format.as_str())
    .bind(&page.body_html)
    .bind(crate::now())
    .bind(slug)
    .bind(page.language.as_deref())
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or(StoreError::NotFound)?;
    let path = format!("/p/{slug}.html");
    outbox::append(&mut tx, Entity::Page, id, Action::Update, Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}

/// Every page whole, newest change first, for the pages feed and the sitemap.
pub async fn all(store: &Store) -> Result<Vec<Page>> {
    let rows = sqlx::query(
        "SELECT slug, title, body_html, updated_at, language FROM pages
         ORDER BY updated_at DESC, id DESC",
    )
    .fetch_all(store.reads())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Page {
                slug: Slug::from_stored(row.try_get("slug")?),
                title: row.try_get("title")?,
                body_html: row.try_get("body_html")?,
                updated_at: row.try_get("updated_at")?,
                language: row.try_get("language")?,
            })
        })
        .collect()
}
