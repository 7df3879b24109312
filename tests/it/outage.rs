//! The database goes away: a PostgreSQL cluster the test creates for itself is stopped with
//! `-m immediate` (a crash) for several seconds while readers and writers keep coming. Kept pages
//! answer 200 throughout; every other request answers 503 with a localized page (JSON under
//! `/api/`) within 5 seconds, none hangs; every write is either acknowledged and kept or
//! refused; and the server serves everything again within 10 seconds of the database's return,
//! with no restart.

use crate::admin::add_user;
use crate::cluster::Cluster;
use crate::harness::Site;
use serde_json::json;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the writers were told, and what the readers saw.
#[derive(Debug, Default)]
struct Tally {
    /// Titles of posts whose creation got a 201.
    acknowledged: Vec<String>,
    /// Statuses the writers got other than 201, with the time each took.
    refused: Vec<(u16, Duration)>,
    /// Answers to the kept page that were not 200.
    kept_page_failures: Vec<u16>,
    kept_page_answers: usize,
    /// The slowest answer anyone got.
    slowest: Duration,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_database_goes_away_and_the_site_recovers_by_itself() {
    let Some(cluster) = Cluster::start_new() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let site = Site {
        data: dir.path().join("data"),
        database_url: Some(cluster.url()),
    };
    site.ok(&["init", "--title", "منبج اليوم"]);
    add_user(&site, "رامي", "rami@example.org", "editor");
    let token = crate::api::token(&site, "rami@example.org");
    let kept = &site
        .post_new("خبر محفوظ", "نص الخبر", &[])
        .trim()
        .to_owned();
    let server = site.serve();
    let base = server.base.clone();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    // The post page is now kept (the second answer comes from the cache).
    for _ in 0..2 {
        let page = client.get(format!("{base}{kept}")).send().await.unwrap();
        assert_eq!(page.status(), 200);
    }

    let tally = Arc::new(Mutex::new(Tally::default()));
    let running = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let mut tasks = Vec::new();
    for writer in 0..2 {
        let (client, base, token, tally, running) = (
            client.clone(),
            base.clone(),
            token.clone(),
            tally.clone(),
            running.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut n = 0;
            while running.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let title = format!("خبر عاجل {writer}-{n}");
                let started = Instant::now();
                let answer = client
                    .post(format!("{base}/api/v1/posts"))
                    .bearer_auth(&token)
                    .json(&json!({"title": title, "body": "نص", "status": "published"}))
                    .send()
                    .await
                    .expect("the server answers every write");
                let took = started.elapsed();
                {
                    let mut tally = tally.lock().unwrap();
                    tally.slowest = tally.slowest.max(took);
                    match answer.status().as_u16() {
                        201 => tally.acknowledged.push(title),
                        other => tally.refused.push((other, took)),
                    }
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }
    {
        let (client, base, kept, tally, running) = (
            client.clone(),
            base.clone(),
            kept.clone(),
            tally.clone(),
            running.clone(),
        );
        tasks.push(tokio::spawn(async move {
            while running.load(std::sync::atomic::Ordering::Relaxed) {
                let started = Instant::now();
                let status = client
                    .get(format!("{base}{kept}"))
                    .send()
                    .await
                    .expect("the kept page answers")
                    .status()
                    .as_u16();
                {
                    let mut tally = tally.lock().unwrap();
                    tally.slowest = tally.slowest.max(started.elapsed());
                    tally.kept_page_answers += 1;
                    if status != 200 {
                        tally.kept_page_failures.push(status);
                    }
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(800)).await;

    cluster.crash();
    let down = Instant::now();
    // While it is away: pages that need the database say so within 5 seconds, in the site's
    // language (the bare page: the settings cannot be read either), and the API in JSON.
    tokio::time::sleep(Duration::from_millis(500)).await;
    for path in [
        "/search?q=%D8%AE%D8%A8%D8%B1",
        "/admin/login",
        "/feed.json?x=1",
    ] {
        let started = Instant::now();
        let answer = client.get(format!("{base}{path}")).send().await.unwrap();
        let took = started.elapsed();
        assert_eq!(answer.status(), 503, "{path}");
        assert!(took < Duration::from_secs(5), "{path} took {took:?}");
        assert_eq!(answer.headers()["retry-after"], "5", "{path}");
        let html = answer.text().await.unwrap();
        assert!(html.contains("lang=\"ar\""), "{html}");
        assert!(html.contains("تعذّر الوصول إلى قاعدة البيانات"), "{html}");
    }
    let started = Instant::now();
    let api = client
        .get(format!("{base}/api/v1/posts"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 503);
    assert!(started.elapsed() < Duration::from_secs(5));
    let body: serde_json::Value = api.json().await.unwrap();
    assert_eq!(body["error"], 503, "{body}");
    while down.elapsed() < Duration::from_secs(6) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    cluster.start();
    let back = Instant::now();
    // Back within 10 seconds of the database, without a restart: a new post is published and
    // shows on the home page.
    let recovered = loop {
        let answer = client
            .post(format!("{base}/api/v1/posts"))
            .bearer_auth(&token)
            .json(&json!({"title": "بعد العودة", "body": "نص", "status": "published"}))
            .send()
            .await
            .unwrap();
        if answer.status() == 201 {
            break back.elapsed();
        }
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "still {} after 10 s",
            answer.status()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let home = loop {
        let html = client
            .get(format!("{base}/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if html.contains("بعد العودة") || back.elapsed() > Duration::from_secs(10) {
            break html;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(home.contains("بعد العودة"), "the home page did not follow");
    tokio::time::sleep(Duration::from_millis(500)).await;
    running.store(false, std::sync::atomic::Ordering::Relaxed);
    for task in tasks {
        task.await.unwrap();
    }

    let tally = tally.lock().unwrap();
    eprintln!(
        "outage: {} writes acknowledged, {} refused ({:?}), kept page answered {} times, \
         slowest answer {:?}, recovered {recovered:?} after the database returned",
        tally.acknowledged.len(),
        tally.refused.len(),
        tally
            .refused
            .iter()
            .map(|(s, _)| *s)
            .collect::<std::collections::BTreeSet<_>>(),
        tally.kept_page_answers,
        tally.slowest,
    );
    assert!(
        tally.kept_page_failures.is_empty(),
        "{:?}",
        tally.kept_page_failures
    );
    assert!(tally.kept_page_answers > 50);
    assert!(!tally.refused.is_empty(), "no write met the outage");
    for (status, took) in &tally.refused {
        assert_eq!(*status, 503, "a write was refused with {status}");
        assert!(*took < Duration::from_secs(5), "a write waited {took:?}");
    }
    // Every acknowledged write is there, read straight from the database.
    let stored = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &cluster.port.to_string(),
            "-U",
            "postgres",
        ])
        .args(["-d", "postgres", "-Atc", "SELECT title FROM posts"])
        .output()
        .expect("psql runs");
    assert!(stored.status.success(), "{stored:?}");
    let stored = String::from_utf8_lossy(&stored.stdout);
    let stored: std::collections::BTreeSet<&str> = stored.lines().collect();
    let missing: Vec<&String> = tally
        .acknowledged
        .iter()
        .filter(|title| !stored.contains(title.as_str()))
        .collect();
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    drop(server);
}
