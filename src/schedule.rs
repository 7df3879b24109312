//! Scheduled posts go live at their time, whether or not anyone visits: a server task publishes
//! what is due every few seconds. Publishing writes the outbox, so search (and later the page
//! cache and feeds) follow. Several nodes may run it at once: each post is flipped by one.
//! The same task erases commenters' addresses once they are older than the site keeps them.

use minbar_store::Store;
use std::time::Duration;

/// How often due posts are looked for: a post goes live at most this late.
pub(crate) const INTERVAL: Duration = Duration::from_secs(5);
/// Ticks between two erasures of old commenter addresses (an hour).
const FORGET_EVERY: u64 = 720;

pub(crate) fn spawn(store: Store) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(INTERVAL);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut ticks: u64 = 0;
        loop {
            interval.tick().await;
            let now = minbar_store::now();
            if ticks.is_multiple_of(FORGET_EVERY) {
                let before = now - minbar_content::comments::ADDRESS_RETENTION_SECONDS;
                match minbar_store::comments::forget_addresses(&store, before).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(comments = n, "erased old commenter addresses"),
                    Err(error) => tracing::warn!(%error, "could not erase old commenter addresses"),
                }
            }
            ticks = ticks.wrapping_add(1);
            match minbar_store::posts::publish_due(&store, now).await {
                Ok(ids) if !ids.is_empty() => {
                    let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
                    tracing::info!(?ids, "published scheduled posts");
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not publish scheduled posts; retrying"),
            }
        }
    })
}
