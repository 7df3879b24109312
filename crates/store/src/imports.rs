//! Writing an import: everything one export holds goes in one transaction, so a file that turns
//! out to be broken halfway leaves nothing half imported. Each thing is recorded with the
//! platform's own id, so importing the same export again changes nothing, and an updated export
//! updates what changed.

use crate::outbox::{self, Action, Entity};
use crate::{Result, Store};
use minbar_content::{CommentStatus, NewPage, NewPost};
use sqlx::{Any, AssertSqlSafe, Transaction};
use std::collections::HashMap;

/// What happened to one imported thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added(i64),
    Updated(i64),
    Unchanged(i64),
    /// Its old address is taken by something else on the site.
    PathTaken,
}

impl Outcome {
    pub fn id(self) -> Option<i64> {
        match self {
            Outcome::Added(id) | Outcome::Updated(id) | Outcome::Unchanged(id) => Some(id),
            Outcome::PathTaken => None,
        }
    }
}

/// A comment as an import writes it: plain text, on a post already imported.
#[derive(Debug, Clone)]
pub struct ImportedComment {
    /// The platform's own id.
    pub source_id: String,
    pub post_id: i64,
    /// The platform's id of the comment this one answers.
    pub parent_source_id: Option<String>,
    pub author: String,
    pub body: String,
    pub created_at: i64,
    pub status: CommentStatus,
}

/// What happened to the comments of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommentTally {
    pub comments: u64,
    pub replies: u64,
    pub unchanged: u64,
}

/// Comments per INSERT (6 parameters each).
const COMMENTS_PER_INSERT: usize = 500;

/// An import in progress: one transaction.
pub struct Import {
    tx: Transaction<'static, Any>,
    /// Every source id known, by kind and id: read once at the start, so that a large export
    /// (a hundred thousand comments) does not ask the database about each of them.
    known: HashMap<(String, String), i64>,
    /// Comments added, recorded in the outbox as one change at commit.
    comments_added: u64,
    /// Authors by name, as found or made during this import.
    authors: HashMap<String, i64>,
    /// The site's zone, which files a post without an old path under its local month.
    zone: jiff::tz::TimeZone,
    /// Source ids remembered but not yet written.
    unsaved_sources: Vec<(String, String, i64)>,
    /// Comments given but not yet written, and the source ids among them.
    unsaved_comments: Vec<ImportedComment>,
    unsaved_comment_ids: std::collections::HashSet<String>,
    tally: CommentTally,
}

/// Source-id rows per INSERT (3 parameters each, well under SQLite's limit of 32,766).
const SOURCES_PER_INSERT: usize = 500;

impl Store {
    /// Starts an import.
    pub async fn begin_import(&self) -> Result<Import> {
        let zone = crate::site::zone(self).await?;
        let mut tx = self.pool().begin().await?;
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT kind, source_id, entity_id FROM import_sources")
                .fetch_all(&mut *tx)
                .await?;
        let known = rows
            .into_iter()
            .map(|(kind, source, id)| ((kind, source), id))
            .collect();
        Ok(Import {
            tx,
            known,
            zone,
            comments_added: 0,
            authors: HashMap::new(),
            unsaved_sources: Vec::new(),
            unsaved_comments: Vec::new(),
            unsaved_comment_ids: std::collections::HashSet::new(),
            tally: CommentTally::default(),
        })
    }
}

impl Import {
    /// The `/YYYY/MM/` a post published at `published` is filed under on this site.
    pub fn month_prefix(&self, published: i64) -> String {
        minbar_content::clock::month_prefix(&self.zone, published)
    }

    fn source(&self, kind: &str, source_id: &str) -> Option<i64> {
        self.known
            .get(&(kind.to_owned(), source_id.to_owned()))
            .copied()
    }

    async fn remember(&mut self, kind: &str, source_id: &str, id: i64) -> Result<()> {
        self.known
            .insert((kind.to_owned(), source_id.to_owned()), id);
        self.unsaved_sources
            .push((kind.to_owned(), source_id.to_owned(), id));
        if self.unsaved_sources.len() >= SOURCES_PER_INSERT {
            self.save_sources().await?;
        }
        Ok(())
    }

    /// Writes the source ids remembered since the last call, many rows per statement: one
    /// statement per row was most of an import's time.
    async fn save_sources(&mut self) -> Result<()> {
        if self.unsaved_sources.is_empty() {
            return Ok(());
        }
        let rows: Vec<String> = (0..self.unsaved_sources.len())
            .map(|i| format!("({})", crate::placeholders(i * 3 + 1, 3)))
            .collect();
        let sql = format!(
            "INSERT INTO import_sources (kind, source_id, entity_id) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (kind, source_id, id) in self.unsaved_sources.drain(..) {
            query = query.bind(kind).bind(source_id).bind(id);
        }
        query.execute(&mut *self.tx).await?;
        Ok(())
    }

    /// Finds or makes the author named `name`.
    pub async fn author(&mut self, name: &str) -> Result<i64> {
        if let Some(id) = self.authors.get(name) {
            return Ok(*id);
        }
        let id = self.find_or_make_author(name).await?;
        self.authors.insert(name.to_owned(), id);
        Ok(id)
    }

    async fn find_or_make_author(&mut self, name: &str) -> Result<i64> {
        if let Some(id) = sqlx::query_scalar::<_, i64>("SELECT id FROM authors WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *self.tx)
            .await?
        {
            return Ok(id);
        }
        Ok(sqlx::query_scalar(
            "INSERT INTO authors (name, created_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(name)
        .bind(crate::now())
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// Adds a post at exactly `path` (its old address), or updates the one imported before
    /// from the same source when its content changed.
    pub async fn post(
        &mut self,
        source_id: &str,
        post: &NewPost,
        path: &str,
        author: Option<i64>,
    ) -> Result<Outcome> {
        if let Some(id) = self.source("post", source_id) {
            let same: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM posts WHERE id = $1 AND title = $2 AND body_source = $3 AND status = $4
                   AND COALESCE(cover, '') = COALESCE($5, '')",
            )
            .bind(id)
            .bind(&post.title)
            .bind(&post.body_source)
            .bind(post.status.as_str())
            .bind(post.cover.as_deref())
            .fetch_optional(&mut *self.tx)
            .await?;
            if same.is_some() {
                return Ok(Outcome::Unchanged(id));
            }
            sqlx::query(
                "UPDATE posts SET title = $1, body_source = $2, body_format = $3, body_html = $4,
                        body_text = $5, excerpt = $6, status = $7, updated_at = $8, cover = $10
                 WHERE id = $9",
            )
            .bind(&post.title)
            .bind(&post.body_source)
            .bind(post.body_format.as_str())
            .bind(&post.body_html)
            .bind(&post.body_text)
            .bind(&post.excerpt)
            .bind(post.status.as_str())
            .bind(crate::now())
            .bind(id)
            .bind(post.cover.as_deref())
            .execute(&mut *self.tx)
            .await?;
            sqlx::query("DELETE FROM post_labels WHERE post_id = $1")
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
            crate::labels::attach(&mut self.tx, id, &post.labels).await?;
            outbox::append(&mut self.tx, Entity::Post, id, Action::Update, Some(path)).await?;
            return Ok(Outcome::Updated(id));
        }
        let slug = path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".html")
            .to_owned();
        let now = crate::now();
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO posts (path, slug, title, body_source, body_format, body_html, excerpt,
                                status, featured, published_at, created_at, updated_at, author_id,
                                body_text, cover)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $10, $11, $12, $13)
             ON CONFLICT (path) DO NOTHING RETURNING id",
        )
        .bind(path)
        .bind(&slug)
        .bind(&post.title)
        .bind(&post.body_source)
        .bind(post.body_format.as_str())
        .bind(&post.body_html)
        .bind(&post.excerpt)
        .bind(post.status.as_str())
        .bind(post.published_at)
        .bind(now)
        .bind(author)
        .bind(&post.body_text)
        .bind(post.cover.as_deref())
        .fetch_optional(&mut *self.tx)
        .await?;
        let Some(id) = id else {
            return Ok(Outcome::PathTaken);
        };
        crate::labels::attach(&mut self.tx, id, &post.labels).await?;
        outbox::append(&mut self.tx, Entity::Post, id, Action::Insert, Some(path)).await?;
        self.remember("post", source_id, id).await?;
        Ok(Outcome::Added(id))
    }

    /// Adds a static page with its old slug, or updates the one imported before.
    pub async fn page(&mut self, source_id: &str, page: &NewPage) -> Result<Outcome> {
        let path = format!("/p/{}.html", page.slug.as_str());
        if let Some(id) = self.source("page", source_id) {
            let changed = sqlx::query(
                "UPDATE pages SET title = $1, body_source = $2, body_html = $3, updated_at = $4
                 WHERE id = $5 AND (title <> $1 OR body_source <> $2)",
            )
            .bind(&page.title)
            .bind(&page.body_source)
            .bind(&page.body_html)
            .bind(crate::now())
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
            if changed.rows_affected() == 0 {
                return Ok(Outcome::Unchanged(id));
            }
            outbox::append(&mut self.tx, Entity::Page, id, Action::Update, Some(&path)).await?;
            return Ok(Outcome::Updated(id));
        }
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO pages (slug, title, body_source, body_format, body_html, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (slug) DO NOTHING RETURNING id",
        )
        .bind(page.slug.as_str())
        .bind(&page.title)
        .bind(&page.body_source)
        .bind(page.body_format.as_str())
        .bind(&page.body_html)
        .bind(crate::now())
        .fetch_optional(&mut *self.tx)
        .await?;
        let Some(id) = id else {
            return Ok(Outcome::PathTaken);
        };
        outbox::append(&mut self.tx, Entity::Page, id, Action::Insert, Some(&path)).await?;
        self.remember("page", source_id, id).await?;
        Ok(Outcome::Added(id))
    }

    /// The id of a post imported from `source_id`, if any.
    pub fn post_id(&self, source_id: &str) -> Option<i64> {
        self.source("post", source_id)
    }

    /// Adds a comment (plain text) once, published or waiting for moderation as it was. Comments
    /// are written many to a statement (one statement each was most of a large import's time),
    /// so a comment is written by a later call or by [`Import::finish_comments`]; give replies
    /// after the comments they answer.
    pub async fn comment(&mut self, comment: ImportedComment) -> Result<()> {
        if self.source("comment", &comment.source_id).is_some()
            || self.unsaved_comment_ids.contains(&comment.source_id)
        {
            self.tally.unchanged += 1;
            return Ok(());
        }
        // A reply must find its parent's id: write the parent first.
        if comment
            .parent_source_id
            .as_ref()
            .is_some_and(|p| self.unsaved_comment_ids.contains(p))
            || self.unsaved_comments.len() >= COMMENTS_PER_INSERT
        {
            self.save_comments().await?;
        }
        self.unsaved_comment_ids.insert(comment.source_id.clone());
        self.unsaved_comments.push(comment);
        Ok(())
    }

    /// Writes the comments given so far and says what happened to all of them.
    pub async fn finish_comments(&mut self) -> Result<CommentTally> {
        self.save_comments().await?;
        Ok(self.tally)
    }

    async fn save_comments(&mut self) -> Result<()> {
        if self.unsaved_comments.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.unsaved_comments);
        self.unsaved_comment_ids.clear();
        let parents: Vec<Option<i64>> = batch
            .iter()
            .map(|c| {
                c.parent_source_id
                    .as_deref()
                    .and_then(|p| self.source("comment", p))
            })
            .collect();
        let rows: Vec<String> = (0..batch.len())
            .map(|i| format!("({})", crate::placeholders(i * 6 + 1, 6)))
            .collect();
        let sql = format!(
            "INSERT INTO comments (post_id, parent_id, author_name, body, status, created_at)
             VALUES {} RETURNING id",
            rows.join(", ")
        );
        let mut query = sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql));
        for (comment, parent) in batch.iter().zip(&parents) {
            query = query
                .bind(comment.post_id)
                .bind(*parent)
                .bind(comment.author.clone())
                .bind(comment.body.clone())
                .bind(comment.status.as_str())
                .bind(comment.created_at);
        }
        let mut ids = query.fetch_all(&mut *self.tx).await?;
        // Both engines number the rows of one INSERT in the order given; RETURNING's own order
        // is not promised, so the ids are matched to the rows by sorting.
        ids.sort_unstable();
        if ids.len() != batch.len() {
            return Err(crate::StoreError::Invalid(format!(
                "{} comments written but {} ids returned",
                batch.len(),
                ids.len()
            )));
        }
        for ((comment, parent), id) in batch.iter().zip(&parents).zip(ids) {
            if parent.is_some() {
                self.tally.replies += 1;
            } else {
                self.tally.comments += 1;
            }
            self.comments_added += 1;
            self.remember("comment", &comment.source_id, id).await?;
        }
        Ok(())
    }

    /// Makes the old address `from_path` answer with a permanent redirect to `to_path`; an old
    /// address imported again points at where its content is now. `from_path` is a
    /// [`minbar_content::redirect_key`], as the lookup of a request makes one.
    pub async fn redirect(&mut self, from_path: &str, to_path: &str) -> Result<()> {
        if from_path == to_path {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO redirects (from_path, to_path) VALUES ($1, $2)
             ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path",
        )
        .bind(from_path)
        .bind(to_path)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// The address of the post or page imported from `source_id`.
    pub async fn path_of(&mut self, kind: &str, source_id: &str) -> Result<Option<String>> {
        let Some(id) = self.source(kind, source_id) else {
            return Ok(None);
        };
        let sql = if kind == "page" {
            "SELECT '/p/' || slug || '.html' FROM pages WHERE id = $1"
        } else {
            "SELECT path FROM posts WHERE id = $1"
        };
        Ok(sqlx::query_scalar(sql)
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?)
    }

    /// Makes everything imported visible at once.
    pub async fn commit(mut self) -> Result<()> {
        self.save_comments().await?;
        self.save_sources().await?;
        if self.comments_added > 0 {
            // One change for all of them: what follows the outbox re-reads comment counts.
            outbox::append(&mut self.tx, Entity::Comment, 0, Action::Import, None).await?;
        }
        self.tx.commit().await?;
        Ok(())
    }
}

/// The id on this site of a thing imported from `source_id` (a Blogger post id in an old feed
/// address, say).
pub async fn imported_id(store: &Store, kind: &str, source_id: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT entity_id FROM import_sources WHERE kind = $1 AND source_id = $2",
    )
    .bind(kind)
    .bind(source_id)
    .fetch_optional(store.pool())
    .await?)
}
