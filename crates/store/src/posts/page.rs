//! A published post page's whole read: the post with its labels, its published comments and its
//! notes, in one statement and one row. Each statement, and each row of one, is a round trip to
//! the driver's worker thread and back; on a page that misses the cache (and on each of the
//! 10,000 pages `minbar build` writes) those trips cost more than the queries themselves.

use super::rows::{json_array_agg, json_rows, post_columns, post_of};
use crate::Result;
use crate::error::parse_stored;
use crate::{Engine, Store};
use minbar_content::notes::PostNote;
use minbar_content::{Comment, CommentId, Post};
// Dynamic SQL here only ever splices the constant column lists and engine words, never input.
use sqlx::{AssertSqlSafe, Row};

/// A published post with what its page shows besides the layout.
#[derive(Debug, Clone, PartialEq)]
pub struct PostPage {
    pub post: Post,
    /// Published comments, oldest first.
    pub comments: Vec<Comment>,
    /// Notes (corrections, updates), oldest first.
    pub notes: Vec<PostNote>,
}

/// A subquery giving the rows of `from` as one JSON array of `items`, in `order`.
fn array(engine: Engine, items: &str, order: &str, from: &str) -> String {
    format!(
        "(SELECT {} {from})",
        json_array_agg(engine, items, Some(order))
    )
}

/// The published post at `path` (unencoded, `/2017/08/<slug>.html`) with its labels, comments
/// and notes, or `None`.
pub async fn published_page(store: &Store, path: &str) -> Result<Option<PostPage>> {
    let engine = store.engine();
    let comments = array(
        engine,
        "c.id, c.parent_id, c.author_name, c.body, c.status, c.created_at,
         CASE WHEN c.user_id IS NULL THEN 0 ELSE 1 END, c.edited_at",
        "c.created_at, c.id",
        "FROM comments c WHERE c.post_id = p.id AND c.status = 'published'",
    );
    let notes = array(
        engine,
        "n.id, n.kind, n.placement, n.body, n.created_at",
        "n.created_at, n.id",
        "FROM post_notes n WHERE n.post_id = p.id",
    );
    let sql = format!(
        "SELECT {}, {comments} AS comments_json, {notes} AS notes_json
         FROM posts p LEFT JOIN authors a ON a.id = p.author_id
         WHERE p.path = $1 AND p.status = 'published'",
        post_columns(engine)
    );
    let Some(row) = sqlx::query(AssertSqlSafe(sql))
        .bind(path)
        .fetch_optional(store.reads())
        .await?
    else {
        return Ok(None);
    };
    let comments: Vec<CommentColumns> = json_rows(row.try_get("comments_json")?, "post comments")?;
    let notes: Vec<NoteColumns> = json_rows(row.try_get("notes_json")?, "post notes")?;
    let post = post_of(row)?;
    let comments = comments
        .into_iter()
        .map(
            |(id, parent, author_name, body, status, created_at, staff, edited_at)| {
                Ok(Comment {
                    id: CommentId(id),
                    post_id: post.id,
                    parent_id: parent.map(CommentId),
                    author_name,
                    body,
                    status: parse_stored("comment status", status)?,
                    created_at,
                    staff: staff != 0,
                    edited_at,
                })
            },
        )
        .collect::<Result<_>>()?;
    let notes = notes
        .into_iter()
        .map(|(id, kind, placement, body, created_at)| {
            Ok(PostNote {
                id,
                kind: parse_stored("note kind", kind)?,
                placement: parse_stored("note placement", placement)?,
                body,
                created_at,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Some(PostPage {
        post,
        comments,
        notes,
    }))
}

type CommentColumns = (
    i64,
    Option<i64>,
    String,
    String,
    String,
    i64,
    i64,
    Option<i64>,
);
type NoteColumns = (i64, String, String, String, i64);
