//! What staff read: posts of every status for the admin's list, its dashboard and the command
//! line, and the post the editor opens with its saved revisions.

use super::rows::{Bind, Listing, Reader, SUMMARY_COLUMNS, by_id, listing, summaries};
use crate::error::parse_stored;
use crate::{Result, Store};
use minbar_content::{Post, PostId, PostStatus, PostSummary, Revision};
use sqlx::Row;

/// Every post, drafts included, newest first: for the command line.
pub async fn list_all(store: &Store) -> Result<Vec<PostSummary>> {
    let sql =
        format!("SELECT {SUMMARY_COLUMNS} FROM posts p ORDER BY p.published_at DESC, p.id DESC");
    summaries(store, Reader::Newsroom, &sql, &[]).await
}

/// The id of the post at `path` (unencoded), whatever its status.
pub async fn id_by_path(store: &Store, path: &str) -> Result<Option<PostId>> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM posts WHERE path = $1")
        .bind(path)
        .fetch_optional(store.pool())
        .await?;
    Ok(id.map(PostId))
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
    let binds = [Bind::Text(status), Bind::Int(author), Bind::Text(&pattern)];
    let order = "p.updated_at DESC, p.id DESC";
    listing(store, Reader::Newsroom, from, &binds, order, limit, offset).await
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
