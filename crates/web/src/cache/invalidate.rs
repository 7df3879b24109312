//! What an outbox change means for pages, and the cache following the outbox: the one place
//! that turns a change into the [`Tag`]s to forget (or "everything"), read by both
//! [`PageCache::sync`] and `minbar build`.

use super::{PageCache, Tag};
use minbar_store::Store;
use minbar_store::outbox::{Change, Entity};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

/// How often the follower looks at the outbox when nothing wakes it.
pub const FOLLOW_INTERVAL: Duration = Duration::from_millis(250);

impl PageCache {
    /// Applies every outbox change not applied yet. The first call only notes where the outbox
    /// is (nothing is cached before it).
    pub async fn sync(&self, store: &Store) -> Result<(), minbar_store::StoreError> {
        let _turn = self.syncing.lock().await;
        let applied = self.applied.load(Ordering::Acquire);
        if applied < 0 {
            let latest = minbar_store::outbox::latest(store).await?;
            *self.featured.lock().unwrap_or_else(|e| e.into_inner()) = featured_ids(store).await?;
            self.clear();
            self.applied.store(latest, Ordering::Release);
            return Ok(());
        }
        let mut seq = applied;
        loop {
            let changes = minbar_store::outbox::since(store, seq, 500).await?;
            let Some(last) = changes.last() else { break };
            seq = last.seq;
            let touched = Touched::of(&changes);
            let mut everything = touched.everything;
            // Every page shows the featured posts: a change to which posts they are, or to one
            // of them (its title, its address), touches every page.
            if !touched.posts.is_empty() && !everything {
                let now = featured_ids(store).await?;
                let mut featured = self.featured.lock().unwrap_or_else(|e| e.into_inner());
                if touches_featured(&changes, &featured, &now) {
                    everything = true;
                }
                *featured = now;
            }
            if everything {
                self.clear();
            } else {
                let tags = touched.tags();
                if !tags.is_empty() {
                    self.forget(&tags);
                }
            }
            if changes.len() < 500 {
                break;
            }
        }
        self.applied.store(seq, Ordering::Release);
        Ok(())
    }

    /// [`PageCache::sync`]; when the outbox cannot be read, every page is dropped, since serving
    /// stale pages is worse than serving none. Except while the database is unreachable: then
    /// nobody can write, kept pages are the only pages readers can get, and the first sync
    /// after the database returns applies everything written since (the cursor is kept).
    pub async fn sync_or_clear(&self, store: &Store) {
        match self.sync(store).await {
            Ok(()) => {
                if self.database_away.swap(false, Ordering::AcqRel) {
                    tracing::warn!("the database is back; the page cache follows it again");
                }
            }
            Err(error @ minbar_store::StoreError::Unavailable(_)) => {
                if !self.database_away.swap(true, Ordering::AcqRel) {
                    tracing::error!(%error, "the database is unreachable; serving kept pages");
                }
            }
            Err(error) => {
                tracing::warn!(%error, "page cache cannot read the outbox; cleared");
                self.clear();
            }
        }
    }

    /// On SQLite: whether the write-ahead log changed since last asked (another process wrote).
    pub(super) fn log_moved(&self) -> bool {
        let Some(wal) = &self.wal else { return false };
        let now = std::fs::metadata(wal)
            .ok()
            .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
        let mut seen = self.wal_seen.lock().unwrap_or_else(|e| e.into_inner());
        if *seen == now {
            false
        } else {
            *seen = now;
            true
        }
    }

    /// Follows the outbox in the background, for changes made elsewhere: at once when `signal`
    /// says another node committed, and every [`FOLLOW_INTERVAL`] in any case.
    pub fn follow(
        self: &Arc<Self>,
        store: Store,
        mut signal: minbar_store::signal::Signal,
    ) -> tokio::task::JoinHandle<()> {
        let cache = self.clone();
        tokio::spawn(async move {
            loop {
                // First at once: until its first sync the cache cannot say how far behind it is.
                cache.sync_or_clear(&store).await;
                signal.wait(FOLLOW_INTERVAL).await;
            }
        })
    }

    /// The last outbox change this cache applied (-1 before its first sync).
    pub fn applied(&self) -> i64 {
        self.applied.load(Ordering::Acquire)
    }
}

/// What a run of outbox changes means for pages: the one reading of the outbox that both
/// [`PageCache::sync`] (which tags to forget) and `minbar build` (which posts to render again)
/// act on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// Some change shows on every page: site settings, static pages (the layout's links), a
    /// restore, an import, a post or comment without a path, or anything this version does
    /// not know (written by a newer node).
    pub everything: bool,
    /// Posts that changed themselves (written, published, edited, deleted), by stored path:
    /// their pages and every list or feed that shows their card.
    pub posts: BTreeSet<String>,
    /// Posts whose comments changed, by stored path: their pages, the cards' comment counts
    /// and the comment feeds.
    pub commented: BTreeSet<String>,
}

impl Touched {
    /// What `changes` touch, oldest first.
    pub fn of(changes: &[Change]) -> Self {
        let mut touched = Touched::default();
        for change in changes {
            touched.add(change);
        }
        touched
    }

    /// Adds what one change touches. Bans and media change no page (sessions are not in the
    /// outbox). Every entity is named, so a new one must be decided here.
    pub fn add(&mut self, change: &Change) {
        match (&change.entity, change.path.as_deref()) {
            (Entity::Post, Some(path)) => {
                self.posts.insert(path.to_owned());
            }
            (Entity::Comment, Some(path)) => {
                self.commented.insert(path.to_owned());
            }
            (Entity::Ban | Entity::Media, _) => {}
            // An unknown entity was written by a newer node: what it shows cannot be told, so
            // every page is forgotten rather than one served stale.
            (Entity::Post | Entity::Comment, None)
            | (Entity::Site | Entity::Page | Entity::Unknown(_), _) => self.everything = true,
        }
    }

    /// Every post whose page changed, itself or by its comments.
    pub fn paths(&self) -> BTreeSet<&str> {
        self.posts
            .iter()
            .chain(&self.commented)
            .map(String::as_str)
            .collect()
    }

    /// The tags of the pages to forget, when not [`Touched::everything`].
    pub fn tags(&self) -> Vec<Tag> {
        let mut tags: Vec<Tag> = self.paths().into_iter().map(Tag::post).collect();
        if !self.posts.is_empty() {
            tags.push(Tag::Lists);
        }
        if !self.commented.is_empty() {
            tags.push(Tag::Comments);
        }
        tags
    }
}

/// Whether `changes` touch the featured posts: which they are (`before` against `now`), or a
/// post among them.
pub(crate) fn touches_featured(changes: &[Change], before: &[i64], now: &[i64]) -> bool {
    before != now
        || changes.iter().any(|c| {
            c.entity == Entity::Post
                && (before.contains(&c.entity_id) || now.contains(&c.entity_id))
        })
}

/// The featured posts every page's layout shows (the purge job compares them too).
pub(crate) async fn featured_ids(store: &Store) -> Result<Vec<i64>, minbar_store::StoreError> {
    Ok(
        minbar_store::posts::featured(store, minbar_content::FEATURED_POSTS)
            .await?
            .iter()
            .map(|p| p.id.0)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use minbar_store::outbox::Action;

    /// Reads `changes` as stored words (entity, action, path) and checks what they touch.
    fn check(changes: &[(&str, &str, Option<&str>)], everything: bool, tags: &[Tag]) {
        let changes: Vec<Change> = changes
            .iter()
            .zip(1..)
            .map(|(&(entity, action, path), seq)| {
                let entity = Entity::parse(entity);
                Change {
                    seq,
                    action: Action::parse(&entity, action),
                    entity,
                    entity_id: seq,
                    path: path.map(str::to_owned),
                }
            })
            .collect();
        let touched = Touched::of(&changes);
        assert_eq!(touched.everything, everything, "{changes:?}");
        assert_eq!(touched.tags(), tags, "{changes:?}");
    }

    #[test]
    fn each_change_touches_the_pages_that_show_it() {
        let a = Some("/2017/08/a.html");
        let post_a = Tag::post("/2017/08/a.html");
        check(&[], false, &[]);
        check(
            &[("post", "published", a)],
            false,
            &[post_a.clone(), Tag::Lists],
        );
        check(
            &[("post", "delete", a)],
            false,
            &[post_a.clone(), Tag::Lists],
        );
        check(
            &[("comment", "spam", a)],
            false,
            &[post_a.clone(), Tag::Comments],
        );
        check(
            &[("comment", "insert", a), ("post", "update", a)],
            false,
            &[post_a, Tag::Lists, Tag::Comments],
        );
        check(
            &[("ban", "insert", None), ("media", "insert", None)],
            false,
            &[],
        );
        check(&[("site", "update", None)], true, &[]);
        check(&[("site", "restore", None)], true, &[]);
        check(&[("page", "insert", Some("/p/about.html"))], true, &[]);
        check(&[("comment", "import", None)], true, &[]);
        // Written by a newer node: this version cannot tell which pages show it.
        check(&[("newsletter", "sent", a)], true, &[]);
    }

    #[test]
    fn a_build_renders_again_each_post_touched_once() {
        let post = |path: &str, entity: Entity| Change {
            seq: 1,
            action: Action::Update,
            entity,
            entity_id: 1,
            path: Some(path.to_owned()),
        };
        let touched = Touched::of(&[
            post("/b.html", Entity::Post),
            post("/a.html", Entity::Comment),
            post("/b.html", Entity::Comment),
        ]);
        assert_eq!(
            touched.paths().into_iter().collect::<Vec<_>>(),
            ["/a.html", "/b.html"]
        );
    }
}
