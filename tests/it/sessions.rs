//! Sessions and the headers every answer carries, over HTTP against a real server: a new token at
//! each sign-in (no fixation), sessions that end on sign-out, on a password change and after an
//! absolute lifetime (a clock the test moves), `__Host-` cookies over HTTPS, and the security
//! headers on every kind of route, errors and 304s included.

use crate::admin::{PASSWORD, add_user, new_site, signed_in};
use crate::harness::{Server, Site, no_redirects, read_form};
use reqwest::header::{HeaderMap, SET_COOKIE};

/// Fourteen days, as `minbar_web::auth::SESSION_SECONDS` says.
const SESSION_SECONDS: i64 = minbar_web::auth::SESSION_SECONDS;

/// The cookies an answer sets, as `name=value` pairs with their attributes.
fn set_cookies(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// The value of the cookie `name` among `set`, if set.
fn cookie_in(set: &[String], name: &str) -> Option<String> {
    set.iter().find_map(|c| {
        c.split(';')
            .next()?
            .split_once('=')
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.to_owned())
    })
}

/// A browser by hand: it sends exactly the cookies given, and says whether it came over HTTPS
/// through a proxy (`X-Forwarded-Proto`), so `Secure` cookies can be seen over plain loopback.
struct Hand<'a> {
    client: reqwest::Client,
    server: &'a Server,
    https: bool,
}

impl Hand<'_> {
    fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        cookies: &str,
    ) -> reqwest::RequestBuilder {
        let mut request = self
            .client
            .request(method, self.server.url(path))
            .header("sec-fetch-site", "same-origin");
        if self.https {
            request = request.header("x-forwarded-proto", "https");
        }
        if !cookies.is_empty() {
            request = request.header("cookie", cookies);
        }
        request
    }

    /// Signs in holding `cookies`; returns the answer's status and the cookies it set.
    async fn sign_in(&self, email: &str, password: &str, cookies: &str) -> (u16, Vec<String>) {
        let page = self
            .request(reqwest::Method::GET, "/admin/login", cookies)
            .send()
            .await
            .unwrap();
        let mut jar = cookies.to_owned();
        // The form's nonce, by whichever name the server gave it (`__Host-` over HTTPS).
        for name in ["minbar_csrf", "__Host-minbar_csrf"] {
            if let Some(nonce) = cookie_in(&set_cookies(page.headers()), name) {
                jar = format!("{jar}; {name}={nonce}");
            }
        }
        let html = scraper::Html::parse_document(&page.text().await.unwrap());
        let (_, fields) = read_form(&html, "form.signin");
        let mut form: Vec<(String, String)> =
            fields.into_iter().filter(|(n, _)| n == "csrf").collect();
        form.push(("email".into(), email.into()));
        form.push(("password".into(), password.into()));
        let answer = self
            .request(
                reqwest::Method::POST,
                "/admin/login",
                jar.trim_start_matches("; "),
            )
            .form(&form)
            .send()
            .await
            .unwrap();
        (answer.status().as_u16(), set_cookies(answer.headers()))
    }

    /// Whether the session cookie `cookie` (`name=value`) opens the dashboard.
    async fn admitted(&self, cookie: &str) -> bool {
        let answer = self
            .request(reqwest::Method::GET, "/admin/", cookie)
            .send()
            .await
            .unwrap();
        match answer.status().as_u16() {
            200 => true,
            303 => false,
            other => panic!("the dashboard answered {other}"),
        }
    }
}

fn hand(server: &Server, https: bool) -> Hand<'_> {
    Hand {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        server,
        https,
    }
}

/// A site with an editor, rami@example.org.
fn newsroom() -> (tempfile::TempDir, Site) {
    let (dir, site) = new_site();
    add_user(&site, "رامي", "rami@example.org", "editor");
    (dir, site)
}

#[tokio::test]
async fn every_sign_in_gets_a_new_token_and_ends_the_one_it_held() {
    let (_dir, site) = newsroom();
    let server = site.serve();
    let browser = hand(&server, false);

    let (status, set) = browser.sign_in("rami@example.org", PASSWORD, "").await;
    assert_eq!(status, 303, "{set:?}");
    let first = cookie_in(&set, "minbar_session").expect("a session cookie");
    assert_eq!(first.len(), 64, "a 256-bit random token: {first}");
    assert!(browser.admitted(&format!("minbar_session={first}")).await);

    // A token planted in the browser before sign-in is never adopted: the server hands out
    // its own, and the planted one opens nothing.
    let planted = "a".repeat(64);
    let (_, set) = browser
        .sign_in(
            "rami@example.org",
            PASSWORD,
            &format!("minbar_session={planted}"),
        )
        .await;
    let second = cookie_in(&set, "minbar_session").unwrap();
    assert_ne!(second, planted);
    assert!(!browser.admitted(&format!("minbar_session={planted}")).await);

    // Signing in again while holding a live session ends that session.
    let (_, set) = browser
        .sign_in(
            "rami@example.org",
            PASSWORD,
            &format!("minbar_session={first}"),
        )
        .await;
    let third = cookie_in(&set, "minbar_session").unwrap();
    assert!(third != first && third != second);
    assert!(!browser.admitted(&format!("minbar_session={first}")).await);
    assert!(browser.admitted(&format!("minbar_session={second}")).await);
    assert!(browser.admitted(&format!("minbar_session={third}")).await);
}

#[tokio::test]
async fn sign_out_and_a_new_password_end_sessions() {
    let (_dir, site) = newsroom();
    let server = site.serve();
    let phone = signed_in(&server, "rami@example.org").await;
    let laptop = signed_in(&server, "rami@example.org").await;
    let status = |client: reqwest::Client| {
        let url = server.url("/admin/");
        async move {
            client
                .get(url)
                .send()
                .await
                .unwrap()
                .url()
                .path()
                .to_owned()
        }
    };
    assert_eq!(status(phone.clone()).await, "/admin/");

    // Signing out on the phone ends the phone's session only.
    let (_, fields) = crate::harness::page_form(&phone, &server, "/admin/", "form.signout").await;
    let out = crate::harness::submit(&phone, &server, "/admin/logout", &fields).await;
    assert!(out.status().is_success());
    assert_eq!(status(phone.clone()).await, "/admin/login");
    assert_eq!(status(laptop.clone()).await, "/admin/");

    // A new password (set by the operator) ends every session the account had.
    let output = site.run_with_input(
        &["user", "passwd", "rami@example.org"],
        "كلمة سر جديدة تماما\n",
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(status(laptop).await, "/admin/login");
}

#[tokio::test]
async fn sessions_end_after_their_lifetime_however_much_they_are_used() {
    let (_dir, site) = newsroom();
    let server = site.serve();
    let browser = hand(&server, false);
    let (_, set) = browser.sign_in("rami@example.org", PASSWORD, "").await;
    let cookie = format!(
        "minbar_session={}",
        cookie_in(&set, "minbar_session").unwrap()
    );
    assert!(browser.admitted(&cookie).await);
    let max_age = set
        .iter()
        .find(|c| c.starts_with("minbar_session="))
        .unwrap();
    assert!(
        max_age.contains(&format!("Max-Age={SESSION_SECONDS}")),
        "{max_age}"
    );
    drop(server);

    // A minute before the end the session still opens the admin, and using it then does not
    // extend it: the lifetime is counted from sign-in.
    let offset = (SESSION_SECONDS - 60).to_string();
    let late = site.serve_with(&["--clock-offset", &offset]);
    assert!(hand(&late, false).admitted(&cookie).await);
    drop(late);
    let offset = (SESSION_SECONDS + 60).to_string();
    let after = site.serve_with(&["--clock-offset", &offset]);
    assert!(!hand(&after, false).admitted(&cookie).await);
}

#[tokio::test]
async fn over_https_cookies_are_secure_and_host_only() {
    // Behind a proxy that says the browser came over HTTPS.
    let (_dir, site) = newsroom();
    let server = site.serve();
    let browser = hand(&server, true);
    let (status, set) = browser.sign_in("rami@example.org", PASSWORD, "").await;
    assert_eq!(status, 303);
    let session = set
        .iter()
        .find(|c| c.starts_with("__Host-minbar_session="))
        .unwrap_or_else(|| panic!("no __Host- session cookie in {set:?}"));
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(session.contains(attribute), "{session} lacks {attribute}");
    }
    assert!(!session.contains("Domain"), "{session}");
    let token = cookie_in(&set, "__Host-minbar_session").unwrap();
    assert!(
        browser
            .admitted(&format!("__Host-minbar_session={token}"))
            .await
    );
    // The unprefixed name, which a sibling subdomain or a plain-HTTP page could set, is not
    // read over HTTPS.
    assert!(!browser.admitted(&format!("minbar_session={token}")).await);

    // A site whose address is https:// sets them so without a proxy's word.
    site.ok(&["site", "set", "base-url", "https://manbij.example"]);
    let (status, set) = hand(&server, false)
        .sign_in("rami@example.org", PASSWORD, "")
        .await;
    assert_eq!(status, 303);
    assert!(
        set.iter()
            .any(|c| c.starts_with("__Host-minbar_session=") && c.contains("Secure")),
        "{set:?}"
    );
    assert!(set.iter().all(|c| c.starts_with("__Host-")), "{set:?}");
}

/// The headers every answer must carry, with a part of the value each must have.
const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("content-security-policy", "default-src 'none'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("permissions-policy", "geolocation=()"),
];

#[tokio::test]
async fn every_route_carries_the_security_headers() {
    let (_dir, site) = newsroom();
    let path = site.post_new("سوق منبج", "نص الخبر عن #السوق", &["--label", "أخبار"]);
    let server = site.serve();
    let editor = signed_in(&server, "rami@example.org").await;
    let photo = {
        let mut bytes = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            64,
            48,
            image::Rgb([9, 90, 200]),
        ))
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .unwrap();
        bytes.into_inner()
    };
    let uploaded = crate::media::upload(&editor, &server, photo, "souk.jpg").await;
    assert!(uploaded.status().is_success());
    let html = scraper::Html::parse_document(&uploaded.text().await.unwrap());
    let media = crate::harness::attrs(&html, ".media-grid img", "src");
    let media = media.first().expect("the upload is shown").clone();
    let token = crate::api::token(&site, "rami@example.org");

    let stranger = no_redirects();
    let post = path.trim().to_owned();
    let mut answers: Vec<(String, reqwest::Response)> = Vec::new();
    let public = [
        "/".to_owned(),
        post.clone(),
        "/page/2/".to_owned(),
        "/search?q=%D8%B3%D9%88%D9%82".to_owned(),
        "/search/label/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1".to_owned(),
        "/atom.xml".to_owned(),
        "/rss.xml".to_owned(),
        "/feed.json".to_owned(),
        "/feeds/posts/default".to_owned(),
        "/sitemap.xml".to_owned(),
        "/news-sitemap.xml".to_owned(),
        "/robots.txt".to_owned(),
        "/static/minbar.css".to_owned(),
        "/static/minbar.js".to_owned(),
        media,
        "/api/v1/openapi.json".to_owned(),
        "/api/v1/posts".to_owned(),
        "/no/such/page".to_owned(),
        "/media/nothing-here.jpg".to_owned(),
        "/admin/".to_owned(),
        "/admin/login".to_owned(),
    ];
    for path in public {
        let answer = stranger.get(server.url(&path)).send().await.unwrap();
        answers.push((format!("GET {path}"), answer));
    }
    for path in [
        "/admin/",
        "/admin/posts",
        "/admin/settings",
        "/admin/media",
        "/admin/users",
    ] {
        let answer = editor.get(server.url(path)).send().await.unwrap();
        answers.push((format!("GET {path} (editor)"), answer));
    }
    let api = reqwest::Client::new();
    let authorized = api
        .get(server.url("/api/v1/posts"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    answers.push(("GET /api/v1/posts (token)".into(), authorized));
    let refused = api
        .post(server.url("/api/v1/posts"))
        .bearer_auth("mbt_wrong")
        .json(&serde_json::json!({"title": "x"}))
        .send()
        .await
        .unwrap();
    answers.push(("POST /api/v1/posts (bad token)".into(), refused));
    let forged = stranger
        .post(server.url("/admin/settings"))
        .form(&[("title", "x")])
        .send()
        .await
        .unwrap();
    answers.push(("POST /admin/settings (no session)".into(), forged));
    let too_big = stranger
        .post(server.url(&post))
        .header("sec-fetch-site", "same-origin")
        .form(&[("body", "ب".repeat(200_000))])
        .send()
        .await
        .unwrap();
    answers.push(("POST comment (too large)".into(), too_big));
    let wrong_method = stranger.delete(server.url("/")).send().await.unwrap();
    answers.push(("DELETE /".into(), wrong_method));

    // Conditional requests: the 304s carry them too.
    for path in [post.clone(), "/".to_owned(), "/atom.xml".to_owned()] {
        let first = stranger.get(server.url(&path)).send().await.unwrap();
        let tag = first.headers()["etag"].to_str().unwrap().to_owned();
        let again = stranger
            .get(server.url(&path))
            .header("if-none-match", tag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{path}");
        answers.push((format!("GET {path} (304)"), again));
    }

    let mut statuses = std::collections::BTreeSet::new();
    for (what, answer) in &answers {
        statuses.insert(answer.status().as_u16());
        for (name, part) in SECURITY_HEADERS {
            let value = answer
                .headers()
                .get(name)
                .unwrap_or_else(|| panic!("{what} ({}) has no {name}", answer.status()));
            assert!(
                value.to_str().unwrap().contains(part),
                "{what}: {name} is {value:?}"
            );
        }
        assert!(
            answer.headers()[reqwest::header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{what}"
        );
    }
    // The walk met every kind of answer it means to.
    for status in [200, 303, 304, 401, 404, 405, 413] {
        assert!(statuses.contains(&status), "no {status} among {statuses:?}");
    }
}
