//! Purging front caches (Varnish with its xkey module, a CDN's purge webhook) of exactly the
//! pages a change shows on, by the surrogate keys every kept page carries
//! ([`crate::cache::surrogate_keys`]).
//!
//! It runs as the shared job `purge` ([`JOB`]): whichever node claims it reads the change log
//! after the cursor the job carries, turns the changes into keys with the same reading the page
//! cache uses ([`Touched`]), sends them to every front, and only then moves the cursor. A front
//! that fails leaves the cursor where it was, so the same keys are sent again (purging twice
//! is harmless); pages never wait for a purge.
//!
//! Each set of keys is purged twice, the second time [`AGAIN_AFTER_MS`] later. A front that
//! refetches a page right after the first purge may reach a node whose own page cache has not
//! yet applied the change (each node follows the log on its own, within milliseconds of the
//! commit but with no order against the purge): the second purge drops that copy, so no front
//! keeps a stale page longer than that.

use crate::cache::{EVERY_PAGE_KEY, Tag, Touched, featured_ids, touches_featured};
use minbar_store::Store;
use std::time::Duration;

/// The name of the purge job in the shared queue.
pub const JOB: &str = "purge";

/// Changes read per run: a burst larger than this is purged over several runs.
const CHANGES_PER_RUN: i64 = 1_000;

/// When the second purge of a set of keys goes out, after the first.
pub const AGAIN_AFTER_MS: i64 = 1_500;

/// How long one front may take to answer a purge.
const TIMEOUT: Duration = Duration::from_secs(5);

/// Where purges go.
#[derive(Debug, Clone, Default)]
pub struct Fronts {
    /// Varnish caches: `PURGE /` with the keys in `xkey-purge` (see the deployment guide's VCL).
    pub varnish: Vec<reqwest::Url>,
    /// Webhooks: `POST` of `{"keys": [...]}` as JSON, for a CDN's purge API (or a relay to it).
    pub webhooks: Vec<reqwest::Url>,
}

/// Why a front address cannot be used, told at start-up.
#[derive(Debug, thiserror::Error)]
pub enum FrontError {
    #[error("the purge address '{0}' is not a URL: {1}")]
    NotUrl(String, String),
    #[error("the purge address '{0}' must be an http:// or https:// address with a host")]
    NotHttp(String),
}

impl Fronts {
    /// Reads the addresses given on the command line or in the configuration.
    pub fn parse(varnish: &[String], webhooks: &[String]) -> Result<Self, FrontError> {
        let read = |text: &String| {
            let url = reqwest::Url::parse(text)
                .map_err(|e| FrontError::NotUrl(text.clone(), e.to_string()))?;
            if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                return Err(FrontError::NotHttp(text.clone()));
            }
            Ok(url)
        };
        Ok(Fronts {
            varnish: varnish.iter().map(read).collect::<Result<_, _>>()?,
            webhooks: webhooks.iter().map(read).collect::<Result<_, _>>()?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.varnish.is_empty() && self.webhooks.is_empty()
    }
}

/// What the purge job carries between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cursor {
    /// The last change whose keys every front has purged.
    pub seq: i64,
    /// The featured posts as of `seq`: every page shows them, so a change to the set purges
    /// everything.
    pub featured: Vec<i64>,
    /// Keys purged once, to purge again at the time given (Unix milliseconds).
    #[serde(default)]
    pub again: Vec<(i64, Vec<String>)>,
}

impl Cursor {
    /// The cursor a new purge job starts from: now (pages cached before were not keyed).
    pub async fn now(store: &Store) -> Result<Self, minbar_store::StoreError> {
        Ok(Cursor {
            seq: minbar_store::outbox::latest(store).await?,
            featured: featured_ids(store).await?,
            again: Vec::new(),
        })
    }

    /// Whether a run would have anything to do, given the change log's newest number.
    pub fn has_work(&self, latest: i64, now_ms: i64) -> bool {
        latest > self.seq || self.again.iter().any(|(at, _)| *at <= now_ms)
    }

    pub fn to_state(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A state this version cannot read starts over from now rather than failing for ever.
    pub fn from_state(state: &str) -> Option<Self> {
        serde_json::from_str(state).ok()
    }
}

/// Why a run failed; the job is retried later.
#[derive(Debug, thiserror::Error)]
pub enum PurgeError {
    #[error(transparent)]
    Store(#[from] minbar_store::StoreError),
    /// A front did not answer, or answered with an error (its address and status only).
    #[error("{0}")]
    Front(String),
}

/// The surrogate keys to purge for `touched`, given whether the featured posts changed.
pub fn keys_for(touched: &Touched, featured_changed: bool) -> Vec<String> {
    if touched.everything || featured_changed {
        return vec![EVERY_PAGE_KEY.to_owned()];
    }
    let mut keys: Vec<String> = touched.tags().iter().map(Tag::surrogate_key).collect();
    keys.dedup();
    keys
}

/// One run: purges what changed after `cursor` at every front, and the keys whose second
/// purge is due, and returns the new cursor.
pub async fn run(
    store: &Store,
    fronts: &Fronts,
    client: &reqwest::Client,
    cursor: &Cursor,
) -> Result<Cursor, PurgeError> {
    let now_ms = jiff::Timestamp::now().as_millisecond();
    let mut next = cursor.clone();
    let (due, later): (Vec<_>, Vec<_>) = next.again.drain(..).partition(|(at, _)| *at <= now_ms);
    next.again = later;
    let mut keys: Vec<String> = due.into_iter().flat_map(|(_, keys)| keys).collect();
    let changes = minbar_store::outbox::since(store, cursor.seq, CHANGES_PER_RUN).await?;
    if let Some(last) = changes.last().map(|c| c.seq) {
        let touched = Touched::of(&changes);
        let mut featured_touched = false;
        if !touched.posts.is_empty() {
            next.featured = featured_ids(store).await?;
            featured_touched = touches_featured(&changes, &cursor.featured, &next.featured);
        }
        let fresh = keys_for(&touched, featured_touched);
        if !fresh.is_empty() {
            next.again.push((now_ms + AGAIN_AFTER_MS, fresh.clone()));
        }
        keys.extend(fresh);
        next.seq = last;
    }
    keys.sort();
    keys.dedup();
    send(fronts, client, &keys).await?;
    if !keys.is_empty() {
        tracing::info!(keys = %keys.join(" "), "purged front caches");
    }
    Ok(next)
}

/// Sends `keys` to every front, in groups small enough for a header.
async fn send(
    fronts: &Fronts,
    client: &reqwest::Client,
    keys: &[String],
) -> Result<(), PurgeError> {
    for group in keys.chunks(64) {
        let group = group.join(" ");
        for url in &fronts.varnish {
            let method = reqwest::Method::from_bytes(b"PURGE").unwrap_or(reqwest::Method::POST);
            let sent = client
                .request(method, url.clone())
                .header("xkey-purge", &group)
                .timeout(TIMEOUT)
                .send()
                .await;
            check(url, sent)?;
        }
        for url in &fronts.webhooks {
            let body = serde_json::json!({ "keys": group.split(' ').collect::<Vec<_>>() });
            let sent = client
                .post(url.clone())
                .header("content-type", "application/json")
                .body(body.to_string())
                .timeout(TIMEOUT)
                .send()
                .await;
            check(url, sent)?;
        }
    }
    Ok(())
}

/// A front's answer as a result, naming the front by host and port only (a webhook's path or
/// query may hold a token).
fn check(
    url: &reqwest::Url,
    sent: Result<reqwest::Response, reqwest::Error>,
) -> Result<(), PurgeError> {
    let front = format!(
        "{}:{}",
        url.host_str().unwrap_or("?"),
        url.port_or_known_default().unwrap_or(0)
    );
    match sent {
        Ok(answer) if answer.status().is_success() => Ok(()),
        Ok(answer) => Err(PurgeError::Front(format!(
            "the front cache at {front} answered the purge with {}",
            answer.status().as_u16()
        ))),
        Err(error) if error.is_timeout() => Err(PurgeError::Front(format!(
            "the front cache at {front} did not answer the purge in time"
        ))),
        Err(_) => Err(PurgeError::Front(format!(
            "the front cache at {front} could not be reached"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_taken_as_fronts() {
        assert!(Fronts::parse(&["http://127.0.0.1:6081/".into()], &[]).is_ok());
        assert!(Fronts::parse(&[], &["https://api.cdn.example/purge?token=s3cret".into()]).is_ok());
        let err = Fronts::parse(&[], &["ftp://cdn.example/purge".into()]);
        assert!(matches!(err, Err(FrontError::NotHttp(_))));
        assert!(matches!(
            Fronts::parse(&["varnish".into()], &[]),
            Err(FrontError::NotUrl(..))
        ));
    }

    #[test]
    fn a_cursor_survives_its_state() {
        let cursor = Cursor {
            seq: 42,
            featured: vec![3, 1],
            again: vec![(1_000, vec!["lists".to_owned()])],
        };
        assert!(cursor.has_work(43, 0));
        assert!(cursor.has_work(42, 1_000));
        assert!(!cursor.has_work(42, 999));
        assert_eq!(Cursor::from_state(&cursor.to_state()), Some(cursor));
        assert_eq!(Cursor::from_state("garbage"), None);
    }

    #[test]
    fn a_comment_purges_its_post_and_the_comment_feeds_only() {
        let mut touched = Touched::default();
        touched.commented.insert("/2017/08/a.html".to_owned());
        let keys = keys_for(&touched, false);
        assert_eq!(
            keys,
            vec![
                Tag::post("/2017/08/a.html").surrogate_key(),
                "comments".to_owned()
            ]
        );
        assert_eq!(keys_for(&touched, true), vec!["site".to_owned()]);
    }
}
