//! Bringing photos from other hosts into the site's media: each photo taken from its
//! [`Source`] once, processed exactly as an upload ([`crate::media::keep`]: checked by content,
//! metadata dropped, sizes made, stored), and journaled, so a run stopped halfway starts again
//! where it stopped. Used by `minbar import … --media` before the posts are written, and by
//! `minbar media fetch-remote` for posts already on the site.

use crate::OpError;
use minbar_content::media::address;
use minbar_content::remote_images::{Photo, localize, photos};
use minbar_media::MediaStorage;
use minbar_media::remote::Source;
use minbar_store::Store;
use minbar_store::remote_images::{self as journal, Tried};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// What a run brought.
#[derive(Debug, Default)]
pub struct Brought {
    /// Photo key → the site's address of its copy, for every photo the site holds.
    pub local: HashMap<String, String>,
    /// Photos fetched and stored by this run.
    pub fetched: u64,
    /// Photos stored by an earlier run, not fetched again.
    pub already: u64,
    /// Photos that could not be had (this run or an earlier one): address and reason.
    pub failed: Vec<(String, String)>,
}

/// How many photos are fetched at once, and how a run reports progress.
pub struct Options {
    pub parallel: usize,
    /// Called once the number of photos to fetch is known (those the journal does not know).
    pub started: Arc<dyn Fn(u64) + Send + Sync>,
    /// Called once per photo finished (stored or failed), from any task.
    pub progress: Arc<dyn Fn() + Send + Sync>,
}

/// Takes every photo of `wanted` the journal does not know from `source` and stores it.
/// Stops at the first failure of the site's own storage (a full disk, a bucket that refuses):
/// what was stored before it stays journaled; nothing is half-written.
pub async fn bring(
    store: &Store,
    storage: Arc<dyn MediaStorage>,
    source: Arc<Source>,
    wanted: Vec<Photo>,
    options: &Options,
) -> Result<Brought, OpError> {
    let known = journal::journal(store).await?;
    let mut brought = Brought::default();
    let mut to_fetch = Vec::new();
    for photo in wanted {
        match known.get(&photo.key) {
            Some(Tried::Stored(name)) => {
                brought.already += 1;
                brought.local.insert(photo.key, address(name));
            }
            Some(Tried::Failed(reason)) => brought.failed.push((photo.fetch_url, reason.clone())),
            None => to_fetch.push(photo),
        }
    }
    (options.started)(to_fetch.len() as u64);
    // Decoding takes memory (up to the decoder's limit) and a core: one per core at most.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let decodes = Arc::new(Semaphore::new(cores));
    // At most `parallel` photos are under way, each from its fetch until it is stored: a task
    // started ahead would hold its state (and, fetched, its bytes) in memory while it waits.
    let parallel = options.parallel.max(1);
    let mut pending = to_fetch.into_iter();
    let mut tasks = tokio::task::JoinSet::new();
    let mut stop = None;
    loop {
        while stop.is_none() && tasks.len() < parallel {
            let Some(photo) = pending.next() else { break };
            let (store, storage, source) = (store.clone(), storage.clone(), source.clone());
            let (decodes, progress) = (decodes.clone(), options.progress.clone());
            tasks.spawn(async move {
                let outcome = bring_one(&store, storage, &source, &photo, &decodes).await;
                progress();
                (photo, outcome)
            });
        }
        let Some(done) = tasks.join_next().await else {
            break;
        };
        let Ok((photo, outcome)) = done else {
            continue;
        };
        match outcome {
            Ok(Ok(name)) => {
                brought.fetched += 1;
                brought.local.insert(photo.key, address(&name));
            }
            Ok(Err(reason)) => brought.failed.push((photo.fetch_url, reason)),
            Err(error) => {
                tasks.abort_all();
                stop.get_or_insert(error);
            }
        }
    }
    match stop {
        Some(error) => Err(error),
        None => Ok(brought),
    }
}

/// One photo: its stored name, or why it could not be had (journaled either way), or an error
/// of the site's own storage that must stop the run.
async fn bring_one(
    store: &Store,
    storage: Arc<dyn MediaStorage>,
    source: &Source,
    photo: &Photo,
    decodes: &Semaphore,
) -> Result<Result<String, String>, OpError> {
    let bytes = source.get(&photo.fetch_url).await;
    let kept = match bytes {
        Err(why) => Err(why.to_string()),
        Ok(bytes) => {
            let _turn = decodes.acquire().await;
            match crate::media::keep(storage.as_ref(), bytes).await {
                Ok(row) => Ok(row),
                Err(OpError::Refused(refusal)) => Err(refusal.to_string()),
                Err(other) => return Err(other),
            }
        }
    };
    match kept {
        Ok(row) => {
            journal::stored(store, &photo.key, &photo.fetch_url, &row).await?;
            Ok(Ok(row.name))
        }
        Err(reason) => {
            journal::failed(store, &photo.key, &photo.fetch_url, &reason).await?;
            Ok(Err(reason))
        }
    }
}

/// What `minbar media fetch-remote` did.
#[derive(Debug, Default)]
pub struct Fetched {
    pub brought: Brought,
    /// Posts and pages whose images now come from the site.
    pub rewritten: u64,
    /// Posts and pages that still show an image from another host.
    pub still_remote: u64,
}

/// Finds the photos posts and pages still take from other hosts, brings them, and rewrites
/// each body to the site's copies. A photo that cannot be had keeps its old address.
pub async fn fetch_remote(
    store: &Store,
    storage: Arc<dyn MediaStorage>,
    source: Arc<Source>,
    options: &Options,
) -> Result<Fetched, OpError> {
    let bodies = journal::bodies_with_addresses(store).await?;
    let mut wanted: Vec<Photo> = Vec::new();
    let mut per_body = Vec::with_capacity(bodies.len());
    for body in bodies {
        let found = photos(&body.html);
        if found.is_empty() {
            continue;
        }
        for photo in &found {
            if !wanted.iter().any(|w| w.key == photo.key) {
                wanted.push(photo.clone());
            }
        }
        per_body.push((body, found));
    }
    let brought = bring(store, storage, source, wanted, options).await?;
    let mut fetched = Fetched::default();
    for (body, found) in per_body {
        if found.iter().any(|p| !brought.local.contains_key(&p.key)) {
            fetched.still_remote += 1;
        }
        if !found.iter().any(|p| brought.local.contains_key(&p.key)) {
            continue;
        }
        let Some(source) = localize(&body.source, body.format, &brought.local) else {
            continue;
        };
        let html = minbar_content::render_body(&source, body.format).html;
        journal::swap_body(store, &body, &source, &html).await?;
        fetched.rewritten += 1;
    }
    fetched.brought = brought;
    Ok(fetched)
}
