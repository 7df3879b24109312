//! Many nodes, as the deployment guide sets them up: two `minbar serve` nodes on one PostgreSQL
//! database behind HAProxy (health-checked on `/readyz`), and Varnish with its xkey module in
//! front, purged by the nodes' shared `purge` job. What one node is told, the other shows
//! within a second; a session works on both; a scheduled post goes live once; a node stopped
//! with SIGTERM under load loses no request; a change purges exactly the pages that show it.

use crate::admin::{PASSWORD, add_user, sign_in};
use crate::api::token;
use crate::harness::{
    Server, Site, browser, free_port, like_a_reader, load_form_image, no_redirects, tool,
};
use minbar_store::testing::PostgresDb;
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A peer program (HAProxy, Varnish), stopped when dropped.
struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until `url` answers 200.
async fn until_ok(client: &reqwest::Client, url: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(answer) = client.get(url).send().await
            && answer.status() == 200
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what} never answered 200 at {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// HAProxy on a free port in front of `nodes` (host:port), checking each on `/readyz`.
fn haproxy(dir: &std::path::Path, nodes: &[&str]) -> (Daemon, u16) {
    let port = free_port();
    let mut config = format!(
        "defaults\n  mode http\n  timeout connect 1s\n  timeout client 10s\n  timeout server 10s\n  \
         timeout check 2s\n  \
         retries 3\n  option redispatch 1\n  retry-on conn-failure empty-response response-timeout\n\n\
         frontend web\n  bind 127.0.0.1:{port}\n  default_backend nodes\n\n\
         backend nodes\n  balance roundrobin\n  option httpchk GET /readyz\n  \
         http-check expect status 200\n  default-server inter 200ms fall 3 rise 2\n"
    );
    for (n, node) in nodes.iter().enumerate() {
        config.push_str(&format!("  server node{n} {node} check\n"));
    }
    let file = dir.join("haproxy.cfg");
    std::fs::write(&file, config).unwrap();
    let child = Command::new("haproxy")
        .arg("-db")
        .arg("-f")
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start haproxy: {e}"));
    (Daemon(child), port)
}

/// The VCL of the deployment guide: keys purged with `PURGE` and `xkey-purge` from this
/// machine, readers' cookies dropped on public pages, surrogate keys kept from readers.
fn vcl(backend: u16) -> String {
    format!(
        r#"vcl 4.1;
import xkey;
backend default {{ .host = "127.0.0.1"; .port = "{backend}"; }}
acl purgers {{ "127.0.0.1"; }}
sub vcl_recv {{
  if (req.method == "PURGE") {{
    if (client.ip !~ purgers) {{ return (synth(403, "Forbidden")); }}
    if (!req.http.xkey-purge) {{ return (synth(400, "No keys")); }}
    set req.http.n-gone = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.n-gone));
  }}
  if (req.url !~ "^/(admin|api/|comment-form/)" && (req.method == "GET" || req.method == "HEAD")) {{
    unset req.http.Cookie;
  }}
}}
sub vcl_deliver {{
  unset resp.http.xkey;
  unset resp.http.surrogate-key;
  unset resp.http.cache-tag;
}}
"#
    )
}

fn varnish(dir: &std::path::Path, port: u16, backend: u16) -> Daemon {
    let file = dir.join("minbar.vcl");
    std::fs::write(&file, vcl(backend)).unwrap();
    let child = Command::new("varnishd")
        .args(["-F", "-j", "none", "-s", "malloc,32m"])
        .arg("-n")
        .arg(dir.join("varnish"))
        .arg("-a")
        .arg(format!("127.0.0.1:{port}"))
        .arg("-f")
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start varnishd: {e}"));
    Daemon(child)
}

/// A bearer-token caller of one node's API.
async fn api(
    node: &Server,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> (u16, Value) {
    let answer = reqwest::Client::new()
        .request(method, node.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    let text = answer.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Polls `url` until its body contains `needle`; how long that took.
async fn until_shown(client: &reqwest::Client, url: &str, needle: &str) -> Duration {
    let started = Instant::now();
    loop {
        if let Ok(answer) = client.get(url).send().await
            && answer.text().await.unwrap_or_default().contains(needle)
        {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{needle:?} never showed at {url}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Whether Varnish answered `url` from its cache (`X-Varnish` names two requests on a hit).
async fn varnish_hit(url: &str) -> bool {
    let answer = reqwest::Client::new().get(url).send().await.unwrap();
    assert_eq!(answer.status(), 200, "{url}");
    answer
        .headers()
        .get("x-varnish")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(' ').count() == 2)
}

#[tokio::test]
async fn two_nodes_behind_haproxy_and_varnish_serve_one_site() {
    let (Some(_), Some(_)) = (
        tool("haproxy", "-v", "HAProxy (Debian's haproxy)", "haproxy"),
        tool(
            "varnishd",
            "-V",
            "Varnish (Debian's varnish and varnish-modules)",
            "varnishd",
        ),
    ) else {
        return;
    };
    let Some(db) = PostgresDb::create().await else {
        return;
    };
    let url = db.url.clone();
    // On its own runtime in its own thread, so a failed assertion still lets the database go.
    let outcome = tokio::task::spawn_blocking(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(scenario(url));
    })
    .await;
    db.drop_now().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic.into_panic());
    }
}

async fn scenario(database_url: String) {
    let dir = tempfile::tempdir().unwrap();
    let node_site = |name: &str| Site {
        data: dir.path().join(name),
        database_url: Some(database_url.clone()),
    };
    let site = node_site("a");
    site.ok(&["init", "--title", "منبج الآن", "--moderation", "all"]);
    add_user(&site, "مديرة", "admin@manbij.example", "admin");
    let token = token(&site, "admin@manbij.example");

    let varnish_port = free_port();
    let purge = format!("http://127.0.0.1:{varnish_port}/");
    let flags = |name: &'static str| {
        [
            "--trusted-proxy",
            "127.0.0.1",
            "--purge-varnish",
            purge.as_str(),
            "--drain-seconds",
            "2",
            "--node-name",
            name,
        ]
    };
    let a = site.serve_with(&flags("a"));
    let b = node_site("b").serve_with(&flags("b"));
    let nodes = [
        a.base.trim_start_matches("http://"),
        b.base.trim_start_matches("http://"),
    ];
    let (_haproxy, haproxy_port) = haproxy(dir.path(), &nodes);
    let _varnish = varnish(dir.path(), varnish_port, haproxy_port);
    let front = format!("http://127.0.0.1:{haproxy_port}");
    let edge = format!("http://127.0.0.1:{varnish_port}");
    let client = reqwest::Client::new();
    until_ok(&client, &a.url("/readyz"), "node a").await;
    until_ok(&client, &b.url("/readyz"), "node b").await;
    until_ok(&client, &format!("{front}/"), "haproxy").await;
    until_ok(&client, &format!("{edge}/"), "varnish").await;

    // A post published through A: B's page and B's search show it within a second.
    let (status, post) = api(
        &a,
        &token,
        reqwest::Method::POST,
        "/api/v1/posts",
        json!({"title": "عاجل: افتتاح جسر قره قوزاق", "body": "افتتح الجسر اليوم.", "status": "published"}),
    )
    .await;
    assert_eq!(status, 201, "{post}");
    let path = post["path"].as_str().unwrap().to_owned();
    let page = until_shown(&client, &b.url(&path), "افتتاح جسر").await;
    let search = until_shown(
        &client,
        &b.url("/search?q=%D9%82%D9%88%D8%B2%D8%A7%D9%82"),
        &path,
    )
    .await;
    println!("published on a: on b's page after {page:?}, in b's search after {search:?}");
    assert!(page < Duration::from_secs(1), "{page:?}");
    assert!(search < Duration::from_secs(1), "{search:?}");

    // A session signed in on A works on B (sessions live in the shared database).
    let staff = no_redirects();
    let signed = sign_in(&staff, &a, "admin@manbij.example", PASSWORD).await;
    assert_eq!(signed.status(), 303);
    let on_b = staff.get(b.url("/admin/")).send().await.unwrap();
    assert_eq!(on_b.status(), 200, "the session from a is not known on b");
    // The admin's dashboard lists the shared jobs, the purge among them.
    let dashboard = on_b.text().await.unwrap();
    for job in ["نشر المقالات المجدولة", "تفريغ الذاكرة المؤقتة الأمامية"]
    {
        assert!(dashboard.contains(job), "{job} missing from the dashboard");
    }

    // A comment sent through B and approved through A shows on B within a second.
    let reader = browser();
    let (_, page) = crate::harness::get(&reader, &b.url(&path)).await;
    load_form_image(&reader, &b.url(&path), &page).await;
    like_a_reader().await;
    let form = [
        ("name", "سلمى"),
        ("body", "أخيراً! الطريق إلى حلب أقصر الآن."),
    ];
    let sent = reader
        .post(b.url(&path))
        .header("origin", b.base.as_str())
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(sent.status().is_success(), "{}", sent.status());
    let (_, queue) = api(
        &a,
        &token,
        reqwest::Method::GET,
        "/api/v1/comments?status=pending",
        json!(null),
    )
    .await;
    let id = queue[0]["id"].as_i64().unwrap_or_else(|| panic!("{queue}"));

    // Through Varnish: the post, the home page and another post are kept.
    let (_, other) = api(
        &a,
        &token,
        reqwest::Method::POST,
        "/api/v1/posts",
        json!({"title": "سوق الهال يعود", "body": "عاد السوق.", "status": "published"}),
    )
    .await;
    let other = other["path"].as_str().unwrap().to_owned();
    // Each purge is sent again a moment later: let those of the changes above pass first.
    tokio::time::sleep(Duration::from_millis(
        minbar_web::purge::AGAIN_AFTER_MS as u64 + 1_000,
    ))
    .await;
    let kept = [
        format!("{edge}{path}"),
        format!("{edge}/"),
        format!("{edge}{other}"),
    ];
    for url in &kept {
        until_shown(&client, url, "منبج الآن").await;
        let deadline = Instant::now() + Duration::from_secs(5);
        while !varnish_hit(url).await {
            assert!(Instant::now() < deadline, "varnish never kept {url}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let started = Instant::now();
    let (status, _) = api(
        &a,
        &token,
        reqwest::Method::POST,
        &format!("/api/v1/comments/{id}/approve"),
        json!(null),
    )
    .await;
    assert_eq!(status, 204);
    let comment_on_b = until_shown(&client, &b.url(&path), "الطريق إلى حلب").await;
    let comment_at_edge =
        until_shown(&client, &kept[0], "الطريق إلى حلب").await + started.elapsed() - comment_on_b;
    println!(
        "approved on a: on b after {comment_on_b:?}, through varnish after about {comment_at_edge:?}"
    );
    assert!(comment_on_b < Duration::from_secs(1), "{comment_on_b:?}");
    // The comment purged its post and the home page (its card's count), not the other post.
    assert!(
        varnish_hit(&kept[2]).await,
        "a comment on one post purged another"
    );
    let home = reqwest::Client::new().get(&kept[1]).send().await.unwrap();
    assert_eq!(
        home.headers()
            .get("x-varnish")
            .map(|v| v.to_str().unwrap().split(' ').count()),
        Some(1),
        "the home page was not purged"
    );

    // An edit through B shows through Varnish within a second.
    let started = Instant::now();
    let (status, body) = api(
        &b,
        &token,
        reqwest::Method::PUT,
        &format!("/api/v1/posts/{}", post["id"]),
        json!({"title": "افتتاح جسر قره قوزاق بعد الترميم", "body": "افتتح الجسر اليوم.", "status": "published"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    until_shown(&client, &kept[0], "بعد الترميم").await;
    let edit = started.elapsed();
    println!("edited on b: through varnish after {edit:?}");
    assert!(edit < Duration::from_secs(1), "{edit:?}");
    assert!(
        varnish_hit(&kept[2]).await,
        "an edit of one post purged another"
    );

    // A post scheduled a moment ahead goes live once, however many nodes run the queue.
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    let (status, scheduled) = api(
        &a,
        &token,
        reqwest::Method::POST,
        "/api/v1/posts",
        json!({"title": "نشرة المساء", "body": "أخبار المساء.", "status": "scheduled", "published_at": at.to_string()}),
    )
    .await;
    assert_eq!(status, 201, "{scheduled}");
    let scheduled_path = scheduled["path"].as_str().unwrap().to_owned();
    until_shown(&client, &b.url(&scheduled_path), "نشرة المساء").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    let store = minbar_store::Store::connect(&database_url).await.unwrap();
    let published = minbar_store::outbox::since(&store, 0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.entity_id == scheduled["id"].as_i64().unwrap())
        .filter(|c| c.action.as_str() == "published")
        .count();
    store.close().await;
    assert_eq!(
        published, 1,
        "the scheduled post was published {published} times"
    );

    // Node A stops (SIGTERM) under load: HAProxy sees it draining and sends everything to B;
    // no request it routed is lost.
    let stop = Instant::now() + Duration::from_secs(6);
    let mut load = tokio::task::JoinSet::new();
    for n in 0..6 {
        let url = match n % 3 {
            0 => format!("{front}{path}"),
            1 => format!("{front}/search?q=%D8%AC%D8%B3%D8%B1"),
            _ => format!("{front}/?n={n}"),
        };
        load.spawn(async move {
            let client = reqwest::Client::new();
            let (mut ok, mut failed) = (0_u32, Vec::new());
            while Instant::now() < stop {
                match client.get(&url).send().await {
                    Ok(answer) if answer.status() == 200 => ok += 1,
                    Ok(answer) => failed.push(answer.status().to_string()),
                    Err(error) => failed.push(error.to_string()),
                }
            }
            (ok, failed)
        });
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (clean, log) = tokio::task::spawn_blocking(move || a.terminate())
        .await
        .unwrap();
    assert!(clean, "node a did not exit cleanly: {log:#?}");
    let (mut served, mut lost) = (0, Vec::new());
    while let Some(result) = load.join_next().await {
        let (ok, failed) = result.unwrap();
        served += ok;
        lost.extend(failed);
    }
    println!(
        "during node a's shutdown: {served} requests served, {} lost",
        lost.len()
    );
    assert!(
        lost.is_empty(),
        "requests lost while node a stopped: {lost:?}"
    );
    assert!(served > 50, "too little load to tell: {served}");
    drop(b);
}
