//! Every state-changing admin form checks its CSRF token before anything else runs: a signed-in
//! admin's browser, tricked into posting from another site, changes nothing.

use crate::admin::{PASSWORD, add_user, new_site, signed_in};
use crate::harness::get;

/// Every POST route of the admin, with fields that would otherwise be accepted.
const ADMIN_FORMS: [(&str, &[(&str, &str)]); 19] = [
    ("/admin/logout", &[]),
    (
        "/admin/posts",
        &[
            ("form_key", "x"),
            ("title", "ت"),
            ("body", "ن"),
            ("status", "published"),
        ],
    ),
    ("/admin/posts/1", &[("title", "ت"), ("body", "ن")]),
    ("/admin/posts/1/revisions/1/restore", &[]),
    ("/admin/posts/1/discussion", &[("closed", "on")]),
    ("/admin/preview", &[("body", "نص")]),
    ("/admin/pages", &[("title", "صفحة"), ("body", "نص")]),
    (
        "/admin/pages/about/edit",
        &[("title", "صفحة"), ("body", "نص")],
    ),
    (
        "/admin/comments/bans",
        &[("kind", "word"), ("value", "كلمة")],
    ),
    ("/admin/comments/bans/1/remove", &[]),
    (
        "/admin/comments/1/edit",
        &[("name", "قارئ"), ("body", "نص")],
    ),
    ("/admin/comments/1/approve", &[]),
    (
        "/admin/settings",
        &[
            ("title", "مخترق"),
            ("locale", "ar-SY"),
            ("moderation", "open"),
        ],
    ),
    (
        "/admin/users",
        &[
            ("name", "دخيل"),
            ("email", "intruder@example.org"),
            ("role", "admin"),
            ("password", "كلمة سر طويلة جدا"),
        ],
    ),
    ("/admin/users/2/role", &[("role", "admin")]),
    ("/admin/users/2/remove", &[]),
    ("/admin/tokens", &[("name", "دخيل")]),
    ("/admin/tokens/1/revoke", &[]),
    (
        "/admin/login",
        &[("email", "admin@example.org"), ("password", PASSWORD)],
    ),
];

#[tokio::test]
async fn no_admin_form_is_accepted_without_its_token() {
    let (_dir, site) = new_site();
    add_user(&site, "مديرة", "admin@example.org", "admin");
    add_user(&site, "كاتب", "author@example.org", "author");
    site.ok(&["post", "new", "--title", "خبر", "--body", "نص"]);
    let server = site.serve();
    let admin = signed_in(&server, "admin@example.org").await;
    for (path, fields) in ADMIN_FORMS {
        for token in [None, Some("0".repeat(64))] {
            let mut form: Vec<(&str, String)> =
                fields.iter().map(|(n, v)| (*n, (*v).to_owned())).collect();
            if let Some(token) = &token {
                form.push(("csrf", token.clone()));
            }
            let response = admin
                .post(server.url(path))
                .header("origin", "https://elsewhere.example")
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403, "{path} with token {token:?}");
        }
    }
    // The upload form is multipart; its token travels as a part.
    for token in [None, Some("0".repeat(64))] {
        let mut form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"GIF89a".to_vec()).file_name("x.gif"),
        );
        if let Some(token) = token {
            form = form.text("csrf", token);
        }
        let response = crate::media::post_media(&admin, &server, form).await;
        assert_eq!(response.status(), 403, "/admin/media");
    }
    // Nothing changed: the settings, the accounts, and the admin is still signed in.
    let (status, settings) = get(&admin, &server.url("/admin/settings")).await;
    assert_eq!(status, 200, "still signed in");
    assert!(!settings.contains("مخترق"));
    let users = site.ok(&["user", "list"]);
    assert!(!users.contains("intruder@example.org"), "{users}");
    assert!(users.contains("author\tauthor@example.org"), "{users}");
}
