//! The page cache through HTTP: never stale after a change made by any door, precise about what
//! a comment touches, one render when many ask at once, 304s, and compressed answers that decode
//! to the same page; absurd requests never poison it.

use crate::admin::add_user;
use crate::harness::{Site, browser, fill, get, like_a_reader, read_form};
use scraper::Html;
use std::io::Read;

/// GET with the answer's `x-cache` and body.
async fn fetch(client: &reqwest::Client, url: &str) -> (u16, String, String) {
    let response = crate::harness::fetch(client, url).await;
    let status = response.status().as_u16();
    let cache = response
        .headers()
        .get("x-cache")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
        .to_owned();
    (status, cache, response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn every_change_shows_on_the_next_request() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم", "--moderation", "open"]);
    add_user(&site, "ليلى", "admin@example.org", "admin");
    let token = site
        .ok(&["user", "token", "admin@example.org"])
        .trim()
        .to_owned();
    let first = site.ok(&["post", "new", "--title", "الخبر الأول", "--body", "نص أول."]);
    let other = site.ok(&["post", "new", "--title", "خبر آخر", "--body", "نص آخر."]);
    let (first, other) = (first.trim().to_owned(), other.trim().to_owned());
    let server = site.serve();
    let client = browser();
    let home = server.url("/");

    // Warm: the second answer comes from memory.
    for url in [&home, &server.url(&first), &server.url(&other)] {
        fetch(&client, url).await;
        let (status, cache, _) = fetch(&client, url).await;
        assert_eq!((status, cache.as_str()), (200, "hit"), "{url}");
    }

    // Published from the command line (another process): on the home page at once.
    let third = site.ok(&["post", "new", "--title", "خبر ثالث عاجل", "--body", "نص."]);
    let (_, _, page) = fetch(&client, &home).await;
    assert!(
        page.contains("خبر ثالث عاجل"),
        "a new post shows on the home page"
    );

    // Edited through the API: the post page and the home page's card change.
    let api = reqwest::Client::new();
    let posts: serde_json::Value =
        crate::api::json_answer(api.get(server.url("/api/v1/posts")).bearer_auth(&token)).await;
    let id = posts
        .as_array()
        .or_else(|| posts["posts"].as_array())
        .unwrap()
        .iter()
        .find(|p| p["title"] == "الخبر الأول")
        .map(|p| p["id"].as_i64().unwrap())
        .unwrap();
    let response = api
        .put(server.url(&format!("/api/v1/posts/{id}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"title": "الخبر الأول مصححًا", "body": "نص مصحح.", "status": "published"}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let (_, cache, page) = fetch(&client, &server.url(&first)).await;
    assert!(page.contains("نص مصحح."), "the edit shows ({cache})");
    let (_, _, page) = fetch(&client, &home).await;
    assert!(page.contains("الخبر الأول مصححًا"));

    // A comment: its post and the lists showing its count change; another post's page is
    // still the one in memory.
    fetch(&client, &server.url(&other)).await;
    let (_, _, page) = fetch(&client, &server.url(&first)).await;
    crate::harness::load_form_image(&client, &server.url(&first), &page).await;
    let (action, fields) = read_form(&Html::parse_document(&page), "#comment-form");
    like_a_reader().await;
    let mut fields = fields;
    fill(&mut fields, "name", "قارئ");
    fill(&mut fields, "body", "تعليق جديد على الخبر");
    let response = client
        .post(server.url(action.split('#').next().unwrap()))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let (_, cache, page) = fetch(&client, &server.url(&first)).await;
    assert!(
        page.contains("تعليق جديد على الخبر"),
        "the comment shows ({cache})"
    );
    let (_, _, page) = fetch(&client, &home).await;
    assert!(page.contains("تعليق واحد"), "the home page counts it");
    let (_, cache, _) = fetch(&client, &server.url(&other)).await;
    assert_eq!(cache, "hit", "a comment does not touch other posts' pages");

    // Unpublished, then deleted, from the command line: gone at once.
    site.ok(&["post", "unpublish", &first]);
    let (status, _, _) = fetch(&client, &server.url(&first)).await;
    assert_eq!(status, 404, "an unpublished post is gone");
    let (_, _, page) = fetch(&client, &home).await;
    assert!(!page.contains("الخبر الأول مصححًا"));
    site.ok(&["post", "delete", third.trim()]);
    let (status, _, _) = fetch(&client, &server.url(third.trim())).await;
    assert_eq!(status, 404);
    let (_, _, page) = fetch(&client, &home).await;
    assert!(
        !page.contains("خبر ثالث عاجل"),
        "a deleted post leaves the home page"
    );

    // Site settings change every page.
    site.ok(&["init", "--title", "منبج الآن", "--moderation", "open"]);
    let (_, _, page) = fetch(&client, &server.url(&other)).await;
    assert!(page.contains("منبج الآن"));
}

/// The raw answer to a GET with `headers`, undecoded.
async fn raw(url: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn decode(encoding: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "gzip" => {
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut out)
                .unwrap();
        }
        "br" => {
            brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
        }
        "zstd" => out = zstd::bulk::decompress(bytes, 1 << 22).unwrap(),
        other => panic!("{other}"),
    }
    out
}

#[tokio::test]
async fn conditional_and_compressed_answers_are_the_same_page() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let body = "افتتحت البلدية سوق الخضار الجديد قرب الجسر القديم. ".repeat(60);
    let path = site.ok(&["post", "new", "--title", "سوق جديد", "--body", &body]);
    let server = site.serve();
    for target in [path.trim(), "/", "/feeds/posts/default", "/sitemap.xml"] {
        let url = server.url(target);
        let plain = raw(&url, &[]).await;
        assert_eq!(plain.status(), 200, "{target}");
        assert_eq!(plain.headers()["vary"], "Accept-Encoding");
        let etag = plain.headers()["etag"].to_str().unwrap().to_owned();
        let identity = plain.bytes().await.unwrap().to_vec();
        let mut tags = vec![etag.clone()];
        for encoding in ["gzip", "br", "zstd"] {
            let response = raw(&url, &[("accept-encoding", encoding)]).await;
            assert_eq!(response.headers()["content-encoding"], encoding, "{target}");
            let tag = response.headers()["etag"].to_str().unwrap().to_owned();
            let bytes = response.bytes().await.unwrap();
            assert!(
                bytes.len() < identity.len(),
                "{target} {encoding} is smaller"
            );
            assert_eq!(decode(encoding, &bytes), identity, "{target} {encoding}");
            // Each representation has its own strong tag, and answers 304 to it.
            assert!(!tags.contains(&tag));
            tags.push(tag.clone());
            let again = raw(
                &url,
                &[("accept-encoding", encoding), ("if-none-match", &tag)],
            )
            .await;
            assert_eq!(again.status(), 304);
            assert!(again.bytes().await.unwrap().is_empty());
        }
        let again = raw(&url, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status(), 304, "{target}");
        let star = raw(&url, &[("if-none-match", "*")]).await;
        assert_eq!(star.status(), 304);
        let stale = raw(&url, &[("if-none-match", "\"nope\"")]).await;
        assert_eq!(stale.status(), 200);
        let head = reqwest::Client::new().head(&url).send().await.unwrap();
        assert_eq!(head.status(), 200);
        assert_eq!(head.headers()["etag"].to_str().unwrap(), etag);
        assert!(head.bytes().await.unwrap().is_empty());
    }
    // The article page, compressed, is a few kilobytes.
    let response = raw(&server.url(path.trim()), &[("accept-encoding", "br")]).await;
    let size = response.bytes().await.unwrap().len();
    println!("article page with a 3,000-letter body: {size} bytes over the wire (brotli)");
    assert!(size < 15 * 1024);
}

#[tokio::test]
async fn many_readers_at_once_cost_one_render() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let path = site.ok(&["post", "new", "--title", "خبر عاجل", "--body", "نص."]);
    let server = site.serve();
    let client = reqwest::Client::new();
    let url = server.url(path.trim());
    let tasks: Vec<_> = (0..300)
        .map(|_| {
            let client = client.clone();
            let url = url.clone();
            tokio::spawn(async move {
                let response = crate::harness::fetch(&client, &url).await;
                let cache = response.headers()["x-cache"].to_str().unwrap().to_owned();
                (response.status().as_u16(), cache)
            })
        })
        .collect();
    let mut misses = 0;
    for task in tasks {
        let (status, cache) = task.await.unwrap();
        assert_eq!(status, 200);
        misses += usize::from(cache == "miss");
    }
    assert_eq!(misses, 1, "one render for 300 readers");
}

#[tokio::test]
async fn absurd_requests_get_a_clear_answer_and_poison_nothing() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    let path = site.ok(&["post", "new", "--title", "خبر", "--body", "نص."]);
    let path = path.trim().to_owned();
    let server = site.serve();
    let url = server.url(&path);
    let normal = raw(&url, &[("accept-encoding", "gzip")]).await;
    let normal_tag = normal.headers()["etag"].to_str().unwrap().to_owned();
    let long_encoding = format!("{}, br", "x-unknown;q=0.5, ".repeat(500));
    let params: String = (0..1000).map(|i| format!("p{i}={i}&")).collect();
    let cases: Vec<(String, Vec<(&str, String)>)> = vec![
        (url.clone(), vec![("accept-encoding", long_encoding)]),
        (format!("{url}?{params}"), vec![]),
        (url.clone(), vec![("if-none-match", "*".to_owned())]),
        (server.url(&format!("/{}", "a".repeat(10_000))), vec![]),
        (server.url(&format!("/x/../..{path}")), vec![]),
        (server.url("/2017/08/%00.html"), vec![]),
        (server.url("/%2e%2e/%2e%2e/etc/passwd"), vec![]),
        (
            url.clone(),
            vec![("host", "evil.example\"><script>".to_owned())],
        ),
        (
            url.clone(),
            vec![("if-modified-since", "not a date".to_owned())],
        ),
    ];
    for (target, headers) in cases {
        let mut request = reqwest::Client::new().get(&target);
        for (name, value) in &headers {
            request = request.header(*name, value);
        }
        match request.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                assert!(
                    status < 500,
                    "{status} for {}",
                    &target[..target.len().min(120)]
                );
            }
            // A request the server refuses to read at all (a header it cannot parse) is a
            // clear answer too; it must not have reached a page.
            Err(error) => assert!(!error.is_timeout(), "{error}"),
        }
    }
    // Readers still get the page as it is, in their encoding, with the same tag.
    let again = raw(&url, &[("accept-encoding", "gzip")]).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), normal_tag);
    let page = decode("gzip", &again.bytes().await.unwrap());
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("<h1>خبر</h1>") || page.contains("خبر"));
    assert!(!page.contains("evil.example"));
    let (status, _) = get(&browser(), &server.url("/")).await;
    assert_eq!(status, 200);
}

/// Every page shows the featured posts: renaming one must show on a page that only shows it in
/// the layout (another post's page), and so must the settings, which the layout reads once.
#[tokio::test]
async fn a_featured_post_renamed_shows_on_every_page() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    add_user(&site, "ليلى", "admin@example.org", "admin");
    let token = site
        .ok(&["user", "token", "admin@example.org"])
        .trim()
        .to_owned();
    site.ok(&[
        "post",
        "new",
        "--title",
        "ملف المياه في منبج",
        "--body",
        "نص.",
        "--featured",
    ]);
    let other = site.ok(&["post", "new", "--title", "خبر عادي", "--body", "نص."]);
    let other = other.trim().to_owned();
    let server = site.serve();
    let client = browser();
    let page_url = server.url(&other);
    fetch(&client, &page_url).await;
    let (_, cache, page) = fetch(&client, &page_url).await;
    assert_eq!(cache, "hit");
    assert!(
        page.contains("ملف المياه في منبج"),
        "the featured post is in the layout"
    );

    let api = reqwest::Client::new();
    let posts: serde_json::Value =
        crate::api::json_answer(api.get(server.url("/api/v1/posts")).bearer_auth(&token)).await;
    let id = posts["posts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "ملف المياه في منبج")
        .map(|p| p["id"].as_i64().unwrap())
        .unwrap();
    let renamed = api
        .put(server.url(&format!("/api/v1/posts/{id}")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"title": "ملف المياه: الحل", "body": "نص.", "status": "published", "featured": true}))
        .send()
        .await
        .unwrap();
    assert!(renamed.status().is_success(), "{}", renamed.status());
    let (_, _, page) = fetch(&client, &page_url).await;
    assert!(
        page.contains("ملف المياه: الحل"),
        "another page still shows the old title"
    );

    // The settings, read once for every page's layout, show at once after a change.
    site.ok(&["site", "set", "title", "منبج الآن"]);
    let (_, _, page) = fetch(&client, &page_url).await;
    assert!(
        page.contains("منبج الآن"),
        "the layout kept the old site title"
    );
}
