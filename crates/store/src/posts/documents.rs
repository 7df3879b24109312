//! Published posts as the search index reads them: walking every one in batches, and reading
//! many by id in one query.

use super::rows::{json_array_agg, json_rows};
use crate::{Result, Store};
use minbar_content::{PostDocument, PostId};
// Dynamic SQL here only ever splices constant engine-specific words, never input.
use sqlx::AssertSqlSafe;

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
        .fetch_all(store.reads())
        .await?;
    Ok(ids.into_iter().map(PostId).collect())
}

/// The published posts among `ids`, as the search index reads them (labels included), in the
/// order of `ids`. Ids of posts that are missing or not published are left out.
pub async fn documents(store: &Store, ids: &[PostId]) -> Result<Vec<PostDocument>> {
    read_documents(store, ids, None).await
}

/// As [`documents`], without labels and with only the first `body_chars` characters of each
/// body: what a list of search results shows (a passage of the opening), read in one query.
pub async fn result_documents(
    store: &Store,
    ids: &[PostId],
    body_chars: usize,
) -> Result<Vec<PostDocument>> {
    read_documents(store, ids, Some(body_chars)).await
}

/// `body_chars`: `None` for whole bodies and labels, else bodies cut to that many characters.
async fn read_documents(
    store: &Store,
    ids: &[PostId],
    body_chars: Option<usize>,
) -> Result<Vec<PostDocument>> {
    let with_labels = body_chars.is_none();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Both engines count `substr` in characters. Only a number is spliced, never input.
    let body = match body_chars {
        Some(chars) => format!("substr(p.body_text, 1, {chars})"),
        None => "p.body_text".to_owned(),
    };
    // One row holding every post as a JSON array: the driver hands rows over one at a time,
    // and at a few dozen microseconds each that cost more than the query itself. The HTML is
    // read only for posts stored before their text was kept.
    let columns = format!(
        "p.id, p.path, p.title, {body}, p.excerpt, p.published_at, a.name,
         CASE WHEN p.body_text = '' THEN p.body_html ELSE '' END"
    );
    let sql = format!(
        "SELECT {} FROM posts p LEFT JOIN authors a ON a.id = p.author_id
         WHERE {} = 'published' AND p.id IN ({})",
        json_array_agg(store.engine(), &columns, None),
        status_by_id(store),
        crate::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_scalar::<_, Option<String>>(AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(id.0);
    }
    let json = query.fetch_one(store.reads()).await?;
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
    let rows: Vec<Columns> = json_rows(json, "posts read as JSON")?;
    let mut labels = if with_labels {
        let found: Vec<i64> = rows.iter().map(|row| row.0).collect();
        crate::labels::for_posts(store, &found).await?
    } else {
        std::collections::HashMap::new()
    };
    let mut documents = Vec::with_capacity(rows.len());
    for (id, path, title, body_text, excerpt, published_at, author, body_html) in rows {
        let body_text = if body_text.is_empty() {
            let mut text = minbar_content::html_to_text(&body_html);
            if let Some((cut, _)) = body_chars.and_then(|n| text.char_indices().nth(n)) {
                text.truncate(cut);
            }
            text
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
