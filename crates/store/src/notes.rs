//! Corrections and updates to published posts: written with the post's new modification time
//! and its change in one transaction, read with the post and for the corrections page.

use crate::error::parse_stored;
use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use minbar_content::PostId;
use minbar_content::notes::{NoteKind, NotePlacement, PostNote};
use sqlx::Row;
use sqlx::any::AnyRow;

/// Adds a note to post `id`, moves the post's modification time to now (its `dateModified` and
/// its feeds' `updated`), and records the change. [`StoreError::NotFound`] when there is no
/// such post.
pub async fn add(
    store: &Store,
    id: PostId,
    (kind, placement, body): (NoteKind, NotePlacement, &str),
    author_id: Option<i64>,
) -> Result<PostNote> {
    let now = crate::now();
    let mut tx = store.pool().begin().await?;
    let path: Option<String> =
        sqlx::query_scalar("UPDATE posts SET updated_at = $1 WHERE id = $2 RETURNING path")
            .bind(now)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    let note_id: i64 = sqlx::query_scalar(
        "INSERT INTO post_notes (post_id, kind, placement, body, created_at, author_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(id.0)
    .bind(kind.as_str())
    .bind(placement.as_str())
    .bind(body)
    .bind(now)
    .bind(author_id)
    .fetch_one(&mut *tx)
    .await?;
    outbox::append(&mut tx, Entity::Post, id.0, Action::Update, Some(&path)).await?;
    tx.commit().await?;
    Ok(PostNote {
        id: note_id,
        kind,
        placement,
        body: body.to_owned(),
        created_at: now,
    })
}

fn note_of(row: &AnyRow) -> Result<PostNote> {
    Ok(PostNote {
        id: row.try_get("id")?,
        kind: parse_stored("note kind", row.try_get("kind")?)?,
        placement: parse_stored("note placement", row.try_get("placement")?)?,
        body: row.try_get("body")?,
        created_at: row.try_get("created_at")?,
    })
}

/// A post's notes, oldest first.
pub async fn for_post(store: &Store, id: PostId) -> Result<Vec<PostNote>> {
    let rows = sqlx::query(
        "SELECT id, kind, placement, body, created_at FROM post_notes
         WHERE post_id = $1 ORDER BY created_at, id",
    )
    .bind(id.0)
    .fetch_all(store.reads())
    .await?;
    rows.iter().map(note_of).collect()
}

/// The notes of several posts (a feed's), oldest first, each with its post's id.
pub async fn for_posts(store: &Store, ids: &[PostId]) -> Result<Vec<(PostId, PostNote)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Only the placeholders' numbers are spliced in, never input.
    let sql = format!(
        "SELECT id, post_id, kind, placement, body, created_at FROM post_notes
         WHERE post_id IN ({}) ORDER BY created_at, id",
        crate::placeholders(1, ids.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id.0);
    }
    let rows = query.fetch_all(store.reads()).await?;
    rows.iter()
        .map(|row| Ok((PostId(row.try_get("post_id")?), note_of(row)?)))
        .collect()
}

/// A note as the corrections page lists it: with its post's address and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub note: PostNote,
    pub path: String,
    pub title: String,
}

/// The notes of published posts, newest first, and how many there are.
pub async fn published(store: &Store, limit: i64, offset: i64) -> Result<(Vec<Listed>, i64)> {
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM post_notes n JOIN posts p ON p.id = n.post_id
         WHERE p.status = 'published'",
    )
    .fetch_one(store.reads())
    .await?;
    let rows = sqlx::query(
        "SELECT n.id, n.kind, n.placement, n.body, n.created_at, p.path, p.title
         FROM post_notes n JOIN posts p ON p.id = n.post_id WHERE p.status = 'published'
         ORDER BY n.created_at DESC, n.id DESC LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(store.reads())
    .await?;
    let listed = rows
        .iter()
        .map(|row| {
            Ok(Listed {
                note: note_of(row)?,
                path: row.try_get("path")?,
                title: row.try_get("title")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((listed, total))
}
