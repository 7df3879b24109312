//! What operators, load balancers and front caches ask of one node: health, readiness and
//! metrics (and who may read them), the configuration file with the environment over it, the
//! job queue through `minbar jobs`, and public pages that a shared cache may keep (no
//! `Set-Cookie`, surrogate keys) while the comment form keeps its minimum time to write.

use crate::harness::{Site, browser, like_a_reader};
use std::time::Duration;

fn site_with_post() -> (tempfile::TempDir, Site, String) {
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم", "--moderation", "open"]);
    let path = site
        .post_new("خبر الصباح", "نص الخبر.", &[])
        .trim()
        .to_owned();
    (dir, site, path)
}

#[tokio::test]
async fn health_readiness_and_metrics_answer_operators_only() {
    let (_dir, site, path) = site_with_post();
    let admin_port = crate::harness::free_port();
    let admin = format!("127.0.0.1:{admin_port}");
    let server = site.serve_with(&["--admin-listen", &admin]);
    let client = reqwest::Client::new();
    let get = |url: String, forwarded: Option<&'static str>| {
        let mut request = client.get(url);
        if let Some(address) = forwarded {
            request = request.header("x-forwarded-for", address);
        }
        request.send()
    };

    let health = get(server.url("/healthz"), None).await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(
        health.headers()["cache-control"],
        "no-store",
        "a health answer is never kept"
    );
    // Loopback is an operator: readiness with its details (once the followers have started).
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let ready = loop {
        let ready = get(server.url("/readyz"), None).await.unwrap();
        if ready.status() == 200 || std::time::Instant::now() > deadline {
            break ready;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(ready.status(), 200);
    let details: serde_json::Value = serde_json::from_str(&ready.text().await.unwrap()).unwrap();
    assert_eq!(details["ready"], true);
    assert_eq!(details["change_log"]["page_cache"]["behind"], 0);
    // Someone a proxy forwards (the proxy is not trusted): a bare answer, no metrics.
    let ready = get(server.url("/readyz"), Some("203.0.113.9"))
        .await
        .unwrap();
    assert_eq!(ready.text().await.unwrap().trim(), "ready");
    let refused = get(server.url("/metrics"), Some("203.0.113.9"))
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);

    // Traffic, then the metrics name it by route, never by path.
    for _ in 0..3 {
        get(server.url(&path), None).await.unwrap();
    }
    get(server.url("/no-such-page"), None).await.unwrap();
    let metrics = get(server.url("/metrics"), None).await.unwrap();
    assert_eq!(metrics.status(), 200);
    let text = metrics.text().await.unwrap();
    for expected in [
        "minbar_http_requests_total{route=\"/{year}/{month}/{file}\",method=\"GET\",status=\"200\"} 1",
        "minbar_page_cache_answers_total{result=\"hit\"} 2",
        "status=\"404\"",
        "minbar_http_request_duration_seconds_bucket",
        "minbar_change_log_behind{follower=\"search\"} 0",
        "minbar_jobs_due",
        "minbar_db_pool_connections{state=\"idle\"}",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(!text.contains("%D8"), "a post's path became a label");
    assert!(!text.contains("secret"), "{text}");

    // The admin listener answers only the operators' three, to whoever reaches it.
    let metrics = get(format!("http://{admin}/metrics"), Some("203.0.113.9"))
        .await
        .unwrap();
    assert_eq!(metrics.status(), 200);
    let page = get(format!("http://{admin}{path}"), None).await.unwrap();
    assert_eq!(page.status(), 404);

    // The job queue, as `minbar jobs` shows it: both recurring jobs, run by this server.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let listed = site.ok(&["jobs"]);
        if listed.contains("publish-due") && listed.contains("last ") {
            assert!(listed.contains("forget-addresses"), "{listed}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{listed}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn sigterm_drains_first_then_stops() {
    let (_dir, site, _path) = site_with_post();
    let mut server = site.serve_with(&["--drain-seconds", "2"]);
    let client = reqwest::Client::new();
    let pid = server.pid().to_string();
    assert!(
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    // Still serving pages, but no longer ready.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ready = client.get(server.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 503);
    assert_eq!(ready.text().await.unwrap().trim(), "draining");
    assert_eq!(
        client.get(server.url("/")).send().await.unwrap().status(),
        200
    );
    assert!(
        server
            .wait_for_log("minbar stopped", Duration::from_secs(10))
            .is_some(),
        "{:#?}",
        server.log_so_far()
    );
}

#[tokio::test]
async fn a_configuration_file_sets_flags_and_the_environment_overrides_it() {
    let (dir, site, _path) = site_with_post();
    let config = dir.path().join("minbar.toml");
    let data = site.data.display().to_string();
    std::fs::write(&config, format!("data = '{data}'\ncache_mb = 16\n")).unwrap();
    let run = |env: Option<(&str, &str)>, args: &[&str]| {
        let mut command = std::process::Command::new(crate::harness::minbar_bin());
        command.arg("--config").arg(&config).args(args);
        command.env_remove("MINBAR_DATA").env("MINBAR_LOG", "warn");
        if let Some((name, value)) = env {
            command.env(name, value);
        }
        command.output().unwrap()
    };
    // The data directory comes from the file.
    let shown = run(None, &["site", "show"]);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(String::from_utf8_lossy(&shown.stdout).contains("منبج اليوم"));
    // MINBAR_DATA overrides the file: an empty directory has no site.
    let empty = dir.path().join("empty");
    let other = run(
        Some(("MINBAR_DATA", empty.to_str().unwrap())),
        &["site", "show"],
    );
    assert!(!other.status.success());
    assert!(
        String::from_utf8_lossy(&other.stderr).contains("minbar init"),
        "{}",
        String::from_utf8_lossy(&other.stderr)
    );
    // A setting no command knows, and a bad value, are refused with the file's name.
    std::fs::write(&config, "databse-url = 'postgres://x'\n").unwrap();
    let typo = run(None, &["site", "show"]);
    assert_eq!(typo.status.code(), Some(2));
    let said = String::from_utf8_lossy(&typo.stderr);
    assert!(
        said.contains("unknown setting 'databse-url'") && said.contains("minbar.toml"),
        "{said}"
    );
    std::fs::write(&config, "cache-mb = 0\n").unwrap();
    let bad = run(None, &["serve"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("minbar.toml"));
}

#[tokio::test]
async fn public_pages_set_no_cookie_and_name_their_surrogate_keys() {
    let (_dir, site, path) = site_with_post();
    let server = site.serve();
    let client = reqwest::Client::new();
    for address in [
        "/",
        path.as_str(),
        "/feeds/posts/default",
        "/sitemap.xml",
        "/search?q=خبر",
    ] {
        let answer = client.get(server.url(address)).send().await.unwrap();
        assert_eq!(answer.status(), 200, "{address}");
        assert!(
            !answer.headers().contains_key("set-cookie"),
            "{address} sets a cookie, so no shared cache keeps it"
        );
    }
    let page = client.get(server.url(&path)).send().await.unwrap();
    let keys = page.headers()["surrogate-key"].to_str().unwrap().to_owned();
    assert!(keys.starts_with("site p-"), "{keys}");
    assert_eq!(page.headers()["xkey"], keys.as_str());
    assert_eq!(page.headers()["cache-tag"], keys.as_str());
    let home = client.get(server.url("/")).send().await.unwrap();
    let home_keys = home.headers()["surrogate-key"].to_str().unwrap().to_owned();
    assert!(
        home_keys.contains("lists") && home_keys.contains(keys.trim_start_matches("site ")),
        "{home_keys}"
    );

    // The form's image gives the first-seen stamp; a comment sent at once is still too soon,
    // one sent after a person's wait is taken.
    let reader = browser();
    let (_, page) = crate::harness::get(&reader, &server.url(&path)).await;
    let html = scraper::Html::parse_document(&page);
    let (action, fields) = crate::harness::read_form(&html, "#comment-form");
    let form = crate::harness::filled(&fields, &[("name", "سلمى"), ("body", "تعليق سريع")]);
    let too_soon = crate::harness::post_form(&reader, &server.url(&action), &form).await;
    assert_eq!(
        too_soon.status(),
        422,
        "a comment within the minimum time is refused"
    );
    like_a_reader().await;
    let taken = crate::harness::post_form(&reader, &server.url(&action), &form).await;
    assert_eq!(taken.status(), 200);
    assert!(taken.text().await.unwrap().contains("تعليق سريع"));

    // A client that never loads the form's image gets no stamp: refused, with a page of its
    // own that sets it, so a person without images can still comment after a moment.
    let bare = crate::harness::browser();
    let (_, page) = {
        let answer = bare.get(server.url(&path)).send().await.unwrap();
        (answer.status(), answer.text().await.unwrap())
    };
    let (action, fields) =
        crate::harness::read_form(&scraper::Html::parse_document(&page), "#comment-form");
    let form = crate::harness::filled(&fields, &[("name", "رامي"), ("body", "تعليق بلا صور")]);
    let refused = crate::harness::post_form(&bare, &server.url(&action), &form).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.headers().contains_key("set-cookie"));
    like_a_reader().await;
    let taken = crate::harness::post_form(&bare, &server.url(&action), &form).await;
    assert_eq!(taken.status(), 200);
}

#[tokio::test]
async fn a_purge_that_fails_is_retried_and_kept_for_the_admins_never_blocking_pages() {
    let (_dir, site, path) = site_with_post();
    // Nothing listens on port 9: every purge fails.
    let server = site.serve_with(&["--purge-varnish", "http://127.0.0.1:9/"]);
    let client = reqwest::Client::new();
    site.post_new("خبر جديد", "نص.", &[]);
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let listed = loop {
        let listed = site.ok(&["jobs"]);
        if listed.contains("purge") && listed.contains("failed") {
            break listed;
        }
        assert!(std::time::Instant::now() < deadline, "{listed}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(
        listed.contains("the front cache at 127.0.0.1:9 could not be reached"),
        "{listed}"
    );
    for address in ["/", path.as_str()] {
        let page = client.get(server.url(address)).send().await.unwrap();
        assert_eq!(page.status(), 200, "{address}");
    }
    let ready = client.get(server.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200, "a failing front made the node unready");
}

/// A webhook that answers 200 to every request and hands each body over.
fn webhook() -> (u16, std::sync::mpsc::Receiver<String>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (bodies, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut length, mut line) = (0, String::new());
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let _ = bodies.send(String::from_utf8_lossy(&body).into_owned());
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
    (port, received)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_webhook_gets_the_keys_of_exactly_the_pages_a_comment_touches_twice() {
    let (_dir, site, path) = site_with_post();
    let (port, received) = webhook();
    let server = site.serve_with(&["--purge-webhook", &format!("http://127.0.0.1:{port}/purge")]);
    let reader = browser();
    let (_, page) = crate::harness::get(&reader, &server.url(&path)).await;
    let post_key = reqwest::Client::new()
        .get(server.url(&path))
        .send()
        .await
        .unwrap()
        .headers()["surrogate-key"]
        .to_str()
        .unwrap()
        .split(' ')
        .find(|k| k.starts_with("p-"))
        .unwrap()
        .to_owned();
    let html = scraper::Html::parse_document(&page);
    let (action, fields) = crate::harness::read_form(&html, "#comment-form");
    let form = crate::harness::filled(&fields, &[("name", "سلمى"), ("body", "تعليق يفرغ الذاكرة")]);
    like_a_reader().await;
    let sent = crate::harness::post_form(&reader, &server.url(&action), &form).await;
    assert_eq!(sent.status(), 200);
    let expected = serde_json::json!({ "keys": ["comments", post_key] });
    let started = std::time::Instant::now();
    for pass in ["first", "second"] {
        let body = tokio::task::block_in_place(|| received.recv_timeout(Duration::from_secs(10)))
            .unwrap_or_else(|_| panic!("no {pass} purge"));
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body, expected, "the {pass} purge");
    }
    assert!(
        started.elapsed() >= Duration::from_millis(1_000),
        "the second purge came too soon to correct anything: {:?}",
        started.elapsed()
    );
}
