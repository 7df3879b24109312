//! Public reads from a streaming replica (`serve --read-database-url`), built here with
//! `pg_basebackup` from a cluster of the test's own: reads go to the replica once it has caught
//! up; while its replay is paused, a post published through the node is on its pages at once
//! (read from the primary); when replay resumes, reads go back to the replica. A primary given
//! as the replica is refused at start-up.

use crate::admin::add_user;
use crate::api::token;
use crate::cluster::Cluster;
use crate::harness::Site;
use std::process::Command;
use std::time::{Duration, Instant};

/// Public reads answered so far by the replica and by the primary, from the node's metrics.
async fn reads(client: &reqwest::Client, base: &str) -> (u64, u64) {
    let text = client
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let value = |from: &str| {
        let name = format!("minbar_public_reads_total{{from=\"{from}\"}} ");
        text.lines()
            .find_map(|l| l.strip_prefix(&name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    (value("replica"), value("primary"))
}

/// A few pages nobody asked for yet (the page cache misses), so each reads the database.
async fn misses(client: &reqwest::Client, base: &str, round: &str) {
    for n in 0..5 {
        let page = client
            .get(format!("{base}/?round={round}-{n}"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
    }
}

fn sql(cluster_url: &str, statement: &str) {
    let done = Command::new("psql")
        .args([cluster_url, "-Atc", statement])
        .output()
        .unwrap_or_else(|e| panic!("psql: {e}"));
    assert!(
        done.status.success(),
        "{statement}: {}",
        String::from_utf8_lossy(&done.stderr)
    );
}

#[tokio::test]
async fn public_reads_use_a_caught_up_replica_and_never_go_back_in_time() {
    let Some(primary) = Cluster::start_new() else {
        return;
    };
    let replica = primary.replica();
    let (_dir, mut site) = Site::fresh();
    site.database_url = Some(primary.url());
    site.ok(&["init", "--title", "منبج"]);
    add_user(&site, "محرر", "editor@manbij.example", "admin");
    let token = token(&site, "editor@manbij.example");
    site.post_new("خبر الصباح", "نص.", &[]);
    let server = site.serve_with(&["--read-database-url", &replica.url()]);
    let client = reqwest::Client::new();

    // Once the replica has replayed what the node has seen, misses read from it.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut round = 0;
    while reads(&client, &server.base).await.0 == 0 {
        assert!(
            Instant::now() < deadline,
            "no read ever went to the replica"
        );
        round += 1;
        misses(&client, &server.base, &format!("warm{round}")).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The replica stops replaying: a post published through the node shows at once.
    sql(&replica.url(), "SELECT pg_wal_replay_pause()");
    let (status, post) = {
        let answer = client
            .post(server.url("/api/v1/posts"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"title": "عاجل بعد التوقف", "body": "نص.", "status": "published"}))
            .send()
            .await
            .unwrap();
        (
            answer.status(),
            answer.json::<serde_json::Value>().await.unwrap(),
        )
    };
    assert_eq!(status, 201, "{post}");
    let (from_replica, from_primary) = reads(&client, &server.base).await;
    let page = client
        .get(server.url(post["path"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200, "a node's own new post is missing");
    assert!(page.text().await.unwrap().contains("عاجل بعد التوقف"));
    misses(&client, &server.base, "paused").await;
    let home = client
        .get(server.url("/?round=paused-home"))
        .send()
        .await
        .unwrap();
    assert!(
        home.text().await.unwrap().contains("عاجل بعد التوقف"),
        "the home page went back in time"
    );
    let (paused_replica, paused_primary) = reads(&client, &server.base).await;
    assert_eq!(
        paused_replica, from_replica,
        "a read went to a replica that is behind"
    );
    assert!(paused_primary > from_primary);

    // Replay resumes: reads go back to the replica.
    sql(&replica.url(), "SELECT pg_wal_replay_resume()");
    let deadline = Instant::now() + Duration::from_secs(10);
    while reads(&client, &server.base).await.0 == paused_replica {
        assert!(
            Instant::now() < deadline,
            "reads never went back to the replica"
        );
        round += 1;
        misses(&client, &server.base, &format!("resumed{round}")).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(server);

    // The primary given as the replica: refused, saying why.
    let refused = site.run(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--read-database-url",
        &primary.url(),
    ]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("is not a replica"), "{said}");
}
