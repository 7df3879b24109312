//! Reading published posts: the lists every public page shows (home, months, featured, labels,
//! authors), and the whole posts feeds carry. One post's page is read by `page`.

use super::rows::{
    Bind, Listing, NEWEST_FIRST, Reader, SUMMARY_COLUMNS, count, listing, post_columns, post_of,
    rows, summaries,
};
use crate::{Result, Store, StoreError};
use minbar_content::{Post, PostId, PostSummary};

/// Published posts, newest first.
pub async fn list_published(store: &Store, limit: i64, offset: i64) -> Result<Listing> {
    let from = "FROM posts p WHERE p.status = 'published'";
    listing(
        store,
        Reader::Public,
        from,
        &[],
        NEWEST_FIRST,
        limit,
        offset,
    )
    .await
}

/// Published posts the editors featured, newest first.
pub async fn featured(store: &Store, limit: i64) -> Result<Vec<PostSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM posts p WHERE p.status = 'published' AND p.featured = 1
         ORDER BY p.published_at DESC, p.id DESC LIMIT $1"
    );
    summaries(store, Reader::Public, &sql, &[Bind::Int(limit)]).await
}

/// Published posts of one month on the site's calendar (`zone`), newest first.
pub async fn list_by_month(
    store: &Store,
    zone: &jiff::tz::TimeZone,
    year: i16,
    month: i8,
    limit: i64,
    offset: i64,
) -> Result<Listing> {
    let (start, end) =
        minbar_content::clock::month_bounds(zone, year, month).ok_or(StoreError::NotFound)?;
    let from = "FROM posts p WHERE p.status = 'published' AND p.published_at >= $1 AND p.published_at < $2";
    let binds = [Bind::Int(start), Bind::Int(end)];
    listing(
        store,
        Reader::Public,
        from,
        &binds,
        NEWEST_FIRST,
        limit,
        offset,
    )
    .await
}

/// How many posts are published.
pub async fn count_published(store: &Store) -> Result<i64> {
    count(
        store,
        Reader::Public,
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
            .fetch_optional(store.reads())
            .await?,
    )
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
    /// Only posts in one language.
    pub language: Option<InLanguage<'a>>,
}

/// Posts in one language: the site's own (`main`, which also takes the posts that name no
/// language, all of them before languages existed) or another.
#[derive(Debug, Clone, Copy)]
pub struct InLanguage<'a> {
    pub tag: &'a str,
    pub main: bool,
}

impl Selection<'_> {
    /// The FROM and WHERE part of the selection, and its parameters from `$1`. The authors are
    /// joined only when the columns (`with_author`) or the selection need them: a count or a
    /// list without them reads the list index alone, not every post's row.
    fn sql_tail(&self, with_author: bool) -> (String, Vec<Bind<'_>>) {
        let mut sql = String::from(if with_author || self.author.is_some() {
            "FROM posts p LEFT JOIN authors a ON a.id = p.author_id WHERE p.status = 'published'"
        } else {
            "FROM posts p WHERE p.status = 'published'"
        });
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
        if let Some(language) = self.language {
            binds.push(Bind::Text(language.tag));
            let n = binds.len();
            if language.main {
                sql.push_str(&format!(" AND (p.language IS NULL OR p.language = ${n})"));
            } else {
                sql.push_str(&format!(" AND p.language = ${n}"));
            }
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
    let (from_where, mut binds) = selection.sql_tail(true);
    let sql = format!(
        "SELECT {} {from_where} ORDER BY p.published_at DESC, p.id DESC
         LIMIT ${} OFFSET ${}",
        post_columns(store.engine()),
        binds.len() + 1,
        binds.len() + 2
    );
    binds.extend([Bind::Int(limit), Bind::Int(offset)]);
    rows(store, Reader::Public, &sql, &binds)
        .await?
        .into_iter()
        .map(post_of)
        .collect()
}

/// Published posts of a selection, newest first, as lists show them.
pub async fn list_selected(
    store: &Store,
    selection: &Selection<'_>,
    limit: i64,
    offset: i64,
) -> Result<Listing> {
    let (from_where, binds) = selection.sql_tail(false);
    listing(
        store,
        Reader::Public,
        &from_where,
        &binds,
        NEWEST_FIRST,
        limit,
        offset,
    )
    .await
}
