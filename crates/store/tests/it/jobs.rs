//! The shared job queue: one holder at a time, leases that lapse, failures kept with their
//! reason, and (on PostgreSQL, where nodes claim at once) a job claimed by exactly one claimer.

use minbar_store::jobs;
use minbar_store::testing::on_both_engines;

#[tokio::test]
async fn a_job_is_held_by_one_node_and_rescheduled_after_each_run() {
    on_both_engines(|store| async move {
        let now = minbar_store::now();
        jobs::ensure(&store, "purge", "7", now).await.unwrap();
        // A second `ensure` (another node starting) keeps the existing job and its state.
        jobs::ensure(&store, "purge", "0", now).await.unwrap();

        let held = jobs::claim(&store, "purge", "node-a", 30).await.unwrap();
        let held = held.expect("a due job is claimed");
        assert_eq!((held.state.as_str(), held.attempts), ("7", 0));
        assert!(
            jobs::claim(&store, "purge", "node-b", 30)
                .await
                .unwrap()
                .is_none()
        );
        let listed = jobs::list(&store).await.unwrap();
        assert_eq!(listed[0].claimed_by.as_deref(), Some("node-a"));
        assert_eq!(jobs::due(&store).await.unwrap(), 0);

        assert!(jobs::finish(&store, &held, "9", now + 3600).await.unwrap());
        assert!(
            jobs::claim(&store, "purge", "node-b", 30)
                .await
                .unwrap()
                .is_none(),
            "not due again before its time"
        );
        let listed = jobs::list(&store).await.unwrap();
        assert_eq!(
            (listed[0].state.as_str(), listed[0].run_at),
            ("9", now + 3600)
        );
        assert_eq!(listed[0].claimed_by, None);
    })
    .await;
}

#[tokio::test]
async fn a_failed_run_is_retried_later_with_its_reason_kept() {
    on_both_engines(|store| async move {
        let now = minbar_store::now();
        jobs::ensure(&store, "purge", "1", now).await.unwrap();
        let held = jobs::claim(&store, "purge", "node-a", 30)
            .await
            .unwrap()
            .unwrap();
        assert!(
            jobs::fail(&store, &held, "varnish: connection refused", now - 1)
                .await
                .unwrap()
        );
        let listed = jobs::list(&store).await.unwrap();
        assert_eq!(listed[0].attempts, 1);
        assert_eq!(
            listed[0].last_error.as_deref(),
            Some("varnish: connection refused")
        );
        assert_eq!(listed[0].state, "1", "a failure keeps the state");
        let again = jobs::claim(&store, "purge", "node-b", 30)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.attempts, 1);
        // The first holder's late answer cannot overwrite the new holder's run.
        assert!(!jobs::finish(&store, &held, "99", now).await.unwrap());
        assert!(jobs::finish(&store, &again, "2", now).await.unwrap());
        let listed = jobs::list(&store).await.unwrap();
        assert_eq!((listed[0].state.as_str(), listed[0].attempts), ("2", 0));
        assert_eq!(listed[0].last_error, None);
    })
    .await;
}

#[tokio::test]
async fn a_lapsed_lease_lets_another_node_take_the_job() {
    on_both_engines(|store| async move {
        let now = minbar_store::now();
        jobs::ensure(&store, "publish-due", "", now).await.unwrap();
        // A lease of -1 s has lapsed already: the node holding it died.
        let dead = jobs::claim(&store, "publish-due", "node-a", -1)
            .await
            .unwrap()
            .unwrap();
        let taken = jobs::claim(&store, "publish-due", "node-b", 30)
            .await
            .unwrap();
        assert!(taken.is_some(), "a lapsed lease blocks the job");
        assert!(!jobs::finish(&store, &dead, "", now).await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn claimers_racing_get_the_job_once() {
    on_both_engines(|store| async move {
        jobs::ensure(&store, "race", "", minbar_store::now())
            .await
            .unwrap();
        let claimers: Vec<_> = (0..12)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move {
                    jobs::claim(&store, "race", &format!("node-{n}"), 30)
                        .await
                        .unwrap()
                        .is_some()
                })
            })
            .collect();
        let mut won = 0;
        for claimer in claimers {
            won += usize::from(claimer.await.unwrap());
        }
        assert_eq!(won, 1);
    })
    .await;
}
