//! The job queue every node shares: one row per job, claimed by one node at a time.
//!
//! A claim is a lease: the claiming `UPDATE` sets who holds the job and until when, and bumps a
//! claim number that the holder must name to finish it, so a node that stalled past its lease
//! cannot overwrite the run of the node that took over. On PostgreSQL the row is chosen with
//! `FOR UPDATE SKIP LOCKED`, so nodes claiming at once never wait for each other; SQLite has one
//! writer, which settles the race by itself. No transaction stays open while a job runs.

use crate::{Engine, Result, Store};
use sqlx::Row;

/// A job this node holds: finish it with [`finish`] or [`fail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub id: i64,
    pub name: String,
    /// What the job carries between runs (a cursor, say).
    pub state: String,
    /// Failures since its last success.
    pub attempts: i64,
    claim: i64,
}

/// A job as the admins see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub name: String,
    pub state: String,
    pub run_at: i64,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub last_run_at: Option<i64>,
    /// The node holding it, while its lease lasts.
    pub claimed_by: Option<String>,
}

/// Creates the job `name` with `state`, due at `run_at`, unless it exists already.
pub async fn ensure(store: &Store, name: &str, state: &str, run_at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO jobs (name, state, run_at, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(state)
    .bind(run_at)
    .bind(crate::now())
    .execute(store.pool())
    .await?;
    Ok(())
}

const CLAIM_POSTGRES: &str = "UPDATE jobs SET claimed_by = $1, claim_until = $2, claim = claim + 1 \
     WHERE id = (SELECT id FROM jobs WHERE name = $3 AND done_at IS NULL AND run_at <= $4 \
     AND (claim_until IS NULL OR claim_until < $4) FOR UPDATE SKIP LOCKED) \
     RETURNING id, name, state, attempts, claim";
const CLAIM_SQLITE: &str = "UPDATE jobs SET claimed_by = $1, claim_until = $2, claim = claim + 1 \
     WHERE id = (SELECT id FROM jobs WHERE name = $3 AND done_at IS NULL AND run_at <= $4 \
     AND (claim_until IS NULL OR claim_until < $4)) \
     RETURNING id, name, state, attempts, claim";

/// Claims `name` for `node` for `lease_seconds`, when it is due and nobody holds it.
pub async fn claim(
    store: &Store,
    name: &str,
    node: &str,
    lease_seconds: i64,
) -> Result<Option<Claimed>> {
    let now = crate::now();
    // The same statement on both engines but for PostgreSQL's row lock, which lets nodes
    // claiming at once pass over a row another is claiming instead of waiting for it.
    let sql = match store.engine() {
        Engine::Postgres => CLAIM_POSTGRES,
        Engine::Sqlite => CLAIM_SQLITE,
    };
    let row = sqlx::query(sql)
        .bind(node)
        .bind(now + lease_seconds)
        .bind(name)
        .bind(now)
        .fetch_optional(store.pool())
        .await?;
    row.map(|row| {
        Ok(Claimed {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            state: row.try_get("state")?,
            attempts: row.try_get("attempts")?,
            claim: row.try_get("claim")?,
        })
    })
    .transpose()
}

/// Records a successful run: the job keeps `state` and runs again at `next_run_at`. Returns
/// false when the lease had lapsed and another node holds the job now (nothing is written).
pub async fn finish(store: &Store, job: &Claimed, state: &str, next_run_at: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET state = $1, run_at = $2, attempts = 0, last_error = NULL, \
         last_run_at = $3, claimed_by = NULL, claim_until = NULL WHERE id = $4 AND claim = $5",
    )
    .bind(state)
    .bind(next_run_at)
    .bind(crate::now())
    .bind(job.id)
    .bind(job.claim)
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a failed run: the job keeps its state and is tried again at `retry_at`.
pub async fn fail(store: &Store, job: &Claimed, error: &str, retry_at: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET attempts = attempts + 1, last_error = $1, run_at = $2, last_run_at = $3, \
         claimed_by = NULL, claim_until = NULL WHERE id = $4 AND claim = $5",
    )
    .bind(error)
    .bind(retry_at)
    .bind(crate::now())
    .bind(job.id)
    .bind(job.claim)
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every job, by name.
pub async fn list(store: &Store) -> Result<Vec<Job>> {
    let rows = sqlx::query(
        "SELECT name, state, run_at, attempts, last_error, last_run_at, \
         CASE WHEN claim_until >= $1 THEN claimed_by END AS holder \
         FROM jobs WHERE done_at IS NULL ORDER BY name",
    )
    .bind(crate::now())
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Job {
                name: row.try_get("name")?,
                state: row.try_get("state")?,
                run_at: row.try_get("run_at")?,
                attempts: row.try_get("attempts")?,
                last_error: row.try_get("last_error")?,
                last_run_at: row.try_get("last_run_at")?,
                claimed_by: row.try_get("holder")?,
            })
        })
        .collect()
}

/// Jobs due now and not held by anyone: the queue's depth.
pub async fn due(store: &Store) -> Result<i64> {
    let now = crate::now();
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE done_at IS NULL AND run_at <= $1 \
         AND (claim_until IS NULL OR claim_until < $1)",
    )
    .bind(now)
    .fetch_one(store.pool())
    .await?)
}
