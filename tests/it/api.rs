//! The JSON API through its own door: tokens from `minbar user token` (and the admin), posts
//! written and read, role rules, JSON errors, uploads, and schemathesis checking the running
//! server against the OpenAPI document it serves.

use crate::admin::{add_user, new_site};
use crate::harness::{Server, search_until, tool};
use serde_json::{Value, json};
use std::process::Command;
use std::time::Duration;

/// A new API token for `email`, from `minbar user token`.
pub(crate) fn token(site: &crate::harness::Site, email: &str) -> String {
    let token = site
        .ok(&["user", "token", email, "--name", "tests"])
        .trim()
        .to_owned();
    assert!(token.starts_with("mbt_") && token.len() == 68, "{token}");
    token
}

/// Sends `request` and reads its answer as JSON.
pub(crate) async fn json_answer(request: reqwest::RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

/// The API as one caller sees it: a client, the server, and the caller's token, if any.
struct Caller<'a> {
    client: &'a reqwest::Client,
    server: &'a Server,
    token: Option<&'a str>,
}

impl Caller<'_> {
    /// `method path` with `body` as JSON; the status and the answer (as JSON when it is).
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.client.request(method, self.server.url(path));
        if let Some(token) = self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// Only the status of [`Caller::call`].
    async fn status(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> u16 {
        self.call(method, path, body).await.0
    }
}

#[tokio::test]
async fn scripts_publish_through_the_api_under_the_same_roles() {
    let (_dir, site) = new_site();
    add_user(&site, "سلمى", "author@example.org", "author");
    add_user(&site, "رامي", "editor@example.org", "editor");
    let author = token(&site, "author@example.org");
    let editor = token(&site, "editor@example.org");
    let server = site.serve();
    let client = reqwest::Client::new();
    use reqwest::Method;
    let as_token = |token| Caller {
        client: &client,
        server: &server,
        token,
    };
    let wrong_token = format!("mbt_{}", "0".repeat(64));
    let (nobody, wrong) = (as_token(None), as_token(Some(&wrong_token)));
    let (author_api, editor_api) = (as_token(Some(&author)), as_token(Some(&editor)));

    // No token, a wrong one: 401, as JSON.
    let (status, body) = nobody.call(Method::GET, "/api/v1/posts", None).await;
    assert_eq!((status, body["error"].as_u64()), (401, Some(401)), "{body}");
    assert_eq!(wrong.status(Method::GET, "/api/v1/posts", None).await, 401);

    // An author writes a draft; publishing or featuring is refused.
    let draft = json!({"title": "مسودة من التطبيق", "body": "نص **المسودة**.", "labels": ["منبج"]});
    let (status, post) = author_api
        .call(Method::POST, "/api/v1/posts", Some(draft))
        .await;
    assert_eq!(status, 201, "{post}");
    assert_eq!(post["status"], "draft");
    let id = post["id"].as_i64().unwrap();
    let post_url = format!("/api/v1/posts/{id}");
    for forbidden in [
        json!({"title": "ت", "body": "ن", "status": "published"}),
        json!({"title": "ت", "body": "ن", "featured": true}),
    ] {
        let (status, body) = author_api
            .call(Method::POST, "/api/v1/posts", Some(forbidden))
            .await;
        assert_eq!(status, 403, "{body}");
    }

    // Bad bodies get 422 with the reason, as JSON.
    for (bad, reason) in [
        (json!({"title": "", "body": "ن"}), "title"),
        (json!({"title": "ت"}), "body"),
        (json!({"title": "ت", "body": "ن", "status": "live"}), "live"),
        (
            json!({"title": "ت", "body": "ن", "published_at": "tomorrow"}),
            "tomorrow",
        ),
        (
            json!({"title": "ت", "body": "ن", "colour": "red"}),
            "colour",
        ),
        (json!(["not", "an", "object"]), "not valid"),
    ] {
        let (status, body) = author_api
            .call(Method::POST, "/api/v1/posts", Some(bad))
            .await;
        assert_eq!(status, 422, "{body}");
        assert!(body["message"].as_str().unwrap().contains(reason), "{body}");
    }

    // The editor publishes the author's draft; it is then searchable and closed to the author.
    let update = json!({"title": "خبر من التطبيق", "body": "نص **الخبر**.", "labels": ["منبج"], "status": "published", "featured": true});
    let (status, post) = editor_api.call(Method::PUT, &post_url, Some(update)).await;
    assert_eq!(status, 200, "{post}");
    assert_eq!(
        (post["status"].as_str(), post["featured"].as_bool()),
        (Some("published"), Some(true))
    );
    let (answer, _) = search_until(&client, &server, "التطبيق", 1, Duration::from_secs(2)).await;
    assert_eq!(answer["results"][0]["title"], "خبر من التطبيق");
    let again = json!({"title": "تعديل", "body": "ن"});
    assert_eq!(
        author_api.status(Method::PUT, &post_url, Some(again)).await,
        403
    );
    let (status, labels) = author_api.call(Method::GET, "/api/v1/labels", None).await;
    assert_eq!(status, 200);
    assert_eq!(labels[0]["name"], "منبج");

    // Lists follow the roles: the author sees their own posts.
    let (_, mine) = author_api.call(Method::GET, "/api/v1/posts", None).await;
    assert_eq!(mine["total"], 1);
    assert_eq!(
        author_api
            .status(Method::GET, "/api/v1/comments", None)
            .await,
        403
    );
    assert_eq!(
        editor_api
            .status(Method::GET, "/api/v1/comments", None)
            .await,
        200
    );
    assert_eq!(
        author_api.status(Method::DELETE, &post_url, None).await,
        403
    );

    // An upload through the API keeps no metadata either (the image is encoded anew).
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(640, 480)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(jpeg.into_inner()));
    let response = client
        .post(server.url("/api/v1/media"))
        .bearer_auth(&author)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let media: Value = response.json().await.unwrap();
    assert!(
        media["markdown"]
            .as_str()
            .unwrap()
            .ends_with("-640x480.jpg)"),
        "{media}"
    );

    // The uploaded image as a cover, with an excerpt and a chosen slug.
    let with_cover = json!({"title": "غلاف", "body": "نص.", "cover": media["url"], "excerpt": "ملخص قصير.", "slug": "cover-test"});
    let (status, post) = author_api
        .call(Method::POST, "/api/v1/posts", Some(with_cover))
        .await;
    assert_eq!(status, 201, "{post}");
    assert_eq!(
        (post["cover"].clone(), post["excerpt"].as_str()),
        (media["url"].clone(), Some("ملخص قصير."))
    );
    assert!(
        post["path"].as_str().unwrap().ends_with("/cover-test.html"),
        "{post}"
    );
    let bad_cover = json!({"title": "غلاف", "body": "نص.", "cover": "/etc/passwd"});
    assert_eq!(
        author_api
            .status(Method::POST, "/api/v1/posts", Some(bad_cover))
            .await,
        422
    );

    assert_eq!(
        editor_api.status(Method::DELETE, &post_url, None).await,
        204
    );
    assert_eq!(editor_api.status(Method::GET, &post_url, None).await, 404);
}

/// schemathesis, or `None` after saying so; under `CI=true` it must be there.
fn schemathesis() -> Option<&'static str> {
    tool("st", "--version", "schemathesis (st)", "schemathesis")
}

#[test]
fn schemathesis_finds_no_server_error() {
    let Some(st) = schemathesis() else { return };
    let (dir, site) = new_site();
    add_user(&site, "رامي", "editor@example.org", "editor");
    let editor = token(&site, "editor@example.org");
    site.post_new("خبر أول عن منبج", "نص الخبر.", &[]);
    let server = site.serve();
    let output = Command::new(st)
        .args(["run", &server.url("/api/v1/openapi.json")])
        .args([
            "--checks",
            "not_a_server_error,response_schema_conformance,content_type_conformance",
        ])
        .args(["--max-examples", "40", "--workers", "1", "--no-color"])
        .args(["--header", &format!("Authorization: Bearer {editor}")])
        .current_dir(dir.path())
        .env("SCHEMATHESIS_HOOKS", "")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
