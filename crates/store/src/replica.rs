//! A streaming replica for public reads (`serve --read-database-url`), with reads that never go
//! back in time.
//!
//! The node polls how far the replica has replayed the primary's write-ahead log. Each time it
//! reads new changes from the outbox (its page cache and search index following the change log,
//! including right after its own writes), it notes the primary's log position, which every
//! later public read needs to see. A public read goes to the replica only when the replica has
//! replayed that far, and to the primary otherwise: a node reads its own writes, and a page the
//! cache forgot for a change is never rendered again from before that change. A replica that
//! does not answer is simply not used until it does.

use crate::{Result, Store, StoreError};
use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How often the replica's replay position is asked for.
const POLL: Duration = Duration::from_millis(20);

/// The replica's pool and the positions reads are judged by.
#[derive(Debug)]
pub(crate) struct Replica {
    pool: AnyPool,
    /// The primary's log position the replica has replayed, as last polled; 0 when unknown.
    replayed: AtomicU64,
    /// The position public reads must see: the primary's, when changes were last read.
    needed: AtomicU64,
    from_replica: AtomicU64,
    from_primary: AtomicU64,
}

/// A log position (`16/B374D848`) as a number that orders like it.
pub(crate) fn parse_lsn(text: &str) -> Option<u64> {
    let (high, low) = text.split_once('/')?;
    Some((u64::from_str_radix(high, 16).ok()? << 32) | u64::from_str_radix(low, 16).ok()?)
}

impl Store {
    /// Sends public reads to the streaming replica at `url` when it has caught up (see the
    /// module's text). The replica must answer now and be in recovery (a standby): a primary
    /// given by mistake would never replay anything.
    pub async fn with_read_replica(mut self, url: &str) -> Result<Self> {
        if self.engine() != crate::Engine::Postgres || !url.starts_with("postgres") {
            return Err(StoreError::Invalid(
                "a read replica needs PostgreSQL for both --database-url and --read-database-url"
                    .to_owned(),
            ));
        }
        let connect = |source| StoreError::Connect {
            url: crate::redact_url(url),
            source,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(crate::ACQUIRE_TIMEOUT)
            .connect(url)
            .await
            .map_err(connect)?;
        let standby: bool = sqlx::query_scalar("SELECT pg_is_in_recovery()")
            .fetch_one(&pool)
            .await
            .map_err(connect)?;
        if !standby {
            return Err(StoreError::Invalid(format!(
                "{} is not a replica (pg_is_in_recovery() is false): give --read-database-url a streaming standby of the primary",
                crate::redact_url(url)
            )));
        }
        let replica = Arc::new(Replica {
            pool,
            replayed: AtomicU64::new(0),
            needed: AtomicU64::new(0),
            from_replica: AtomicU64::new(0),
            from_primary: AtomicU64::new(0),
        });
        let watched = Arc::downgrade(&replica);
        tokio::spawn(async move {
            while let Some(replica) = watched.upgrade() {
                let replayed = sqlx::query_scalar::<_, Option<String>>(
                    "SELECT pg_last_wal_replay_lsn()::text",
                )
                .fetch_one(&replica.pool)
                .await
                .ok()
                .flatten()
                .and_then(|lsn| parse_lsn(&lsn))
                .unwrap_or(0);
                replica.replayed.store(replayed, Ordering::Release);
                drop(replica);
                tokio::time::sleep(POLL).await;
            }
        });
        self.replica = Some(replica);
        // Reads must see at least what the primary holds now.
        self.note_primary_position().await?;
        Ok(self)
    }

    /// The pool a public read should use: the replica when it has replayed everything reads
    /// must see, the primary otherwise (and always without a replica).
    pub(crate) fn reads(&self) -> &AnyPool {
        let Some(replica) = &self.replica else {
            return self.pool();
        };
        let replayed = replica.replayed.load(Ordering::Acquire);
        if replayed > 0 && replayed >= replica.needed.load(Ordering::Acquire) {
            replica.from_replica.fetch_add(1, Ordering::Relaxed);
            &replica.pool
        } else {
            replica.from_primary.fetch_add(1, Ordering::Relaxed);
            self.pool()
        }
    }

    /// Notes the primary's log position as one public reads must see from now on. Called after
    /// new changes were read from the outbox, so the position is past their commits.
    pub(crate) async fn note_primary_position(&self) -> Result<()> {
        let Some(replica) = &self.replica else {
            return Ok(());
        };
        let now: String = sqlx::query_scalar("SELECT pg_current_wal_lsn()::text")
            .fetch_one(self.pool())
            .await?;
        if let Some(position) = parse_lsn(&now) {
            replica.needed.fetch_max(position, Ordering::AcqRel);
        }
        Ok(())
    }

    /// Public reads sent to the replica and to the primary so far (`None` without a replica).
    pub fn replica_reads(&self) -> Option<(u64, u64)> {
        self.replica.as_ref().map(|r| {
            (
                r.from_replica.load(Ordering::Relaxed),
                r.from_primary.load(Ordering::Relaxed),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn log_positions_order_as_numbers() {
        let parse = super::parse_lsn;
        assert_eq!(parse("0/0"), Some(0));
        assert_eq!(parse("16/B374D848"), Some((0x16 << 32) | 0xB374_D848));
        assert!(parse("1/0") > parse("0/FFFFFFFF"));
        assert_eq!(parse("nonsense"), None);
    }
}
