//! Keeping the index in step with the store: rebuilding it from the posts, and following the
//! outbox so a published, edited, unpublished or deleted post is found (or gone) within a second.

use crate::{Result, SearchError, SearchIndex};
use minbar_content::PostId;
use minbar_store::{Store, outbox, posts};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

/// Outbox rows read per step while catching up.
const CHANGES_PER_STEP: i64 = 1_000;

/// Posts read from the store per batch while rebuilding.
const POSTS_PER_BATCH: i64 = 500;

/// How often a server looks at the outbox. Well under the one second a change may take to
/// become searchable, and cheap: an empty outbox read is one indexed query.
pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| SearchError::Task(e.to_string()))?
}

/// Applies every outbox change after the index's last one. Returns how many posts it re-read.
pub async fn catch_up(index: &Arc<SearchIndex>, store: &Store) -> Result<usize> {
    let mut touched = 0;
    loop {
        let changes = outbox::since(store, index.applied_seq(), CHANGES_PER_STEP).await?;
        let Some(last) = changes.last().map(|c| c.seq) else {
            return Ok(touched);
        };
        let ids: BTreeSet<i64> = changes
            .iter()
            .filter(|c| c.entity == outbox::Entity::Post)
            .map(|c| c.entity_id)
            .collect();
        if ids.is_empty() {
            index.skip_to(last);
            continue;
        }
        let ids: Vec<PostId> = ids.into_iter().map(PostId).collect();
        let documents = posts::documents(store, &ids).await?;
        let gone: Vec<PostId> = ids
            .iter()
            .filter(|id| !documents.iter().any(|d| d.id == **id))
            .copied()
            .collect();
        touched += ids.len();
        let index = Arc::clone(index);
        blocking(move || {
            index.remove(&gone)?;
            index.upsert(&documents)?;
            index.commit_seq(last)
        })
        .await?;
    }
}

/// Rebuilds the index from every published post, calling `progress(done, total)` as it goes,
/// then applies what changed meanwhile. Returns how many posts it indexed.
pub async fn rebuild(
    index: &Arc<SearchIndex>,
    store: &Store,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<u64> {
    // Changes made while the posts are read are applied after, from this point: applying one
    // twice does no harm, missing one would.
    let start = outbox::latest(store).await?;
    let total = u64::try_from(posts::list_published(store, 0, 0).await?.total).unwrap_or(0);
    {
        let index = Arc::clone(index);
        blocking(move || index.clear()).await?;
    }
    let mut done = 0u64;
    let mut after = 0;
    progress(0, total);
    loop {
        let ids = posts::published_ids_after(store, after, POSTS_PER_BATCH).await?;
        let Some(last) = ids.last() else { break };
        after = last.0;
        let documents = posts::documents(store, &ids).await?;
        done += documents.len() as u64;
        let index = Arc::clone(index);
        blocking(move || index.upsert(&documents)).await?;
        progress(done, total.max(done));
    }
    {
        let index = Arc::clone(index);
        blocking(move || index.commit_seq(start)).await?;
    }
    catch_up(index, store).await?;
    Ok(done)
}

/// Follows the outbox for as long as the server runs, first rebuilding the index when it was
/// opened empty or unreadable. It reads the outbox when `signal` says another node committed,
/// and every [`POLL_INTERVAL`] in any case. Errors are logged and retried: search may lag, pages
/// never stop.
pub fn spawn(
    index: Arc<SearchIndex>,
    store: Store,
    rebuild_because: Option<crate::Rebuild>,
    mut signal: minbar_store::signal::Signal,
) -> tokio::task::JoinHandle<()> {
    if rebuild_because.is_some() {
        index.set_loaded(false);
    }
    tokio::spawn(async move {
        if let Some(reason) = rebuild_because {
            tracing::warn!(dir = %index.dir().display(), "{reason}: rebuilding it from the store while the site keeps serving");
            match rebuild(&index, &store, &|_, _| {}).await {
                Ok(count) => tracing::info!(posts = count, "search index rebuilt"),
                Err(error) => {
                    tracing::error!(%error, "rebuilding the search index failed; following the outbox from where it stopped")
                }
            }
        }
        index.set_loaded(true);
        loop {
            signal.wait(POLL_INTERVAL).await;
            if let Err(error) = catch_up(&index, &store).await {
                tracing::warn!(%error, "the search index could not follow the outbox; retrying");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    })
}
