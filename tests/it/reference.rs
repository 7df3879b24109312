//! The reference page (`../shared/reference/seed-page.txt`) published and read back over HTTP,
//! row by row of `../shared/reference/README.md`, on SQLite and on PostgreSQL.

use crate::harness::{
    Site, assert_text, attrs, browser, fill, get, read_form, shared_file, text_of,
};
use crate::validate;
use minbar_store::testing::PostgresDb;
use scraper::Html;

/// The reference page, taken apart: site title, about text, post title and paragraphs.
struct Reference {
    site_title: String,
    about: String,
    title: String,
    paragraphs: Vec<String>,
}

fn read_reference() -> Option<Reference> {
    let path = shared_file("reference/seed-page.txt")?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let title_at = lines
        .iter()
        .position(|l| l.contains('#'))
        .unwrap_or_else(|| panic!("no title"));
    let share_at = lines
        .iter()
        .position(|l| l.starts_with("شارك على"))
        .unwrap_or_else(|| panic!("no share line"));
    let about_at = lines
        .iter()
        .position(|l| l.starts_with("عن "))
        .unwrap_or_else(|| panic!("no about box"));
    let about = lines[about_at + 1..]
        .iter()
        .find(|l| !l.is_empty())
        .unwrap_or_else(|| panic!("no about text"));
    Some(Reference {
        site_title: lines[about_at].trim_start_matches("عن ").to_owned(),
        about: (*about).to_owned(),
        title: lines[title_at].to_owned(),
        paragraphs: lines[title_at + 1..share_at]
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| (*l).to_owned())
            .collect(),
    })
}

#[tokio::test]
async fn reference_page_end_to_end_on_sqlite() {
    let Some(reference) = read_reference() else {
        return;
    };
    let (dir, site) = Site::fresh();
    check_reference_site(&site, &reference, Some(dir.path())).await;
}

#[tokio::test]
async fn reference_page_end_to_end_on_postgres() {
    let Some(reference) = read_reference() else {
        return;
    };
    let Some(db) = PostgresDb::create().await else {
        return;
    };
    let (_dir, mut site) = Site::fresh();
    site.database_url = Some(db.url.clone());
    // Run on a local task so that a failed assertion still lets the database be dropped
    // (the HTML parser's types are not Send, so a plain spawn will not do).
    let local = tokio::task::LocalSet::new();
    let outcome = local
        .run_until(async move {
            tokio::task::spawn_local(
                async move { check_reference_site(&site, &reference, None).await },
            )
            .await
        })
        .await;
    db.drop_now().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic.into_panic());
    }
}

/// Publishes the reference post and two featured posts, then checks every row of the
/// reference table over HTTP, and posts a comment as a browser would. Pages are saved in
/// `pages_dir`, when given, and checked by the HTML validator.
async fn check_reference_site(
    site: &Site,
    reference: &Reference,
    pages_dir: Option<&std::path::Path>,
) {
    site.ok(&[
        "init",
        "--title",
        &reference.site_title,
        "--about",
        &reference.about,
        "--locale",
        "ar-SY",
        "--moderation",
        "open",
        "--outside-comments",
        "facebook",
    ]);
    let body_file = site.data.with_file_name("body.md");
    std::fs::write(&body_file, reference.paragraphs.join("\n\n")).unwrap_or_else(|e| panic!("{e}"));
    let body_file = body_file.to_string_lossy().into_owned();
    let path = site.ok(&[
        "post",
        "new",
        "--title",
        &reference.title,
        "--body-file",
        &body_file,
        "--published-at",
        "2017-08-06T10:00:00Z",
    ]);
    let path = path.trim().to_owned();
    assert!(
        path.starts_with("/2017/08/") && path.ends_with(".html"),
        "{path}"
    );
    let featured_titles = ["خبر مميز أول عن #منبج", "خبر مميز ثانٍ عن الريف"];
    for (i, title) in featured_titles.iter().enumerate() {
        let at = format!("2017-08-0{}T09:00:00Z", i + 1);
        site.post_new(
            title,
            "نص قصير كتبناه للاختبار.",
            &["--featured", "--published-at", &at],
        );
    }

    let server = site.serve();
    let client = browser();
    let mut saved = Vec::new();
    let mut keep = |name: &str, html: &str| {
        if let Some(dir) = pages_dir {
            let file = dir.join(format!("{name}.html"));
            std::fs::write(&file, html).unwrap_or_else(|e| panic!("{e}"));
            saved.push(file);
        }
    };

    // Featured Posts: the home page leads with the widget, the post page shows it beside.
    let (status, home) = get(&client, &server.url("/")).await;
    assert_eq!(status, 200);
    keep("home", &home);
    let home = Html::parse_document(&home);
    let featured = text_of(&home, "main .featured").unwrap_or_default();
    for title in featured_titles {
        assert!(
            featured.contains(title),
            "featured widget lacks {title}: {featured}"
        );
    }
    assert!(
        !featured.contains(&reference.title),
        "an unfeatured post is in the widget"
    );
    assert!(
        text_of(&home, "main .latest")
            .unwrap_or_default()
            .contains("تنسيق عسكري")
    );

    let (status, page) = get(&client, &server.url(&path)).await;
    assert_eq!(status, 200);
    keep("post", &page);
    let html = Html::parse_document(&page);
    assert_eq!(attrs(&html, "html", "lang"), ["ar-SY"]);
    assert_eq!(attrs(&html, "html", "dir"), ["rtl"]);
    let side = text_of(&html, ".sidebar .featured").unwrap_or_default();
    assert!(featured_titles.iter().all(|t| side.contains(t)), "{side}");

    // The title, with each hashtag a link to its label page.
    assert_eq!(text_of(&html, "h1"), Some(reference.title.clone()));
    let tags = attrs(&html, "h1 a.hashtag", "href");
    assert_eq!(
        tags,
        [
            "/search/label/%D9%82%D8%B3%D8%AF",
            "/search/label/%D8%A7%D9%84%D9%86%D8%B8%D8%A7%D9%85"
        ]
    );
    for tag in &tags {
        let (status, label_page) = get(&client, &server.url(tag)).await;
        assert_eq!(status, 200, "{tag}");
        assert!(
            label_page.contains("تنسيق عسكري"),
            "{tag} does not list the post"
        );
    }
    // The post's labels are listed by name, each linking to its page.
    assert_text(&html, ".labels li:first-child a", "قسد");
    assert_text(&html, ".labels li:last-child a", "النظام");
    assert_eq!(attrs(&html, ".labels a[rel=tag]", "href"), tags);
    let (_, label_page) = get(&client, &server.url("/search/label/%D9%82%D8%B3%D8%AF")).await;
    keep("label", &label_page);

    // The paragraphs, every one, in the body.
    let body = text_of(&html, ".post .body").unwrap_or_default();
    for paragraph in &reference.paragraphs {
        let words: String = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(body.contains(&words), "paragraph missing: {paragraph}");
    }

    // Share links that work today, and none to the dead service.
    let share = |class: &str| attrs(&html, &format!(".share a.{class}"), "href").concat();
    assert!(share("share-whatsapp").starts_with("https://wa.me/?text="));
    assert!(share("share-telegram").starts_with("https://t.me/share/url?url="));
    assert!(share("share-facebook").starts_with("https://www.facebook.com/sharer/sharer.php?u="));
    assert!(share("share-x").starts_with("https://x.com/intent/post?url="));
    assert_eq!(
        attrs(&html, ".share button.share-copy", "data-copy").len(),
        1
    );
    assert_eq!(
        attrs(&html, ".share button.share-device", "data-share-url").len(),
        1
    );
    assert!(!page.contains("plus.google"));

    // The about box: site title and about text, the elongated word as written.
    assert_eq!(
        text_of(&html, ".about h2"),
        Some(format!("عن {}", reference.site_title))
    );
    assert_eq!(text_of(&html, ".about p"), Some(reference.about.clone()));

    // Two comment tabs; nothing loaded from Facebook until the reader asks.
    let tabs = text_of(&html, ".comments [role=tablist]").unwrap_or_default();
    assert!(
        tabs.contains("تعليقات الموقع") && tabs.contains("تعليقات فيسبوك"),
        "{tabs}"
    );
    assert!(!page.contains("<iframe"));
    let sources = [
        attrs(&html, "[src]", "src"),
        attrs(&html, "link[rel=stylesheet]", "href"),
    ]
    .concat();
    assert!(
        sources.iter().all(|s| s.starts_with('/')),
        "a page resource is not ours: {sources:?}"
    );
    assert!(
        attrs(&html, "[data-outside-src]", "data-outside-src")
            .concat()
            .starts_with("https://www.facebook.com/plugins/comments.php")
    );

    // The count, in correct Arabic, and the form.
    assert_text(&html, "#comments-title", "لا تعليقات");
    assert_text(&html, "#comment-form button[type=submit]", "إرسال تعليق");

    // A comment through the form, as a browser sends it.
    let (action, mut fields) = read_form(&html, "#comment-form");
    crate::harness::like_a_reader().await;
    fill(&mut fields, "name", "قارئ من منبج");
    fill(
        &mut fields,
        "body",
        "شكرًا على المتابعة <b>الدقيقة</b>\nسطر ثانٍ",
    );
    let action = action.split('#').next().unwrap_or_default().to_owned();
    let response = client
        .post(server.url(&action))
        .form(&fields)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.unwrap_or_default();
    keep("post-with-comment", &page);
    let html = Html::parse_document(&page);
    assert_text(&html, "#comments-title", "تعليق واحد");
    assert!(
        page.contains("شكرًا على المتابعة &lt;b&gt;الدقيقة&lt;/b&gt;\nسطر ثانٍ"),
        "comment not escaped as text"
    );

    // Monthly archive, static page absent, localized 404.
    let (status, archive) = get(&client, &server.url("/2017/08/")).await;
    assert_eq!(status, 200);
    assert!(
        archive.contains("آب 2017"),
        "archive heading names the Levantine month"
    );
    keep("archive", &archive);
    // Search finds the article by a spelling its text does not use, and shows how to search.
    let (answer, _) = crate::harness::search_until(
        &client,
        &server,
        "والرقه",
        1,
        std::time::Duration::from_secs(30),
    )
    .await;
    assert_eq!(answer["results"][0]["url"], path.as_str(), "{answer}");
    let url = reqwest::Url::parse_with_params(&server.url("/search"), &[("q", "والرقه")])
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, results) = get(&client, url.as_str()).await;
    assert_eq!(status, 200);
    assert!(results.contains("<mark>"), "matches are marked");
    keep("search", &results);
    let (status, hint) = get(&client, &server.url("/search")).await;
    assert_eq!(status, 200);
    keep("search-empty", &hint);
    let (status, missing) = get(&client, &server.url("/2017/08/no-such-post.html")).await;
    assert_eq!(status, 404);
    assert!(missing.contains("الصفحة غير موجودة"));
    keep("not-found", &missing);

    let (clean, log) = server.terminate();
    assert!(clean, "serve did not exit cleanly on SIGTERM: {log:#?}");
    assert!(log.iter().any(|l| l.contains("minbar stopped")), "{log:#?}");

    if pages_dir.is_some() {
        validate::html_pages(&saved);
    }
}
