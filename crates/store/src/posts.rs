//! Posts: writing them, and the reads every public page needs.

use crate::error::parse_stored;
use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use minbar_content::{
    Discussion, NewPost, Post, PostDocument, PostId, PostStatus, PostSummary, Revision, Slug,
    UserId,
};
// Dynamic SQL here only ever splices the constant column lists of this module, never input.
use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};

/// How many `-2`, `-3`… suffixes to try before giving up on a free path.
const MAX_PATH_ATTEMPTS: u32 = 100;

const SUMMARY_COLUMNS: &str = "p.id, p.path, p.title, p.excerpt, p.status, p.featured, p.published_at,
    (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id AND c.status = 'published') AS comment_count";

/// The `/YYYY/MM/` prefix of a post published at `published_at` (Unix seconds, UTC).
pub fn month_prefix(published_at: i64) -> String {
    let date = jiff::Timestamp::from_second(published_at).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let date = jiff::tz::Offset::UTC.to_datetime(date).date();
    format!("/{:04}/{:02}/", date.year(), date.month())
}

/// Stores a new post at `/YYYY/MM/<slug>.html`, adding `-2`, `-3`… to the slug when that path is
/// taken, attaches its labels, and records the change. Returns the stored post.
pub async fn insert(store: &Store, post: &NewPost, author_id: Option<i64>) -> Result<Post> {
    let ids = insert_many(store, std::slice::from_ref(post), author_id).await?;
    let id = ids.first().copied().ok_or(StoreError::NotFound)?;
    by_id(store, id).await
}

/// Stores a post written in a form, once: a second submission of the same form (same
/// `form_key`) returns the post the first one made. Returns the post and whether it is new.
pub async fn insert_once(
    store: &Store,
    post: &NewPost,
    author_id: Option<i64>,
    form_key: &str,
) -> Result<(PostId, bool)> {
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
        return Ok((PostId(id), false));
    }
    let mut tx = store.pool().begin().await?;
    match insert_in(&mut tx, post, author_id, Some(form_key)).await {
        Ok(id) => {
            tx.commit().await?;
            Ok((id, true))
        }
        Err(error) => {
            drop(tx);
            // The same form, submitted twice at once: the other submission won the key.
            match existing(store).await? {
                Some(id) => Ok((PostId(id), false)),
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
    let mut tx = store.pool().begin().await?;
    let mut ids = Vec::with_capacity(posts.len());
    for post in posts {
        ids.push(insert_in(&mut tx, post, author_id, None).await?);
    }
    tx.commit().await?;
    Ok(ids)
}

async fn insert_in(
    tx: &mut Transaction<'_, Any>,
    post: &NewPost,
    author_id: Option<i64>,
    form_key: Option<&str>,
) -> Result<PostId> {
    let prefix = month_prefix(post.published_at);
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
                                body_text, form_key, cover)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14, $15)
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
        .fetch_optional(&mut **tx)
        .await?;
        let Some(id) = id else { continue };
        crate::labels::attach(tx, id, &post.labels).await?;
        outbox::append(tx, Entity::Post, id, Action::Insert, Some(&path)).await?;
        return Ok(PostId(id));
    }
    Err(StoreError::Conflict("a post with this path"))
}

const POST_COLUMNS: &str =
    "p.id, p.path, p.slug, p.title, p.body_source, p.body_format, p.body_html,
    p.excerpt, p.status, p.featured, p.published_at, p.updated_at, a.name AS author, p.cover,
    p.comments_closed, p.telegram_post";

async fn by_id(store: &Store, id: PostId) -> Result<Post> {
    let sql = format!(
        "SELECT {POST_COLUMNS} FROM posts p LEFT JOIN authors a ON a.id = p.author_id WHERE p.id = $1"
    );
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_one(store.pool())
        .await?;
    full_post(store, row).await
}

/// The published post at `path` (unencoded, `/2017/08/<slug>.html`), with its labels.
pub async fn published_by_path(store: &Store, path: &str) -> Result<Option<Post>> {
    let sql = format!(
        "SELECT {POST_COLUMNS} FROM posts p LEFT JOIN authors a ON a.id = p.author_id
         WHERE p.path = $1 AND p.status = 'published'"
    );
    match sqlx::query(AssertSqlSafe(sql))
        .bind(path)
        .fetch_optional(store.pool())
        .await?
    {
        Some(row) => Ok(Some(full_post(store, row).await?)),
        None => Ok(None),
    }
}

async fn full_post(store: &Store, row: AnyRow) -> Result<Post> {
    let id: i64 = row.try_get("id")?;
    Ok(Post {
        id: PostId(id),
        path: row.try_get("path")?,
        slug: Slug::from_stored(row.try_get("slug")?),
        title: row.try_get("title")?,
        body_source: row.try_get("body_source")?,
        body_format: parse_stored("body format", row.try_get("body_format")?)?,
        body_html: row.try_get("body_html")?,
        excerpt: row.try_get("excerpt")?,
        status: parse_stored("post status", row.try_get("status")?)?,
        featured: row.try_get::<i64, _>("featured")? != 0,
        published_at: row.try_get("published_at")?,
        updated_at: row.try_get("updated_at")?,
        author: row.try_get("author")?,
        labels: crate::labels::for_post(store, id).await?,
        cover: row.try_get("cover")?,
        discussion: Discussion {
            closed: row.try_get::<i64, _>("comments_closed")? != 0,
            telegram: row.try_get("telegram_post")?,
        },
    })
}

fn summary(row: AnyRow) -> Result<PostSummary> {
    Ok(PostSummary {
        id: PostId(row.try_get("id")?),
        path: row.try_get("path")?,
        title: row.try_get("title")?,
        excerpt: row.try_get("excerpt")?,
        status: parse_stored("post status", row.try_get("status")?)?,
        featured: row.try_get::<i64, _>("featured")? != 0,
        published_at: row.try_get("published_at")?,
        comments: row.try_get("comment_count")?,
    })
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

async fn summaries(store: &Store, sql: &str, binds: &[Bind<'_>]) -> Result<Vec<PostSummary>> {
    let mut query = sqlx::query(AssertSqlSafe(sql.to_owned()));
    for bind in binds {
        query = match bind {
            Bind::Int(v) => query.bind(*v),
            Bind::Text(v) => query.bind(*v),
        };
    }
    query
        .fetch_all(store.pool())
        .await?
        .into_iter()
        .map(summary)
        .collect()
}

async fn count(store: &Store, sql: &str, binds: &[Bind<'_>]) -> Result<i64> {
    let mut query = sqlx::query_scalar(AssertSqlSafe(sql.to_owned()));
    for bind in binds {
        query = match bind {
            Bind::Int(v) => query.bind(*v),
            Bind::Text(v) => query.bind(*v),
        };
    }
    Ok(query.fetch_one(store.pool()).await?)
}

/// A query parameter for the list queries that share their column list.
enum Bind<'a> {
    Int(i64),
    Text(&'a str),
}

/// A page of a list: the items and how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub posts: Vec<PostSummary>,
    pub total: i64,
}

/// Published posts, newest first.
pub async fn list_published(store: &Store, limit: i64, offset: i64) -> Result<Listing> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM posts p WHERE p.status = 'published'
         ORDER BY p.published_at DESC, p.id DESC LIMIT $1 OFFSET $2"
    );
    Ok(Listing {
        posts: summaries(store, &sql, &[Bind::Int(limit), Bind::Int(offset)]).await?,
        total: count(
            store,
            "SELECT COUNT(*) FROM posts WHERE status = 'published'",
            &[],
        )
        .await?,
    })
}

/// Published posts the editors featured, newest first.
pub async fn featured(store: &Store, limit: i64) -> Result<Vec<PostSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM posts p WHERE p.status = 'published' AND p.featured = 1
         ORDER BY p.published_at DESC, p.id DESC LIMIT $1"
    );
    summaries(store, &sql, &[Bind::Int(limit)]).await
}

/// Published posts of one calendar month (UTC), newest first.
pub async fn list_by_month(
    store: &Store,
    year: i16,
    month: i8,
    limit: i64,
    offset: i64,
) -> Result<Listing> {
    let (start, end) = month_bounds(year, month).ok_or(StoreError::NotFound)?;
    let from = "FROM posts p WHERE p.status = 'published' AND p.published_at >= $1 AND p.published_at < $2";
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} {from} ORDER BY p.published_at DESC, p.id DESC LIMIT $3 OFFSET $4"
    );
    Ok(Listing {
        posts: summaries(
            store,
            &sql,
            &[
                Bind::Int(start),
                Bind::Int(end),
                Bind::Int(limit),
                Bind::Int(offset),
            ],
        )
        .await?,
        total: count(
            store,
            &format!("SELECT COUNT(*) {from}"),
            &[Bind::Int(start), Bind::Int(end)],
        )
        .await?,
    })
}

/// The first second of a month and of the next, in Unix seconds (UTC).
fn month_bounds(year: i16, month: i8) -> Option<(i64, i64)> {
    let first = jiff::civil::Date::new(year, month, 1).ok()?;
    let next = first.checked_add(jiff::Span::new().months(1)).ok()?;
    let utc = |d: jiff::civil::Date| {
        jiff::tz::Offset::UTC
            .to_timestamp(d.at(0, 0, 0, 0))
            .map(|t| t.as_second())
    };
    Some((utc(first).ok()?, utc(next).ok()?))
}

/// Every post, drafts included, newest first: for the command line.
pub async fn list_all(store: &Store) -> Result<Vec<PostSummary>> {
    let sql =
        format!("SELECT {SUMMARY_COLUMNS} FROM posts p ORDER BY p.published_at DESC, p.id DESC");
    summaries(store, &sql, &[]).await
}

/// The id of the post at `path` (unencoded), whatever its status.
pub async fn id_by_path(store: &Store, path: &str) -> Result<Option<PostId>> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM posts WHERE path = $1")
        .bind(path)
        .fetch_optional(store.pool())
        .await?;
    Ok(id.map(PostId))
}

/// Replaces what an editor can change of a post: title, body, excerpt, labels, status, featured
/// flag and publication time. The path stays, so links never break. The version it replaces is
/// kept as a revision, saved by `saved_by`. Records the change.
pub async fn update(
    store: &Store,
    id: PostId,
    post: &NewPost,
    saved_by: Option<UserId>,
) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    // The version being replaced becomes a revision.
    let labels = crate::labels::for_post_in(&mut tx, id.0).await?;
    let label_names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
    let saved = sqlx::query(
        "INSERT INTO post_revisions (post_id, title, body_source, body_format, labels, saved_by, saved_at)
         SELECT p.id, p.title, p.body_source, p.body_format, $2, $3, $4 FROM posts p WHERE p.id = $1",
    )
    .bind(id.0)
    .bind(label_names.join("\n"))
    .bind(saved_by.map(|u| u.0))
    .bind(crate::now())
    .execute(&mut *tx)
    .await?;
    if saved.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    let path: Option<String> = sqlx::query_scalar(
        "UPDATE posts SET title = $1, body_source = $2, body_format = $3, body_html = $4,
                body_text = $5, excerpt = $6, status = $7, featured = $8, updated_at = $9,
                published_at = $10, cover = $11
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
    .fetch_optional(&mut *tx)
    .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    sqlx::query("DELETE FROM post_labels WHERE post_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    crate::labels::attach(&mut tx, id.0, &post.labels).await?;
    outbox::append(&mut tx, Entity::Post, id.0, Action::Update, Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}

/// A post of any status with the id of its author: what the editor opens.
pub async fn for_editing(store: &Store, id: PostId) -> Result<Option<(Post, Option<i64>)>> {
    let author: Option<Option<i64>> =
        sqlx::query_scalar("SELECT author_id FROM posts WHERE id = $1")
            .bind(id.0)
            .fetch_optional(store.pool())
            .await?;
    match author {
        None => Ok(None),
        Some(author) => Ok(Some((by_id(store, id).await?, author))),
    }
}

/// The saved versions of a post, newest first.
pub async fn revisions(store: &Store, id: PostId) -> Result<Vec<Revision>> {
    let rows = sqlx::query(
        "SELECT r.id, r.post_id, r.title, r.body_source, r.body_format, r.labels, r.saved_at,
                u.name AS saved_by
         FROM post_revisions r LEFT JOIN users u ON u.id = r.saved_by
         WHERE r.post_id = $1 ORDER BY r.id DESC",
    )
    .bind(id.0)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            let labels: String = row.try_get("labels")?;
            Ok(Revision {
                id: row.try_get("id")?,
                post_id: PostId(row.try_get("post_id")?),
                title: row.try_get("title")?,
                body_source: row.try_get("body_source")?,
                body_format: parse_stored("body format", row.try_get("body_format")?)?,
                labels: labels
                    .split('\n')
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                saved_at: row.try_get("saved_at")?,
                saved_by: row.try_get("saved_by")?,
            })
        })
        .collect()
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
    let path: Option<String> = sqlx::query_scalar("DELETE FROM posts WHERE id = $1 RETURNING path")
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
    let path = path.ok_or(StoreError::NotFound)?;
    outbox::append(&mut tx, Entity::Post, id.0, Action::Delete, Some(&path)).await?;
    tx.commit().await?;
    Ok(())
}

/// The status column for queries that look posts up by id. Without statistics SQLite would
/// otherwise plan them through the status index, reading every published post to find ten; a
/// unary `+` keeps the index out of the plan. PostgreSQL plans from statistics, and has no `+`
/// for text.
fn status_by_id(store: &Store) -> &'static str {
    match store.engine() {
        crate::Engine::Sqlite => "+p.status",
        crate::Engine::Postgres => "p.status",
    }
}

/// Ids of published posts after `after`, in id order, at most `limit`: for walking every
/// published post in batches (rebuilding the search index).
pub async fn published_ids_after(store: &Store, after: i64, limit: i64) -> Result<Vec<PostId>> {
    let sql = format!(
        "SELECT p.id FROM posts p WHERE {} = 'published' AND p.id > $1 ORDER BY p.id LIMIT $2",
        status_by_id(store)
    );
    let ids: Vec<i64> = sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(after)
        .bind(limit)
        .fetch_all(store.pool())
        .await?;
    Ok(ids.into_iter().map(PostId).collect())
}

/// The published posts among `ids`, as the search index reads them (labels included), in the
/// order of `ids`. Ids of posts that are missing or not published are left out.
pub async fn documents(store: &Store, ids: &[PostId]) -> Result<Vec<PostDocument>> {
    read_documents(store, ids, true).await
}

/// As [`documents`], without labels: what a list of search results shows, read in one query.
pub async fn result_documents(store: &Store, ids: &[PostId]) -> Result<Vec<PostDocument>> {
    read_documents(store, ids, false).await
}

async fn read_documents(
    store: &Store,
    ids: &[PostId],
    with_labels: bool,
) -> Result<Vec<PostDocument>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // One row holding every post as a JSON array: the driver hands rows over one at a time,
    // and at a few dozen microseconds each that cost more than the query itself.
    let aggregate = match store.engine() {
        crate::Engine::Sqlite => "json_group_array(json_array",
        crate::Engine::Postgres => "json_agg(json_build_array",
    };
    let as_text = match store.engine() {
        crate::Engine::Sqlite => "",
        crate::Engine::Postgres => "::text",
    };
    // The HTML is read only for posts stored before their text was kept.
    let sql = format!(
        "SELECT {aggregate}(p.id, p.path, p.title, p.body_text, p.excerpt, p.published_at, a.name,
                CASE WHEN p.body_text = '' THEN p.body_html ELSE '' END)){as_text}
         FROM posts p LEFT JOIN authors a ON a.id = p.author_id
         WHERE {} = 'published' AND p.id IN ({})",
        status_by_id(store),
        crate::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_scalar::<_, Option<String>>(AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id.0);
    }
    let json = query.fetch_one(store.pool()).await?.unwrap_or_default();
    type Columns = (
        i64,
        String,
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
        String,
    );
    let rows: Vec<Columns> = if json.is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            what: "posts read as JSON",
            value: e.to_string(),
        })?
    };
    let mut labels = if with_labels {
        let found: Vec<i64> = rows.iter().map(|row| row.0).collect();
        crate::labels::for_posts(store, &found).await?
    } else {
        std::collections::HashMap::new()
    };
    let mut documents = Vec::with_capacity(rows.len());
    for (id, path, title, body_text, excerpt, published_at, author, body_html) in rows {
        let body_text = if body_text.is_empty() {
            minbar_content::html_to_text(&body_html)
        } else {
            body_text
        };
        documents.push(PostDocument {
            id: PostId(id),
            path,
            title,
            body_text,
            excerpt,
            author,
            published_at: published_at.unwrap_or(0),
            labels: labels.remove(&id).unwrap_or_default(),
        });
    }
    let order: std::collections::HashMap<PostId, usize> =
        ids.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    documents.sort_by_key(|d| order.get(&d.id).copied());
    Ok(documents)
}

/// What the admin's post list asks for; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct AdminFilter<'a> {
    pub status: Option<PostStatus>,
    pub author_id: Option<i64>,
    /// Words the title must contain, as typed (matched case-insensitively for Latin letters).
    pub title: &'a str,
}

/// Posts for the admin's list, most recently changed first.
pub async fn list_for_admin(
    store: &Store,
    filter: &AdminFilter<'_>,
    limit: i64,
    offset: i64,
) -> Result<Listing> {
    // Absent filters become conditions that always hold, so one statement serves every case.
    let from = "FROM posts p WHERE ($1 = '' OR p.status = $1) AND ($2 = 0 OR p.author_id = $2)
                AND ($3 = '' OR LOWER(p.title) LIKE $3 ESCAPE '!')";
    let status = filter.status.map_or("", PostStatus::as_str);
    let author = filter.author_id.unwrap_or(0);
    let title = filter.title.trim();
    // The typed text is a literal: LIKE's wildcards in it are escaped.
    let pattern = if title.is_empty() {
        String::new()
    } else {
        let escaped: String = title
            .to_lowercase()
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '!' => vec!['!', c],
                c => vec![c],
            })
            .collect();
        format!("%{escaped}%")
    };
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} {from} ORDER BY p.updated_at DESC, p.id DESC LIMIT $4 OFFSET $5"
    );
    Ok(Listing {
        posts: summaries(
            store,
            &sql,
            &[
                Bind::Text(status),
                Bind::Int(author),
                Bind::Text(&pattern),
                Bind::Int(limit),
                Bind::Int(offset),
            ],
        )
        .await?,
        total: count(
            store,
            &format!("SELECT COUNT(*) {from}"),
            &[Bind::Text(status), Bind::Int(author), Bind::Text(&pattern)],
        )
        .await?,
    })
}

/// How many posts have each status, for the admin's dashboard.
pub async fn count_by_status(store: &Store) -> Result<Vec<(PostStatus, i64)>> {
    let rows =
        sqlx::query("SELECT status, COUNT(*) AS n FROM posts GROUP BY status ORDER BY status")
            .fetch_all(store.pool())
            .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                parse_stored("post status", row.try_get("status")?)?,
                row.try_get("n")?,
            ))
        })
        .collect()
}

/// Which published posts a feed or a hosted-service list shows: all, or those with a label, by
/// an author, or published before a time (Blogger's `updated-max`).
#[derive(Debug, Default, Clone, Copy)]
pub struct Selection<'a> {
    /// A label's normalized key.
    pub label_key: Option<&'a str>,
    /// An author's name.
    pub author: Option<&'a str>,
    /// Unix seconds; only posts published strictly before.
    pub before: Option<i64>,
}

impl Selection<'_> {
    /// The FROM and WHERE part of the selection, and its parameters from `$1`.
    fn sql_tail(&self) -> (String, Vec<Bind<'_>>) {
        let mut sql = String::from(
            "FROM posts p LEFT JOIN authors a ON a.id = p.author_id WHERE p.status = 'published'",
        );
        let mut binds = Vec::new();
        if let Some(key) = self.label_key {
            binds.push(Bind::Text(key));
            sql.push_str(&format!(
                " AND p.id IN (SELECT pl.post_id FROM post_labels pl JOIN labels l
                               ON l.id = pl.label_id WHERE l.key = ${})",
                binds.len()
            ));
        }
        if let Some(author) = self.author {
            binds.push(Bind::Text(author));
            sql.push_str(&format!(" AND a.name = ${}", binds.len()));
        }
        if let Some(before) = self.before {
            binds.push(Bind::Int(before));
            sql.push_str(&format!(" AND p.published_at < ${}", binds.len()));
        }
        (sql, binds)
    }
}

/// Published posts of a selection, newest first, whole (bodies and labels), for feeds.
pub async fn feed(
    store: &Store,
    selection: &Selection<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Post>> {
    let (from_where, mut binds) = selection.sql_tail();
    let sql = format!(
        "SELECT {POST_COLUMNS} {from_where} ORDER BY p.published_at DESC, p.id DESC
         LIMIT ${} OFFSET ${}",
        binds.len() + 1,
        binds.len() + 2
    );
    binds.extend([Bind::Int(limit), Bind::Int(offset)]);
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for bind in &binds {
        query = match bind {
            Bind::Int(v) => query.bind(*v),
            Bind::Text(v) => query.bind(*v),
        };
    }
    let rows = query.fetch_all(store.pool()).await?;
    let mut posts = Vec::with_capacity(rows.len());
    for row in rows {
        posts.push(full_post(store, row).await?);
    }
    Ok(posts)
}

/// Published posts of a selection, newest first, as lists show them.
pub async fn list_selected(
    store: &Store,
    selection: &Selection<'_>,
    limit: i64,
    offset: i64,
) -> Result<Listing> {
    let (from_where, mut binds) = selection.sql_tail();
    let total = count(store, &format!("SELECT COUNT(*) {from_where}"), &binds).await?;
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} {from_where} ORDER BY p.published_at DESC, p.id DESC
         LIMIT ${} OFFSET ${}",
        binds.len() + 1,
        binds.len() + 2
    );
    binds.extend([Bind::Int(limit), Bind::Int(offset)]);
    Ok(Listing {
        posts: summaries(store, &sql, &binds).await?,
        total,
    })
}

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
    let sql =
        format!("SELECT id, path, updated_at, published_at, title FROM posts WHERE {condition}");
    let rows = sqlx::query(AssertSqlSafe(sql))
        .bind(first)
        .bind(second)
        .fetch_all(store.pool())
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Address {
                id: row.try_get("id")?,
                path: row.try_get("path")?,
                updated_at: row.try_get("updated_at")?,
                published_at: row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                title: row.try_get("title")?,
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
}

/// How many posts are published.
pub async fn count_published(store: &Store) -> Result<i64> {
    count(
        store,
        "SELECT COUNT(*) FROM posts WHERE status = 'published'",
        &[],
    )
    .await
}

/// The path and title of a published post.
pub async fn published_path(store: &Store, id: PostId) -> Result<Option<(String, String)>> {
    Ok(
        sqlx::query_as("SELECT path, title FROM posts WHERE id = $1 AND status = 'published'")
            .bind(id.0)
            .fetch_optional(store.pool())
            .await?,
    )
}
