//! Kurdish Sorani and Kurmanji sites, and posts in several languages on one site, through HTTP:
//! every public and admin page in the site's own language (no Arabic or English left over, valid
//! HTML), a Kurdish post on an Arabic site with its own `lang`, its translation links and
//! alternates, its language's home and feed, and Sorani spellings found by search.

use crate::admin::{add_user, signed_in};
use crate::harness::{Site, browser, get, reader_text, search_until};
use crate::validate;
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::time::Duration;

/// The messages of one language as written in its file, by key: single-line values only.
fn messages(lang: &str) -> BTreeMap<String, String> {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("crates/web/locales/{lang}.ftl"));
    let source = std::fs::read_to_string(&file).unwrap();
    source
        .lines()
        .filter(|l| !l.starts_with(['#', ' ']))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// The interface sentences of Arabic and English that `lang` says differently: any of them on a
/// page of a `lang` site is a string left untranslated.
fn foreign_sentences(lang: &str) -> Vec<String> {
    let own = messages(lang);
    let mut foreign = Vec::new();
    for other in ["ar", "en"] {
        for (key, value) in messages(other) {
            let fixed = value.contains('{') || value.chars().count() < 10;
            if !fixed && own.get(&key) != Some(&value) {
                foreign.push(value);
            }
        }
    }
    foreign
}

#[tokio::test]
async fn every_page_speaks_the_site_s_language_in_every_locale() {
    for (locale, dir, word) in [
        ("ckb", "rtl", "بازاڕ"),
        ("kmr", "ltr", "bazar"),
        ("en", "ltr", "market"),
        ("ar-SY", "rtl", "سوق"),
    ] {
        let (tmp, site) = Site::fresh();
        site.ok(&["init", "--title", "Nûçe", "--locale", locale]);
        add_user(&site, "Rêvebir", "admin@example.org", "admin");
        let path = site.post_new(&format!("{word} #{word}"), &format!("{word} {word}."), &[]);
        let path = path.trim().to_owned();
        site.ok(&[
            "page", "new", "--title", "Derbarê", "--slug", "about", "--body", "text",
        ]);
        let server = site.serve();
        let month = &path[..9];
        let public = [
            "/".to_owned(),
            path.clone(),
            month.to_owned(),
            format!("/search/label/{word}"),
            format!("/search?q={word}"),
            "/search?q=nothing-at-all".to_owned(),
            "/p/about.html".to_owned(),
            "/no-such-page".to_owned(),
        ];
        let admin = signed_in(&server, "admin@example.org").await;
        let admin_pages = [
            "/admin/",
            "/admin/posts",
            "/admin/posts/new",
            "/admin/posts/1/edit",
            "/admin/pages",
            "/admin/pages/new",
            "/admin/pages/about/edit",
            "/admin/comments",
            "/admin/comments/bans",
            "/admin/media",
            "/admin/settings",
            "/admin/users",
            "/admin/tokens",
        ];
        let reader = browser();
        let foreign = foreign_sentences(locale.split('-').next().unwrap());
        let mut saved = Vec::new();
        let signin = ("/admin/login", &reader);
        let walk = public
            .iter()
            .map(|p| (p.as_str(), &reader))
            .chain(std::iter::once(signin))
            .chain(admin_pages.iter().map(|p| (*p, &admin)));
        for (n, (page_path, client)) in walk.enumerate() {
            let (status, page) = get(client, &server.url(page_path)).await;
            assert!(
                status == 200 || (page_path == "/no-such-page" && status == 404),
                "{locale} {page_path}: {status}"
            );
            assert!(
                page.contains(&format!("<html lang=\"{locale}\" dir=\"{dir}\">")),
                "{locale} {page_path}"
            );
            let text = reader_text(&Html::parse_document(&page));
            for sentence in &foreign {
                assert!(
                    !text.contains(sentence.as_str()),
                    "{locale} {page_path} shows an untranslated string: {sentence}"
                );
            }
            let file = tmp.path().join(format!("{locale}-{n}.html"));
            std::fs::write(&file, &page).unwrap();
            saved.push(file);
        }
        validate::html_pages(&saved);
    }
}

#[tokio::test]
async fn a_kurdish_post_on_an_arabic_site_has_its_language_translations_home_and_feed() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم", "--locale", "ar-SY"]);
    let arabic = site.post_new("افتتاح السوق الجديد", "افتتح اليوم السوق الجديد.", &[]);
    let arabic = arabic.trim().to_owned();
    let arabic_id = site.first_listed_post_id();
    let sorani = site.post_new(
        "کردنەوەی بازاڕی نوێ",
        "ئەمڕۆ بازاڕی نوێ لە مەنبج کرایەوە.",
        &["--language", "ckb", "--translation-of", &arabic_id],
    );
    let sorani = sorani.trim().to_owned();

    // Bad links are refused with the reason, and write nothing.
    let err = site.fails(&[
        "post",
        "new",
        "--title",
        "ت",
        "--body",
        "ن",
        "--language",
        "ckb",
        "--translation-of",
        "999",
    ]);
    assert!(err.contains("editor-error-translation-missing"), "{err}");
    let err = site.fails(&[
        "post",
        "new",
        "--title",
        "ت",
        "--body",
        "ن",
        "--translation-of",
        &arabic_id,
    ]);
    assert!(err.contains("editor-error-translation-same"), "{err}");
    let err = site.fails(&[
        "post",
        "new",
        "--title",
        "ت",
        "--body",
        "ن",
        "--language",
        "ckb",
        "--translation-of",
        &arabic_id,
    ]);
    assert!(err.contains("editor-error-translation-taken"), "{err}");
    let err = site.fails(&[
        "post",
        "new",
        "--title",
        "ت",
        "--body",
        "ن",
        "--language",
        "fr",
    ]);
    assert!(err.contains("ar, ckb, kmr, en"), "{err}");
    assert_eq!(site.ok(&["post", "list"]).lines().count(), 2);

    // The API takes the same fields and refuses the same links.
    add_user(&site, "رامي", "rami@example.org", "editor");
    let token = site
        .ok(&["user", "token", "rami@example.org"])
        .trim()
        .to_owned();
    let server = site.serve();
    let api = reqwest::Client::new();
    let create = |body: serde_json::Value| {
        api.post(server.url("/api/v1/posts"))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let id: i64 = arabic_id.parse().unwrap();
    let refused = create(serde_json::json!({
        "title": "Vekirina bazarê", "body": "Nivîs.", "language": "ckb", "translation_of": id
    }))
    .await
    .unwrap();
    assert_eq!(refused.status(), 422);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["reason"], "editor-error-translation-taken", "{body}");
    let made = create(serde_json::json!({
        "title": "Vekirina bazarê nû", "body": "Îro bazara nû hat vekirin.", "language": "kmr",
        "translation_of": id, "status": "published"
    }))
    .await
    .unwrap();
    assert_eq!(made.status(), 201);
    let made: serde_json::Value = made.json().await.unwrap();
    assert_eq!(made["language"], "kmr", "{made}");

    let client = browser();
    let (status, page) = get(&client, &server.url(&sorani)).await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"ckb\" dir=\"rtl\">"), "{page}");
    let html = Html::parse_document(&page);
    let alternates = Selector::parse("link[rel=alternate][hreflang]").unwrap();
    let langs: Vec<_> = html
        .select(&alternates)
        .filter_map(|l| l.value().attr("hreflang"))
        .collect();
    assert_eq!(langs, ["ckb", "ar", "kmr"], "{page}");
    let links = Selector::parse(".translations a[hreflang=ar]").unwrap();
    let link = html
        .select(&links)
        .next()
        .expect("a link to the Arabic post");
    let href = link.value().attr("href").unwrap();
    assert!(href.ends_with(&arabic), "{href} is not {arabic}");

    let (_, page) = get(&client, &server.url(&arabic)).await;
    assert!(page.contains("<html lang=\"ar-SY\" dir=\"rtl\">"));
    assert!(page.contains("hreflang=\"ckb\""), "{page}");
    assert!(page.contains("کوردی"), "{page}");

    // Each language has its own home and feed; the site's keeps `/`.
    let (_, home) = get(&client, &server.url("/")).await;
    assert!(home.contains("افتتاح السوق الجديد") && !home.contains("بازاڕی نوێ"));
    let (status, kurdish_home) = get(&client, &server.url("/ckb/")).await;
    assert_eq!(status, 200);
    assert!(kurdish_home.contains("<html lang=\"ckb\" dir=\"rtl\">"));
    assert!(kurdish_home.contains("بازاڕی نوێ") && !kurdish_home.contains("افتتاح السوق"));
    let (status, feed) = get(&client, &server.url("/ckb/feeds/posts/default")).await;
    assert_eq!(status, 200);
    assert!(
        feed.contains("بازاڕی نوێ") && !feed.contains("افتتاح السوق"),
        "{feed}"
    );
    assert!(
        feed.contains("xml:lang=\"ckb\"") || feed.contains("<language>ckb"),
        "{feed}"
    );
    let (status, _) = get(&client, &server.url("/ar/")).await;
    assert_eq!(status, 200, "the site's own language leads home");

    // The sitemap lists both with their alternates.
    let (_, sitemap) = get(&client, &server.url("/sitemap.xml")).await;
    assert_eq!(sitemap.matches("hreflang=\"ckb\"").count(), 3, "{sitemap}");
    let (_, kurmanji) = get(&client, &server.url(made["path"].as_str().unwrap())).await;
    assert!(kurmanji.contains("<html lang=\"kmr\" dir=\"ltr\">"));
    let (_, kurmanji_home) = get(&client, &server.url("/kmr/")).await;
    assert!(kurmanji_home.contains("Vekirina bazarê nû"));
}

/// A Sorani reader types with a Kurdish keyboard or an Arabic one: ک/ك, ی/ي and ە/ه find the
/// same words.
#[tokio::test]
async fn sorani_spellings_find_the_same_words() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "هەواڵ", "--locale", "ckb"]);
    site.post_new(
        "کۆبوونەوەی ئەنجومەنی شار",
        "ئەنجومەنی شاری کۆبانێ ئەمڕۆ کۆبووەوە بۆ گفتوگۆکردن لەسەر کێشەی ئاو.",
        &[],
    );
    let server = site.serve();
    let client = browser();
    for query in [
        "ئەنجومەنی",
        "ئهنجومهني",
        "کێشەی",
        "كێشهي",
        "کۆبانێ",
        "كۆبانێ",
    ] {
        let (found, _) = search_until(&client, &server, query, 1, Duration::from_secs(10)).await;
        assert_eq!(found["total"], 1, "{query}: {found}");
    }
}
