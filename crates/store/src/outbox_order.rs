//! The change log's promises on PostgreSQL, where writers run at once: numbers come in commit
//! order, so a follower never skips a change that committed late, and a listener that loses its
//! connection wakes its followers when it is back.

use super::{Action, Entity, append, since};
use crate::Store;
use crate::testing::PostgresDb;
use std::collections::BTreeSet;
use std::time::Duration;

async fn postgres_store() -> Option<(Store, PostgresDb)> {
    let db = PostgresDb::create().await?;
    let store = Store::open(std::path::Path::new("/nonexistent"), Some(&db.url))
        .await
        .expect("open the test database");
    Some((store, db))
}

/// The interleaving that lost changes: T1 takes the first number and stays open, T2 takes the
/// second and commits, a follower moves its cursor past T2's change. T1's change must still
/// reach the follower.
#[tokio::test]
async fn a_change_that_commits_late_is_not_skipped() {
    let Some((store, db)) = postgres_store().await else {
        return;
    };
    let follower = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut cursor = 0;
            let mut seen = Vec::new();
            while seen.len() < 2 {
                for change in since(&store, cursor, 100).await.expect("read the outbox") {
                    cursor = change.seq;
                    seen.push(change.entity_id);
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            seen
        })
    };
    let mut first = store.pool().begin().await.expect("begin T1");
    append(&mut first, Entity::Post, 1, Action::Insert, Some("/first"))
        .await
        .expect("T1 appends");
    let second = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut tx = store.pool().begin().await.expect("begin T2");
            append(&mut tx, Entity::Post, 2, Action::Insert, Some("/second"))
                .await
                .expect("T2 appends");
            tx.commit().await.expect("T2 commits");
        })
    };
    // Long enough for T2 to commit and the follower to read, were T2 not held behind T1.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        since(&store, 0, 10).await.expect("read").is_empty(),
        "a change became visible before an earlier-numbered one committed"
    );
    first.commit().await.expect("T1 commits");
    second.await.expect("T2 finished");
    let seen = tokio::time::timeout(Duration::from_secs(5), follower)
        .await
        .expect("the follower saw both changes")
        .expect("follower task");
    assert_eq!(seen, vec![1, 2], "in commit order, none skipped");
    store.close().await;
    db.drop_now().await;
}

/// Many writers at once: whatever order they commit in, a follower polling throughout sees
/// every change exactly once.
#[tokio::test]
async fn a_follower_sees_every_change_of_concurrent_writers_once() {
    let Some((store, db)) = postgres_store().await else {
        return;
    };
    const WRITERS: i64 = 8;
    const EACH: i64 = 25;
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let store = store.clone();
            tokio::spawn(async move {
                for i in 0..EACH {
                    let mut tx = store.pool().begin().await.expect("begin");
                    append(&mut tx, Entity::Post, w * 1000 + i, Action::Update, None)
                        .await
                        .expect("append");
                    // Work after the change, so transactions overlap.
                    tokio::time::sleep(Duration::from_millis((i % 3) as u64)).await;
                    tx.commit().await.expect("commit");
                }
            })
        })
        .collect();
    let mut cursor = 0;
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while (seen.len() as i64) < WRITERS * EACH && tokio::time::Instant::now() < deadline {
        for change in since(&store, cursor, 50).await.expect("read") {
            assert!(change.seq > cursor);
            cursor = change.seq;
            seen.push(change.entity_id);
        }
    }
    for writer in writers {
        writer.await.expect("writer");
    }
    let unique: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(seen.len(), unique.len(), "a change was read twice");
    assert_eq!(unique.len() as i64, WRITERS * EACH, "a change was skipped");
    store.close().await;
    db.drop_now().await;
}

/// A commit wakes the listener at once; after its connection is cut, the listener reconnects
/// and wakes its followers again, so they read what was written while it was away.
#[tokio::test]
async fn the_listener_wakes_followers_and_again_after_losing_its_connection() {
    let Some((store, db)) = postgres_store().await else {
        return;
    };
    let mut signal = crate::signal::listen(&store);
    let woken = |signal: &mut crate::signal::Signal| {
        let mut signal = signal.clone();
        async move {
            tokio::time::timeout(Duration::from_secs(5), signal.wakes_changed())
                .await
                .is_ok()
        }
    };
    // The first wake says the listener is up.
    assert!(woken(&mut signal).await, "the listener never came up");
    signal.mark_seen();
    let mut tx = store.pool().begin().await.expect("begin");
    append(&mut tx, Entity::Site, 1, Action::Update, None)
        .await
        .expect("append");
    tx.commit().await.expect("commit");
    assert!(
        woken(&mut signal).await,
        "a commit did not wake the follower"
    );
    signal.mark_seen();
    // Cut the listening connection from the server's side.
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .execute(store.pool())
    .await
    .expect("terminate the listener");
    assert!(
        woken(&mut signal).await,
        "no wake after the listener's connection was cut"
    );
    store.close().await;
    db.drop_now().await;
}
