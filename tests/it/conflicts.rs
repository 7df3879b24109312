//! Never losing a word to someone else's save: two editors open the same post; the second save
//! is refused with both versions shown and every word typed kept, and a script through the API
//! that read an older version gets a 409.

use crate::admin::{add_user, new_site, signed_in};
use crate::editor::save;
use crate::harness::get;

#[tokio::test]
async fn a_save_over_a_newer_one_is_refused_with_both_versions_shown() {
    let (_dir, site) = new_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    add_user(&site, "هدى", "huda@example.org", "editor");
    let path = site.post_new("خبر المجلس", "النص الأول.", &[]);
    let id = site.first_listed_post_id();
    let server = site.serve();
    let rami = signed_in(&server, "rami@example.org").await;
    let huda = signed_in(&server, "huda@example.org").await;
    let edit = format!("/admin/posts/{id}/edit");

    // Both open the post; Huda's form is read now, before Rami saves.
    let (_, huda_page) = get(&huda, &server.url(&edit)).await;
    let html = scraper::Html::parse_document(&huda_page);
    let (action, mut huda_form) = crate::harness::read_form(&html, "form.editor");
    let response = save(
        &rami,
        &server,
        &edit,
        &[
            ("body", "نص رامي المحدّث."),
            ("status", "published"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);

    // Huda saves the form she opened before: refused, both versions shown, her words kept.
    huda_form.retain(|(n, _)| !matches!(n.as_str(), "body" | "status" | "action"));
    huda_form.extend([
        ("body".into(), "نص هدى الذي كتبته.".into()),
        ("status".into(), "published".into()),
        ("action".into(), "save".into()),
    ]);
    let response = crate::harness::submit(&huda, &server, &action, &huda_form).await;
    assert_eq!(response.status(), 409);
    let page = response.text().await.unwrap();
    assert!(page.contains("حفظ شخص آخر"), "the reason");
    assert!(page.contains("نص رامي المحدّث."), "their version");
    assert!(page.contains("نص هدى الذي كتبته."), "her version");
    let (_, public) = get(&reqwest::Client::new(), &server.url(path.trim())).await;
    assert!(public.contains("نص رامي المحدّث.") && !public.contains("نص هدى"));

    // Saving again from the refused page is a knowing choice, and goes through.
    let html = scraper::Html::parse_document(&page);
    let (action, mut again) = crate::harness::read_form(&html, "form.editor");
    again.retain(|(n, _)| !matches!(n.as_str(), "status" | "action"));
    again.extend([
        ("status".into(), "published".into()),
        ("action".into(), "save".into()),
    ]);
    let response = crate::harness::submit(&huda, &server, &action, &again).await;
    assert_eq!(response.status(), 200);
    let (_, public) = get(&reqwest::Client::new(), &server.url(path.trim())).await;
    assert!(public.contains("نص هدى الذي كتبته."));

    // A script that read an older version gets 409 and writes nothing.
    let token = site
        .ok(&["user", "token", "rami@example.org"])
        .trim()
        .to_owned();
    let api = reqwest::Client::new();
    let post: serde_json::Value = api
        .get(server.url(&format!("/api/v1/posts/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let version = post["version"].as_i64().unwrap();
    let put = |body: &str, version: i64| {
        api.put(server.url(&format!("/api/v1/posts/{id}")))
            .bearer_auth(&token)
            .json(&serde_json::json!({
                "title": "خبر المجلس", "body": body, "status": "published", "version": version
            }))
            .send()
    };
    assert_eq!(put("نسخة السكربت.", version).await.unwrap().status(), 200);
    let stale = put("نسخة قديمة.", version).await.unwrap();
    assert_eq!(stale.status(), 409);
    let body: serde_json::Value = stale.json().await.unwrap();
    assert_eq!(body["reason"], "editor-error-conflict", "{body}");
    let (_, public) = get(&reqwest::Client::new(), &server.url(path.trim())).await;
    assert!(public.contains("نسخة السكربت.") && !public.contains("نسخة قديمة."));
}

#[tokio::test]
async fn a_story_is_saved_while_typed_through_a_dropped_connection_and_a_second_editor() {
    if !crate::browser::browser_tools() {
        return;
    }
    let (_dir, site) = new_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    add_user(&site, "هدى", "huda@example.org", "editor");
    let server = site.serve();
    let base = server.base.clone();
    tokio::task::spawn_blocking(move || {
        crate::browser::run_script(
            "autosave.mjs",
            &[
                &base,
                "rami@example.org",
                "huda@example.org",
                crate::admin::PASSWORD,
            ],
        );
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn two_editors_of_one_post_are_told_of_each_other() {
    let (_dir, site) = new_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    add_user(&site, "هدى", "huda@example.org", "editor");
    site.post_new("خبر مشترك", "نص.", &[]);
    let server = site.serve();
    let beat = |client: reqwest::Client| {
        let server_url = server.url("/admin/posts/1/presence");
        let page_url = server.url("/admin/posts/1/edit");
        async move {
            let (_, page) = get(&client, &page_url).await;
            let html = scraper::Html::parse_document(&page);
            let (_, fields) = crate::harness::read_form(&html, "form.editor");
            let csrf: Vec<_> = fields.into_iter().filter(|(n, _)| n == "csrf").collect();
            let answer = client.post(&server_url).form(&csrf).send().await.unwrap();
            assert_eq!(answer.status(), 200);
            answer.json::<serde_json::Value>().await.unwrap()
        }
    };
    let rami = signed_in(&server, "rami@example.org").await;
    let huda = signed_in(&server, "huda@example.org").await;
    assert_eq!(beat(rami.clone()).await["others"], serde_json::json!([]));
    assert_eq!(
        beat(huda.clone()).await["others"],
        serde_json::json!(["رامي"])
    );
    assert_eq!(beat(rami).await["others"], serde_json::json!(["هدى"]));
    // Without the form's token, nothing is recorded.
    let answer = huda
        .post(server.url("/admin/posts/1/presence"))
        .send()
        .await
        .unwrap();
    assert!(
        answer.status() == 403 || answer.status() == 400,
        "{}",
        answer.status()
    );
}
