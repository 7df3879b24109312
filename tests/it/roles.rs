//! The role matrix: every admin route, asked by no one, an author, an editor and an admin, with a
//! valid form token where there is a form, answers as the roles say, whatever the menu shows.

use crate::admin::{PASSWORD, add_user, new_site, sign_in};
use crate::comments::leave_comment;
use crate::harness::{Server, Site, fetch, page_form};

/// A request and what it must get: method, path, form fields, and the status for no one, an
/// author, an editor and an admin.
type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, [u16; 4]);

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The form token of a signed-in page (every admin page has the sign-out form).
async fn token(client: &reqwest::Client, server: &Server) -> String {
    let (_, fields) = page_form(client, server, "/admin/login", "form").await;
    fields
        .into_iter()
        .find(|(n, _)| n == "csrf")
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// A site moderating every comment, with an author, an editor and an admin, and one post;
/// returns the post's path.
fn newsroom() -> (tempfile::TempDir, Site, String) {
    let (dir, site) = new_site();
    add_user(&site, "سلمى", "author@example.org", "author");
    add_user(&site, "رامي", "editor@example.org", "editor");
    add_user(&site, "ليلى", "admin@example.org", "admin");
    site.ok(&["init", "--title", "منبج اليوم", "--moderation", "all"]);
    let post = site.ok(&["post", "new", "--title", "خبر للتعليق", "--body", "نص."]);
    (dir, site, post.trim().to_owned())
}

/// The id of the first comment `minbar comment list` shows.
fn first_comment_id(site: &Site) -> String {
    site.ok(&["comment", "list"])
        .split('\t')
        .next()
        .unwrap()
        .trim()
        .to_owned()
}

#[tokio::test]
async fn every_admin_route_answers_by_role() {
    let (_dir, site, post) = newsroom();
    let server = site.serve();

    // A comment waiting in the queue, and an editor's draft.
    let reader = crate::harness::browser();
    let sent = leave_comment(&reader, &server, &post, "قارئ", "تعليق ينتظر").await;
    assert!(sent.status().is_success());
    let comment_id = first_comment_id(&site);

    let mut clients = vec![("anonymous", client())];
    for (role, email) in [
        ("author", "author@example.org"),
        ("editor", "editor@example.org"),
        ("admin", "admin@example.org"),
    ] {
        let c = client();
        assert_eq!(
            sign_in(&c, &server, email, PASSWORD).await.status(),
            303,
            "{role}"
        );
        clients.push((role, c));
    }
    let editor_draft = {
        let c = &clients[2].1;
        let token = token(c, &server).await;
        let response = c
            .post(server.url("/admin/posts"))
            .form(&[
                ("csrf", token.as_str()),
                ("form_key", "matrix-draft"),
                ("title", "مسودة المحرر"),
                ("body", "نص."),
                ("status", "draft"),
                ("action", "save"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        response.headers()["location"].to_str().unwrap().to_owned()
    };

    // (method, path, form, expected for anonymous, author, editor, admin)
    let comment_approve = format!("/admin/comments/{comment_id}/approve");
    let draft_id = editor_draft
        .trim_start_matches("/admin/posts/")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let save_draft = format!("/admin/posts/{draft_id}");
    let matrix: Vec<Case> = vec![
        ("GET", "/admin/", vec![], [303, 200, 200, 200]),
        ("GET", "/admin/posts", vec![], [303, 200, 200, 200]),
        ("GET", "/admin/posts/new", vec![], [303, 200, 200, 200]),
        ("GET", "/admin/media", vec![], [303, 200, 200, 200]),
        ("GET", &editor_draft, vec![], [303, 403, 200, 200]),
        ("GET", "/admin/comments", vec![], [303, 403, 200, 200]),
        ("GET", "/admin/pages", vec![], [303, 403, 200, 200]),
        ("GET", "/admin/pages/new", vec![], [303, 403, 200, 200]),
        (
            "POST",
            "/admin/pages",
            vec![("title", "صفحة"), ("slug", ""), ("body", "نص")],
            [303, 403, 303, 422],
        ),
        ("GET", "/admin/settings", vec![], [303, 403, 403, 200]),
        ("GET", "/admin/users", vec![], [303, 403, 403, 200]),
        (
            "POST",
            "/admin/posts",
            vec![
                ("form_key", "k"),
                ("title", "ت"),
                ("body", "ن"),
                ("status", "published"),
                ("action", "save"),
            ],
            [303, 403, 303, 303],
        ),
        (
            "POST",
            "/admin/posts",
            vec![
                ("form_key", "f"),
                ("title", "ت"),
                ("body", "ن"),
                ("status", "draft"),
                ("featured", "on"),
                ("action", "save"),
            ],
            [303, 403, 303, 303],
        ),
        (
            "POST",
            "/admin/settings",
            vec![
                ("title", "منبج اليوم"),
                ("about", ""),
                ("locale", "ar-SY"),
                ("moderation", "all"),
                ("outside_comments", "none"),
                ("base_url", ""),
            ],
            [303, 403, 403, 303],
        ),
        (
            "POST",
            "/admin/users",
            vec![
                ("name", "جديد"),
                ("email", "x@example.org"),
                ("role", "admin"),
                ("password", "كلمة سر طويلة"),
            ],
            [303, 403, 403, 303],
        ),
        ("POST", &comment_approve, vec![], [303, 403, 303, 303]),
        ("GET", "/admin/tokens", vec![], [303, 200, 200, 200]),
        (
            "POST",
            "/admin/preview",
            vec![("body", "**نص**")],
            [303, 200, 200, 200],
        ),
        (
            "POST",
            "/admin/users/1/role",
            vec![("role", "author")],
            [303, 403, 403, 303],
        ),
        (
            "POST",
            "/admin/tokens",
            vec![("name", "t")],
            [303, 200, 200, 200],
        ),
        (
            "POST",
            &save_draft,
            vec![
                ("title", "مسودة"),
                ("body", "نص"),
                ("status", "draft"),
                ("action", "save"),
            ],
            [303, 403, 303, 303],
        ),
    ];
    let mut failures = Vec::new();
    for (method, path, form, expected) in &matrix {
        for (i, (role, c)) in clients.iter().enumerate() {
            let token = token(c, &server).await;
            let mut form: Vec<(String, String)> = form
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            // Form keys must differ per role, or a repeated form would answer with the first post.
            for (k, v) in form.iter_mut() {
                if k == "form_key" {
                    v.push_str(role);
                }
                if k == "email" {
                    *v = format!("{role}-{v}");
                }
            }
            form.push(("csrf".into(), token));
            let response = match *method {
                "GET" => fetch(c, &server.url(path)).await,
                _ => c.post(server.url(path)).form(&form).send().await.unwrap(),
            };
            let got = response.status().as_u16();
            if got != expected[i] {
                failures.push(format!(
                    "{method} {path} as {role}: {got}, expected {}",
                    expected[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn every_api_endpoint_answers_by_role() {
    let (_dir, site, post) = newsroom();
    let tokens: Vec<Option<String>> = std::iter::once(None)
        .chain(["author", "editor", "admin"].iter().map(|role| {
            Some(
                site.ok(&["user", "token", &format!("{role}@example.org")])
                    .trim()
                    .to_owned(),
            )
        }))
        .collect();
    let server = site.serve();

    // A waiting comment and an editor's draft to act on.
    let reader = crate::harness::browser();
    leave_comment(&reader, &server, &post, "قارئ", "تعليق ينتظر").await;
    let comment = first_comment_id(&site);
    let api = reqwest::Client::new();
    let draft: serde_json::Value = crate::api::json_answer(
        api.post(server.url("/api/v1/posts"))
            .bearer_auth(tokens[2].as_deref().unwrap())
            .json(&serde_json::json!({"title": "مسودة المحرر", "body": "نص"})),
    )
    .await;
    let draft = draft["id"].as_i64().unwrap();

    let draft_body = serde_json::json!({"title": "ت", "body": "ن"});
    let page_body = serde_json::json!({"title": "عن الموقع", "body": "نص", "slug": "about-api"});
    let settings_body = serde_json::json!({"title": "منبج اليوم", "locale": "ar-SY", "moderation": "all", "digits": "arab", "month_names": "levantine"});
    let user_body = serde_json::json!({"name": "مراسل", "email": "reporter@example.org", "role": "author", "password": "كلمة سر طويلة"});
    let publish_body = serde_json::json!({"title": "ت", "body": "ن", "status": "published"});
    let (post_url, approve, spam, remove) = (
        format!("/api/v1/posts/{draft}"),
        format!("/api/v1/comments/{comment}/approve"),
        format!("/api/v1/comments/{comment}/spam"),
        format!("/api/v1/comments/{comment}"),
    );
    let cases: Vec<(reqwest::Method, &str, Option<&serde_json::Value>, [u16; 4])> = vec![
        (
            reqwest::Method::GET,
            "/api/v1/search?q=خبر",
            None,
            [200, 200, 200, 200],
        ),
        (
            reqwest::Method::GET,
            "/api/v1/posts",
            None,
            [401, 200, 200, 200],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/posts",
            Some(&draft_body),
            [401, 201, 201, 201],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/posts",
            Some(&publish_body),
            [401, 403, 201, 201],
        ),
        (reqwest::Method::GET, &post_url, None, [401, 403, 200, 200]),
        (
            reqwest::Method::PUT,
            &post_url,
            Some(&draft_body),
            [401, 403, 200, 200],
        ),
        (
            reqwest::Method::GET,
            "/api/v1/labels",
            None,
            [401, 200, 200, 200],
        ),
        (
            reqwest::Method::GET,
            "/api/v1/pages",
            None,
            [401, 200, 200, 200],
        ),
        (
            reqwest::Method::GET,
            "/api/v1/settings",
            None,
            [401, 403, 403, 200],
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/settings",
            Some(&settings_body),
            [401, 403, 403, 200],
        ),
        (
            reqwest::Method::GET,
            "/api/v1/users",
            None,
            [401, 403, 403, 200],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/users",
            Some(&user_body),
            [401, 403, 403, 201],
        ),
        (
            reqwest::Method::POST,
            "/api/v1/pages",
            Some(&page_body),
            [401, 403, 201, 422],
        ),
        (
            reqwest::Method::GET,
            "/api/v1/pages/about-api",
            None,
            [401, 200, 200, 200],
        ),
        (
            reqwest::Method::PUT,
            "/api/v1/pages/about-api",
            Some(&page_body),
            [401, 403, 200, 200],
        ),
        (
            reqwest::Method::GET,
            "/api/v1/comments",
            None,
            [401, 403, 200, 200],
        ),
        (reqwest::Method::POST, &spam, None, [401, 403, 204, 204]),
        (reqwest::Method::POST, &approve, None, [401, 403, 204, 204]),
        (
            reqwest::Method::POST,
            "/api/v1/media",
            None,
            [401, 422, 422, 422],
        ),
        (
            reqwest::Method::DELETE,
            "/api/v1/posts/999999",
            None,
            [401, 403, 404, 404],
        ),
        (reqwest::Method::DELETE, &remove, None, [401, 403, 204, 404]),
    ];
    let mut failures = Vec::new();
    for (method, path, body, expected) in &cases {
        for (i, token) in tokens.iter().enumerate() {
            let mut request = api.request(method.clone(), server.url(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            let got = request.send().await.unwrap().status().as_u16();
            if got != expected[i] {
                failures.push(format!(
                    "{method} {path} as #{i}: {got}, expected {}",
                    expected[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
