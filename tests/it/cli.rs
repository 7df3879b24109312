//! The command line's contract, its bad input, and the comment form's bad input over HTTP.

use crate::harness::{
    Site, assert_text, browser, fill, filled, get, post_form, read_form, text_of,
};
use scraper::Html;

#[test]
fn every_command_has_help() {
    let (_dir, site) = Site::fresh();
    for command in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["post", "--help"],
        vec!["post", "new", "--help"],
        vec!["post", "list", "--help"],
        vec!["serve", "--help"],
        vec!["demo", "--help"],
        vec!["page", "new", "--help"],
        vec!["comment", "--help"],
    ] {
        let out = site.ok(&command);
        assert!(out.contains("Usage"), "{command:?}: {out}");
    }
}

#[test]
fn post_new_prints_only_the_path_and_post_list_shows_it() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "موقع"]);
    let out = site.post_new(
        "خبر عن #الرقة",
        "نص",
        &["--label", "محلي", "--published-at", "2017-08-06T10:00:00Z"],
    );
    assert_eq!(
        out,
        "/2017/08/%D8%AE%D8%A8%D8%B1-%D8%B9%D9%86-%D8%A7%D9%84%D8%B1%D9%82%D8%A9.html\n"
    );
    let draft = site.ok(&["post", "new", "--title", "مسودة", "--body", "نص", "--draft"]);
    assert!(draft.trim().ends_with(".html"));
    let list = site.ok(&["post", "list"]);
    assert!(
        list.contains(
            "published\t-\t2017-08-06T10:00:00Z\t/2017/08/خبر-عن-الرقة.html\tخبر عن #الرقة"
        ),
        "{list}"
    );
    assert!(list.contains("draft"), "{list}");
}

#[test]
fn bad_input_gets_clear_errors() {
    let (dir, site) = Site::fresh();
    assert!(
        site.fails(&["post", "list"])
            .contains("run `minbar init --title …` first")
    );
    assert!(
        site.fails(&["init", "--title", "  "])
            .contains("--title is empty")
    );
    let err = site.fails(&["init", "--title", "موقع", "--locale", "xx-YY"]);
    assert!(err.contains("'xx-YY' is not a valid locale"), "{err}");
    site.ok(&["init", "--title", "موقع", "--locale", "ar-EG"]);

    let err = site.fails(&["post", "new", "--title", "", "--body", "نص"]);
    assert!(err.contains("the title is empty"), "{err}");
    let fails_with_body_file = |file: &std::path::Path| {
        site.fails(&[
            "post",
            "new",
            "--title",
            "عنوان",
            "--body-file",
            &file.to_string_lossy(),
        ])
    };
    let missing = dir.path().join("missing.md");
    let err = fails_with_body_file(&missing);
    assert!(
        err.contains("cannot read body file") && err.contains("missing.md"),
        "{err}"
    );
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, " \n").unwrap_or_else(|e| panic!("{e}"));
    let err = fails_with_body_file(&empty);
    assert!(
        err.contains("body file") && err.contains("empty.md is empty"),
        "{err}"
    );
    let latin1 = dir.path().join("latin1.md");
    std::fs::write(&latin1, b"caf\xe9").unwrap_or_else(|e| panic!("{e}"));
    let err = fails_with_body_file(&latin1);
    assert!(
        err.contains("latin1.md is not UTF-8 text (invalid byte at offset 3)"),
        "{err}"
    );
    let err = site.fails(&[
        "post",
        "new",
        "--title",
        "عنوان",
        "--body",
        "نص",
        "--published-at",
        "yesterday",
    ]);
    assert!(err.contains("--published-at 'yesterday'"), "{err}");
    // Nothing was written by the failures.
    assert_eq!(site.ok(&["post", "list"]), "");

    // A data directory that cannot be created: its parent is a file.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap_or_else(|e| panic!("{e}"));
    let blocked = Site {
        data: file.join("data"),
        database_url: None,
    };
    let err = blocked.fails(&["init", "--title", "موقع"]);
    assert!(
        err.contains("the data directory")
            && err.contains("a-file/data")
            && err.contains("cannot be used"),
        "{err}"
    );
    let err = blocked.fails(&["serve"]);
    assert!(err.contains("a-file/data"), "{err}");
}

/// Addresses no site has, some of them shaped like archive pages.
const UNKNOWN_PATHS: [&str; 7] = [
    "/2017/08/none.html",
    "/2017/8/",
    "/9999999/99/",
    "/search/label/%D9%84%D8%A7",
    "/p/none.html",
    "/static/none.css",
    "/2017/08/x",
];

#[tokio::test]
async fn comment_form_survives_bad_input_and_moderation_holds_first_comments() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "موقع", "--about", "نبذة"]);
    let path = site.ok(&["post", "new", "--title", "خبر", "--body", "نص الخبر"]);
    let path = path.trim().to_owned();
    let server = site.serve();
    let client = browser();
    let (status, page) = get(&client, &server.url(&path)).await;
    assert_eq!(status, 200);
    let (_, fields) = read_form(&Html::parse_document(&page), "#comment-form");
    crate::harness::like_a_reader().await;
    let post_url = server.url(&path);

    // Sent from another site: refused, with the reason and the reader's text.
    let mut with_token = fields.clone();
    fill(&mut with_token, "name", "قارئ");
    fill(&mut with_token, "body", "نص");
    let response = client
        .post(&post_url)
        .header("sec-fetch-site", "cross-site")
        .form(&with_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status().as_u16(), 403);
    let page = Html::parse_document(&response.text().await.unwrap_or_default());
    assert!(
        text_of(&page, ".form-error")
            .unwrap_or_default()
            .contains("من خارج الموقع")
    );
    assert_text(&page, "#comment-body", "نص");
    // A client that says nothing of where the form came from: refused too.
    let response = reqwest::Client::new()
        .post(&post_url)
        .form(&with_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status().as_u16(), 403);

    // The honeypot filled: looks accepted, nothing kept.
    let response = post_form(
        &client,
        &post_url,
        &filled(&with_token, &[("website", "http://spam.example")]),
    )
    .await;
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.unwrap_or_default();
    assert!(page.contains("سيظهر تعليقك بعد أن يراجعه المحررون"));
    assert_eq!(site.ok(&["comment", "list"]), "");

    // Too long, and empty: the form again, with the reader's text and the reason.
    let long = "ب".repeat(10_001);
    let response = post_form(&client, &post_url, &filled(&with_token, &[("body", &long)])).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = Html::parse_document(&response.text().await.unwrap_or_default());
    assert_text(&page, "#comment-body", &long);
    assert_text(
        &page,
        ".form-error",
        "التعليق أطول من 10000 حرف: اختصره ثم أعد الإرسال.",
    );
    assert_eq!(
        crate::harness::attrs(&page, "#comment-name", "value"),
        ["قارئ"]
    );
    let response = post_form(&client, &post_url, &filled(&with_token, &[("body", "   ")])).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap_or_default();
    assert!(page.contains("التعليق فارغ"));
    // A body past the request limit: a clear 413 page, not a crash.
    let response = post_form(
        &client,
        &post_url,
        &filled(&with_token, &[("body", &"ب".repeat(40_000))]),
    )
    .await;
    assert_eq!(response.status().as_u16(), 413);

    // First-time moderation: the first comment waits, the count counts what readers see.
    let mut first = with_token.clone();
    fill(&mut first, "email", "reader@example.org");
    let response = post_form(&client, &post_url, &first).await;
    let page = Html::parse_document(&response.text().await.unwrap_or_default());
    assert_text(&page, "#comments-title", "لا تعليقات");
    let pending = site.ok(&["comment", "list"]);
    let id = pending.split('\t').next().unwrap_or_default().to_owned();
    assert!(pending.contains("قارئ"), "{pending}");
    site.ok(&["comment", "approve", &id]);
    let (_, page) = get(&client, &post_url).await;
    assert_text(
        &Html::parse_document(&page),
        "#comments-title",
        "تعليق واحد",
    );
    // The same commenter is trusted from now on; the same text twice is not taken twice.
    let response = post_form(&client, &post_url, &first).await;
    assert_eq!(response.status().as_u16(), 409);
    assert!(
        response
            .text()
            .await
            .unwrap_or_default()
            .contains("أرسلت هذا التعليق من قبل")
    );
    fill(&mut first, "body", "تعليق ثانٍ");
    post_form(&client, &post_url, &first).await;
    let (_, page) = get(&client, &post_url).await;
    assert_text(&Html::parse_document(&page), "#comments-title", "تعليقان");
    assert!(
        site.fails(&["comment", "approve", "9999"])
            .contains("comment 9999")
    );

    // Unknown paths and odd archive paths are localized 404s; nothing answers 500.
    for bad in UNKNOWN_PATHS {
        let (status, body) = get(&client, &server.url(bad)).await;
        assert_eq!(status, 404, "{bad}");
        assert!(body.contains("الصفحة غير موجودة"), "{bad}");
    }
}
