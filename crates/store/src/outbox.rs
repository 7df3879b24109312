//! The outbox: an ordered log of every change a page could show.
//!
//! Writers append in the same transaction as the change itself; followers (page caches, search
//! indexes, other nodes) read everything after the last sequence number they applied. What
//! changed is typed ([`Entity`], [`Action`]) so a follower matches variants, never strings; the
//! words stored are the ones every version has written, so existing databases read the same.

use crate::{Result, Store};
use minbar_content::{CommentStatus, PostStatus};
use sqlx::{Any, Row, Transaction};

/// What kind of thing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entity {
    /// A post (stored as `post`).
    Post,
    /// A static page (`page`).
    Page,
    /// A reader's comment (`comment`); its path is its post's.
    Comment,
    /// The site's settings, or the whole site at once, as a restore writes it (`site`).
    Site,
    /// A moderator's ban (`ban`).
    Ban,
    /// An uploaded file (`media`). Nothing records it yet; followers already know it changes
    /// no page, so an outbox that names it reads the same in every version.
    Media,
    /// A word this version does not know, written by a newer node that shares the database.
    /// Nobody can tell what pages it shows, so the page cache forgets everything for it.
    Unknown(String),
}

impl Entity {
    /// The word this entity is stored as.
    pub fn as_str(&self) -> &str {
        match self {
            Entity::Post => "post",
            Entity::Page => "page",
            Entity::Comment => "comment",
            Entity::Site => "site",
            Entity::Ban => "ban",
            Entity::Media => "media",
            Entity::Unknown(word) => word,
        }
    }

    /// Reads a stored word; one this version does not know is [`Entity::Unknown`].
    pub fn parse(stored: &str) -> Self {
        match stored {
            "post" => Entity::Post,
            "page" => Entity::Page,
            "comment" => Entity::Comment,
            "site" => Entity::Site,
            "ban" => Entity::Ban,
            "media" => Entity::Media,
            other => Entity::Unknown(other.to_owned()),
        }
    }
}

/// What happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Created (`insert`), by a writer, an import or a restore.
    Insert,
    /// Changed (`update`): a post's or page's text, the site's settings.
    Update,
    /// Removed (`delete`).
    Delete,
    /// A post moved to a status: stored as the status's own word (`published`, `draft`, …).
    PostStatus(PostStatus),
    /// A comment moved to a status: stored as the status's own word (`published`, `spam`, …).
    CommentStatus(CommentStatus),
    /// A post's discussion was opened or closed (`discussion`).
    Discussion,
    /// A comment's text was edited by a moderator (`edit`).
    Edit,
    /// Comments were imported in bulk (`import`).
    Import,
    /// The whole site was restored from an archive (`restore`).
    Restore,
    /// A word this version does not know for that entity (a newer node wrote it).
    Unknown(String),
}

impl Action {
    /// The word this action is stored as.
    pub fn as_str(&self) -> &str {
        match self {
            Action::Insert => "insert",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::PostStatus(status) => status.as_str(),
            Action::CommentStatus(status) => status.as_str(),
            Action::Discussion => "discussion",
            Action::Edit => "edit",
            Action::Import => "import",
            Action::Restore => "restore",
            Action::Unknown(word) => word,
        }
    }

    /// Reads a stored word. A status word means a post's status on a post and a comment's on a
    /// comment (both have `published`); one this version does not know is [`Action::Unknown`].
    pub fn parse(entity: &Entity, stored: &str) -> Self {
        match stored {
            "insert" => return Action::Insert,
            "update" => return Action::Update,
            "delete" => return Action::Delete,
            "discussion" => return Action::Discussion,
            "edit" => return Action::Edit,
            "import" => return Action::Import,
            "restore" => return Action::Restore,
            _ => {}
        }
        let status = match entity {
            Entity::Post => stored.parse().ok().map(Action::PostStatus),
            Entity::Comment => stored.parse().ok().map(Action::CommentStatus),
            _ => None,
        };
        status.unwrap_or_else(|| Action::Unknown(stored.to_owned()))
    }
}

/// One change: which entity, which row, what happened, and the public path it touches, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    pub entity: Entity,
    pub entity_id: i64,
    pub action: Action,
    pub path: Option<String>,
}

/// The advisory lock that orders writers on PostgreSQL from their first change to their commit.
const OUTBOX_LOCK: i64 = 7202;

/// The PostgreSQL channel a commit with changes notifies, so other nodes read the outbox at once
/// instead of at their next poll.
pub const CHANNEL: &str = "minbar_outbox";

/// Appends a change inside the writer's transaction.
///
/// Followers read everything after the last sequence number they applied, so numbers must be
/// handed out in commit order: a transaction that took number 1 and committed after the one that
/// took number 2 would be skipped for ever. SQLite has one writer at a time, so it holds already;
/// on PostgreSQL each writer takes a transaction-level advisory lock before its first change and
/// keeps it until it commits or rolls back, so the next writer's numbers come after its commit.
/// It also notifies [`CHANNEL`]: PostgreSQL delivers the notice at the commit (and drops it on a
/// rollback), folding a transaction's many changes into one.
pub(crate) async fn append(
    tx: &mut Transaction<'_, Any>,
    entity: Entity,
    entity_id: i64,
    action: Action,
    path: Option<&str>,
) -> Result<()> {
    if tx.backend_name().to_ascii_lowercase().contains("postgres") {
        // Re-entrant within the transaction: an import appending many changes takes it once.
        sqlx::query("SELECT pg_advisory_xact_lock($1), pg_notify($2, '')")
            .bind(OUTBOX_LOCK)
            .bind(CHANNEL)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO outbox (entity, entity_id, action, path, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(entity.as_str())
    .bind(entity_id)
    .bind(action.as_str())
    .bind(path)
    .bind(crate::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The changes after `seq`, oldest first, at most `limit`.
pub async fn since(store: &Store, seq: i64, limit: i64) -> Result<Vec<Change>> {
    let rows = sqlx::query(
        "SELECT seq, entity, entity_id, action, path FROM outbox WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(seq)
    .bind(limit)
    .fetch_all(store.pool())
    .await?;
    if !rows.is_empty() {
        // Whoever acts on these changes (a page forgotten, a post reindexed) must not read
        // from a replica that has not replayed them yet.
        store.note_primary_position().await?;
    }
    rows.into_iter()
        .map(|row| {
            let entity = Entity::parse(&row.try_get::<String, _>("entity")?);
            let action = Action::parse(&entity, &row.try_get::<String, _>("action")?);
            Ok(Change {
                seq: row.try_get("seq")?,
                entity,
                entity_id: row.try_get("entity_id")?,
                action,
                path: row.try_get("path")?,
            })
        })
        .collect()
}

/// The newest sequence number, or 0 for an empty outbox.
pub async fn latest(store: &Store) -> Result<i64> {
    let seq: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM outbox")
        .fetch_one(store.pool())
        .await?;
    Ok(seq.unwrap_or(0))
}

/// How far a follower is behind the outbox: changes not applied yet, and the age in seconds of
/// the oldest of them (0 when none).
pub async fn lag(store: &Store, applied: i64) -> Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS behind, MIN(created_at) AS oldest FROM outbox WHERE seq > $1",
    )
    .bind(applied)
    .fetch_one(store.pool())
    .await?;
    let behind: i64 = row.try_get("behind")?;
    let oldest: Option<i64> = row.try_get("oldest")?;
    Ok((behind, oldest.map_or(0, |at| (crate::now() - at).max(0))))
}

#[cfg(test)]
#[path = "outbox_order.rs"]
mod order;

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a stored (entity, action) pair and checks the variants and the words written back.
    fn check(entity: &str, action: &str, expected: (Entity, Action)) {
        let read = Entity::parse(entity);
        let read = (read.clone(), Action::parse(&read, action));
        assert_eq!(read, expected, "{entity} {action}");
        assert_eq!((read.0.as_str(), read.1.as_str()), (entity, action));
    }

    #[test]
    fn every_stored_word_reads_back_as_it_was_written() {
        check("post", "insert", (Entity::Post, Action::Insert));
        check("page", "update", (Entity::Page, Action::Update));
        check("ban", "delete", (Entity::Ban, Action::Delete));
        check("media", "insert", (Entity::Media, Action::Insert));
        check("site", "restore", (Entity::Site, Action::Restore));
        check("post", "discussion", (Entity::Post, Action::Discussion));
        check("comment", "edit", (Entity::Comment, Action::Edit));
        check("comment", "import", (Entity::Comment, Action::Import));
        check(
            "post",
            "published",
            (Entity::Post, Action::PostStatus(PostStatus::Published)),
        );
        check(
            "post",
            "draft",
            (Entity::Post, Action::PostStatus(PostStatus::Draft)),
        );
        check(
            "comment",
            "published",
            (
                Entity::Comment,
                Action::CommentStatus(CommentStatus::Published),
            ),
        );
        check(
            "comment",
            "spam",
            (Entity::Comment, Action::CommentStatus(CommentStatus::Spam)),
        );
    }

    #[test]
    fn words_this_version_does_not_know_stay_distinct() {
        let newsletter = Entity::Unknown("newsletter".to_owned());
        check(
            "newsletter",
            "sent",
            (newsletter.clone(), Action::Unknown("sent".to_owned())),
        );
        check("newsletter", "insert", (newsletter, Action::Insert));
        // A status word belongs to its entity: a post is never "spam".
        check(
            "post",
            "spam",
            (Entity::Post, Action::Unknown("spam".to_owned())),
        );
        check(
            "site",
            "published",
            (Entity::Site, Action::Unknown("published".to_owned())),
        );
    }
}
