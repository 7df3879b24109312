//! The page cache: public pages and feeds kept in memory as immutable bytes, with their gzip,
//! brotli and zstd forms made once (when first asked for) and kept beside them, served with
//! strong ETags and 304s, and
//! forgotten precisely when the outbox says something they show has changed.
//!
//! A handler opts a response in by attaching [`Keep`] with the tags the page depends on
//! (`post:/2017/08/x.html` for a post page and for every list showing that post's card,
//! `lists` for lists and feeds, `comments` for comment feeds). Every page also depends on the
//! layout (site settings, static pages, featured posts), which clears everything.
//!
//! Freshness: a change made through this node is applied before its response leaves
//! ([`CacheLayer`] syncs after every non-GET request); a change from elsewhere (the command
//! line, another node) is found by a follower polling the outbox, and on SQLite also by a
//! `stat` of the write-ahead log before each cached answer, so the next request sees it.
//! Stampedes: one render per key; readers asking meanwhile wait for it.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use minbar_store::Store;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};
use tokio::sync::OnceCell;

/// `Cache-Control` of a page every reader gets: browsers revalidate each time (a 304 is cheap),
/// shared caches keep it briefly and may serve it stale while they revalidate.
pub const SHARED_PAGE: &str = "public, max-age=0, s-maxage=30, stale-while-revalidate=300";

/// The default memory budget for cached pages, all variants counted: about 600 article pages
/// with their brotli copies, far more than a news site's pages in demand at once. The process
/// holds more than the budget under churn (the allocator's fragmentation: measured about 1.5×
/// the budget after a run of misses), which bench/RESULTS.md reports.
pub const DEFAULT_BUDGET_BYTES: usize = 12 * 1024 * 1024;
/// Pages larger than this are served but not kept.
const MAX_ENTRY_BYTES: usize = 2 * 1024 * 1024;
/// Paths and queries past these lengths are never keys (nor pages of ours).
const MAX_KEY_PATH: usize = 2_048;
const MAX_KEY_QUERY: usize = 512;
/// How often the follower looks at the outbox when nothing wakes it.
pub const FOLLOW_INTERVAL: Duration = Duration::from_millis(250);

/// A header set per reader on a kept page, computed from the request without rendering (the
/// post page's "first seen" cookie), so the page's bytes stay the same for everyone.
pub type ReaderHeader =
    Arc<dyn Fn(&HeaderMap) -> Option<(header::HeaderName, HeaderValue)> + Send + Sync>;

/// Attached by a handler to a response the cache may keep: what the page depends on.
#[derive(Clone, Default)]
pub struct Keep {
    pub tags: Vec<String>,
    pub reader_header: Option<ReaderHeader>,
}

impl std::fmt::Debug for Keep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keep").field("tags", &self.tags).finish()
    }
}

impl Keep {
    pub fn tags(tags: impl IntoIterator<Item = String>) -> Self {
        Keep {
            tags: tags.into_iter().collect(),
            reader_header: None,
        }
    }
}

/// An HTML page every reader gets, which the cache may keep under `tags`.
pub fn kept(html: String, tags: Vec<String>) -> axum::response::Response {
    kept_with(html, Keep::tags(tags))
}

/// [`kept`], with a per-reader header.
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

/// The tag of everything that shows a post: its page and every list with its card.
pub fn post_tag(path: &str) -> String {
    format!("post:{path}")
}

/// One cached page: its bytes in each encoding, and what HTTP says of them.
pub struct Entry {
    /// The response's own headers as the site's layers finished them (content type, cache
    /// control, security headers), without those that are per answer or per encoding.
    headers: HeaderMap,
    /// Hex of the identity bytes' digest; each encoding's ETag adds its own suffix.
    digest: String,
    last_modified: HeaderValue,
    modified: i64,
    identity: Bytes,
    /// Made the first time a reader asks for that encoding, then kept: a miss costs a render
    /// and at most one compression, and nothing is compressed twice.
    gzip: std::sync::OnceLock<Bytes>,
    brotli: std::sync::OnceLock<Bytes>,
    zstd: std::sync::OnceLock<Bytes>,
    /// Bytes of the compressed copies made so far (for the memory budget).
    compressed: AtomicUsize,
    tags: Vec<String>,
    reader_header: Option<ReaderHeader>,
    last_used: AtomicU64,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("digest", &self.digest)
            .field("tags", &self.tags)
            .finish()
    }
}

impl Entry {
    fn new(parts: &axum::http::response::Parts, body: Bytes, keep: Keep) -> Self {
        use sha2::Digest;
        let digest: String = sha2::Sha256::digest(&body)[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let now = jiff::Timestamp::now();
        let last_modified = jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_rfc9110_string(&now)
            .ok()
            .and_then(|v| HeaderValue::from_str(&v).ok())
            .unwrap_or_else(|| HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"));
        let mut headers = parts.headers.clone();
        for per_answer in [
            header::SET_COOKIE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
            header::ETAG,
            header::LAST_MODIFIED,
            header::VARY,
            header::DATE,
            header::TRANSFER_ENCODING,
        ] {
            headers.remove(per_answer);
        }
        if !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(SHARED_PAGE));
        }
        Entry {
            headers,
            digest,
            last_modified,
            modified: now.as_second(),
            gzip: std::sync::OnceLock::new(),
            brotli: std::sync::OnceLock::new(),
            zstd: std::sync::OnceLock::new(),
            compressed: AtomicUsize::new(0),
            identity: body,
            tags: keep.tags,
            reader_header: keep.reader_header,
            last_used: AtomicU64::new(0),
        }
    }

    /// Bytes held: the page, its compressed copies made so far, and a little for the rest.
    fn size(&self) -> usize {
        self.identity.len() + self.compressed.load(Ordering::Relaxed) + 512
    }

    /// The page in `encoding`, compressing it the first time it is asked for.
    fn bytes(&self, encoding: Encoding) -> (&Bytes, usize) {
        let cell = match encoding {
            Encoding::Identity => return (&self.identity, 0),
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.brotli,
            Encoding::Zstd => &self.zstd,
        };
        let mut added = 0;
        let bytes = cell.get_or_init(|| {
            let bytes = compress(encoding, &self.identity);
            added = bytes.len();
            self.compressed.fetch_add(added, Ordering::Relaxed);
            bytes
        });
        (bytes, added)
    }

    /// The strong ETag of one encoding's bytes (each representation has its own).
    fn etag(&self, encoding: Encoding) -> String {
        format!("\"{}{}\"", self.digest, encoding.etag_suffix())
    }
}

/// The encodings a page is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
    Zstd,
}

impl Encoding {
    fn name(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
            Encoding::Zstd => Some("zstd"),
        }
    }

    fn etag_suffix(self) -> &'static str {
        match self {
            Encoding::Identity => "",
            Encoding::Gzip => "-gz",
            Encoding::Brotli => "-br",
            Encoding::Zstd => "-zst",
        }
    }
}

/// Compresses once, at levels chosen for a page of tens of kilobytes: gzip 6, brotli 5 and
/// zstd 9 are within a few percent of their best sizes at a fraction of the time, which keeps
/// a cache miss and `minbar build` of 10,000 pages fast.
pub fn compress(encoding: Encoding, body: &[u8]) -> Bytes {
    let out = match encoding {
        Encoding::Identity => return Bytes::copy_from_slice(body),
        Encoding::Gzip => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
            encoder.write_all(body).and_then(|()| encoder.finish())
        }
        Encoding::Brotli => {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: 5,
                lgwin: 18,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &params).map(|_| out)
        }
        Encoding::Zstd => zstd::bulk::compress(body, 9),
    };
    // Compressing into memory cannot fail short of running out of it; serve uncompressed then.
    out.map(Bytes::from)
        .unwrap_or_else(|_| Bytes::copy_from_slice(body))
}

/// The encoding to answer with: the smallest the client accepts. `Accept-Encoding` is read
/// token by token, `q=0` honoured, and only its first kilobyte considered.
pub fn choose(headers: &HeaderMap) -> Encoding {
    let Some(value) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Encoding::Identity;
    };
    let value = &value[..value.floor_char_boundary(1024)];
    let mut accepted = [false; 3];
    for item in value.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        let slot = match name.as_str() {
            "br" => 0,
            "zstd" => 1,
            "gzip" | "x-gzip" => 2,
            _ => continue,
        };
        accepted[slot] = !refused;
    }
    // Brotli and zstd at these levels beat gzip on Arabic HTML; brotli is smallest.
    [Encoding::Brotli, Encoding::Zstd, Encoding::Gzip]
        .into_iter()
        .zip(accepted)
        .find_map(|(encoding, ok)| ok.then_some(encoding))
        .unwrap_or(Encoding::Identity)
}

/// What a cell settles to: a page to serve, or "not kept" (every reader renders their own).
#[derive(Debug, Clone)]
enum Filled {
    Entry(Arc<Entry>),
    Pass,
}

/// The cache itself: keys to cells, each filled once.
pub struct PageCache {
    cells: Mutex<HashMap<String, Arc<OnceCell<Filled>>>>,
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
            cells: Mutex::new(HashMap::new()),
            budget,
            used: AtomicUsize::new(0),
            clock: AtomicU64::new(0),
            applied: AtomicI64::new(-1),
            syncing: tokio::sync::Mutex::new(()),
            featured: Mutex::new(Vec::new()),
            wal,
            wal_seen: Mutex::new(None),
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<OnceCell<Filled>>>> {
        // A panic while holding the map cannot leave it half-changed (each change is one call),
        // so a poisoned lock is still a good map.
        self.cells.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Forgets every page.
    pub fn clear(&self) {
        self.lock().clear();
        self.used.store(0, Ordering::Relaxed);
    }

    /// Forgets every page that depends on one of `tags`.
    pub fn forget(&self, tags: &[String]) {
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
        self.lock()
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
            let mut tags = Vec::new();
            let mut everything = false;
            let mut posts_changed = false;
            for change in &changes {
                match touch(change) {
                    Touch::Nothing => {}
                    Touch::Post { path, comment } => {
                        tags.push(post_tag(path));
                        if comment {
                            tags.push("comments".to_owned());
                        } else {
                            tags.push("lists".to_owned());
                            posts_changed = true;
                        }
                    }
                    Touch::Everything => everything = true,
                }
            }
            if posts_changed && !everything {
                let now = featured_ids(store).await?;
                let mut featured = self.featured.lock().unwrap_or_else(|e| e.into_inner());
                if *featured != now {
                    *featured = now;
                    everything = true;
                }
            }
            if everything {
                self.clear();
            } else if !tags.is_empty() {
                self.forget(&tags);
            }
            if changes.len() < 500 {
                break;
            }
        }
        self.applied.store(seq, Ordering::Release);
        Ok(())
    }

    /// [`PageCache::sync`]; when the outbox cannot be read, every page is dropped, since serving
    /// stale pages is worse than serving none.
    pub async fn sync_or_clear(&self, store: &Store) {
        if let Err(error) = self.sync(store).await {
            tracing::warn!(%error, "page cache cannot read the outbox; cleared");
            self.clear();
        }
    }

    /// On SQLite: whether the write-ahead log changed since last asked (another process wrote).
    fn log_moved(&self) -> bool {
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

    /// Follows the outbox in the background, for changes made elsewhere.
    pub fn follow(self: &Arc<Self>, store: Store) -> tokio::task::JoinHandle<()> {
        let cache = self.clone();
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(FOLLOW_INTERVAL);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                interval.tick().await;
                cache.sync_or_clear(&store).await;
            }
        })
    }
}

/// What an outbox change means for pages; the page cache and `minbar build` both read it so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touch<'a> {
    /// Bans and media change no page (sessions are not in the outbox).
    Nothing,
    /// A post, or a comment on it (`comment`): the post's page and what shows its card.
    Post { path: &'a str, comment: bool },
    /// Site settings, static pages (the layout's links), imports, and anything this code does
    /// not know: every page.
    Everything,
}

pub fn touch(change: &minbar_store::outbox::Change) -> Touch<'_> {
    match (change.entity.as_str(), change.path.as_deref()) {
        ("comment", Some(path)) => Touch::Post {
            path,
            comment: true,
        },
        ("post", Some(path)) => Touch::Post {
            path,
            comment: false,
        },
        ("ban" | "media", _) => Touch::Nothing,
        _ => Touch::Everything,
    }
}

async fn featured_ids(store: &Store) -> Result<Vec<i64>, minbar_store::StoreError> {
    Ok(
        minbar_store::posts::featured(store, crate::routes::FEATURED)
            .await?
            .iter()
            .map(|p| p.id.0)
            .collect(),
    )
}

/// The cache key of a request, or `None` when it must not be cached: only `GET`/`HEAD` of
/// public pages, with a sane path and query and a plain host (pages carry absolute links made
/// from it when the site has no public address set).
fn key_of(method: &Method, uri: &axum::http::Uri, headers: &HeaderMap) -> Option<String> {
    if method != Method::GET && method != Method::HEAD {
        return None;
    }
    let path = uri.path();
    let query = uri.query().unwrap_or("");
    if path.len() > MAX_KEY_PATH
        || query.len() > MAX_KEY_QUERY
        || path.starts_with("/admin")
        || path.starts_with("/api/")
        || path.starts_with("/static/")
        || path.starts_with("/media/")
    {
        return None;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if host.len() > 255
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
    {
        return None;
    }
    Some(format!("{host}{path}?{query}"))
}

/// `X-Cache`: whether this answer came from memory (`hit`), was rendered for it (`miss`), or
/// is not kept at all (`pass`). Readers who waited for another's render count as hits.
const X_CACHE: &str = "x-cache";

/// Whether the client already has this version: its `If-None-Match` names `etag` (or `*`), or,
/// without one, its `If-Modified-Since` is not before `modified` (Unix seconds). A date that
/// cannot be read asks for the page.
pub fn not_modified(headers: &HeaderMap, etag: &str, modified: i64) -> bool {
    match headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        Some(tags) => tags
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*"),
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| jiff::fmt::rfc2822::parse(v).ok())
            .is_some_and(|since| since.timestamp().as_second() >= modified),
    }
}

/// Answers from an entry: 304 when the client has it, else the smallest encoding it accepts.
/// Returns the bytes a compressed copy made now added to the entry.
fn answer(
    entry: &Entry,
    method: &Method,
    headers: &HeaderMap,
    rendered: bool,
) -> (Response<Body>, usize) {
    let encoding = choose(headers);
    let etag = entry.etag(encoding);
    let not_modified = not_modified(headers, &etag, entry.modified);
    let mut response = Response::new(Body::empty());
    let mut out = entry.headers.clone();
    if let Ok(etag) = HeaderValue::from_str(&etag) {
        out.insert(header::ETAG, etag);
    }
    out.insert(header::LAST_MODIFIED, entry.last_modified.clone());
    out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    out.insert(
        X_CACHE,
        HeaderValue::from_static(if rendered { "miss" } else { "hit" }),
    );
    if let Some((name, value)) = entry.reader_header.as_ref().and_then(|f| f(headers)) {
        out.insert(name, value);
    }
    if not_modified {
        out.remove(header::CONTENT_TYPE);
        *response.headers_mut() = out;
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        return (response, 0);
    }
    let (bytes, added) = entry.bytes(encoding);
    let bytes = bytes.clone();
    out.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    if let Some(name) = encoding.name() {
        out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
    }
    *response.headers_mut() = out;
    if method != Method::HEAD {
        *response.body_mut() = Body::from(bytes);
    }
    (response, added)
}

fn conditional(headers: &HeaderMap) -> bool {
    headers.contains_key(header::IF_NONE_MATCH) || headers.contains_key(header::IF_MODIFIED_SINCE)
}

/// Turns a rendered response into an entry, when the handler allowed it; otherwise gives the
/// response back untouched (rebuilt from its bytes).
async fn settle(response: Response<Body>) -> (Filled, Option<Response<Body>>) {
    let kept = response.status() == StatusCode::OK && response.extensions().get::<Keep>().is_some();
    // A body known to be too large (a sitemap part of 50,000 addresses) is served as it is,
    // never read, so it is not lost.
    let too_large =
        axum::body::HttpBody::size_hint(response.body()).lower() > MAX_ENTRY_BYTES as u64;
    if !kept || too_large {
        return (Filled::Pass, Some(response));
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_ENTRY_BYTES).await {
        Ok(bytes) => {
            let keep = parts.extensions.get::<Keep>().cloned().unwrap_or_default();
            let entry = Entry::new(&parts, bytes, keep);
            (Filled::Entry(Arc::new(entry)), None)
        }
        // Too large to keep: it cannot be given back either, so say so plainly.
        Err(_) => (
            Filled::Pass,
            Some(
                Response::builder()
                    .status(StatusCode::INTERNAL_SERVER_ERROR)
                    .body(Body::empty())
                    .unwrap_or_default(),
            ),
        ),
    }
}

/// The tower layer putting a [`PageCache`] in front of the site.
#[derive(Clone)]
pub struct CacheLayer {
    cache: Arc<PageCache>,
    store: Store,
}

impl CacheLayer {
    pub fn new(cache: Arc<PageCache>, store: Store) -> Self {
        CacheLayer { cache, store }
    }
}

impl<S> tower::Layer<S> for CacheLayer {
    type Service = CacheService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        CacheService {
            inner,
            cache: self.cache.clone(),
            store: self.store.clone(),
        }
    }
}

#[derive(Clone)]
pub struct CacheService<S> {
    inner: S,
    cache: Arc<PageCache>,
    store: Store,
}

impl<S> tower::Service<Request<Body>> for CacheService<S>
where
    S: tower::Service<Request<Body>, Response = Response<Body>, Error = std::convert::Infallible>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = std::convert::Infallible;
    type Future = std::pin::Pin<
        Box<
            dyn std::future::Future<Output = Result<Response<Body>, std::convert::Infallible>>
                + Send,
        >,
    >;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        // The clone that was polled ready serves this request; a fresh clone stays for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let cache = self.cache.clone();
        let store = self.store.clone();
        if cache.budget == 0 {
            // Switched off (`minbar build` renders every page once): the site as it is.
            return Box::pin(inner.call(request));
        }
        Box::pin(async move {
            use tower::ServiceExt;
            let method = request.method().clone();
            let Some(key) = key_of(&method, request.uri(), request.headers()) else {
                let writes = method != Method::GET && method != Method::HEAD;
                let response = inner.call(request).await?;
                if writes {
                    cache.sync_or_clear(&store).await;
                }
                return Ok(response);
            };
            // Another process may have written (the command line, on SQLite): catch up first.
            // The first request also notes where the outbox stands.
            if cache.log_moved() || cache.applied.load(Ordering::Acquire) < 0 {
                cache.sync_or_clear(&store).await;
            }
            let (parts, _) = request.into_parts();
            let headers = &parts.headers;
            let rebuild = |parts: &axum::http::request::Parts| {
                let mut request = Request::new(Body::empty());
                *request.method_mut() = parts.method.clone();
                *request.uri_mut() = parts.uri.clone();
                *request.version_mut() = parts.version;
                *request.headers_mut() = parts.headers.clone();
                *request.extensions_mut() = parts.extensions.clone();
                request
            };
            let cell = cache.cell(&key);
            let mut own = None;
            let mut filler = false;
            let filled = cell
                .get_or_init(|| async {
                    // The page itself, whatever this reader already has: a GET without
                    // conditions, so what is kept is the whole page.
                    let mut fill = rebuild(&parts);
                    *fill.method_mut() = Method::GET;
                    fill.headers_mut().remove(header::IF_NONE_MATCH);
                    fill.headers_mut().remove(header::IF_MODIFIED_SINCE);
                    let response = inner
                        .clone()
                        .oneshot(fill)
                        .await
                        .unwrap_or_else(|never| match never {});
                    let (filled, response) = settle(response).await;
                    own = response;
                    filler = true;
                    filled
                })
                .await
                .clone();
            match filled {
                Filled::Entry(entry) => {
                    entry.last_used.store(
                        cache.clock.fetch_add(1, Ordering::Relaxed),
                        Ordering::Relaxed,
                    );
                    if filler {
                        cache.admit(&entry);
                    }
                    let (response, added) = answer(&entry, &method, headers, filler);
                    if added > 0 {
                        cache.grew(added);
                    }
                    Ok(response)
                }
                Filled::Pass => {
                    cache.remove(&key, &cell);
                    match own {
                        // Not kept: the filler's own (unconditional GET) response. A HEAD or a
                        // conditional request asks again as it was sent.
                        Some(response) if method == Method::GET && !conditional(headers) => {
                            Ok(response)
                        }
                        _ => inner.oneshot(rebuild(&parts)).await,
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn the_smallest_accepted_encoding_is_chosen() {
        assert_eq!(choose(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(
            choose(&accepting("gzip, deflate, br, zstd")),
            Encoding::Brotli
        );
        assert_eq!(choose(&accepting("gzip, zstd")), Encoding::Zstd);
        assert_eq!(choose(&accepting("gzip;q=1.0, br;q=0")), Encoding::Gzip);
        assert_eq!(choose(&accepting("identity")), Encoding::Identity);
        assert_eq!(choose(&accepting("x, ;;;, =q, br;q=abc")), Encoding::Brotli);
    }

    #[test]
    fn every_encoding_decodes_to_the_page() {
        let page = "<p>افتتحت البلدية سوق الخضار الجديد قرب الجسر القديم.</p>".repeat(50);
        let gzip = compress(Encoding::Gzip, page.as_bytes());
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gzip[..]), &mut out)
            .unwrap();
        assert_eq!(out, page);
        let mut out = Vec::new();
        brotli::BrotliDecompress(
            &mut &compress(Encoding::Brotli, page.as_bytes())[..],
            &mut out,
        )
        .unwrap();
        assert_eq!(out, page.as_bytes());
        let zstd = compress(Encoding::Zstd, page.as_bytes());
        assert_eq!(
            zstd::bulk::decompress(&zstd, 1 << 20).unwrap(),
            page.as_bytes()
        );
    }

    #[tokio::test]
    async fn a_page_too_large_to_keep_is_served_whole() {
        let page = "<url><loc>https://manbij.example/2017/08/x.html</loc></url>\n"
            .repeat(MAX_ENTRY_BYTES / 40);
        let mut response = Response::new(Body::from(page.clone()));
        response.extensions_mut().insert(Keep::default());
        let (filled, given_back) = settle(response).await;
        assert!(matches!(filled, Filled::Pass));
        let response = given_back.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(body.len(), page.len());
    }

    #[test]
    fn odd_requests_are_never_keys() {
        let headers = {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, HeaderValue::from_static("example.org"));
            h
        };
        let key = |method: Method, uri: &str| key_of(&method, &uri.parse().unwrap(), &headers);
        assert_eq!(
            key(Method::GET, "/a?b=1").as_deref(),
            Some("example.org/a?b=1")
        );
        assert_eq!(key(Method::POST, "/a"), None);
        assert_eq!(key(Method::GET, "/admin/"), None);
        assert_eq!(key(Method::GET, &format!("/{}", "a".repeat(3000))), None);
        assert_eq!(
            key(Method::GET, &format!("/?{}", "a=1&".repeat(1000))),
            None
        );
        let mut odd = HeaderMap::new();
        odd.insert(
            header::HOST,
            HeaderValue::from_static("evil.example\"><script>"),
        );
        assert_eq!(key_of(&Method::GET, &"/".parse().unwrap(), &odd), None);
    }

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
