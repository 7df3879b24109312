//! Corrections and updates through the doors a user uses: an editor adds them in the admin, a
//! script through the API, an operator from the command line; readers see them on the post,
//! in its feed entry and structured data, and on the corrections page.

use crate::admin::{add_user, signed_in};
use crate::harness::{Site, browser, get, page_form, submit};
use scraper::{Html, Selector};

fn json_ld(page: &str) -> serde_json::Value {
    let html = Html::parse_document(page);
    let script = Selector::parse("script[type='application/ld+json']").unwrap();
    let text: String = html.select(&script).next().unwrap().text().collect();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn a_correction_and_an_update_show_where_readers_and_feeds_look() {
    let (_dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    add_user(&site, "رامي", "rami@example.org", "editor");
    let path = site.post_new(
        "حريق في سوق الهال",
        "اندلع حريق صباح اليوم في 12 محلًا.",
        &["--published-at", "2025-03-01T08:00:00Z"],
    );
    let path = path.trim().to_owned();
    let id = site.first_listed_post_id();
    let server = site.serve();
    let reader = browser();
    let (_, before) = get(&reader, &server.url(&path)).await;
    let modified_before = json_ld(&before)["dateModified"]
        .as_str()
        .unwrap()
        .to_owned();
    // Dates on the page have whole seconds: let the clock pass the post's
    // last change, so a note added now must show as a later `dateModified`.
    let before_at: jiff::Timestamp = modified_before.parse().unwrap();
    while jiff::Timestamp::now().as_second() <= before_at.as_second() {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    // The editor adds a correction at the top, through the admin's form.
    let editor = signed_in(&server, "rami@example.org").await;
    let (_, list) = get(&editor, &server.url("/admin/posts")).await;
    assert!(
        list.contains(&format!("/admin/posts/{id}/notes")),
        "a link from the post list"
    );
    let notes_page = format!("/admin/posts/{id}/notes");
    let (action, mut fields) = page_form(&editor, &server, &notes_page, "form.notes").await;
    fields.push(("kind".into(), "correction".into()));
    fields.push(("placement".into(), "top".into()));
    fields.retain(|(n, _)| n != "body");
    fields.push(("body".into(), "كان عدد المحلات 21 لا 12.".into()));
    let response = submit(&editor, &server, &action, &fields).await;
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("كان عدد المحلات 21 لا 12.")
    );

    // Bad notes are refused with the reason, and nothing typed is lost.
    let long = "ن".repeat(10_000);
    for (body, kind, reason) in [
        ("  ", "correction", "اكتب نص التصحيح"),
        (long.as_str(), "correction", "أطول من 2000"),
        ("نص", "retraction", "اختر تصحيحًا أو تحديثًا"),
    ] {
        let mut bad = fields.clone();
        bad.retain(|(n, _)| n != "body" && n != "kind");
        bad.push(("body".into(), body.into()));
        bad.push(("kind".into(), kind.into()));
        let response = submit(&editor, &server, &action, &bad).await;
        assert_eq!(response.status(), 422, "{kind}");
        let page = response.text().await.unwrap();
        assert!(page.contains(reason), "{reason}");
        if body == "نص" {
            assert!(page.contains(">\nنص</textarea>"), "the text is kept");
        }
    }

    // A script adds an update at the bottom through the API.
    let token = site
        .ok(&["user", "token", "rami@example.org"])
        .trim()
        .to_owned();
    let api = reqwest::Client::new();
    let response = api
        .post(server.url(&format!("/api/v1/posts/{id}/notes")))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "kind": "update", "placement": "bottom", "body": "أخمد الدفاع المدني الحريق ظهرًا."
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let response = api
        .post(server.url("/api/v1/posts/99999/notes"))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "body": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);

    // The post shows the correction above the text and the update below it.
    let (_, page) = get(&reader, &server.url(&path)).await;
    let correction = page
        .find("كان عدد المحلات 21 لا 12.")
        .expect("the correction");
    let text = page.find("<div class=\"body\">").expect("the body");
    let update = page.find("أخمد الدفاع المدني").expect("the update");
    assert!(correction < text && text < update, "top, body, bottom");
    assert!(page.contains("note-correction") && page.contains("note-update"));
    let modified_after = json_ld(&page)["dateModified"].as_str().unwrap().to_owned();
    assert_ne!(modified_before, modified_after, "dateModified moves");

    // The feed shows the change: a newer `updated` and the notes in the content.
    let (_, feed) = get(&reader, &server.url("/feeds/posts/default")).await;
    assert!(feed.contains("كان عدد المحلات 21 لا 12.") && feed.contains("أخمد الدفاع"));
    assert!(
        !feed.contains("<updated>2025-03-01T08:00:00Z</updated>"),
        "{feed}"
    );

    // The corrections page lists both, newest first, linked to the post.
    let (status, corrections) = get(&reader, &server.url("/corrections/")).await;
    assert_eq!(status, 200);
    let newest = corrections.find("أخمد الدفاع").unwrap();
    let oldest = corrections.find("كان عدد المحلات").unwrap();
    assert!(newest < oldest, "newest first");
    assert!(corrections.contains(&path), "linked to the post");
    let (_, home) = get(&reader, &server.url("/")).await;
    assert!(
        home.contains("href=\"/corrections/\""),
        "every page links to it"
    );

    // From the command line; and a draft takes none.
    site.ok(&[
        "post",
        "note",
        &id,
        "--kind",
        "update",
        "--text",
        "عاد السوق للعمل.",
    ]);
    let draft = site.post_new("مسودة", "نص.", &["--draft"]);
    let err = site.fails(&["post", "note", draft.trim(), "--text", "x"]);
    assert!(err.contains("note-error-unpublished"), "{err}");
    let (_, page) = get(&reader, &server.url(&path)).await;
    assert!(page.contains("عاد السوق للعمل."));
}
