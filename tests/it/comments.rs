//! Comments through HTTP as readers and moderators send them: threads, hostile input, the spam
//! checks and their answers, bans, staff names, closing, the outside tab, and a flood.

use crate::admin::{PASSWORD, add_user, sign_in};
use crate::harness::{
    Server, Site, assert_text, attrs, browser, fetch, fill, filled, get, like_a_reader, page_form,
    post_form, read_form, submit, text_of,
};
use scraper::Html;
use std::net::{IpAddr, Ipv4Addr};

/// A site with one post; returns the post's path.
fn site_with_post(moderation: &str) -> (tempfile::TempDir, Site, String) {
    let (dir, site) = Site::fresh();
    site.ok(&["init", "--title", "منبج اليوم", "--moderation", moderation]);
    let path = site.post_new("خبر للنقاش", "نص الخبر.", &[]);
    (dir, site, path.trim().to_owned())
}

/// [`site_with_post`], served; returns the post's address.
fn served_post(moderation: &str) -> (tempfile::TempDir, Site, Server, String) {
    let (dir, site, path) = site_with_post(moderation);
    let server = site.serve();
    let url = server.url(&path);
    (dir, site, server, url)
}

/// A reader: a cookie-keeping client, the comment form's fields from the post page, and the
/// wait a person takes to write.
async fn reader_form(client: &reqwest::Client, url: &str) -> (String, Vec<(String, String)>, Html) {
    let (status, page) = get(client, url).await;
    assert_eq!(status, 200);
    let html = Html::parse_document(&page);
    let (action, fields) = read_form(&html, "#comment-form");
    (action, fields, html)
}

/// [`reader_form`]'s fields, once a person would have written the comment.
async fn ready_reader(client: &reqwest::Client, url: &str) -> Vec<(String, String)> {
    let (_, fields, _) = reader_form(client, url).await;
    like_a_reader().await;
    fields
}

async fn send(
    client: &reqwest::Client,
    url: &str,
    fields: &[(String, String)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let response = post_form(client, url, fields).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap_or_default())
}

/// A comment signed `name` saying `body`, sent with the form's other `fields`.
async fn comment(
    client: &reqwest::Client,
    url: &str,
    fields: &[(String, String)],
    name: &str,
    body: &str,
) -> (u16, reqwest::header::HeaderMap, String) {
    send(
        client,
        url,
        &filled(fields, &[("name", name), ("body", body)]),
    )
    .await
}

/// A reader's comment on the post at `path`, sent through its form after a person's wait.
pub(crate) async fn leave_comment(
    reader: &reqwest::Client,
    server: &Server,
    path: &str,
    name: &str,
    body: &str,
) -> reqwest::Response {
    let (action, mut fields) = page_form(reader, server, path, "form.comment-form").await;
    like_a_reader().await;
    fill(&mut fields, "name", name);
    fill(&mut fields, "body", body);
    submit(reader, server, &action, &fields).await
}

/// A refusal: the form's message and the text the reader typed, given back (in the form, or in
/// a read-only box where comments are closed).
fn refusal(page: &str) -> (String, String) {
    let html = Html::parse_document(page);
    (
        text_of(&html, "#comments .form-error").unwrap_or_default(),
        html.select(&scraper::Selector::parse("#comment-body").unwrap())
            .next()
            .map(|e| e.text().collect())
            .unwrap_or_default(),
    )
}

#[tokio::test]
async fn replies_nest_and_every_comment_has_its_link() {
    let (_dir, _site, server, url) = served_post("open");
    let client = browser();
    let fields = ready_reader(&client, &url).await;
    let (status, _, page) = comment(&client, &url, &fields, "سلمى", "أول تعليق").await;
    assert_eq!(status, 200);
    let html = Html::parse_document(&page);
    let first = attrs(&html, "li.comment", "id")[0]
        .trim_start_matches("comment-")
        .to_owned();
    // Without JavaScript, the reply link gives the form set to answer.
    let reply_link = attrs(&html, "a.reply", "href")[0].clone();
    let (_, reply_fields, html) = reader_form(&client, &server.url(&reply_link)).await;
    assert_text(&html, ".replying [data-replying]", "ردًّا على سلمى");
    assert!(reply_fields.contains(&("parent".into(), first.clone())));
    like_a_reader().await;
    let mut parent = first;
    for (n, body) in ["ردّ أول", "ردّ على الرد", "ردّ رابع المستوى"]
        .iter()
        .enumerate()
    {
        let fields = filled(
            &reply_fields,
            &[
                ("name", &format!("قارئ {n}")),
                ("body", body),
                ("parent", &parent),
            ],
        );
        let (status, _, page) = send(&client, &url, &fields).await;
        assert_eq!(status, 200, "{body}");
        let html = Html::parse_document(&page);
        parent = attrs(&html, "li.comment", "id")
            .last()
            .unwrap()
            .trim_start_matches("comment-")
            .to_owned();
    }
    let (_, page) = get(&client, &url).await;
    let html = Html::parse_document(&page);
    let classes = attrs(&html, "li.comment", "class");
    assert_eq!(
        classes,
        [
            "comment depth-0",
            "comment depth-1",
            "comment depth-2",
            "comment depth-2"
        ],
        "a fourth level joins the third"
    );
    assert_text(&html, "#comments-title", "4 تعليقات");
    // Each comment's date links to its own place.
    for (id, link) in
        attrs(&html, "li.comment", "id")
            .iter()
            .zip(attrs(&html, "li.comment a.permalink", "href"))
    {
        assert!(link.ends_with(&format!("#{id}")), "{link}");
    }
    // The home page counts what readers can see.
    let (_, home) = get(&client, &server.url("/")).await;
    assert!(home.contains("4 تعليقات"), "the home page shows the count");
    // A reply to a comment that does not exist is refused, with the text kept.
    let fields = filled(
        &reply_fields,
        &[("name", "قارئ"), ("body", "ردّ ضائع"), ("parent", "999999")],
    );
    let (status, _, page) = send(&client, &url, &fields).await;
    assert_eq!(status, 422);
    let (message, body) = refusal(&page);
    assert!(message.contains("لم يعد ظاهرًا"), "{message}");
    assert_eq!(body, "ردّ ضائع");
}

#[tokio::test]
async fn hostile_comments_are_shown_as_inert_text() {
    let (_dir, site, _server, url) = served_post("open");
    let client = browser();
    let fields = ready_reader(&client, &url).await;
    let hostile = [
        ("<img src=x onerror=alert(1)>", "<script>alert(2)</script>"),
        (
            "قارئ",
            "<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">اضغط</a>",
        ),
        ("زائر", "javascript:alert(5)"),
        (
            "\u{202E}رامي\u{202C}",
            "ملف abc\u{202E}gnp.exe\u{2066}نص\u{200D}",
        ),
    ];
    for (name, body) in hostile {
        let (status, _, _) = comment(&client, &url, &fields, name, body).await;
        assert_eq!(status, 200, "{body}");
    }
    // Invalid UTF-8 in the form encoding: read with replacement characters, stored, inert.
    let raw = "name=%D9%82%FF&body=%C3%28%FE%FF+%D9%86%D8%B5";
    let response = client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(raw)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);

    let (_, page) = get(&client, &url).await;
    let html = Html::parse_document(&page);
    let section = scraper::Selector::parse("#comments *").unwrap();
    for element in html.select(&section) {
        for (attribute, value) in element.value().attrs() {
            assert!(
                !attribute.starts_with("on"),
                "{attribute} on {:?}",
                element.value()
            );
            assert!(!value.trim_start().starts_with("javascript:"), "{value}");
        }
        // The one image is the form's own first-seen image; none comes from a comment.
        if element.value().name() == "img" {
            assert_eq!(element.value().attr("src"), Some("/comment-form/seen"));
        }
        assert_ne!(element.value().name(), "script");
    }
    let bodies: Vec<String> = html
        .select(&scraper::Selector::parse(".comment-body").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert!(bodies.contains(&"<script>alert(2)</script>".to_owned()));
    assert!(bodies.contains(&"javascript:alert(5)".to_owned()));
    assert!(
        bodies.contains(&"ملف abcgnp.exeنص".to_owned()),
        "{bodies:?}"
    );
    assert!(bodies.iter().any(|b| b.contains('\u{FFFD}')));
    let names = text_of(&html, ".comment-list").unwrap_or_default();
    assert!(names.contains("<img src=x onerror=alert(1)>"));
    for mark in ['\u{202E}', '\u{202C}', '\u{2066}', '\u{200D}'] {
        assert!(
            !page.contains(mark),
            "U+{:04X} reached the page",
            mark as u32
        );
    }

    // Too many links, 10,000 links, and a megabyte: refused, nothing stored.
    let links = "https://spam.example/x ".repeat(20);
    let (status, _, page) = comment(&client, &url, &fields, "قارئ", &links).await;
    assert_eq!(status, 422);
    let (message, body) = refusal(&page);
    assert!(message.contains("روابط كثيرة"), "{message}");
    assert_eq!(body, links);
    for body in ["http://a.b ".repeat(10_000), "ب".repeat(1 << 20)] {
        let (status, _, _) = comment(&client, &url, &fields, "قارئ", &body).await;
        assert!(matches!(status, 413 | 422), "{status}");
    }
    let stored = site.ok(&["comment", "list", "--status", "published"]);
    assert_eq!(stored.lines().count(), 5, "{stored}");
}

#[tokio::test]
async fn spam_checks_answer_in_arabic_and_keep_the_text() {
    let (_dir, site, path) = site_with_post("first-time");
    add_user(&site, "رامي الأحمد", "rami@example.org", "editor");
    let server = site.serve();
    let url = server.url(&path);
    let client = browser();
    let (_, fields, _) = reader_form(&client, &url).await;

    // Sent before a person could have written it: refused, text kept.
    let quick = filled(&fields, &[("name", "قارئ"), ("body", "سريع جدًا")]);
    let (status, _, page) = send(&client, &url, &quick).await;
    assert_eq!(status, 422);
    let (message, body) = refusal(&page);
    assert!(message.contains("أسرع مما يكتب إنسان"), "{message}");
    assert_eq!(body, "سريع جدًا");
    // Without the cookie that says when the form was first served: refused as expired.
    let (status, _, page) = send(&crate::harness::browser(), &url, &quick).await;
    assert_eq!(status, 422);
    assert!(refusal(&page).0.contains("انتهت صلاحية النموذج"));
    like_a_reader().await;

    // A staff member's name, however it is spelled, is refused.
    let (status, _, page) = comment(&client, &url, &fields, "رَامـــي الأحمد", "أنا المحرر").await;
    assert_eq!(status, 422);
    assert!(refusal(&page).0.contains("لأحد أعضاء فريق التحرير"));

    // The editor adds a blocked word; a comment spelling it with tashkeel, tatweel and stretched
    // letters is held as spam, with the reason for the moderator; the reader is told only that
    // it waits.
    let editor = browser();
    sign_in(&editor, &server, "rami@example.org", PASSWORD).await;
    let bans = "/admin/comments/bans";
    let (action, mut ban) = page_form(
        &editor,
        &server,
        bans,
        "form[action=\"/admin/comments/bans\"]",
    )
    .await;
    ban.push(("kind".into(), "word".into()));
    fill(&mut ban, "value", "كازينو");
    let (status, _, _) = send(&editor, &server.url(&action), &ban).await;
    assert_eq!(status, 200);
    let (status, _, page) =
        comment(&client, &url, &fields, "زائر", "العب في كَـــازيييينو الآن").await;
    assert_eq!(status, 200);
    assert!(page.contains("سيظهر تعليقك بعد أن يراجعه المحررون"));
    let (_, spam) = get(&editor, &server.url("/admin/comments?status=spam")).await;
    assert!(spam.contains("العب في كَـــازيييينو الآن"));
    assert!(
        spam.contains("فيه كلمة محظورة: كازينو"),
        "the reason is kept"
    );

    // The same text twice is taken once.
    let twice = filled(&fields, &[("name", "قارئة"), ("body", "تعليق مفيد")]);
    assert_eq!(send(&client, &url, &twice).await.0, 200);
    let (status, _, page) = send(&client, &url, &twice).await;
    assert_eq!(status, 409);
    assert_eq!(refusal(&page).1, "تعليق مفيد");

    // Per-address limit: the seventh comment in ten minutes waits, told so in Arabic.
    let mut last = (0, reqwest::header::HeaderMap::new(), String::new());
    for n in 0..5 {
        last = comment(&client, &url, &fields, "قارئ", &format!("تعليق رقم {n}")).await;
    }
    assert_eq!(last.0, 429);
    assert_eq!(last.1["retry-after"], "600");
    let (message, body) = refusal(&last.2);
    assert!(message.contains("أرسلت تعليقات كثيرة"), "{message}");
    assert_eq!(body, "تعليق رقم 4");

    // The editor bans the address from the queue: its comments are refused from then on.
    let (_, queue) = get(&editor, &server.url("/admin/comments?status=pending")).await;
    let (ban_action, ban_fields) =
        read_form(&Html::parse_document(&queue), "form[action$=\"/ban\"]");
    assert!(ban_fields.contains(&("range".into(), "127.0.0.0/24".into())));
    assert_eq!(
        send(&editor, &server.url(&ban_action), &ban_fields).await.0,
        200
    );
    let other = crate::harness::browser_like()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 9)))
        .build()
        .unwrap();
    let fields = ready_reader(&other, &url).await;
    let (status, _, page) = comment(&other, &url, &fields, "جار", "من الشبكة المحظورة").await;
    assert_eq!(status, 403);
    assert!(refusal(&page).0.contains("لا يقبل الموقع تعليقات من شبكتك"));

    // The editor corrects a comment; readers see it marked as edited.
    let (_, queue) = get(&editor, &server.url("/admin/comments?status=pending")).await;
    let edit = attrs(&Html::parse_document(&queue), "a[href$=\"/edit\"]", "href")[0].clone();
    let (edit_action, edit_fields) = page_form(&editor, &server, &edit, "form.editor").await;
    let (status, _, _) = send(
        &editor,
        &server.url(&edit_action),
        &filled(&edit_fields, &[("body", "")]),
    )
    .await;
    assert_eq!(status, 422, "an empty comment is refused");
    let corrected = filled(&edit_fields, &[("body", "نص صححه المحرر")]);
    assert_eq!(
        send(&editor, &server.url(&edit_action), &corrected).await.0,
        200
    );
    let (_, queue) = get(&editor, &server.url("/admin/comments?status=pending")).await;
    assert!(queue.contains("نص صححه المحرر") && queue.contains("عدّله المحررون"));

    // A signed-in editor comments under the account's name, at once, with the badge.
    let (_, fields, _) = reader_form(&editor, &url).await;
    let (status, _, page) = comment(&editor, &url, &fields, "أي اسم", "شكرًا لكم جميعًا").await;
    assert_eq!(status, 200);
    let html = Html::parse_document(&page);
    assert_text(&html, "li.comment.staff .comment-meta bdi", "رامي الأحمد");
    assert_text(&html, "li.comment.staff .badge", "من فريق التحرير");
}

#[tokio::test]
async fn comments_close_by_hand_and_by_age_and_the_telegram_tab_waits() {
    let (_dir, site) = Site::fresh();
    site.ok(&[
        "init",
        "--title",
        "منبج اليوم",
        "--moderation",
        "open",
        "--outside-comments",
        "telegram",
        "--close-comments-after",
        "7",
    ]);
    add_user(&site, "رامي", "rami@example.org", "editor");
    let old = site.post_new(
        "خبر قديم",
        "نص.",
        &["--published-at", "2020-01-01T10:00:00Z"],
    );
    let fresh = site.ok(&["post", "new", "--title", "خبر جديد", "--body", "نص."]);
    let server = site.serve();
    let client = browser();

    // Past the site's seven days: no form, and a post sent anyway is refused with its text.
    let old_url = server.url(old.trim());
    let (_, page) = get(&client, &old_url).await;
    let html = Html::parse_document(&page);
    assert!(text_of(&html, "#comment-form").is_none());
    assert!(text_of(&html, ".comments-closed").is_some());
    let fresh_url = server.url(fresh.trim());
    let (_, fields, html) = reader_form(&client, &fresh_url).await;
    let fields: Vec<(String, String)> = fields;
    assert!(
        text_of(&html, "[role=tablist]").is_none(),
        "no Telegram tab before the post names its message"
    );
    like_a_reader().await;
    let (status, _, page) = comment(&client, &old_url, &fields, "قارئ", "متأخر").await;
    assert_eq!(status, 403);
    let (message, body) = refusal(&page);
    assert!(message.contains("أُغلقت التعليقات"), "{message}");
    assert_eq!(body, "متأخر");

    // The editor closes the new post by hand and names its Telegram message.
    let editor = browser();
    sign_in(&editor, &server, "rami@example.org", PASSWORD).await;
    let (_, posts) = get(&editor, &server.url("/admin/posts")).await;
    let posts = Html::parse_document(&posts);
    let edit = posts
        .select(&scraper::Selector::parse("a[href$=\"/edit\"]").unwrap())
        .find(|a| a.text().collect::<String>() == "خبر جديد")
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_owned();
    let (action, mut discussion) =
        page_form(&editor, &server, &edit, "form[action$=\"/discussion\"]").await;
    fill(&mut discussion, "telegram", "javascript:alert(1)");
    let (status, _, page) = send(&editor, &server.url(&action), &discussion).await;
    assert_eq!(status, 422);
    let page = Html::parse_document(&page);
    assert!(
        text_of(&page, ".form-error")
            .unwrap_or_default()
            .contains("رابط تيليغرام غير صحيح")
    );
    assert_eq!(attrs(&page, "#telegram", "value"), ["javascript:alert(1)"]);
    fill(
        &mut discussion,
        "telegram",
        "https://t.me/manbij_news/1234?single",
    );
    fill(&mut discussion, "closed", "on");
    assert_eq!(
        send(&editor, &server.url(&action), &discussion).await.0,
        200
    );
    let (_, page) = get(&client, &fresh_url).await;
    let html = Html::parse_document(&page);
    assert!(text_of(&html, "#comment-form").is_none());
    assert_eq!(
        attrs(&html, "[data-outside-src]", "data-outside-src"),
        ["https://t.me/manbij_news/1234?embed=1&discussion=1&comments_limit=20"]
    );
    assert!(
        attrs(&html, "iframe", "src").is_empty(),
        "nothing is loaded from Telegram until the reader asks"
    );
    assert_eq!(
        attrs(&html, "#panel-outside a", "href"),
        ["https://t.me/manbij_news/1234"]
    );
}

#[tokio::test]
async fn a_flood_from_many_addresses_loses_nothing_it_accepted() {
    let (_dir, site, _server, url) = served_post("open");
    // 40 readers, each on its own loopback address, each with its form.
    let mut readers = Vec::new();
    for n in 0..40u8 {
        let client = crate::harness::browser_like()
            .redirect(reqwest::redirect::Policy::none())
            .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 1, n + 1)))
            .build()
            .unwrap();
        let (_, fields, _) = reader_form(&client, &url).await;
        readers.push((client, fields));
    }
    like_a_reader().await;
    // Each sends five comments at once while others keep loading the page.
    let mut tasks = Vec::new();
    for (n, (client, fields)) in readers.iter().enumerate() {
        for k in 0..5 {
            let client = client.clone();
            let url = url.clone();
            let body = format!("تعليق القارئ {n} رقم {k}");
            let fields = filled(fields, &[("name", &format!("قارئ {n}")), ("body", &body)]);
            tasks.push(tokio::spawn(async move {
                let response = post_form(&client, &url, &fields).await;
                (response.status().as_u16(), body)
            }));
        }
    }
    let loads: Vec<_> = (0..100)
        .map(|_| {
            let client = readers[0].0.clone();
            let url = url.clone();
            tokio::spawn(async move { fetch(&client, &url).await.status().as_u16() })
        })
        .collect();
    let mut accepted = Vec::new();
    let mut limited = 0;
    for task in tasks {
        match task.await.unwrap() {
            (303, body) => accepted.push(body),
            (429, _) => limited += 1,
            (other, body) => panic!("{body}: {other}"),
        }
    }
    for load in loads {
        assert_eq!(load.await.unwrap(), 200, "readers kept getting the page");
    }
    assert!(limited > 0, "the site-wide limit held the flood back");
    assert!(!accepted.is_empty());
    let stored = site.ok(&["comment", "list", "--status", "published"]);
    let mut stored_bodies: Vec<&str> = stored
        .lines()
        .map(|line| line.rsplit('\t').next().unwrap_or_default())
        .collect();
    stored_bodies.sort_unstable();
    accepted.sort_unstable();
    assert_eq!(
        stored_bodies, accepted,
        "every accepted comment is stored, and nothing else"
    );
    println!(
        "flood: {} accepted and stored, {limited} refused with 429",
        accepted.len()
    );
}
