//! Waking followers when another node commits a change.
//!
//! On PostgreSQL one connection per node `LISTEN`s on [`outbox::CHANNEL`]; every notice, and
//! every reconnection (notices sent while the connection was down are lost, so followers must
//! read the outbox again), wakes every [`Signal`]. Followers still poll as a fallback, so a
//! listener that cannot connect delays changes by one poll interval and loses none: the outbox,
//! read after each follower's cursor, is the truth; the signal only says "read it now". SQLite
//! has no such channel: followers there poll (and the page cache watches the write-ahead log).

use crate::{Store, outbox};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::watch;

/// A follower's wake-up: cloned once per follower, each woken by every notice.
#[derive(Debug, Clone)]
pub struct Signal {
    wakes: watch::Receiver<u64>,
    listening: Arc<AtomicBool>,
    /// For a signal that never fires, its sender, kept so `changed` waits rather than failing.
    _silent: Option<Arc<watch::Sender<u64>>>,
}

impl Signal {
    /// A signal that never fires, for SQLite and for tests: followers poll.
    pub fn never() -> Self {
        let (sender, wakes) = watch::channel(0);
        Signal {
            wakes,
            listening: Arc::new(AtomicBool::new(false)),
            _silent: Some(Arc::new(sender)),
        }
    }

    /// Waits for a notice, or `poll` at the longest.
    pub async fn wait(&mut self, poll: Duration) {
        let _ = tokio::time::timeout(poll, self.wakes.changed()).await;
    }

    /// Waits for the next wake (tests; followers use [`Signal::wait`]).
    #[cfg(test)]
    pub(crate) async fn wakes_changed(&mut self) {
        let _ = self.wakes.changed().await;
    }

    /// Takes every wake so far as seen (tests).
    #[cfg(test)]
    pub(crate) fn mark_seen(&mut self) {
        self.wakes.mark_unchanged();
    }

    /// Whether the listening connection is up now (for readiness and metrics).
    pub fn listening(&self) -> bool {
        self.listening.load(Ordering::Relaxed)
    }
}

/// How long the listener waits before connecting again after a failure.
const RECONNECT: Duration = Duration::from_secs(1);

/// Starts listening for other nodes' commits (PostgreSQL only; on SQLite the signal never
/// fires). The task runs until the runtime stops.
pub fn listen(store: &Store) -> Signal {
    let Some(url) = store.postgres_url().map(str::to_owned) else {
        return Signal::never();
    };
    let (sender, wakes) = watch::channel(0u64);
    let listening = Arc::new(AtomicBool::new(false));
    let flag = listening.clone();
    tokio::spawn(async move {
        let wake = || sender.send_modify(|n| *n = n.wrapping_add(1));
        loop {
            match listen_once(&url, &flag, &wake).await {
                Ok(()) => {}
                Err(error) => {
                    tracing::warn!(%error, "lost the change notifications; polling until they are back")
                }
            }
            flag.store(false, Ordering::Relaxed);
            if sender.is_closed() {
                return;
            }
            tokio::time::sleep(RECONNECT).await;
        }
    });
    Signal {
        wakes,
        listening,
        _silent: None,
    }
}

/// One listening connection, until it fails. Wakes followers once it is up (anything sent
/// before was missed) and after each silent reconnection.
async fn listen_once(
    url: &str,
    listening: &AtomicBool,
    wake: &impl Fn(),
) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(outbox::CHANNEL).await?;
    listening.store(true, Ordering::Relaxed);
    wake();
    loop {
        // A notice, or `None`: the connection was lost and is back, and notices sent in between
        // are gone. Either way followers read the outbox again.
        listener.try_recv().await?;
        wake();
    }
}
