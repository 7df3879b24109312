//! The editor through the browser's door (forms over HTTP): writing, previewing, the role rules,
//! revisions, and scheduled posts going live by themselves.

use crate::admin::{add_user, member_of_new_site, new_site, signed_in};
use crate::harness::{Server, assert_text, get, read_form, search_until, submit, text_of};
use scraper::Html;
use std::time::{Duration, Instant};

/// Opens the editor at `url` and returns its form fields, with `changes` applied.
async fn editor_form(
    client: &reqwest::Client,
    server: &Server,
    url: &str,
    changes: &[(&str, &str)],
) -> (String, Vec<(String, String)>) {
    let (status, page) = get(client, &server.url(url)).await;
    assert_eq!(status, 200, "{url}");
    let html = Html::parse_document(&page);
    let (action, mut fields) = read_form(&html, "form.editor");
    // A select's value is its selected option; read_form sees inputs and textareas only.
    let selected = scraper::Selector::parse("select[name=status] option[selected]").unwrap();
    let status = html
        .select(&selected)
        .next()
        .and_then(|o| o.value().attr("value"))
        .unwrap_or("draft");
    fields.push(("status".into(), status.into()));
    fields.retain(|(name, _)| name != "featured");
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        fields.push(((*name).into(), (*value).into()));
    }
    (action, fields)
}

/// Opens the editor at `url`, applies `changes` and submits it; returns the answer.
pub(crate) async fn save(
    client: &reqwest::Client,
    server: &Server,
    url: &str,
    changes: &[(&str, &str)],
) -> reqwest::Response {
    let (action, fields) = editor_form(client, server, url, changes).await;
    submit(client, server, &action, &fields).await
}

pub(crate) fn post_id(response: &reqwest::Response) -> String {
    let url = response.url().path().to_owned();
    url.trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned()
}

#[tokio::test]
async fn an_editor_writes_previews_publishes_and_restores() {
    let (_dir, site, server, client) =
        member_of_new_site("رامي", "rami@example.org", "editor").await;

    // Preview shows the rendered, sanitized body and saves nothing.
    let body = "افتتاح **الجسر** في منبج.\n\n<script>alert(1)</script>";
    let preview = [
        ("title", "افتتاح الجسر الجديد"),
        ("body", body),
        ("labels", "منبج، خدمات"),
        ("status", "published"),
        ("action", "preview"),
    ];
    let (action, fields) = editor_form(&client, &server, "/admin/posts/new", &preview).await;
    let response = submit(&client, &server, &action, &fields).await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("<strong>الجسر</strong>"), "preview missing");
    assert!(!page.contains("<script>alert"), "preview not sanitized");
    assert_eq!(
        site.ok(&["post", "list"]).lines().count(),
        0,
        "a preview saved a post"
    );

    // Saved twice from the same form: one post.
    let mut fields = fields;
    fields.retain(|(n, _)| n != "action");
    fields.push(("action".into(), "save".into()));
    let first = submit(&client, &server, &action, &fields).await;
    assert!(first.url().path().ends_with("/edit"), "{}", first.url());
    let second = submit(&client, &server, &action, &fields).await;
    assert_eq!(post_id(&first), post_id(&second));
    assert_eq!(
        site.ok(&["post", "list"]).lines().count(),
        1,
        "the form made two posts"
    );

    // Published: on the site, in search, with its labels.
    let (answer, _) = search_until(&client, &server, "الجسر", 1, Duration::from_secs(2)).await;
    let url = answer["results"][0]["url"].as_str().unwrap().to_owned();
    let (status, public) = get(&client, &server.url(&url)).await;
    assert_eq!(status, 200);
    assert!(public.contains("خدمات"));

    // The post list finds it by a word of its title; a wildcard is only a character.
    for (query, found) in [("الجسر", true), ("مطار", false), ("%", false), ("_", false)] {
        let url =
            reqwest::Url::parse_with_params(&server.url("/admin/posts"), &[("q", query)]).unwrap();
        let (status, list) = get(&client, url.as_str()).await;
        assert_eq!(status, 200);
        assert_eq!(list.contains("افتتاح الجسر الجديد"), found, "{query}");
    }

    // Edited, then the earlier version restored.
    let edit = format!("/admin/posts/{}/edit", post_id(&first));
    let response = save(
        &client,
        &server,
        &edit,
        &[("title", "عنوان معدل"), ("action", "save")],
    )
    .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    let html = Html::parse_document(&page);
    assert_eq!(
        html.select(&scraper::Selector::parse(".revisions li").unwrap())
            .count(),
        1
    );
    let (restore, fields) = read_form(&html, ".revisions form");
    let response = submit(&client, &server, &restore, &fields).await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    let title = Html::parse_document(&page)
        .select(&scraper::Selector::parse("input[name=title]").unwrap())
        .next()
        .and_then(|i| i.value().attr("value").map(str::to_owned));
    assert_eq!(title.as_deref(), Some("افتتاح الجسر الجديد"));
    let (_, public) = get(&client, &server.url(&url)).await;
    assert!(public.contains("افتتاح الجسر الجديد"));

    // An empty title comes back with what was typed and the reason.
    let response = save(
        &client,
        &server,
        "/admin/posts/new",
        &[
            ("title", "   "),
            ("body", "نص طويل كتبه المحرر ولا يريد أن يضيع"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("نص طويل كتبه المحرر ولا يريد أن يضيع"));
    assert_text(&Html::parse_document(&page), ".form-error", "العنوان فارغ.");
}

#[tokio::test]
async fn an_author_writes_drafts_and_cannot_publish() {
    let (_dir, site) = new_site();
    add_user(&site, "سلمى", "salma@example.org", "author");
    add_user(&site, "رامي", "rami@example.org", "editor");
    let server = site.serve();
    let author = signed_in(&server, "salma@example.org").await;
    let editor = signed_in(&server, "rami@example.org").await;

    // The author's form offers draft and review only; asking for more is refused.
    let (status, page) = get(&author, &server.url("/admin/posts/new")).await;
    assert_eq!(status, 200);
    assert!(!page.contains("value=\"published\"") && !page.contains("name=\"featured\""));
    for (name, value) in [
        ("status", "published"),
        ("status", "scheduled"),
        ("featured", "on"),
    ] {
        let response = save(
            &author,
            &server,
            "/admin/posts/new",
            &[
                ("title", "خبر الكاتبة"),
                ("body", "نص."),
                (name, value),
                ("action", "save"),
            ],
        )
        .await;
        assert_eq!(response.status(), 403, "{name}={value}");
    }
    assert_eq!(site.ok(&["post", "list"]).lines().count(), 0);

    // A draft submitted for review.
    let response = save(
        &author,
        &server,
        "/admin/posts/new",
        &[
            ("title", "خبر الكاتبة"),
            ("body", "نص الخبر."),
            ("status", "review"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let own = format!("/admin/posts/{}/edit", post_id(&response));
    let listed = site.ok(&["post", "list"]);
    assert!(listed.contains("\treview\t"), "{listed}");

    // The editor's own post is not the author's to open.
    let response = save(
        &editor,
        &server,
        "/admin/posts/new",
        &[
            ("title", "خبر المحرر"),
            ("body", "نص."),
            ("status", "draft"),
            ("action", "save"),
        ],
    )
    .await;
    let theirs = format!("/admin/posts/{}/edit", post_id(&response));
    let (status, _) = get(&author, &server.url(&theirs)).await;
    assert_eq!(status, 403);

    // Once the editor publishes it, the author's post is closed to them.
    let response = save(
        &editor,
        &server,
        &own,
        &[("status", "published"), ("action", "save")],
    )
    .await;
    assert_eq!(response.status(), 200);
    let (status, _) = get(&author, &server.url(&own)).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_scheduled_post_goes_live_by_itself() {
    let (_dir, _site, server, client) =
        member_of_new_site("رامي", "rami@example.org", "editor").await;
    // The editor takes times on the newsroom's clock: a new ar-SY site is in Asia/Damascus.
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    let at = jiff::tz::TimeZone::get("Asia/Damascus")
        .unwrap()
        .to_datetime(at)
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let response = save(
        &client,
        &server,
        "/admin/posts/new",
        &[
            ("title", "خبر مجدول للنشر"),
            ("body", "نص مجدول."),
            ("status", "scheduled"),
            ("publish_at", &at),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let (_, home) = get(&client, &server.url("/")).await;
    assert!(!home.contains("خبر مجدول للنشر"), "shown before its time");

    // Nobody visits; within the scheduler's interval after its time it is on the home page.
    let started = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let (_, home) = get(&client, &server.url("/")).await;
        if home.contains("خبر مجدول للنشر") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "not published within 20 s"
        );
    }
    search_until(&client, &server, "مجدول", 1, Duration::from_secs(2)).await;
}

#[tokio::test]
async fn a_post_gets_a_cover_an_excerpt_and_a_chosen_slug() {
    let (_dir, site, server, client) =
        member_of_new_site("رامي", "rami@example.org", "editor").await;
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(1200, 800)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    let page = crate::media::upload(&client, &server, jpeg.into_inner(), "cover.jpg")
        .await
        .text()
        .await
        .unwrap();
    let line = text_of(&Html::parse_document(&page), ".media-grid code").unwrap();

    // A cover that is not one of our uploads is refused, with the text kept.
    let response = save(
        &client,
        &server,
        "/admin/posts/new",
        &[
            ("title", "سوق الخميس"),
            ("body", "نص عن السوق."),
            ("cover", "/media/../../etc/passwd"),
            ("status", "published"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("نص عن السوق."));

    let response = save(
        &client,
        &server,
        "/admin/posts/new",
        &[
            ("title", "سوق الخميس"),
            ("body", "نص عن السوق."),
            ("cover", &line),
            ("slug", "souk-thursday"),
            ("excerpt", "ملخص كتبه المحرر بنفسه."),
            ("status", "published"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let listed = site.ok(&["post", "list"]);
    let path = listed
        .split('\t')
        .find(|f| f.ends_with("/souk-thursday.html"))
        .expect("the chosen slug")
        .to_owned();
    let (status, public) = get(&client, &server.url(&path)).await;
    assert_eq!(status, 200);
    let html = Html::parse_document(&public);
    let cover = html
        .select(&scraper::Selector::parse("figure.cover img").unwrap())
        .next()
        .expect("a cover");
    assert!(cover.value().attr("srcset").unwrap().contains("480w"));
    assert_eq!(cover.value().attr("width"), Some("1200"));
    assert!(
        public.contains("content=\"ملخص كتبه المحرر بنفسه.\""),
        "the excerpt is the description"
    );
}

#[tokio::test]
async fn a_body_from_the_visual_editor_is_kept_as_sanitized_html() {
    let (_dir, site, server, client) =
        member_of_new_site("رامي", "rami@example.org", "editor").await;
    let body = "<h2 dir=\"auto\">ماذا قال الأهالي</h2>\n<p dir=\"auto\">نص *ليس* Markdown \
                <a href=\"https://example.org/x\">رابط</a></p>\n\
                <p onclick=\"alert(1)\" style=\"color:red\">فقرة</p><script>alert(2)</script>";

    // The form's preview (no script) renders the body as what it says it is.
    let html = [("title", "جسر"), ("body", body), ("format", "html")];
    let (action, fields) = editor_form(&client, &server, "/admin/posts/new", &html).await;
    let format = fields
        .iter()
        .find(|(n, _)| n == "format")
        .map(|(_, v)| v.as_str());
    assert_eq!(format, Some("html"));
    let preview = [html.as_slice(), &[("action", "preview")]].concat();
    let (_, preview) = editor_form(&client, &server, "/admin/posts/new", &preview).await;
    let page = submit(&client, &server, &action, &preview).await;
    let page = page.text().await.unwrap();
    assert!(
        page.contains("<h2 dir=\"auto\">ماذا قال الأهالي</h2>"),
        "{page}"
    );
    assert!(page.contains("نص *ليس* Markdown"));
    assert!(page.contains("name=\"format\" value=\"html\""));

    let saved = [
        html.as_slice(),
        &[
            ("slug", "visual"),
            ("status", "published"),
            ("action", "save"),
        ],
    ]
    .concat();
    let response = save(&client, &server, "/admin/posts/new", &saved).await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("name=\"format\" value=\"html\""), "{page}");
    let path = site
        .ok(&["post", "list"])
        .split('\t')
        .find(|f| f.ends_with("/visual.html"))
        .expect("the post")
        .to_owned();
    let (status, public) = get(&client, &server.url(&path)).await;
    assert_eq!(status, 200);
    assert!(public.contains("<h2 dir=\"auto\">ماذا قال الأهالي</h2>"));
    assert!(public.contains("نص *ليس* Markdown"));
    assert!(public.contains("href=\"https://example.org/x\""));
    assert!(public.contains("<p>فقرة</p>"), "{public}");
    for gone in ["onclick", "color:red", "alert("] {
        assert!(!public.contains(gone), "{gone} survived");
    }

    // The live preview takes the format too; without it, Markdown.
    let (_, fields) = editor_form(&client, &server, "/admin/posts/new", &[]).await;
    let csrf = fields.iter().find(|(n, _)| n == "csrf").unwrap().1.clone();
    for (format, expected) in [("html", "**عريض**"), ("", "<strong>عريض</strong>")] {
        let form = [
            ("csrf", csrf.as_str()),
            ("body", "**عريض**"),
            ("format", format),
        ];
        let response = client
            .post(server.url("/admin/preview"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            response.text().await.unwrap().contains(expected),
            "{format}"
        );
    }

    // A Markdown post opens as Markdown.
    site.post_new("سوق", "نص **عريض**", &[]);
    let listed = site.ok(&["post", "list"]);
    let id = listed
        .lines()
        .find(|l| l.ends_with("\tسوق"))
        .and_then(|l| l.split('\t').next())
        .expect("the Markdown post");
    let edit = format!("/admin/posts/{id}/edit");
    let (_, fields) = editor_form(&client, &server, &edit, &[]).await;
    let format = fields
        .iter()
        .find(|(n, _)| n == "format")
        .map(|(_, v)| v.as_str());
    assert_eq!(format, Some("markdown"));
}
