//! The page cache: public pages and feeds kept in memory as immutable bytes, with their gzip,
//! brotli and zstd forms made once (when first asked for) and kept beside them, served with
//! strong ETags and 304s, and
//! forgotten precisely when the outbox says something they show has changed.
//!
//! A handler opts a response in by attaching [`Keep`] with the [`Tag`]s the page depends on
//! ([`Tag::Post`] for a post page and for every list showing that post's card, [`Tag::Lists`]
//! for lists and feeds, [`Tag::Comments`] for comment feeds). Every page also depends on the
//! layout (site settings, static pages, featured posts), which clears everything.
//!
//! Freshness: a change made through this node is applied before its response leaves
//! ([`CacheLayer`] syncs after every non-GET request); a change from elsewhere (the command
//! line, another node) is found by a follower polling the outbox, and on SQLite also by a
//! `stat` of the write-ahead log before each cached answer, so the next request sees it.
//! Stampedes: one render per key; readers asking meanwhile wait for it.
//!
//! This module holds the [`PageCache`] itself (cells, the memory budget, eviction); [`entry`]
//! a kept page with its encodings and ETags; [`layer`] the tower layer that answers requests;
//! [`invalidate`] what an outbox change means for pages, and following the outbox.

mod entry;
mod invalidate;
mod layer;

pub use entry::{Encoding, Entry, choose, compress};
pub use invalidate::{FOLLOW_INTERVAL, Touched};
pub(crate) use invalidate::{featured_ids, touches_featured};
pub(crate) use layer::X_CACHE;
pub use layer::{CacheLayer, CacheService, not_modified};

use axum::http::{HeaderValue, header};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use tokio::sync::OnceCell;

/// `Cache-Control` of a page every reader gets: browsers revalidate each time (a 304 is cheap),
/// shared caches keep it briefly and may serve it stale while they revalidate.
pub const SHARED_PAGE: &str = "public, max-age=0, s-maxage=30, stale-while-revalidate=300";

/// The default memory budget for cached pages, all variants counted: about 600 article pages
/// with their brotli copies, far more than a news site's pages in demand at once. The process
/// holds more than the budget under churn (the allocator's fragmentation: measured about 1.5×
/// the budget after a run of misses), which bench/RESULTS.md reports.
pub const DEFAULT_BUDGET_BYTES: usize = 12 * 1024 * 1024;

/// Attached by a handler to a response the cache may keep: what the page depends on. A kept
/// page is the same bytes and headers for every reader (no `Set-Cookie`, nothing per reader),
/// so front caches and CDNs may keep it too.
#[derive(Debug, Clone, Default)]
pub struct Keep {
    pub tags: Vec<Tag>,
}

impl Keep {
    pub fn tags(tags: impl IntoIterator<Item = Tag>) -> Self {
        Keep {
            tags: tags.into_iter().collect(),
        }
    }
}

/// An HTML page every reader gets, which the cache may keep under `tags`.
pub fn kept(html: String, tags: Vec<Tag>) -> axum::response::Response {
    kept_with(html, Keep::tags(tags))
}

/// [`kept`], with its [`Keep`] given whole.
pub fn kept_with(html: String, keep: Keep) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response = (
        [(header::CACHE_CONTROL, HeaderValue::from_static(SHARED_PAGE))],
        axum::response::Html(html),
    )
        .into_response();
    response.extensions_mut().insert(keep);
    response
}

/// What a kept page depends on; a change to it makes the cache forget the page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Tag {
    /// A post, by its stored path: its page and every list showing its card (with the card's
    /// comment count).
    Post(String),
    /// Which posts are published and in what order: lists, feeds, sitemaps.
    Lists,
    /// Which comments are published: comment feeds.
    Comments,
}

/// The surrogate key every kept page carries: purging it empties a front cache of our pages
/// (a change to the settings or the layout).
pub const EVERY_PAGE_KEY: &str = "site";

impl Tag {
    /// The tag of everything that shows the post at `path`.
    pub fn post(path: &str) -> Self {
        Tag::Post(path.to_owned())
    }

    /// This tag as a surrogate key for front caches (`Surrogate-Key`, `Cache-Tag`): short ASCII
    /// with no space or comma, whatever the post's path holds (Arabic, percent signs).
    pub fn surrogate_key(&self) -> String {
        match self {
            Tag::Post(path) => {
                use sha2::Digest;
                let digest = sha2::Sha256::digest(path.as_bytes());
                let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
                format!("p-{hex}")
            }
            Tag::Lists => "lists".to_owned(),
            Tag::Comments => "comments".to_owned(),
        }
    }
}

/// The surrogate keys of a page kept under `tags`, space-separated, [`EVERY_PAGE_KEY`] first.
pub fn surrogate_keys(tags: &[Tag]) -> String {
    let mut keys = vec![EVERY_PAGE_KEY.to_owned()];
    for tag in tags {
        let key = tag.surrogate_key();
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.join(" ")
}

/// What a cell settles to: a page to serve, or "not kept" (every reader renders their own).
#[derive(Debug, Clone)]
enum Filled {
    Entry(Arc<Entry>),
    Pass,
}

/// The map of keys to cells. Keys come from readers (a path and a query), so they are hashed
/// with a per-process random seed; foldhash's quality hasher does that for a fraction of
/// SipHash's cost (about 700 instructions of a 22,000-instruction hit, bench/RESULTS.md), and
/// the memory budget bounds how many keys there can be.
type Cells = HashMap<String, Arc<OnceCell<Filled>>, foldhash::quality::RandomState>;

/// The cache itself: keys to cells, each filled once.
pub struct PageCache {
    cells: Mutex<Cells>,
    budget: usize,
    used: AtomicUsize,
    clock: AtomicU64,
    /// The last outbox sequence number applied.
    applied: AtomicI64,
    /// One sync at a time, so changes are applied in order.
    syncing: tokio::sync::Mutex<()>,
    /// The featured posts the layout shows, to know when a post change touches every page.
    featured: Mutex<Vec<i64>>,
    /// SQLite's write-ahead log and what `stat` said of it last.
    wal: Option<PathBuf>,
    wal_seen: Mutex<Option<(SystemTime, u64)>>,
    /// Whether the last sync found the database unreachable (to log the outage once).
    database_away: std::sync::atomic::AtomicBool,
    /// What every page's layout reads (see [`LayoutParts`]), kept until the next [`clear`].
    ///
    /// [`clear`]: PageCache::clear
    layout: Mutex<Option<Arc<LayoutParts>>>,
    /// Bumped by every [`PageCache::clear`], so parts read before a clear are never kept after it.
    generation: AtomicU64,
}

/// The settings, static pages and featured posts every page's layout shows, read once and kept
/// between changes: each change to any of them (the settings, a static page, the featured set
/// or a featured post itself) clears the whole cache, these with it. It saves a page miss three
/// of its database round trips.
#[derive(Debug)]
pub(crate) struct LayoutParts {
    pub site: minbar_content::Site,
    pub pages: Vec<(String, String)>,
    pub featured: Vec<minbar_content::PostSummary>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("budget", &self.budget)
            .field("used", &self.used.load(Ordering::Relaxed))
            .finish()
    }
}

impl PageCache {
    /// A cache holding at most `budget` bytes; `wal`, on SQLite, is the log to watch.
    pub fn new(budget: usize, wal: Option<PathBuf>) -> Self {
        PageCache {
            cells: Mutex::new(Cells::default()),
            budget,
            used: AtomicUsize::new(0),
            clock: AtomicU64::new(0),
            applied: AtomicI64::new(-1),
            syncing: tokio::sync::Mutex::new(()),
            featured: Mutex::new(Vec::new()),
            wal,
            wal_seen: Mutex::new(None),
            database_away: std::sync::atomic::AtomicBool::new(false),
            layout: Mutex::new(None),
            generation: AtomicU64::new(0),
        }
    }

    /// The layout's parts, when kept, and the generation to hand back to [`PageCache::keep_layout`].
    pub(crate) fn layout(&self) -> (Option<Arc<LayoutParts>>, u64) {
        let generation = self.generation.load(Ordering::Acquire);
        let kept = self
            .layout
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        (kept, generation)
    }

    /// Keeps the layout's parts read at `generation`, unless the cache was cleared meanwhile
    /// (they may be older than the change that cleared it) or caching is off.
    pub(crate) fn keep_layout(&self, generation: u64, parts: Arc<LayoutParts>) {
        let mut kept = self.layout.lock().unwrap_or_else(|e| e.into_inner());
        if self.budget > 0 && self.generation.load(Ordering::Acquire) == generation {
            *kept = Some(parts);
        }
    }

    /// Bytes held now, all variants counted.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }

    /// Pages held now.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cells> {
        // A panic while holding the map cannot leave it half-changed (each change is one call),
        // so a poisoned lock is still a good map.
        self.cells.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Forgets every page.
    pub fn clear(&self) {
        {
            let mut layout = self.layout.lock().unwrap_or_else(|e| e.into_inner());
            self.generation.fetch_add(1, Ordering::AcqRel);
            *layout = None;
        }
        self.lock().clear();
        self.used.store(0, Ordering::Relaxed);
    }

    /// Forgets every page that depends on one of `tags`.
    pub fn forget(&self, tags: &[Tag]) {
        let mut cells = self.lock();
        let mut freed = 0;
        cells.retain(|_, cell| match cell.get() {
            Some(Filled::Entry(entry)) if entry.tags.iter().any(|t| tags.contains(t)) => {
                freed += entry.size();
                false
            }
            // A page being rendered may have read what changed: drop it, the next reader
            // renders again.
            None => false,
            _ => true,
        });
        self.used
            .fetch_sub(freed.min(self.used()), Ordering::Relaxed);
    }

    fn remove(&self, key: &str, cell: &Arc<OnceCell<Filled>>) {
        let mut cells = self.lock();
        if cells.get(key).is_some_and(|c| Arc::ptr_eq(c, cell)) {
            cells.remove(key);
        }
    }

    /// The cell for `key`, created empty when there is none; whoever initializes it fills it.
    fn cell(&self, key: &str) -> Arc<OnceCell<Filled>> {
        let mut cells = self.lock();
        // A hit finds its cell without copying the key.
        if let Some(cell) = cells.get(key) {
            return cell.clone();
        }
        cells
            .entry(key.to_owned())
            .or_insert_with(|| Arc::new(OnceCell::new()))
            .clone()
    }

    fn admit(&self, entry: &Arc<Entry>) {
        self.grew(entry.size());
    }

    /// Counts `bytes` more held, and makes room when past the budget.
    fn grew(&self, bytes: usize) {
        let used = self.used.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if used > self.budget {
            self.evict(self.budget * 9 / 10);
        }
    }

    /// Drops the least recently used pages until at most `target` bytes are held.
    fn evict(&self, target: usize) {
        let mut cells = self.lock();
        let mut ready: Vec<(u64, String, usize)> = cells
            .iter()
            .filter_map(|(key, cell)| match cell.get() {
                Some(Filled::Entry(entry)) => Some((
                    entry.last_used.load(Ordering::Relaxed),
                    key.clone(),
                    entry.size(),
                )),
                _ => None,
            })
            .collect();
        ready.sort_unstable();
        let mut used: usize = ready.iter().map(|(_, _, size)| size).sum();
        for (_, key, size) in ready {
            if used <= target {
                break;
            }
            cells.remove(&key);
            used -= size;
        }
        self.used.store(used, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;
    use axum::http::Response;

    #[test]
    fn the_budget_holds_and_the_least_used_go_first() {
        let cache = PageCache::new(40_000, None);
        let (parts, _) = Response::new(()).into_parts();
        for n in 0..40 {
            let page = format!("<p>{n}</p>").repeat(2_000);
            let entry = Arc::new(Entry::new(&parts, Bytes::from(page), Keep::default()));
            entry.last_used.store(n, Ordering::Relaxed);
            let cell = cache.cell(&format!("k{n}"));
            assert!(cell.set(Filled::Entry(entry.clone())).is_ok());
            cache.admit(&entry);
            assert!(cache.used() <= 40_000, "{} after {n}", cache.used());
        }
        assert!(cache.len() < 40);
        assert!(cache.lock().contains_key("k39"), "the newest stays");
        assert!(!cache.lock().contains_key("k0"), "the oldest went first");
    }
}
