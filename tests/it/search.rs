//! Search through the doors a reader and an editor use: `/search`, `/api/v1/search`, and the
//! `minbar` commands that change what is found, against a real `minbar serve`.

use crate::harness::{Site, browser, get, search_until, shared_file, text_of};
use scraper::Html;
use std::io::Write;
use std::time::Duration;

/// The most a change may take to show in search.
const WITHIN: Duration = Duration::from_secs(1);

/// Long enough for a cold start to index a few posts on a loaded machine.
const START: Duration = Duration::from_secs(30);

fn new_site() -> (tempfile::TempDir, Site) {
    let (dir, site) = Site::fresh();
    // The first author is named after the site, and authors are searched: keep the name out of
    // the words the tests look for.
    site.ok(&["init", "--title", "صحيفة الحي", "--moderation", "open"]);
    (dir, site)
}

fn post(site: &Site, title: &str, body: &str) -> String {
    site.post_new(title, body, &["--published-at", "2016-03-01T10:00:00Z"])
        .trim()
        .to_owned()
}

fn search_url(server: &crate::harness::Server, query: &str) -> String {
    reqwest::Url::parse_with_params(&server.url("/search"), &[("q", query)])
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn changes_are_searchable_within_a_second() {
    let (_dir, site) = new_site();
    post(
        &site,
        "وصول قافلة مساعدات إلى الرقة",
        "وصلت القافلة صباح اليوم إلى مدينة الرقة.",
    );
    let server = site.serve();
    let client = browser();
    let (answer, _) = search_until(&client, &server, "الرقه", 1, START).await;
    assert_eq!(answer["total"], 1, "{answer}");
    let result = &answer["results"][0];
    assert_eq!(result["title"], "وصول قافلة مساعدات إلى الرقة");
    assert!(result["url"].as_str().unwrap().starts_with("/2016/03/"));
    assert_eq!(result["published"], "2016-03-01T10:00:00Z");
    assert!(
        result["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>الرقة</mark>"),
        "{result}"
    );

    // Published from another process while the server runs.
    let path = post(
        &site,
        "افتتاح مدرسة في والرقة",
        "افتتحت مدرسة جديدة في حي الرقة الشمالي.",
    );
    let (answer, took) = search_until(&client, &server, "والرقة", 2, WITHIN).await;
    assert_eq!(answer["total"], 2, "not found within {WITHIN:?}: {answer}");
    println!("a new post was searchable after {took:?}");

    // Unpublished: gone from search, and its page is gone.
    site.ok(&["post", "unpublish", &path]);
    let (answer, took) = search_until(&client, &server, "الرقة", 1, WITHIN).await;
    assert_eq!(answer["total"], 1, "still found after {took:?}: {answer}");
    let (status, _) = get(&client, &server.url(&path)).await;
    assert_eq!(status, 404);

    // Published again, then deleted.
    site.ok(&["post", "publish", &path]);
    search_until(&client, &server, "الرقة", 2, WITHIN).await;
    site.ok(&["post", "delete", &path]);
    let (answer, _) = search_until(&client, &server, "الرقة", 1, WITHIN).await;
    assert_eq!(answer["total"], 1, "{answer}");

    // The index belongs to the running server: a rebuild must wait for it to stop.
    let refused = site.fails(&["reindex"]);
    assert!(
        refused.contains("in use by another minbar process")
            && refused.contains("stop `minbar serve`"),
        "{refused}"
    );
    let (clean, log) = server.terminate();
    assert!(clean, "{log:#?}");
    let done = site.ok(&["reindex"]);
    assert!(done.contains("indexed 1 published posts"), "{done}");
}

#[tokio::test]
async fn the_search_page_counts_in_arabic_and_survives_any_query() {
    let (_dir, site) = new_site();
    for n in 0..3 {
        post(
            &site,
            &format!("تقرير السوق رقم {n}"),
            "أسعار القمح في سوق منبج اليوم.",
        );
    }
    post(&site, "مدرسة جديدة", "افتتحت مدرسة في الريف.");
    let server = site.serve();
    let client = browser();
    search_until(&client, &server, "منبج", 3, START).await;

    let count = |html: &str| text_of(&Html::parse_document(html), "main .meta");
    for (query, expected) in [
        ("منبج", "3 نتائج"),
        ("مدرسة", "نتيجة واحدة"),
        ("مدرسه -الريف", "لا نتائج"),
        ("\"تقرير السوق\" -رقم", "لا نتائج"),
    ] {
        let (status, page) = get(&client, &search_url(&server, query)).await;
        assert_eq!(status, 200);
        assert_eq!(count(&page).as_deref(), Some(expected), "{query}");
    }
    let (_, page) = get(&client, &search_url(&server, "السوق رقم 1")).await;
    assert_eq!(count(&page).as_deref(), Some("نتيجة واحدة"));
    assert!(page.contains("<mark>"), "matches are marked");

    // An empty query shows how to search, not an error.
    let (status, page) = get(&client, &server.url("/search")).await;
    assert_eq!(status, 200);
    assert!(page.contains("علامتي تنصيص"), "hint missing");
    let (status, page) = get(&client, &server.url("/search?q=")).await;
    assert_eq!(status, 200);
    assert!(page.contains("class=\"hint\""));

    // A 10,000-character query is cut, and the reader told.
    let long = "منبج ".repeat(2_000);
    let (status, page) = get(&client, &search_url(&server, &long)).await;
    assert_eq!(status, 200);
    assert!(page.contains("بأول 200 حرفًا"), "notice missing");
    assert_eq!(count(&page).as_deref(), Some("3 نتائج"));

    // Operators out of place, control characters and markup are plain text, never a 500.
    for query in [
        "\"منبج",
        "-",
        "- -",
        "*",
        ":",
        "منبج:",
        "a:b*c",
        "\u{0}\u{1b}",
        "<script>alert(1)</script>",
        "%%%",
        "'\"\\",
    ] {
        let (status, page) = get(&client, &search_url(&server, query)).await;
        assert_eq!(status, 200, "{query:?}");
        assert!(
            !page.contains("<script>alert"),
            "{query:?} reflected unescaped"
        );
    }
    for raw in [
        "/search?q=%FF%FE",
        "/search?q=%",
        "/search?page=-1&q=x",
        "/search?page=99999999999999999999&q=منبج",
        "/search?q=a&q=b&q",
        "/api/v1/search?q=%FF",
        "/?page=1&page=2",
    ] {
        let (status, _) = get(&client, &server.url(raw)).await;
        assert_eq!(status, 200, "{raw}");
    }
    let (status, body) = get(&client, &server.url("/api/v1/search?q=%22%22%22&page=abc")).await;
    assert_eq!(status, 200);
    assert!(body.starts_with("{\"total\":0"), "{body}");
}

#[tokio::test]
async fn a_corrupt_index_is_rebuilt_at_start_while_pages_serve() {
    let (_dir, site) = new_site();
    let path = post(&site, "خبر عن منبج", "نص الخبر.");
    site.ok(&["reindex"]);
    std::fs::write(site.data.join("search").join("meta.json"), b"garbage").unwrap();

    let mut server = site.serve();
    let line = server.wait_for_log("rebuilding it from the store", START);
    assert!(
        line.is_some_and(|l| l.contains("could not open the search index")),
        "no log line said so"
    );
    let client = browser();
    let (status, _) = get(&client, &server.url(&path)).await;
    assert_eq!(status, 200);
    let (answer, _) = search_until(&client, &server, "منبج", 1, START).await;
    assert_eq!(answer["total"], 1);
}

#[tokio::test]
async fn import_jsonl_loads_good_lines_and_reports_bad_ones() {
    let (dir, site) = new_site();
    let file = dir.path().join("posts.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&file).unwrap(),
        flate2::Compression::fast(),
    );
    let lines = [
        r#"{"title": "أمطار غزيرة في منبج", "body": "هطلت أمطار غزيرة.", "labels": ["طقس"], "date": "2015-07-21 02:16:13"}"#,
        r#"{"title": "بلا نص"}"#,
        "not json at all",
        r#"{"title": "سوق الهال", "body": "افتتح سوق الهال الجديد.", "category": "economy", "source": "x"}"#,
        r#"{"title": "", "body": "عنوان فارغ"}"#,
        r#"{"title": "أمطار غزيرة في منبج", "body": "هطلت أمطار غزيرة.", "labels": ["طقس"]}"#,
        r#"{"title": "موعد", "body": "نص", "date": "next week"}"#,
    ];
    for line in lines {
        writeln!(gz, "{line}").unwrap();
    }
    gz.write_all(b"\xff\xfe\n").unwrap();
    gz.finish().unwrap();

    let output = site.run(&["post", "import-jsonl", file.to_str().unwrap()]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains("loaded 2 posts, skipped 6 lines"),
        "{stdout}"
    );
    for expected in [
        "line 2: skipped: not a post object: missing field `body`",
        "line 3: skipped: not a post object",
        "line 5: skipped: the title is empty",
        "line 6: skipped: same title and body as line 1",
        "line 7: skipped: date \"next week\"",
        "line 8: skipped: not UTF-8",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in {stderr}"
        );
    }
    let listed = site.ok(&["post", "list"]);
    assert!(listed.contains("/2015/07/"), "{listed}");

    // The import indexed them itself: a server starting now finds them at once.
    let server = site.serve();
    let client = browser();
    let (answer, _) = search_until(&client, &server, "امطار", 1, WITHIN).await;
    assert_eq!(answer["total"], 1, "{answer}");
    let (status, label) = get(&client, &server.url("/search/label/economy")).await;
    assert_eq!(status, 200);
    assert!(label.contains("سوق الهال"));

    let missing = site.fails(&["post", "import-jsonl", "/no/such/file.jsonl"]);
    assert!(
        missing.contains("cannot open /no/such/file.jsonl"),
        "{missing}"
    );
}

/// Real Arabic news: a slice of the shared corpus, loaded and searched with the spellings readers
/// type.
#[tokio::test]
async fn the_news_corpus_is_found_whatever_the_spelling() {
    let Some(corpus) = shared_file("data/arabic-news/saudinewsnet.jsonl.gz") else {
        return;
    };
    let (dir, site) = new_site();
    // The first 1,500 articles, as a plain JSON-lines file.
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(corpus).unwrap()),
        &mut text,
    )
    .unwrap();
    let slice: Vec<&str> = text.lines().take(1_500).collect();
    let file = dir.path().join("slice.jsonl");
    std::fs::write(&file, slice.join("\n")).unwrap();
    let output = site.run(&["post", "import-jsonl", file.to_str().unwrap()]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let numbers: Vec<u64> = stdout
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 2, "{stdout}");
    assert_eq!(
        numbers[0] + numbers[1],
        1_500,
        "every line is loaded or reported: {stdout}"
    );
    // The slice repeats some stories and has empty titles or bodies: those are reported.
    assert!(numbers[0] > 1_300, "{stdout}");

    let server = site.serve();
    let client = browser();
    let total = |answer: &serde_json::Value| answer["total"].as_u64().unwrap();
    let (first, _) = search_until(&client, &server, "السعودية", u64::MAX, Duration::ZERO).await;
    assert!(total(&first) > 50, "{first}");
    // Filters and pages through the same doors: a label (the corpus's category), a date range,
    // and the second page linking to the first and third with the query kept.
    let api = |params: &[(&str, &str)]| {
        reqwest::Url::parse_with_params(&server.url("/api/v1/search"), params).unwrap()
    };
    let count = |url: reqwest::Url| {
        let client = client.clone();
        async move {
            let (status, body) = get(&client, url.as_str()).await;
            assert_eq!(status, 200, "{body}");
            serde_json::from_str::<serde_json::Value>(&body).unwrap()["total"]
                .as_u64()
                .unwrap()
        }
    };
    // `في` (in) is in nearly every article.
    let all = count(api(&[("q", "في")])).await;
    let politics = count(api(&[("q", "في"), ("label", "politics")])).await;
    assert!(politics > 0 && politics < all, "{politics} of {all}");
    // The slice was crawled on 2015-07-21 (UTC, as the importer reads dates without a zone).
    let that_day = count(api(&[
        ("q", "في"),
        ("from", "2015-07-21"),
        ("to", "2015-07-21"),
    ]))
    .await;
    assert_eq!(that_day, all);
    let after = count(api(&[("q", "في"), ("from", "2015-07-22")])).await;
    let before = count(api(&[("q", "في"), ("to", "2015-07-20")])).await;
    assert_eq!((after, before), (0, 0));
    let encoded = "/search?q=%D8%A7%D9%84%D8%B3%D8%B9%D9%88%D8%AF%D9%8A%D8%A9";
    let (status, second) = get(&client, &server.url(&format!("{encoded}&page=2"))).await;
    assert_eq!(status, 200);
    assert!(
        second.contains(&format!("rel=\"prev\" href=\"{encoded}\"")),
        "no link back to page 1"
    );
    assert!(
        second.contains(&format!("rel=\"next\" href=\"{encoded}&amp;page=3\"")),
        "no link to page 3"
    );
    let results = scraper::Selector::parse("article.result").unwrap();
    assert_eq!(Html::parse_document(&second).select(&results).count(), 10);

    for group in [
        ["السعودية", "السعوديه"],
        ["أمريكا", "امريكا"],
        ["إيران", "ايران"],
        ["الى", "إلى"],
        ["مُفاوَضات", "مفاوضات"],
    ] {
        let (a, _) = search_until(&client, &server, group[0], u64::MAX, Duration::ZERO).await;
        let (b, _) = search_until(&client, &server, group[1], u64::MAX, Duration::ZERO).await;
        assert!(total(&a) > 0, "{} found nothing", group[0]);
        assert_eq!(a, b, "{group:?}");
    }
}
