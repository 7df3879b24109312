//! The dashboard through HTTP: what needs the editor's attention first (posts in review,
//! comments waiting, posts going out within a day), the newest posts with their comment counts,
//! and each writer's own drafts to continue.

use crate::admin::{add_user, new_site, signed_in};
use crate::harness::get;

#[tokio::test]
async fn the_dashboard_puts_what_waits_first_and_each_writer_s_drafts_at_hand() {
    let (_dir, site) = new_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    add_user(&site, "سلمى", "salma@example.org", "author");
    let soon = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(5)).to_string();
    let later = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(72)).to_string();
    site.post_new("خبر منشور عن الجسر", "نص.", &[]);
    let server = site.serve();
    let salma = site
        .ok(&["user", "token", "salma@example.org"])
        .trim()
        .to_owned();
    let rami = site
        .ok(&["user", "token", "rami@example.org"])
        .trim()
        .to_owned();
    let api = reqwest::Client::new();
    for (token, title, status, at) in [
        (&salma, "مسودة سلمى", "draft", None),
        (&salma, "خبر سلمى للمراجعة", "review", None),
        (&rami, "خبر يخرج بعد ساعات", "scheduled", Some(&soon)),
        (&rami, "خبر يخرج بعد أيام", "scheduled", Some(&later)),
    ] {
        let response = api
            .post(server.url("/api/v1/posts"))
            .bearer_auth(token)
            .json(&serde_json::json!({
                "title": title, "body": "نص.", "status": status, "published_at": at
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "{title}");
    }

    let editor = signed_in(&server, "rami@example.org").await;
    let (status, page) = get(&editor, &server.url("/admin/")).await;
    assert_eq!(status, 200);
    let attention = page.find("يحتاج انتباهك").expect("the attention section");
    let newest = page.find("أحدث المقالات").expect("the newest posts");
    assert!(attention < newest, "what waits comes first");
    let review = page.find("خبر سلمى للمراجعة").expect("the post in review");
    assert!(review < newest);
    assert!(page.contains("مقال واحد بانتظار المراجعة"), "{page}");
    assert!(page.contains("خبر يخرج بعد ساعات"), "within a day");
    assert!(!page.contains("خبر يخرج بعد أيام"), "not within a day");
    assert!(page.contains("خبر منشور عن الجسر") && page.contains("لا تعليقات"));
    assert!(
        !page.contains("مسودة سلمى"),
        "others' drafts are not the editor's"
    );

    let author = signed_in(&server, "salma@example.org").await;
    let (_, page) = get(&author, &server.url("/admin/")).await;
    assert!(page.contains("مسودة سلمى"), "her own draft to continue");
    assert!(
        !page.contains("مقال واحد بانتظار المراجعة"),
        "no review queue for authors"
    );
}
