//! Readers' comments and their moderation.

use crate::error::parse_stored;
use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use minbar_content::comments::MAX_DEPTH;
use minbar_content::{Comment, CommentId, CommentStatus, NewComment, PostId};
// Dynamic SQL here only ever splices the constant column lists of this module, never input.
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

const COLUMNS: &str = "id, post_id, parent_id, author_name, body, status, created_at, \
    CASE WHEN user_id IS NULL THEN 0 ELSE 1 END AS staff, edited_at";

fn comment(row: AnyRow) -> Result<Comment> {
    Ok(Comment {
        id: CommentId(row.try_get("id")?),
        post_id: PostId(row.try_get("post_id")?),
        parent_id: row.try_get::<Option<i64>, _>("parent_id")?.map(CommentId),
        author_name: row.try_get("author_name")?,
        body: row.try_get("body")?,
        status: parse_stored("comment status", row.try_get("status")?)?,
        created_at: row.try_get("created_at")?,
        staff: row.try_get::<i64, _>("staff")? != 0,
        edited_at: row.try_get("edited_at")?,
    })
}

/// Stores a comment and records the change against its post's path.
///
/// A reply must answer a published comment on the same post. A reply to a comment already at
/// the deepest level ([`MAX_DEPTH`]) is filed under that comment's parent, so threads keep their
/// depth.
pub async fn insert(store: &Store, new: &NewComment) -> Result<Comment> {
    insert_with(store, new, None)
        .await?
        .ok_or(StoreError::Invalid(
            "comment refused without a limit".into(),
        ))
}

/// The rate limits a comment is stored under: at most `per_address` comments from its address
/// since `address_since`, and `per_site` on the whole site since `site_since`.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub address_since: i64,
    pub per_address: i64,
    pub site_since: i64,
    pub per_site: i64,
}

/// [`insert`], unless storing it would pass `window`'s limits: then `None` and nothing is
/// stored. The count and the insert are one statement, and comment inserts take their turn
/// (SQLite's write lock; an advisory lock on PostgreSQL), so a flood from many connections
/// cannot slip past the limit between counting and writing.
pub async fn insert_within(
    store: &Store,
    new: &NewComment,
    window: &Window,
) -> Result<Option<Comment>> {
    insert_with(store, new, Some(window)).await
}

async fn insert_with(
    store: &Store,
    new: &NewComment,
    window: Option<&Window>,
) -> Result<Option<Comment>> {
    let path: Option<String> = sqlx::query_scalar("SELECT path FROM posts WHERE id = $1")
        .bind(new.post_id.0)
        .fetch_optional(store.pool())
        .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    let parent = match new.parent_id {
        Some(parent) => Some(reply_parent(store, new.post_id, parent).await?),
        None => None,
    };
    // Everything above is read before the transaction, whose first statement writes (or, on
    // PostgreSQL, takes the lock): on SQLite a transaction that reads first and writes later
    // can fail at once when another writer got in between, where a first write waits its turn.
    let sql = format!(
        "INSERT INTO comments (post_id, parent_id, author_name, author_key, body, status, created_at,
                               ip, user_id, spam_score, spam_reasons, fingerprint)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
         WHERE $13 = 0 OR (
           (SELECT COUNT(*) FROM comments WHERE ip = $8 AND created_at >= $14) < $15
           AND (SELECT COUNT(*) FROM comments WHERE created_at >= $16) < $17)
         RETURNING {COLUMNS}"
    );
    let mut tx = store.pool().begin().await?;
    if window.is_some() && store.engine() == crate::Engine::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(7201)")
            .execute(&mut *tx)
            .await?;
    }
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(new.post_id.0)
        .bind(parent.map(|p| p.0))
        .bind(&new.author_name)
        .bind(new.author_key.as_deref())
        .bind(&new.body)
        .bind(new.status.as_str())
        .bind(crate::now())
        .bind(new.ip.as_deref())
        .bind(new.user_id)
        .bind(i64::from(new.spam.score))
        .bind(new.spam.reasons_text())
        .bind(&new.fingerprint)
        .bind(i64::from(window.is_some()))
        .bind(window.map_or(0, |w| w.address_since))
        .bind(window.map_or(0, |w| w.per_address))
        .bind(window.map_or(0, |w| w.site_since))
        .bind(window.map_or(0, |w| w.per_site))
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let stored = comment(row)?;
    outbox::append(
        &mut tx,
        Entity::Comment,
        stored.id.0,
        Action::Insert,
        Some(&path),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(stored))
}

/// The comment a reply to `parent` is filed under: `parent` itself, or the nearest ancestor that
/// leaves room for one more level. [`StoreError::NotFound`] when `parent` is not a published
/// comment on `post`.
async fn reply_parent(store: &Store, post: PostId, parent: CommentId) -> Result<CommentId> {
    // The chain from `parent` up, at most MAX_DEPTH long: enough to know its depth.
    let mut chain = vec![parent];
    let mut next = Some(parent);
    while let Some(id) = next {
        let row = sqlx::query("SELECT post_id, parent_id, status FROM comments WHERE id = $1")
            .bind(id.0)
            .fetch_optional(store.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let on_post: i64 = row.try_get("post_id")?;
        let status: String = row.try_get("status")?;
        if on_post != post.0 || (id == parent && status != "published") {
            return Err(StoreError::NotFound);
        }
        next = row.try_get::<Option<i64>, _>("parent_id")?.map(CommentId);
        if let Some(up) = next {
            if chain.len() >= MAX_DEPTH {
                break;
            }
            chain.push(up);
        }
    }
    // `chain[0]` is at depth chain.len() - 1 (when the walk reached a root); a reply to it
    // would sit one deeper.
    let depth = chain.len() - 1;
    if depth + 1 >= MAX_DEPTH {
        Ok(chain[depth + 2 - MAX_DEPTH])
    } else {
        Ok(parent)
    }
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
    c.created_at, CASE WHEN c.user_id IS NULL THEN 0 ELSE 1 END AS staff, c.edited_at, \
    c.ip, c.spam_score, c.spam_reasons, p.title AS post_title, p.path AS post_path";

fn queued(row: AnyRow) -> Result<Queued> {
    let post_title = row.try_get("post_title")?;
    let post_path = row.try_get("post_path")?;
    let ip = row.try_get("ip")?;
    let spam_score = row.try_get::<i64, _>("spam_score")?;
    let reasons: String = row.try_get("spam_reasons")?;
    Ok(Queued {
        comment: comment(row)?,
        post_title,
        post_path,
        ip,
        spam_score,
        spam_reasons: reasons.lines().map(str::to_owned).collect(),
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
    let action = Action::CommentStatus(status);
    outbox::append(&mut tx, Entity::Comment, id.0, action, Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}

/// A comment in the moderation queue, with the post it was left on.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub comment: Comment,
    pub post_title: String,
    pub post_path: String,
    /// The address it was sent from, for a ban.
    pub ip: Option<String>,
    pub spam_score: i64,
    /// Why it scored what it did, one reason each.
    pub spam_reasons: Vec<String>,
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
    outbox::append(&mut tx, Entity::Comment, id.0, Action::Delete, Some(&path)).await?;
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
        .fetch_all(store.reads())
        .await?;
    rows.into_iter().map(queued).collect()
}

/// One comment with its post, for the moderator's edit form.
pub async fn queued_by_id(store: &Store, id: CommentId) -> Result<Queued> {
    let sql = format!(
        "SELECT {QUEUED_COLUMNS} FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = $1"
    );
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(store.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
    queued(row)
}

/// Replaces a comment's name and text (an editor's correction) and records the change.
pub async fn edit(store: &Store, id: CommentId, author_name: &str, body: &str) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let path: Option<String> = sqlx::query_scalar(
        "UPDATE comments SET author_name = $1, body = $2, edited_at = $3 WHERE id = $4
         RETURNING (SELECT path FROM posts WHERE posts.id = comments.post_id)",
    )
    .bind(author_name)
    .bind(body)
    .bind(crate::now())
    .bind(id.0)
    .fetch_optional(&mut *tx)
    .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    outbox::append(&mut tx, Entity::Comment, id.0, Action::Edit, Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}

/// What the rate limits, the duplicate check and the spam score need to know about recent
/// comments, counted in one round trip.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recent {
    /// Comments from this address since the address window began.
    pub from_address: i64,
    /// Comments on the whole site since the site window began.
    pub on_site: i64,
    /// Comments with the same fingerprint, on the same post or from the same address or
    /// commenter, since the duplicate window began.
    pub duplicates: i64,
    /// Comments from this address marked as spam since the duplicate window began.
    pub spam_from_address: i64,
}

/// Counts recent comments for the checks a new one goes through. Every comment stored counts,
/// whatever its status, so a flood held as spam still meets the limits.
pub struct RecentQuery<'a> {
    pub ip: &'a str,
    pub post: PostId,
    pub author_key: Option<&'a str>,
    pub fingerprint: &'a str,
    pub address_since: i64,
    pub site_since: i64,
    pub duplicate_since: i64,
}

pub async fn recent(store: &Store, q: &RecentQuery<'_>) -> Result<Recent> {
    let row = sqlx::query(
        "SELECT
           (SELECT COUNT(*) FROM comments WHERE ip = $1 AND created_at >= $2) AS from_address,
           (SELECT COUNT(*) FROM comments WHERE created_at >= $3) AS on_site,
           (SELECT COUNT(*) FROM comments WHERE fingerprint = $4 AND created_at >= $5
              AND (post_id = $6 OR ip = $1 OR author_key = $7)) AS duplicates,
           (SELECT COUNT(*) FROM comments WHERE ip = $1 AND status = 'spam' AND created_at >= $5)
              AS spam_from_address",
    )
    .bind(q.ip)
    .bind(q.address_since)
    .bind(q.site_since)
    .bind(q.fingerprint)
    .bind(q.duplicate_since)
    .bind(q.post.0)
    .bind(q.author_key.unwrap_or(""))
    .fetch_one(store.pool())
    .await?;
    Ok(Recent {
        from_address: row.try_get("from_address")?,
        on_site: row.try_get("on_site")?,
        duplicates: row.try_get("duplicates")?,
        spam_from_address: row.try_get("spam_from_address")?,
    })
}

/// How many comments readers can see on a post.
pub async fn published_count(store: &Store, post: PostId) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments WHERE post_id = $1 AND status = 'published'",
    )
    .bind(post.0)
    .fetch_one(store.reads())
    .await?)
}

/// Erases the address of every comment written before `before`; returns how many were erased.
pub async fn forget_addresses(store: &Store, before: i64) -> Result<u64> {
    let done =
        sqlx::query("UPDATE comments SET ip = NULL WHERE ip IS NOT NULL AND created_at < $1")
            .bind(before)
            .execute(store.pool())
            .await?;
    Ok(done.rows_affected())
}
