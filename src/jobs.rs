//! The node's share of the job queue (`minbar_store::jobs`): every node runs this loop, and each
//! job is claimed by one node at a time, so a scheduled post goes live once however many nodes
//! serve, and a front cache is purged once per change.
//!
//! - `publish-due` every [`PUBLISH_EVERY`]: publishes the posts whose time has come.
//! - `forget-addresses` hourly: erases commenters' addresses older than the site keeps them.
//! - `purge` (on nodes given front caches): sends the surrogate keys of changed pages to them
//!   (`minbar_web::purge`), woken by the change log's notifications.
//!
//! A failed run is logged, kept with its reason for `minbar jobs`, and retried after a delay
//! that doubles with each failure, up to [`MAX_BACKOFF`]. Nothing here blocks a page.

use minbar_store::{Store, jobs};
use minbar_web::purge::{self, Cursor, Fronts};
use std::time::Duration;

/// How often due posts are looked for: a post goes live at most this late.
pub(crate) const PUBLISH_EVERY: i64 = 5;
/// How often old commenter addresses are erased.
const FORGET_EVERY: i64 = 3_600;
/// How long a claim lasts: a node that dies holding a job lets it go after this.
const LEASE_SECONDS: i64 = 60;
/// The longest wait before a failed job is tried again.
const MAX_BACKOFF: i64 = 300;
/// How often the loop looks for due jobs when nothing wakes it.
const TICK: Duration = Duration::from_secs(1);

/// This node's name when none is given: the machine's name and the process id.
pub(crate) fn default_node_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "node".to_owned());
    format!("{host}-{}", std::process::id())
}

/// The delay before the next try after `attempts` failures in a row: 2, 4, 8 … seconds.
fn backoff(attempts: i64) -> i64 {
    2_i64
        .saturating_pow(u32::try_from(attempts.clamp(1, 16)).unwrap_or(16))
        .min(MAX_BACKOFF)
}

/// Starts the loop. `signal` wakes it when another node commits (for prompt purges).
pub(crate) fn spawn(
    store: Store,
    node: String,
    fronts: Fronts,
    mut signal: minbar_store::signal::Signal,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = reqwest::Client::new();
        let mut names = vec!["publish-due", "forget-addresses"];
        if !fronts.is_empty() {
            names.push(purge::JOB);
        }
        let mut ensured = false;
        loop {
            if !ensured {
                ensured = ensure(&store, !fronts.is_empty()).await;
            }
            for name in &names {
                run_one(&store, &node, name, &fronts, &client).await;
            }
            signal.wait(TICK).await;
        }
    })
}

/// Creates the jobs this node runs, if no node has yet. False (retried) when the database is
/// away.
async fn ensure(store: &Store, purging: bool) -> bool {
    let now = minbar_store::now();
    let mut done = jobs::ensure(store, "publish-due", "", now).await;
    if done.is_ok() {
        done = jobs::ensure(store, "forget-addresses", "", now).await;
    }
    if done.is_ok() && purging {
        done = match Cursor::now(store).await {
            Ok(cursor) => jobs::ensure(store, purge::JOB, &cursor.to_state(), now).await,
            Err(error) => Err(error),
        };
    }
    match done {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, "could not set up the job queue; retrying");
            false
        }
    }
}

/// Claims `name` if it is due, runs it and records the outcome.
async fn run_one(store: &Store, node: &str, name: &str, fronts: &Fronts, client: &reqwest::Client) {
    // The purge job is due every tick: look (reads only) before claiming (two writes).
    if name == purge::JOB && !purge_has_work(store).await {
        return;
    }
    let job = match jobs::claim(store, name, node, LEASE_SECONDS).await {
        Ok(Some(job)) => job,
        Ok(None) => return,
        Err(error) => {
            tracing::debug!(%error, job = name, "could not claim");
            return;
        }
    };
    let now = minbar_store::now();
    let outcome: Result<(String, i64), String> = match name {
        "publish-due" => match minbar_store::posts::publish_due(store, now).await {
            Ok(ids) => {
                if !ids.is_empty() {
                    let ids: Vec<i64> = ids.iter().map(|id| id.0).collect();
                    tracing::info!(?ids, "published scheduled posts");
                }
                Ok((String::new(), now + PUBLISH_EVERY))
            }
            Err(error) => Err(error.to_string()),
        },
        "forget-addresses" => {
            let before = now - minbar_content::comments::ADDRESS_RETENTION_SECONDS;
            match minbar_store::comments::forget_addresses(store, before).await {
                Ok(n) => {
                    if n > 0 {
                        tracing::info!(comments = n, "erased old commenter addresses");
                    }
                    Ok((String::new(), now + FORGET_EVERY))
                }
                Err(error) => Err(error.to_string()),
            }
        }
        purge::JOB => {
            let cursor = match Cursor::from_state(&job.state) {
                Some(cursor) => Ok(cursor),
                None => Cursor::now(store).await.map_err(|e| e.to_string()),
            };
            match cursor {
                Ok(cursor) => purge::run(store, fronts, client, &cursor)
                    .await
                    .map(|next| (next.to_state(), now))
                    .map_err(|e| e.to_string()),
                Err(error) => Err(error),
            }
        }
        other => Err(format!("this version does not know the job '{other}'")),
    };
    let recorded = match outcome {
        Ok((state, next)) => jobs::finish(store, &job, &state, next).await,
        Err(error) => {
            let delay = backoff(job.attempts + 1);
            tracing::warn!(job = name, attempts = job.attempts + 1, retry_in = delay, %error, "job failed");
            jobs::fail(store, &job, &error, now + delay).await
        }
    };
    match recorded {
        Ok(true) => {}
        Ok(false) => tracing::warn!(job = name, "held past its lease; another node ran it"),
        Err(error) => tracing::warn!(job = name, %error, "could not record the job's run"),
    }
}

/// Whether the purge job has changes or second purges waiting.
async fn purge_has_work(store: &Store) -> bool {
    let Ok(jobs) = jobs::list(store).await else {
        return false;
    };
    let Some(job) = jobs.iter().find(|j| j.name == purge::JOB) else {
        return false;
    };
    let Ok(latest) = minbar_store::outbox::latest(store).await else {
        return false;
    };
    let now_ms = jiff::Timestamp::now().as_millisecond();
    job.run_at <= minbar_store::now()
        && Cursor::from_state(&job.state).is_none_or(|c| c.has_work(latest, now_ms))
}

/// `minbar jobs`: one line per job, times in UTC.
pub(crate) async fn print(store: &Store) -> anyhow::Result<()> {
    let when = |seconds: i64| {
        jiff::Timestamp::from_second(seconds)
            .map(|t| t.strftime("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|_| seconds.to_string())
    };
    let listed = jobs::list(store).await?;
    if listed.is_empty() {
        println!("no jobs yet: a server creates them when it starts");
    }
    for job in listed {
        let mut line = format!("{}\tnext {}", job.name, when(job.run_at));
        if let Some(last) = job.last_run_at {
            line.push_str(&format!("\tlast {}", when(last)));
        }
        if let Some(holder) = &job.claimed_by {
            line.push_str(&format!("\trunning on {holder}"));
        }
        if job.attempts > 0 {
            line.push_str(&format!(
                "\tfailed {} time(s): {}",
                job.attempts,
                job.last_error.as_deref().unwrap_or("")
            ));
        }
        println!("{line}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn failures_wait_longer_each_time_up_to_five_minutes() {
        let waits: Vec<i64> = (1..=10).map(super::backoff).collect();
        assert_eq!(waits, vec![2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    }
}
