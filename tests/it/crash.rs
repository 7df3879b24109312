//! kill -9 under a write storm: writers create and edit posts through the API and send comments
//! through the public form, keeping every write that got a 2xx; the server is killed with SIGKILL
//! at a random moment and started again, over and over. After each crash every acknowledged
//! write is there with its acknowledged content (or a newer one the writer had sent), the database
//! passes `PRAGMA integrity_check`, and at the end search finds every post.
//!
//! `MINBAR_CRASH_CYCLES` sets the number of cycles (20 in the suite; `bench/crash.sh` runs 200).

use crate::harness::{Server, Site, search_until};
use minbar_store::testing::PostgresDb;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Every post a writer was told was written: its id, the last version acknowledged, and the
/// newest version sent (which may have landed without its answer).
#[derive(Debug, Default)]
struct Ledger {
    posts: BTreeMap<i64, (u32, u32)>,
    comments: Vec<String>,
}

fn cycles() -> usize {
    std::env::var("MINBAR_CRASH_CYCLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
}

/// A small pseudo-random sequence (xorshift), seeded per run, so a failing run can be told
/// apart by its seed in the message.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn title(writer: usize, n: u32, version: u32) -> String {
    format!("عاصفة كتابة {writer}-{n} نسخة {version}")
}

/// One writer: creates a post, edits it twice, and goes on, until the server is gone.
async fn write_posts(base: String, token: String, writer: usize, ledger: Arc<Mutex<Ledger>>) {
    let client = reqwest::Client::new();
    for n in 0.. {
        let body = json!({"title": title(writer, n, 0), "body": "نص", "status": "published"});
        let Ok(response) = client
            .post(format!("{base}/api/v1/posts"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
        else {
            return;
        };
        if response.status() != 201 {
            return;
        }
        let Ok(created) = response.json::<serde_json::Value>().await else {
            return;
        };
        let id = created["id"].as_i64().unwrap_or_default();
        ledger.lock().unwrap().posts.insert(id, (0, 0));
        for version in 1..=2 {
            ledger.lock().unwrap().posts.entry(id).or_default().1 = version;
            let body =
                json!({"title": title(writer, n, version), "body": "نص", "status": "published"});
            let sent = client
                .put(format!("{base}/api/v1/posts/{id}"))
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await;
            match sent {
                Ok(response) if response.status() == 200 => {
                    ledger.lock().unwrap().posts.entry(id).or_default().0 = version;
                }
                _ => return,
            }
        }
    }
}

/// One reader commenting from many addresses (behind a trusted proxy), with a browser's
/// first-seen stamp older than the minimum time to write.
async fn write_comments(
    base: String,
    post: String,
    cookies: Arc<reqwest::cookie::Jar>,
    cycle: usize,
    ledger: Arc<Mutex<Ledger>>,
) {
    let client = reqwest::Client::builder()
        .cookie_provider(cookies)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for n in 0..4 {
        let text = format!("تعليق تحت العاصفة {cycle}-{n}");
        let form = [
            ("name", format!("قارئ {cycle}-{n}")),
            ("body", text.clone()),
        ];
        let sent = client
            .post(format!("{base}{post}"))
            .header("origin", base.as_str())
            .header("x-forwarded-for", format!("198.51.{cycle}.{n}"))
            .form(&form)
            .send()
            .await;
        match sent {
            Ok(response) if response.status() == 303 => ledger.lock().unwrap().comments.push(text),
            _ => return,
        }
    }
}

/// Checks the database after a crash, with the server down.
async fn check(site: &Site, ledger: &Ledger, seed: u64) {
    let store = minbar_store::Store::open(&site.data, site.database_url.as_deref())
        .await
        .unwrap();
    let answer = minbar_store::backup::integrity_check(&store).await.unwrap();
    assert_eq!(answer, "ok", "seed {seed}");
    for (id, (acknowledged, sent)) in &ledger.posts {
        let (post, _) = minbar_store::posts::for_editing(&store, minbar_content::PostId(*id))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("post {id} was acknowledged and is gone (seed {seed})"));
        let version: u32 = post
            .title
            .rsplit(' ')
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("post {id} is half-written: {:?}", post.title));
        assert!(
            (*acknowledged..=*sent).contains(&version),
            "post {id} holds version {version}, acknowledged {acknowledged} (seed {seed})"
        );
    }
    // A reader's first comment waits for moderation; a spam score could hold one instead.
    let mut held = Vec::new();
    for status in [
        minbar_content::CommentStatus::Pending,
        minbar_content::CommentStatus::Spam,
    ] {
        held.extend(
            minbar_store::comments::list_by_status(&store, status)
                .await
                .unwrap(),
        );
    }
    for text in &ledger.comments {
        assert!(
            held.iter().any(|c| &c.body == text),
            "comment {text:?} was acknowledged and is gone (seed {seed})"
        );
    }
    store.close().await;
}

async fn storm(site: Site) {
    site.ok(&["init", "--title", "منبج اليوم"]);
    crate::admin::add_user(&site, "محررة", "e@example.org", "editor");
    let token = site
        .ok(&["user", "token", "e@example.org"])
        .trim()
        .to_owned();
    // `post new` prints the post's address as a link has it (encoded).
    let post = site.post_new("خبر للتعليقات", "نص", &[]).trim().to_owned();
    let serve = || site.serve_with(&["--trusted-proxy", "127.0.0.1"]);

    // A reader's browser is first shown the form, long enough ago to comment.
    let cookies = Arc::new(reqwest::cookie::Jar::default());
    {
        let server = serve();
        let reader = reqwest::Client::builder()
            .cookie_provider(cookies.clone())
            .build()
            .unwrap();
        let page = reader.get(server.url(&post)).send().await.unwrap();
        let page = page.text().await.unwrap();
        crate::harness::load_form_image(&reader, &server.url(&post), &page).await;
        tokio::time::sleep(Duration::from_millis(2_100)).await;
    }

    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let first_seed = seed;
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    for cycle in 0..cycles() {
        let server: Server = serve();
        let mut writers = tokio::task::JoinSet::new();
        for writer in 0..3 {
            writers.spawn(write_posts(
                server.base.clone(),
                token.clone(),
                cycle * 10 + writer,
                ledger.clone(),
            ));
        }
        writers.spawn(write_comments(
            server.base.clone(),
            post.clone(),
            cookies.clone(),
            cycle,
            ledger.clone(),
        ));
        tokio::time::sleep(Duration::from_millis(50 + next(&mut seed) % 400)).await;
        drop(server); // SIGKILL, whatever is in flight.
        while writers.join_next().await.is_some() {}
        let snapshot = {
            let ledger = ledger.lock().unwrap();
            Ledger {
                posts: ledger.posts.clone(),
                comments: ledger.comments.clone(),
            }
        };
        check(&site, &snapshot, first_seed).await;
    }

    let (posts, comments) = {
        let ledger = ledger.lock().unwrap();
        (ledger.posts.len(), ledger.comments.len())
    };
    assert!(
        posts >= cycles() && comments > 0,
        "too few writes to prove anything: {posts} posts, {comments} comments"
    );
    println!(
        "{} kill -9 cycles: {posts} posts and {comments} comments acknowledged, all found",
        cycles()
    );

    // Search catches up with every post once the server runs again.
    let server = serve();
    let store = minbar_store::Store::open(&site.data, site.database_url.as_deref())
        .await
        .unwrap();
    let published = minbar_store::posts::count_published(&store).await.unwrap() as u64;
    store.close().await;
    let acknowledged = ledger.lock().unwrap().posts.len() as u64;
    assert!(
        published > acknowledged,
        "{published} published, {acknowledged} acknowledged"
    );
    let client = reqwest::Client::new();
    let (answer, _) = search_until(
        &client,
        &server,
        "عاصفة",
        published - 1,
        Duration::from_secs(30),
    )
    .await;
    // Every post is found. (On PostgreSQL a long run has once counted one post more than the
    // store holds: a search index replayed after a crash, noted for the follower's own issue.)
    let found = answer["total"].as_u64().unwrap_or_default();
    assert!(
        found >= published - 1,
        "search found {found} of {} posts (seed {first_seed})",
        published - 1
    );
    if found > published - 1 {
        println!("search counts {found} for {} posts", published - 1);
    }
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9_on_sqlite() {
    let (_dir, site) = Site::fresh();
    storm(site).await;
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9_on_postgresql() {
    let Some(db) = PostgresDb::create().await else {
        return;
    };
    let (_dir, mut site) = Site::fresh();
    site.database_url = Some(db.url.clone());
    // On its own runtime in its own thread, so a failed assertion still lets the database go.
    let outcome = tokio::task::spawn_blocking(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(storm(site));
    })
    .await;
    db.drop_now().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic.into_panic());
    }
}
