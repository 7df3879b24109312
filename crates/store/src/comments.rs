//! Readers' comments and their moderation.

use crate::error::parse_stored;
use crate::{Result, Store, StoreError};
use minbar_content::{Comment, CommentId, CommentStatus, NewComment, PostId};
// Dynamic SQL here only ever splices the constant column lists of this module, never input.
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

const COLUMNS: &str = "id, post_id, parent_id, author_name, body, status, created_at";

fn comment(row: AnyRow) -> Result<Comment> {
    Ok(Comment {
        id: CommentId(row.try_get("id")?),
        post_id: PostId(row.try_get("post_id")?),
        parent_id: row.try_get::<Option<i64>, _>("parent_id")?.map(CommentId),
        author_name: row.try_get("author_name")?,
        body: row.try_get("body")?,
        status: parse_stored("comment status", row.try_get("status")?)?,
        created_at: row.try_get("created_at")?,
    })
}

/// Stores a comment and records the change against its post's path.
pub async fn insert(store: &Store, new: &NewComment) -> Result<Comment> {
    let mut tx = store.pool().begin().await?;
    let path: Option<String> = sqlx::query_scalar("SELECT path FROM posts WHERE id = $1")
        .bind(new.post_id.0)
        .fetch_optional(&mut *tx)
        .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    if let Some(parent) = new.parent_id {
        let parent_post: Option<i64> =
            sqlx::query_scalar("SELECT post_id FROM comments WHERE id = $1")
                .bind(parent.0)
                .fetch_optional(&mut *tx)
                .await?;
        // A reply must answer a comment on the same post.
        if parent_post != Some(new.post_id.0) {
            return Err(StoreError::NotFound);
        }
    }
    let sql = format!(
        "INSERT INTO comments (post_id, parent_id, author_name, author_key, body, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
    );
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(new.post_id.0)
        .bind(new.parent_id.map(|p| p.0))
        .bind(&new.author_name)
        .bind(new.author_key.as_deref())
        .bind(&new.body)
        .bind(new.status.as_str())
        .bind(crate::now())
        .fetch_one(&mut *tx)
        .await?;
    let stored = comment(row)?;
    crate::outbox::append(&mut tx, "comment", stored.id.0, "insert", Some(&path)).await?;
    tx.commit().await?;
    Ok(stored)
}

/// The comments readers can see on a post, oldest first.
pub async fn published_for_post(store: &Store, post: PostId) -> Result<Vec<Comment>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM comments WHERE post_id = $1 AND status = 'published' ORDER BY created_at, id"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(post.0)
        .fetch_all(store.pool())
        .await?
        .into_iter()
        .map(comment)
        .collect()
}

/// Whether a commenter with this key already has a published comment anywhere on the site.
pub async fn author_is_trusted(store: &Store, author_key: &str) -> Result<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments WHERE author_key = $1 AND status = 'published'",
    )
    .bind(author_key)
    .fetch_one(store.pool())
    .await?;
    Ok(count > 0)
}

/// The columns [`queued`] reads: a comment's, and its post's title and path.
const QUEUED_COLUMNS: &str = "c.id, c.post_id, c.parent_id, c.author_name, c.body, c.status, \
    c.created_at, p.title AS post_title, p.path AS post_path";

fn queued(row: AnyRow) -> Result<Queued> {
    let post_title = row.try_get("post_title")?;
    let post_path = row.try_get("post_path")?;
    Ok(Queued {
        comment: comment(row)?,
        post_title,
        post_path,
    })
}

/// Comments with `status`, newest first, for moderation.
pub async fn list_by_status(store: &Store, status: CommentStatus) -> Result<Vec<Comment>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM comments WHERE status = $1 ORDER BY created_at DESC, id DESC"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(status.as_str())
        .fetch_all(store.pool())
        .await?
        .into_iter()
        .map(comment)
        .collect()
}

/// Moves a comment to `status` (approve, mark as spam) and records the change.
pub async fn set_status(store: &Store, id: CommentId, status: CommentStatus) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let path: Option<String> = sqlx::query_scalar(
        "UPDATE comments SET status = $1 WHERE id = $2
         RETURNING (SELECT path FROM posts WHERE posts.id = comments.post_id)",
    )
    .bind(status.as_str())
    .bind(id.0)
    .fetch_optional(&mut *tx)
    .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    crate::outbox::append(&mut tx, "comment", id.0, status.as_str(), Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}

/// A comment in the moderation queue, with the post it was left on.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub comment: Comment,
    pub post_title: String,
    pub post_path: String,
}

/// Comments with `status`, newest first, each with its post's title and path, at most `limit`.
pub async fn queue(store: &Store, status: CommentStatus, limit: i64) -> Result<Vec<Queued>> {
    let sql = format!(
        "SELECT {QUEUED_COLUMNS}
         FROM comments c JOIN posts p ON p.id = c.post_id
         WHERE c.status = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2"
    );
    let rows = sqlx::query(AssertSqlSafe(sql))
        .bind(status.as_str())
        .bind(limit)
        .fetch_all(store.pool())
        .await?;
    rows.into_iter().map(queued).collect()
}

/// How many comments have `status`.
pub async fn count_by_status(store: &Store, status: CommentStatus) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE status = $1")
            .bind(status.as_str())
            .fetch_one(store.pool())
            .await?,
    )
}

/// Deletes a comment (and its replies) and records the change.
pub async fn delete(store: &Store, id: CommentId) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    sqlx::query("DELETE FROM comments WHERE parent_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let path: Option<String> = sqlx::query_scalar(
        "DELETE FROM comments WHERE id = $1
         RETURNING (SELECT path FROM posts WHERE posts.id = comments.post_id)",
    )
    .bind(id.0)
    .fetch_optional(&mut *tx)
    .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    crate::outbox::append(&mut tx, "comment", id.0, "delete", Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}

/// Published comments, newest first, with their post's title and path: of one post, or of the
/// whole site (published posts only), for the comment feeds.
pub async fn feed(
    store: &Store,
    post: Option<PostId>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Queued>> {
    let sql = format!(
        "SELECT {QUEUED_COLUMNS}
         FROM comments c JOIN posts p ON p.id = c.post_id
         WHERE c.status = 'published' AND p.status = 'published' AND ($1 = 0 OR c.post_id = $1)
         ORDER BY c.created_at DESC, c.id DESC LIMIT $2 OFFSET $3"
    );
    let rows = sqlx::query(AssertSqlSafe(sql))
        .bind(post.map_or(0, |p| p.0))
        .bind(limit)
        .bind(offset)
        .fetch_all(store.pool())
        .await?;
    rows.into_iter().map(queued).collect()
}
