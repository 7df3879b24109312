//! Readers and search engines after a move: every feed (at Minbar's addresses and Blogger's)
//! reads cleanly in a real feed reader, polls cheaply with ETag and Last-Modified, the sitemap
//! validates against the sitemaps.org schema, post pages carry their social cards, and the
//! whole site leaves and comes back through `minbar export` with nothing lost.

use crate::harness::{Site, browser, fetch, get, no_redirects, shared_file, shared_json};
use minbar_store::testing::PostgresDb;

fn imported_site(dir_title: &str) -> Option<(tempfile::TempDir, Site, std::path::PathBuf)> {
    let classic = shared_file("data/blogger/classic-arabic-1.xml")?;
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", dir_title]);
    site.ok(&["import", "blogger", classic.to_str().unwrap()]);
    Some((dir, site, classic))
}

/// [`imported_site`], and what the shared data says the import holds.
fn imported_with_expected() -> Option<(
    tempfile::TempDir,
    Site,
    std::path::PathBuf,
    serde_json::Value,
)> {
    let (dir, site, classic) = imported_site("منبج اليوم")?;
    let expected = shared_json("data/blogger/expected-1.json")?;
    Some((dir, site, classic, expected))
}

/// Readers' comments in the file on the Blogger post `post_id`, counted from the file.
fn comments_on(raw: &str, post_id: &str) -> usize {
    raw.matches(&format!("post-{post_id}' source=")).count()
        + raw.matches(&format!("post-{post_id}\" source=")).count()
}

#[tokio::test]
async fn every_feed_reads_cleanly_in_a_real_feed_reader() {
    let Some((dir, site, classic, expected)) = imported_with_expected() else {
        return;
    };
    let live = expected["posts_live"].as_u64().unwrap() as usize;
    let comments = (expected["comments"].as_u64().unwrap()) as usize;
    let pages = expected["pages"].as_u64().unwrap() as usize;
    let label = expected["labels"][0].as_str().unwrap().to_owned();
    let raw = std::fs::read_to_string(&classic).unwrap();
    // The Blogger post with the most comments, and how many it has.
    let (post_id, on_post) = raw
        .split("<thr:in-reply-to")
        .skip(1)
        .filter_map(|s| {
            s.split(" ref='")
                .nth(1)
                .or_else(|| s.split(" ref=\"").nth(1))
        })
        .filter_map(|s| s.split(['\'', '"']).next())
        .filter_map(|r| r.rsplit('-').next())
        .map(|id| (id.to_owned(), comments_on(&raw, id)))
        .max_by_key(|(_, n)| *n)
        .unwrap();

    let server = site.serve();
    let client = browser();
    let label_path = format!("/feeds/posts/default/-/{}", crate::harness::encode(&label));
    let feeds: Vec<(String, usize)> = vec![
        ("/atom.xml".into(), live),
        ("/rss.xml".into(), live),
        ("/feeds/posts/default".into(), live),
        ("/feeds/posts/default?alt=rss".into(), live),
        ("/feeds/posts/summary?alt=rss&max-results=3".into(), 3),
        ("/feeds/posts/default?start-index=10".into(), live - 9),
        (format!("{label_path}?alt=rss&max-results=1"), 1),
        ("/feeds/comments/default?max-results=100".into(), comments),
        (
            "/feeds/comments/summary?alt=rss&max-results=100".into(),
            comments,
        ),
        (format!("/feeds/{post_id}/comments/default"), on_post),
        ("/feeds/pages/default".into(), pages),
    ];
    let mut files = Vec::new();
    for (n, (path, entries)) in feeds.iter().enumerate() {
        let response = fetch(&client, &server.url(path)).await;
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let kind = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(kind.contains("xml"), "{path}: {kind}");
        let file = dir.path().join(format!("feed-{n}.xml"));
        std::fs::write(&file, response.bytes().await.unwrap()).unwrap();
        files.push((file, *entries));
    }
    crate::validate::feeds(&files);

    // JSON Feed 1.1: the same posts.
    let (status, json) = get(&client, &server.url("/feed.json")).await;
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), live);
    assert!(
        items
            .iter()
            .all(|i| i["id"].is_string() && i["content_html"].is_string())
    );

    // Feed readers poll cheaply: the same version is a 304 without a body.
    let first = fetch(&client, &server.url("/atom.xml")).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let modified = first.headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_owned();
    for (name, value) in [("if-none-match", &etag), ("if-modified-since", &modified)] {
        let again = client
            .get(server.url("/atom.xml"))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status().as_u16(), 304, "{name}");
        assert!(again.bytes().await.unwrap().is_empty());
    }
    let stale = client
        .get(server.url("/atom.xml"))
        .header("if-none-match", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 200);

    // Addresses that name nothing are 404s, not empty feeds.
    for path in [
        "/feeds/posts/everything",
        "/feeds/999999999/comments/default",
        "/feeds/posts/default/-/%D9%84%D8%A7%20%D9%8A%D9%88%D8%AC%D8%AF",
        "/feeds/authors/nobody/default",
    ] {
        assert_eq!(get(&client, &server.url(path)).await.0, 404, "{path}");
    }
}

#[tokio::test]
async fn search_engines_get_a_valid_sitemap_robots_and_social_cards() {
    let Some((dir, site, _, expected)) = imported_with_expected() else {
        return;
    };
    // A post written today is news; the imported ones from 2019 are not.
    let fresh = site.post_new("خبر عاجل اليوم", "نص الخبر.", &[]);
    let fresh = fresh.trim().to_owned();

    let server = site.serve();
    let client = browser();
    let (status, sitemap) = get(&client, &server.url("/sitemap.xml")).await;
    assert_eq!(status, 200);
    for path in expected["paths"].as_object().unwrap().keys() {
        assert!(
            sitemap.contains(&crate::harness::encode(path)),
            "{path} missing from the sitemap"
        );
    }
    // Home, every imported path and the new post.
    let urls = expected["paths"].as_object().unwrap().len() + 2;
    assert_eq!(sitemap.matches("<url>").count(), urls, "{sitemap}");
    assert!(sitemap.contains("<lastmod>"));
    let file = dir.path().join("sitemap.xml");
    std::fs::write(&file, &sitemap).unwrap();
    crate::validate::sitemap(&file);

    let (status, news) = get(&client, &server.url("/news-sitemap.xml")).await;
    assert_eq!(status, 200);
    assert_eq!(news.matches("<url>").count(), 1, "{news}");
    assert!(news.contains("خبر عاجل اليوم") && news.contains("<news:language>ar</news:language>"));

    let (status, robots) = get(&client, &server.url("/robots.txt")).await;
    assert_eq!(status, 200);
    assert!(robots.contains("Disallow: /admin/") && robots.contains("/sitemap.xml"));

    let (status, page) = get(&client, &server.url(&fresh)).await;
    assert_eq!(status, 200);
    let html = scraper::Html::parse_document(&page);
    let meta = |selector: &str| {
        crate::harness::attrs(&html, selector, "content")
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    assert_eq!(meta("meta[property='og:title']"), "خبر عاجل اليوم");
    assert_eq!(meta("meta[property='og:type']"), "article");
    assert_eq!(meta("meta[name='twitter:card']"), "summary");
    let canonical = crate::harness::attrs(&html, "link[rel='canonical']", "href");
    assert_eq!(canonical.len(), 1);
    assert!(canonical[0].ends_with(&fresh));
    assert_eq!(meta("meta[property='og:url']"), canonical[0]);
    let ld = crate::harness::text_of(&html, "script[type='application/ld+json']").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "خبر عاجل اليوم");
    assert_eq!(ld["mainEntityOfPage"], canonical[0]);
    assert!(ld["datePublished"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn the_hosted_services_list_addresses_still_answer() {
    let Some((_dir, site, _)) = imported_site("منبج اليوم") else {
        return;
    };
    let server = site.serve();
    let client = browser();
    let no_redirects = no_redirects();
    let archive = fetch(&no_redirects, &server.url("/2019_01_01_archive.html")).await;
    assert_eq!(archive.status().as_u16(), 301);
    assert_eq!(archive.headers()["location"], "/2019/01/");
    assert_eq!(get(&client, &server.url("/2019/01/")).await.0, 200);
    for bad in ["/2019_13_01_archive.html", "/20x9_01_01_archive.html"] {
        assert_eq!(get(&client, &server.url(bad)).await.0, 404, "{bad}");
    }

    let cards = |html: &str| html.matches("class=\"card\"").count();
    let (status, older) = get(
        &client,
        &server.url("/search?updated-max=2019-01-20T00:00:00%2B03:00&max-results=2"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(cards(&older), 2, "two posts older than the 20th");
    let (_, all_before) = get(
        &client,
        &server.url("/search?updated-max=2019-01-20T00:00:00Z&max-results=50"),
    )
    .await;
    let (_, none_before) = get(
        &client,
        &server.url("/search?updated-max=2000-01-01T00:00:00Z"),
    )
    .await;
    assert!(cards(&all_before) > 2);
    assert_eq!(cards(&none_before), 0);
}

fn export(site: &Site, file: &std::path::Path, format: &str) -> Vec<u8> {
    site.ok(&["export", "--format", format, file.to_str().unwrap()]);
    std::fs::read(file).unwrap()
}

async fn round_trip(database_url: Option<String>) {
    let Some((dir, site, _)) = imported_site("منبج اليوم") else {
        return;
    };
    if let Some(wxr) = shared_file("data/wxr/wordpress-importer_valid-wxr-1.1.xml") {
        site.ok(&["import", "wxr", wxr.to_str().unwrap()]);
    }
    // The newsroom's clock and languages travel too.
    site.ok(&["site", "set", "time_zone", "Asia/Baghdad"]);
    site.ok(&["site", "set", "hijri", "on"]);
    site.ok(&["site", "set", "hijri_adjust", "1"]);
    let first_id = site.first_listed_post_id();
    site.ok(&[
        "post",
        "new",
        "--title",
        "نووسراوی کوردی",
        "--body",
        "دەق.",
        "--language",
        "ckb",
        "--translation-of",
        &first_id,
    ]);
    site.ok(&[
        "page",
        "new",
        "--title",
        "Derbarê me",
        "--body",
        "Nivîs.",
        "--language",
        "kmr",
    ]);
    let first = export(&site, &dir.path().join("first.jsonl"), "minbar");
    let archive = String::from_utf8_lossy(&first);
    assert!(
        archive.contains("\"time_zone\":\"Asia/Baghdad\""),
        "the zone is archived"
    );
    assert!(
        archive.contains("\"language\":\"ckb\""),
        "the language is archived"
    );

    let (_dir2, mut empty) = Site::fresh();
    empty.database_url = database_url;
    empty.ok(&["init", "--title", "موقع فارغ"]);
    empty.ok(&[
        "import",
        "archive",
        dir.path().join("first.jsonl").to_str().unwrap(),
    ]);
    let second = export(&empty, &dir.path().join("second.jsonl"), "minbar");
    assert!(
        first == second,
        "export → import → export changed the archive"
    );

    // The restored site answers at the old addresses, WordPress's included.
    let server = empty.serve();
    let client = browser();
    let (status, home) = get(&client, &server.url("/?p=1")).await;
    assert_eq!(status, 200);
    assert!(
        home.contains("Hello world!"),
        "the WordPress redirect came along"
    );
    // New posts after a restore get new ids (the sequences moved past the archive's).
    empty.ok(&["post", "new", "--title", "بعد الاستعادة", "--body", "نص."]);

    // Into a site that has posts already: refused, nothing changes.
    let error = empty.fails(&[
        "import",
        "archive",
        dir.path().join("first.jsonl").to_str().unwrap(),
    ]);
    assert!(
        error.contains("empty site") && error.contains("nothing was imported"),
        "{error}"
    );
}

#[tokio::test]
async fn export_then_import_into_an_empty_site_gives_the_same_archive() {
    round_trip(None).await;
}

#[tokio::test]
async fn the_archive_round_trip_works_on_postgresql_too() {
    let Some(db) = PostgresDb::create().await else {
        return;
    };
    round_trip(Some(db.url.clone())).await;
    db.drop_now().await;
}

#[test]
fn a_blogger_export_of_the_site_imports_back_into_blogger_format_readers() {
    let Some((dir, site, _)) = imported_site("منبج اليوم") else {
        return;
    };
    let file = dir.path().join("blogger.xml");
    export(&site, &file, "blogger");
    let (_dir2, other) = Site::fresh();
    other.ok(&["init", "--title", "x"]);
    let out = other.ok(&["import", "blogger", file.to_str().unwrap()]);
    assert_eq!(
        other.ok(&["post", "list"]).lines().count(),
        site.ok(&["post", "list"]).lines().count(),
        "{out}"
    );
    assert!(
        out.contains("14 comments") && out.contains("10 replies"),
        "{out}"
    );
    assert!(out.contains("2 pages"), "{out}");
    let first = site.ok(&["post", "list"]);
    let second = other.ok(&["post", "list"]);
    let paths = |list: &str| {
        let mut paths: Vec<String> = list
            .lines()
            .filter_map(|l| {
                l.split_whitespace()
                    .find(|w| w.starts_with('/'))
                    .map(str::to_owned)
            })
            .collect();
        paths.sort();
        paths
    };
    assert_eq!(paths(&first), paths(&second), "every address came back");

    let broken = dir.path().join("broken.jsonl");
    std::fs::write(
        &broken,
        "{\"minbar_archive\":1}\n{\"table\":\"posts\",\"id\":\"x\"}\n",
    )
    .unwrap();
    let (_dir3, empty) = Site::fresh();
    empty.ok(&["init", "--title", "x"]);
    let error = empty.fails(&["import", "archive", broken.to_str().unwrap()]);
    assert!(
        error.contains("line 2") && error.contains("nothing was imported"),
        "{error}"
    );
    assert_eq!(empty.ok(&["post", "list"]).lines().count(), 0);
}
