//! The signed-in side through the doors a newsroom uses: `minbar user`, then the sign-in form,
//! sessions, sign-out and roles over HTTP against a real server.

use crate::harness::{
    Server, Site, assert_text, browser, fetch, fill, get, no_redirects, page_form, read_form,
    submit, text_of,
};
use scraper::Html;
use std::process::Output;

pub(crate) const PASSWORD: &str = "كلمة سر طويلة للتجربة";

pub(crate) fn new_site() -> (tempfile::TempDir, Site) {
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم"]);
    (dir, site)
}

/// Runs `minbar user add` with `password` as its standard input; returns the output.
fn try_add_user(site: &Site, name: &str, email: &str, role: &str, password: &str) -> Output {
    let args = [
        "user", "add", "--name", name, "--email", email, "--role", role,
    ];
    site.run_with_input(&args, password)
}

pub(crate) fn add_user(site: &Site, name: &str, email: &str, role: &str) {
    let output = try_add_user(site, name, email, role, &format!("{PASSWORD}\n"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn user_commands_read_passwords_from_stdin_and_refuse_bad_input() {
    let (_dir, site) = new_site();
    add_user(&site, "رامي", "Rami@Example.org", "editor");
    let listed = site.ok(&["user", "list"]);
    assert!(
        listed.contains("editor\trami@example.org\tرامي"),
        "{listed}"
    );

    let stderr = |output: Output| String::from_utf8_lossy(&output.stderr).into_owned();
    let password = format!("{PASSWORD}\n");
    let again = try_add_user(&site, "آخر", "rami@example.org", "author", &password);
    assert!(stderr(again).contains("already a user with the e-mail rami@example.org"));
    let short = try_add_user(&site, "سلمى", "salma@example.org", "author", "short\n");
    assert!(stderr(short).contains("at least 10 characters"));
    let none = try_add_user(&site, "سلمى", "salma@example.org", "author", "");
    assert!(stderr(none).contains("no password on standard input"));
    let bad_email = try_add_user(&site, "سلمى", "salma", "author", &password);
    assert!(stderr(bad_email).contains("is not an e-mail address"));
    let unknown = site.run_with_input(&["user", "passwd", "nobody@example.org"], &password);
    assert!(stderr(unknown).contains("no user with the e-mail nobody@example.org"));
    // The password never appears as an argument: there is no flag for it.
    let help = site.ok(&["user", "add", "--help"]);
    assert!(!help.contains("--password"), "{help}");
}

pub(crate) async fn sign_in(
    client: &reqwest::Client,
    server: &Server,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let (_, fields) = page_form(client, server, "/admin/login", "form.signin").await;
    let mut form: Vec<(String, String)> = fields.into_iter().filter(|(n, _)| n == "csrf").collect();
    form.push(("email".into(), email.into()));
    form.push(("password".into(), password.into()));
    submit(client, server, "/admin/login", &form).await
}

/// A browser signed in as `email` (with [`PASSWORD`]); the sign-in must succeed.
pub(crate) async fn signed_in(server: &Server, email: &str) -> reqwest::Client {
    let client = browser();
    assert!(
        sign_in(&client, server, email, PASSWORD)
            .await
            .status()
            .is_success()
    );
    client
}

/// A new site with one user, served.
pub(crate) fn served_with_user(
    name: &str,
    email: &str,
    role: &str,
) -> (tempfile::TempDir, Site, Server) {
    let (dir, site) = new_site();
    add_user(&site, name, email, role);
    let server = site.serve();
    (dir, site, server)
}

/// A new site with one user, served, and that user signed in: the site, its server and the
/// user's browser.
pub(crate) async fn member_of_new_site(
    name: &str,
    email: &str,
    role: &str,
) -> (tempfile::TempDir, Site, Server, reqwest::Client) {
    let (dir, site, server) = served_with_user(name, email, role);
    let client = signed_in(&server, email).await;
    (dir, site, server, client)
}

/// Submits the admin form `selector` of the page at `path` with `changes` filled in; returns
/// the answer.
pub(crate) async fn send_admin_form(
    client: &reqwest::Client,
    server: &Server,
    path: &str,
    selector: &str,
    changes: &[(&str, &str)],
) -> reqwest::Response {
    let (action, mut fields) = page_form(client, server, path, selector).await;
    for (name, value) in changes {
        fill(&mut fields, name, value);
    }
    submit(client, server, &action, &fields).await
}

#[tokio::test]
async fn sign_in_sessions_and_sign_out() {
    let (_dir, site, server) = served_with_user("رامي", "rami@example.org", "editor");

    // Signed-out visitors are sent to the sign-in page.
    let client = no_redirects();
    let response = fetch(&client, &server.url("/admin/")).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/admin/login");

    // A wrong password and an unknown account get the same answer.
    let wrong = sign_in(&client, &server, "rami@example.org", "not the password").await;
    let unknown = sign_in(&client, &server, "nobody@example.org", "not the password").await;
    assert_eq!(
        (wrong.status().as_u16(), unknown.status().as_u16()),
        (401, 401)
    );
    let message = |body: String| text_of(&Html::parse_document(&body), ".form-error");
    let (wrong, unknown) = (
        message(wrong.text().await.unwrap()),
        message(unknown.text().await.unwrap()),
    );
    assert_eq!(wrong, unknown);
    assert_eq!(
        wrong.as_deref(),
        Some("البريد الإلكتروني أو كلمة المرور غير صحيحة.")
    );

    // The right password, in any letter case of the address, opens a session.
    let response = sign_in(&client, &server, "Rami@Example.org", PASSWORD).await;
    assert_eq!(response.status(), 303);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("minbar_session="))
        .expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain HTTP here: {cookie}");
    let token = cookie.split(';').next().unwrap().to_owned();
    let response = fetch(&client, &server.url("/admin/")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let page = response.text().await.unwrap();
    assert!(page.contains("رامي") && page.contains("محرر"), "{page}");

    // Signing out ends the session on the server: the old cookie no longer opens anything.
    let (_, fields) = read_form(&Html::parse_document(&page), "form.signout");
    let response = submit(&client, &server, "/admin/logout", &fields).await;
    assert_eq!(response.status(), 303);
    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = replay
        .get(server.url("/admin/"))
        .header("cookie", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "a signed-out session still works");

    // A form without its token is refused.
    let response = client
        .post(server.url("/admin/login"))
        .form(&[("email", "rami@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // A new password ends every session.
    let response = sign_in(&client, &server, "rami@example.org", PASSWORD).await;
    assert_eq!(response.status(), 303);
    let output = site.run_with_input(
        &["user", "passwd", "rami@example.org"],
        "كلمة سر جديدة وطويلة\n",
    );
    assert!(output.status.success());
    let response = fetch(&client, &server.url("/admin/")).await;
    assert_eq!(response.status(), 303);
}

#[tokio::test]
async fn repeated_failures_slow_the_account_down() {
    let (_dir, _site, server) = served_with_user("سلمى", "salma@example.org", "author");
    let client = browser();
    for _ in 0..5 {
        let response = sign_in(&client, &server, "salma@example.org", "guess guess guess").await;
        assert_eq!(response.status(), 401);
    }
    // Now even the right password waits, and the page says why.
    let response = sign_in(&client, &server, "salma@example.org", PASSWORD).await;
    assert_eq!(response.status(), 429);
    let page = response.text().await.unwrap();
    assert!(page.contains("محاولات فاشلة كثيرة"));
}

#[tokio::test]
async fn repeated_failures_slow_the_address_down() {
    let (_dir, _site, server) = served_with_user("سلمى", "salma@example.org", "author");
    let client = browser();
    // Guessing across many accounts from one address: each account fails only once.
    for n in 0..minbar_web::auth::MAX_ADDRESS_FAILURES {
        let response = sign_in(
            &client,
            &server,
            &format!("guess{n}@example.org"),
            "guess guess",
        )
        .await;
        assert_eq!(response.status(), 401, "attempt {n}");
    }
    // Now that address is refused, even for an account it never tried.
    let response = sign_in(&client, &server, "salma@example.org", PASSWORD).await;
    assert_eq!(response.status(), 429);
}

#[tokio::test]
async fn authors_see_their_own_posts_and_no_moderation() {
    let (_dir, site) = new_site();
    add_user(&site, "سلمى", "salma@example.org", "author");
    add_user(&site, "رامي", "rami@example.org", "editor");
    site.post_new("خبر من فريق التحرير", "نص.", &[]);
    let server = site.serve();

    let author = signed_in(&server, "salma@example.org").await;
    let (status, list) = get(&author, &server.url("/admin/posts")).await;
    assert_eq!(status, 200);
    assert!(
        !list.contains("خبر من فريق التحرير"),
        "an author sees others' posts"
    );
    let (_, dashboard) = get(&author, &server.url("/admin/")).await;
    assert!(!dashboard.contains("تنتظر المراجعة") && !dashboard.contains("ينتظر المراجعة"));

    let editor = signed_in(&server, "rami@example.org").await;
    let (status, list) = get(&editor, &server.url("/admin/posts?status=published")).await;
    assert_eq!(status, 200);
    assert!(list.contains("خبر من فريق التحرير"));
    let (_, dashboard) = get(&editor, &server.url("/admin/")).await;
    assert!(
        dashboard.contains("لا تعليقات تنتظر المراجعة"),
        "{dashboard}"
    );
}

/// The `csrf` field and the action of the last form `selector` on `html` (the newest user's
/// row in the users table).
fn last_form_token(html: &Html, selector: &str) -> (String, Vec<(String, String)>) {
    let selector = scraper::Selector::parse(selector).unwrap();
    let form = html.select(&selector).next_back().unwrap();
    let action = form.value().attr("action").unwrap().to_owned();
    let token = form
        .select(&scraper::Selector::parse("input[name=csrf]").unwrap())
        .next()
        .and_then(|i| i.value().attr("value"))
        .unwrap()
        .to_owned();
    (action, vec![("csrf".to_owned(), token)])
}

#[tokio::test]
async fn the_newsroom_moderates_sets_up_the_site_and_adds_people() {
    let (_dir, site) = new_site();
    add_user(&site, "ليلى", "admin@example.org", "admin");
    site.ok(&["init", "--title", "منبج اليوم", "--moderation", "all"]);
    let post = site.ok(&["post", "new", "--title", "خبر للتعليق", "--body", "نص."]);
    let server = site.serve();

    // A reader's comment waits; the admin approves it from the queue; readers see it.
    let reader = browser();
    let body = "تعليق <b>ينتظر</b> الموافقة";
    crate::comments::leave_comment(&reader, &server, post.trim(), "قارئ", body).await;
    let admin = signed_in(&server, "admin@example.org").await;
    let (status, queue) = get(&admin, &server.url("/admin/comments")).await;
    assert_eq!(status, 200);
    assert!(
        queue.contains("تعليق &lt;b&gt;ينتظر&lt;/b&gt; الموافقة"),
        "the queue shows comments as text"
    );
    let (approve, fields) = read_form(&Html::parse_document(&queue), "form[action$=\"/approve\"]");
    let approved = submit(&admin, &server, &approve, &fields).await;
    assert!(approved.status().is_success());
    let (_, page) = get(&reader, &server.url(post.trim())).await;
    assert!(page.contains("تعليق &lt;b&gt;ينتظر&lt;/b&gt; الموافقة"));
    assert_text(
        &Html::parse_document(&page),
        "#comments-title",
        "تعليق واحد",
    );

    // Settings: a bad address is refused with the reason and the form kept; a good save shows.
    let (action, mut fields) = page_form(&admin, &server, "/admin/settings", "form.settings").await;
    for (name, value) in [
        ("locale", "ar-SY"),
        ("moderation", "all"),
        ("outside_comments", "none"),
    ] {
        fields.push((name.into(), value.into()));
    }
    fill(&mut fields, "title", "أخبار منبج");
    fill(&mut fields, "base_url", "javascript:alert(1)");
    let response = submit(&admin, &server, &action, &fields).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("أخبار منبج") && page.contains("https://"),
        "form or reason lost"
    );
    fill(&mut fields, "base_url", "https://manbij.example.org/");
    fields.push(("digits".into(), "arab".into()));
    fields.push(("month_names".into(), "egyptian".into()));
    let saved = submit(&admin, &server, &action, &fields).await;
    assert!(saved.status().is_success());
    let (_, home) = get(&reader, &server.url("/")).await;
    assert!(home.contains("أخبار منبج"));
    // Dates now in Arabic-Indic digits with Egyptian month names.
    let date = text_of(&Html::parse_document(&home), "main time").unwrap_or_default();
    assert!(date.chars().any(|c| ('٠'..='٩').contains(&c)), "{date}");
    assert!(!date.chars().any(|c| c.is_ascii_digit()), "{date}");

    // A static page, written then edited; its address stays, a taken slug is refused.
    let (action, mut fields) =
        page_form(&admin, &server, "/admin/pages/new", "form.page-editor").await;
    fill(&mut fields, "title", "من نحن");
    fill(&mut fields, "slug", "about");
    fill(&mut fields, "body", "فريق صغير من **منبج**.");
    let written = submit(&admin, &server, &action, &fields).await;
    assert!(written.status().is_success());
    let (status, public) = get(&reader, &server.url("/p/about.html")).await;
    assert_eq!(status, 200);
    assert!(public.contains("<strong>منبج</strong>"));
    let response = submit(&admin, &server, &action, &fields).await;
    assert_eq!(response.status(), 422, "a taken slug");
    let edited = send_admin_form(
        &admin,
        &server,
        "/admin/pages/about/edit",
        "form.page-editor",
        &[("body", "فريق صغير من منبج والرقة.")],
    )
    .await;
    assert!(edited.status().is_success());
    let (_, public) = get(&reader, &server.url("/p/about.html")).await;
    assert!(public.contains("منبج والرقة"));

    // A new reporter added from the admin can sign in as an author.
    let (action, mut fields) = page_form(&admin, &server, "/admin/users", "form.users").await;
    fields.push(("role".into(), "author".into()));
    fill(&mut fields, "name", "مراسل جديد");
    fill(&mut fields, "email", "reporter@example.org");
    fill(&mut fields, "password", PASSWORD);
    let added = submit(&admin, &server, &action, &fields).await;
    assert!(added.status().is_success());
    assert!(
        site.ok(&["user", "list"])
            .contains("author\treporter@example.org\tمراسل جديد")
    );
    let reporter = browser();
    let response = sign_in(&reporter, &server, "reporter@example.org", PASSWORD).await;
    assert!(response.status().is_success());
    assert!(response.text().await.unwrap().contains("مراسل جديد"));

    // Promoted, then removed: their sessions end with them. The last admin stays.
    let (_, users) = get(&admin, &server.url("/admin/users")).await;
    let html = Html::parse_document(&users);
    let forms: Vec<(String, Vec<(String, String)>)> = ["form.user-role", "form.user-remove"]
        .iter()
        .map(|f| last_form_token(&html, f))
        .collect();
    let (role_action, mut role_fields) = forms[0].clone();
    role_fields.push(("role".into(), "editor".into()));
    let promoted = submit(&admin, &server, &role_action, &role_fields).await;
    assert!(promoted.status().is_success());
    assert!(
        site.ok(&["user", "list"])
            .contains("editor\treporter@example.org")
    );
    let (remove_action, remove_fields) = forms[1].clone();
    let removed = submit(&admin, &server, &remove_action, &remove_fields).await;
    assert!(removed.status().is_success());
    assert!(!site.ok(&["user", "list"]).contains("reporter@example.org"));
    let (status, _) = get(&reporter, &server.url("/admin/posts")).await;
    assert_eq!(status, 200, "redirected to the sign-in page");
    assert!(
        get(&reporter, &server.url("/admin/"))
            .await
            .1
            .contains("form class=\"signin\"")
    );
    // The admin is the last one: neither removed (it is them) nor demoted.
    let self_id = site
        .ok(&["user", "list"])
        .lines()
        .find(|l| l.contains("admin@example.org"))
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let (_, fields) = forms[1].clone();
    let remove_self = format!("/admin/users/{self_id}/remove");
    let response = submit(&admin, &server, &remove_self, &fields).await;
    assert_eq!(response.status(), 409);
    let mut fields = forms[0].1.clone();
    fields.push(("role".into(), "author".into()));
    let demote_self = format!("/admin/users/{self_id}/role");
    let response = submit(&admin, &server, &demote_self, &fields).await;
    assert_eq!(response.status(), 409);
    let page = response.text().await.unwrap();
    assert!(page.contains("مدير واحد على الأقل"));
}
