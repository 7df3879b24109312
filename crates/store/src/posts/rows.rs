//! What the reads of posts share: the column lists, the row readers, and the statements that
//! bind a list of parameters. The other modules splice only these constant column lists into
//! their SQL, never input.

use crate::error::parse_stored;
use crate::{Engine, Result, Store, StoreError};
use minbar_content::{Discussion, Post, PostId, PostSummary, Slug};
use sqlx::any::AnyRow;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};

pub(super) const SUMMARY_COLUMNS: &str = "p.id, p.path, p.title, p.excerpt, p.status, p.featured, p.published_at,
    (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id AND c.status = 'published') AS comment_count";

/// The aggregate that gathers the rows it runs over into one JSON array of `[items…]`, in
/// `order` when given, as text: the one spelling of it for both engines. Reads gather rows so
/// because each statement, and each row of one, is a round trip to the driver's worker thread.
/// SQLite's `json_group_array` of no rows is `[]` and PostgreSQL's `json_agg` NULL
/// ([`json_rows`] reads both as none); `ORDER BY` inside the aggregate needs SQLite 3.44.
pub(super) fn json_array_agg(engine: Engine, items: &str, order: Option<&str>) -> String {
    let order = order.map(|o| format!(" ORDER BY {o}")).unwrap_or_default();
    match engine {
        Engine::Sqlite => format!("json_group_array(json_array({items}){order})"),
        Engine::Postgres => format!("json_agg(json_build_array({items}){order})::text"),
    }
}

/// The rows of a JSON array that [`json_array_agg`] made, NULL or absent being none; `what`
/// names them in the error when they cannot be read.
pub(super) fn json_rows<T: serde::de::DeserializeOwned>(
    json: Option<String>,
    what: &'static str,
) -> Result<Vec<T>> {
    match json {
        None => Ok(Vec::new()),
        Some(json) => serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
            what,
            value: json.chars().take(200).collect(),
        }),
    }
}

/// A whole post's columns for each engine, its labels among them: `labels_json`, the post's
/// labels in its order as `[[name, key], …]`, in the post's own row rather than from a second
/// statement: one read per post page and per post of a feed instead of two.
static POST_COLUMNS: std::sync::LazyLock<[String; 2]> = std::sync::LazyLock::new(|| {
    [Engine::Sqlite, Engine::Postgres].map(|engine| {
        format!(
            "p.id, p.path, p.slug, p.title, p.body_source, p.body_format, p.body_html,
            p.excerpt, p.status, p.featured, p.published_at, p.updated_at, a.name AS author,
            p.cover, p.comments_closed, p.telegram_post, p.language, p.translation_group,
            (SELECT {} FROM post_labels pl JOIN labels l ON l.id = pl.label_id
             WHERE pl.post_id = p.id) AS labels_json",
            json_array_agg(engine, "l.name, l.key", Some("pl.position"))
        )
    })
});

/// The columns [`post_of`] reads, for `engine`: the statements that read whole posts splice
/// in only this.
pub(super) fn post_columns(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => &POST_COLUMNS[0],
        Engine::Postgres => &POST_COLUMNS[1],
    }
}

const BY_ID: &str = "FROM posts p LEFT JOIN authors a ON a.id = p.author_id WHERE p.id = $1";

pub(super) async fn by_id(store: &Store, id: PostId) -> Result<Post> {
    let sql = format!("SELECT {} {BY_ID}", post_columns(store.engine()));
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_one(store.pool())
        .await?;
    post_of(row)
}

/// [`by_id`] inside a transaction: a write reads what it wrote before it commits, so the
/// answer to a write is settled by its commit alone (no read after it can fail a write that
/// is already on the disk).
pub(super) async fn by_id_in(
    tx: &mut Transaction<'_, Any>,
    engine: Engine,
    id: PostId,
) -> Result<Post> {
    let sql = format!("SELECT {} {BY_ID}", post_columns(engine));
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_one(&mut **tx)
        .await?;
    post_of(row)
}

/// A post from its row, read with [`post_columns`].
pub(super) fn post_of(row: AnyRow) -> Result<Post> {
    let id: i64 = row.try_get("id")?;
    let labels = json_rows::<(String, String)>(row.try_get("labels_json")?, "post labels")?
        .into_iter()
        .map(|(name, key)| minbar_content::Label { name, key })
        .collect();
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
        labels,
        cover: row.try_get("cover")?,
        discussion: Discussion {
            closed: row.try_get::<i64, _>("comments_closed")? != 0,
            telegram: row.try_get("telegram_post")?,
        },
        language: row.try_get("language")?,
        translation_group: row.try_get("translation_group")?,
    })
}

pub(super) fn summary(row: AnyRow) -> Result<PostSummary> {
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

pub(super) async fn summaries(
    store: &Store,
    reader: Reader,
    sql: &str,
    binds: &[Bind<'_>],
) -> Result<Vec<PostSummary>> {
    rows(store, reader, sql, binds)
        .await?
        .into_iter()
        .map(summary)
        .collect()
}

/// Who reads: the public (a replica may answer, see `replica`) or the newsroom (the primary,
/// which holds its drafts the moment they are saved).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Reader {
    Public,
    Newsroom,
}

/// The rows `sql` selects with `binds` as its parameters from `$1`.
pub(super) async fn rows(
    store: &Store,
    reader: Reader,
    sql: &str,
    binds: &[Bind<'_>],
) -> Result<Vec<AnyRow>> {
    let mut query = sqlx::query(AssertSqlSafe(sql.to_owned()));
    for bind in binds {
        query = match bind {
            Bind::Int(v) => query.bind(*v),
            Bind::Text(v) => query.bind(*v),
        };
    }
    let pool = match reader {
        Reader::Public => store.reads(),
        Reader::Newsroom => store.pool(),
    };
    Ok(query.fetch_all(pool).await?)
}

/// A page of a list: the posts `from_where` (a statement's FROM and WHERE, with `binds` as its
/// parameters from `$1`) selects, in `order_by`, `limit` of them from `offset`, and how many it
/// selects in all.
pub(super) async fn listing(
    store: &Store,
    reader: Reader,
    from_where: &str,
    binds: &[Bind<'_>],
    order_by: &str,
    limit: i64,
    offset: i64,
) -> Result<Listing> {
    let total = count(
        store,
        reader,
        &format!("SELECT COUNT(*) {from_where}"),
        binds,
    )
    .await?;
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} {from_where} ORDER BY {order_by} LIMIT ${} OFFSET ${}",
        binds.len() + 1,
        binds.len() + 2
    );
    let mut binds = binds.to_vec();
    binds.extend([Bind::Int(limit), Bind::Int(offset)]);
    Ok(Listing {
        posts: summaries(store, reader, &sql, &binds).await?,
        total,
    })
}

/// The order of public lists and feeds: newest first.
pub(super) const NEWEST_FIRST: &str = "p.published_at DESC, p.id DESC";

/// The number `sql` (a `SELECT COUNT(*)`) counts with `binds` as its parameters from `$1`.
pub(super) async fn count(
    store: &Store,
    reader: Reader,
    sql: &str,
    binds: &[Bind<'_>],
) -> Result<i64> {
    match rows(store, reader, sql, binds).await?.first() {
        Some(row) => Ok(row.try_get(0)?),
        None => Err(sqlx::Error::RowNotFound.into()),
    }
}

/// A query parameter for the list queries that share their column list.
#[derive(Clone, Copy)]
pub(super) enum Bind<'a> {
    Int(i64),
    Text(&'a str),
}

/// A page of a list: the items and how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub posts: Vec<PostSummary>,
    pub total: i64,
}
