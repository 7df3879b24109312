//! Writing posts: storing new ones at a free path, replacing what an editor changes (keeping
//! the old version as a revision), statuses, comments settings and deletion. Every write
//! records its change in the outbox in the same transaction.

use super::rows::{by_id, by_id_in};
use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use minbar_content::{Discussion, NewPost, Post, PostId, PostStatus, UserId};
use sqlx::{Any, Row, Transaction};

/// How many `-2`, `-3`… suffixes to try before giving up on a free path.
const MAX_PATH_ATTEMPTS: u32 = 100;

/// Stores a new post at `/YYYY/MM/<slug>.html` (the month on the site's calendar, by
/// [`minbar_content::clock::month_prefix`]), adding `-2`, `-3`… to the slug when that path is
/// taken, attaches its labels, and records the change. Returns the stored post.
pub async fn insert(store: &Store, post: &NewPost, author_id: Option<i64>) -> Result<Post> {
    // Read before the transaction: on SQLite a transaction that reads first cannot always
    // become a writer when another writer got in between.
    let zone = crate::site::zone(store).await?;
    let mut tx = store.pool().begin().await?;
    let id = insert_in(&mut tx, &zone, post, author_id, None).await?;
    let stored = by_id_in(&mut tx, store.engine(), id).await?;
    tx.commit().await?;
    Ok(stored)
}

/// Stores a post written in a form, once: a second submission of the same form (same
/// `form_key`) returns the post the first one made. Returns the post and whether it is new.
pub async fn insert_once(
    store: &Store,
    post: &NewPost,
    author_id: Option<i64>,
    form_key: &str,
) -> Result<(Post, bool)> {
    let existing = |store: &Store| {
        let store = store.clone();
        let key = form_key.to_owned();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM posts WHERE form_key = $1")
                .bind(key)
                .fetch_optional(store.pool())
                .await
        }
    };
    if let Some(id) = existing(store).await? {
        return Ok((by_id(store, PostId(id)).await?, false));
    }
    // Read before the transaction: on SQLite a transaction that reads first cannot always
    // become a writer when another writer got in between.
    let zone = crate::site::zone(store).await?;
    let mut tx = store.pool().begin().await?;
    let inserted = match insert_in(&mut tx, &zone, post, author_id, Some(form_key)).await {
        Ok(id) => by_id_in(&mut tx, store.engine(), id).await,
        Err(error) => Err(error),
    };
    match inserted {
        Ok(stored) => {
            tx.commit().await?;
            Ok((stored, true))
        }
        Err(error) => {
            drop(tx);
            // The same form, submitted twice at once: the other submission won the key.
            match existing(store).await? {
                Some(id) => Ok((by_id(store, PostId(id)).await?, false)),
                None => Err(error),
            }
        }
    }
}

/// Stores many new posts in one transaction, as [`insert`] stores one: for bulk loading, where
/// a transaction per post would spend its time waiting on the disk. Returns their ids in order.
pub async fn insert_many(
    store: &Store,
    posts: &[NewPost],
    author_id: Option<i64>,
) -> Result<Vec<PostId>> {
    // Read before the transaction: on SQLite a transaction that reads first cannot always
    // become a writer when another writer got in between.
    let zone = crate::site::zone(store).await?;
    let mut tx = store.pool().begin().await?;
    let mut ids = Vec::with_capacity(posts.len());
    for post in posts {
        ids.push(insert_in(&mut tx, &zone, post, author_id, None).await?);
    }
    tx.commit().await?;
    Ok(ids)
}

async fn insert_in(
    tx: &mut Transaction<'_, Any>,
    zone: &jiff::tz::TimeZone,
    post: &NewPost,
    author_id: Option<i64>,
    form_key: Option<&str>,
) -> Result<PostId> {
    let prefix = minbar_content::clock::month_prefix(zone, post.published_at);
    let now = crate::now();
    for attempt in 1..=MAX_PATH_ATTEMPTS {
        let slug = if attempt == 1 {
            post.slug.as_str().to_owned()
        } else {
            format!("{}-{attempt}", post.slug.as_str())
        };
        let path = format!("{prefix}{slug}.html");
        // DO NOTHING rather than catching the violation: on PostgreSQL a failed statement would
        // abort the whole transaction.
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO posts (path, slug, title, body_source, body_format, body_html, excerpt,
                                status, featured, published_at, created_at, updated_at, author_id,
                                body_text, form_key, cover, language)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15, $16)
             ON CONFLICT (path) DO NOTHING RETURNING id",
        )
        .bind(&path)
        .bind(&slug)
        .bind(&post.title)
        .bind(&post.body_source)
        .bind(post.body_format.as_str())
        .bind(&post.body_html)
        .bind(&post.excerpt)
        .bind(post.status.as_str())
        .bind(i64::from(post.featured))
        .bind(post.published_at)
        .bind(now)
        .bind(author_id)
        .bind(&post.body_text)
        .bind(form_key)
        .bind(post.cover.as_deref())
        .bind(post.language.as_deref())
        .fetch_optional(&mut **tx)
        .await?;
        let Some(id) = id else { continue };
        crate::labels::attach(tx, id, &post.labels).await?;
        if let Some(other) = post.translation_of {
            super::translations::link_in(tx, id, other.0).await?;
        }
        outbox::append(tx, Entity::Post, id, Action::Insert, Some(&path)).await?;
        return Ok(PostId(id));
    }
    Err(StoreError::Conflict("a post with this path"))
}

/// Replaces what an editor can change of a post: title, body, excerpt, labels, status, featured
/// flag and publication time. The path stays, so links never break. The version it replaces is
/// kept as a revision, saved by `saved_by`. Records the change. Returns the post as stored.
pub async fn update(
    store: &Store,
    id: PostId,
    post: &NewPost,
    saved_by: Option<UserId>,
) -> Result<Post> {
    Ok(replace(store, id, post, saved_by, None).await?.0)
}

/// [`update`], only if the post's text is still at `version` (its newest revision's id, 0 for
/// none: see [`version`]), the one its writer started from, when one is given; otherwise
/// [`StoreError::Stale`] and nothing is written, so a save never silently overwrites a newer
/// one. Returns the post and its new version, both read before the commit (a read after it
/// could fail a write already on the disk).
pub async fn update_at_version(
    store: &Store,
    id: PostId,
    post: &NewPost,
    saved_by: Option<UserId>,
    version: Option<i64>,
) -> Result<(Post, i64)> {
    replace(store, id, post, saved_by, version).await
}

/// The version of a post's text: its newest revision's id, 0 while it has none. Every change of
/// its text makes a revision, so the number moves with every save.
pub async fn version(store: &Store, id: PostId) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM post_revisions WHERE post_id = $1")
            .bind(id.0)
            .fetch_one(store.pool())
            .await?,
    )
}

async fn replace(
    store: &Store,
    id: PostId,
    post: &NewPost,
    saved_by: Option<UserId>,
    version: Option<i64>,
) -> Result<(Post, i64)> {
    let mut tx = store.pool().begin().await?;
    // The version being replaced becomes a revision, in the same statement that checks it is
    // the version the writer started from (`-1`: no check).
    let labels = crate::labels::for_post_in(&mut tx, id.0).await?;
    let label_names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
    let saved = sqlx::query(
        "INSERT INTO post_revisions (post_id, title, body_source, body_format, labels, saved_by, saved_at)
         SELECT p.id, p.title, p.body_source, p.body_format, $2, $3, $4 FROM posts p
         WHERE p.id = $1 AND ($5 = -1 OR
               (SELECT COALESCE(MAX(r.id), 0) FROM post_revisions r WHERE r.post_id = $1) = $5)",
    )
    .bind(id.0)
    .bind(label_names.join("\n"))
    .bind(saved_by.map(|u| u.0))
    .bind(crate::now())
    .bind(version.unwrap_or(-1))
    .execute(&mut *tx)
    .await?;
    if saved.rows_affected() == 0 {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM posts WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        return Err(match exists {
            Some(_) => StoreError::Stale,
            None => StoreError::NotFound,
        });
    }
    let path: Option<String> = sqlx::query_scalar(
        "UPDATE posts SET title = $1, body_source = $2, body_format = $3, body_html = $4,
                body_text = $5, excerpt = $6, status = $7, featured = $8, updated_at = $9,
                published_at = $10, cover = $11, language = COALESCE($13, language)
         WHERE id = $12 RETURNING path",
    )
    .bind(&post.title)
    .bind(&post.body_source)
    .bind(post.body_format.as_str())
    .bind(&post.body_html)
    .bind(&post.body_text)
    .bind(&post.excerpt)
    .bind(post.status.as_str())
    .bind(i64::from(post.featured))
    .bind(crate::now())
    .bind(post.published_at)
    .bind(post.cover.as_deref())
    .bind(id.0)
    .bind(post.language.as_deref())
    .fetch_optional(&mut *tx)
    .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    if let Some(other) = post.translation_of {
        super::translations::link_in(&mut tx, id.0, other.0).await?;
    }
    sqlx::query("DELETE FROM editing WHERE post_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM post_notes WHERE post_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM post_labels WHERE post_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    crate::labels::attach(&mut tx, id.0, &post.labels).await?;
    outbox::append(&mut tx, Entity::Post, id.0, Action::Update, Some(&path)).await?;
    super::translations::touch_group_in(&mut tx, id.0).await?;
    let stored = by_id_in(&mut tx, store.engine(), id).await?;
    let now_at: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM post_revisions WHERE post_id = $1")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok((stored, now_at))
}

/// Closes or opens a post's comments and sets its Telegram message, recording the change.
pub async fn set_discussion(store: &Store, id: PostId, discussion: &Discussion) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let path: Option<String> = sqlx::query_scalar(
        "UPDATE posts SET comments_closed = $1, telegram_post = $2 WHERE id = $3 RETURNING path",
    )
    .bind(i64::from(discussion.closed))
    .bind(discussion.telegram.as_deref())
    .bind(id.0)
    .fetch_optional(&mut *tx)
    .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    outbox::append(&mut tx, Entity::Post, id.0, Action::Discussion, Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes every scheduled post whose time has come. Returns their ids. Safe on many nodes at
/// once: each row is flipped by one of them.
pub async fn publish_due(store: &Store, now: i64) -> Result<Vec<PostId>> {
    let mut tx = store.pool().begin().await?;
    let rows = sqlx::query(
        "UPDATE posts SET status = 'published', updated_at = $1
         WHERE status = 'scheduled' AND published_at <= $1 RETURNING id, path",
    )
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("id")?;
        let path: String = row.try_get("path")?;
        outbox::append(
            &mut tx,
            Entity::Post,
            id,
            Action::PostStatus(PostStatus::Published),
            Some(&path),
        )
        .await?;
        super::translations::touch_group_in(&mut tx, id).await?;
        ids.push(PostId(id));
    }
    tx.commit().await?;
    Ok(ids)
}

/// Sets a post's status (publishing or unpublishing it). Records the change.
pub async fn set_status(store: &Store, id: PostId, status: PostStatus) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let path: Option<String> = sqlx::query_scalar(
        "UPDATE posts SET status = $1, updated_at = $2 WHERE id = $3 RETURNING path",
    )
    .bind(status.as_str())
    .bind(crate::now())
    .bind(id.0)
    .fetch_optional(&mut *tx)
    .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    let action = Action::PostStatus(status);
    outbox::append(&mut tx, Entity::Post, id.0, action, Some(&path)).await?;
    super::translations::touch_group_in(&mut tx, id.0).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a post with its comments and label links. Records the change.
pub async fn delete(store: &Store, id: PostId) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    // Comments go first: SQLite enforces the cascade only with foreign keys switched on.
    sqlx::query("DELETE FROM comments WHERE post_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM post_labels WHERE post_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    super::translations::touch_group_in(&mut tx, id.0).await?;
    let path: Option<String> = sqlx::query_scalar("DELETE FROM posts WHERE id = $1 RETURNING path")
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    outbox::append(&mut tx, Entity::Post, id.0, Action::Delete, Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}
