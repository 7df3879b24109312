//! The router driven in-process (no socket): status codes, headers and rendered pages, with a
//! snapshot of the post page so any change to the markup is seen in review.

// A test that cannot go on should stop right there, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use minbar_content::{
    BodyFormat, Comment, CommentId, CommentStatus, Label, Post, PostId, PostStatus, Slug,
};
use minbar_web::{AppState, app};
use tower::ServiceExt;

mod fixture;
use fixture::{render_post_page, save_site, site, state_with_index};

async fn state() -> (tempfile::TempDir, AppState) {
    let (dir, state, _) = state_with_index().await;
    (dir, state)
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn an_uninitialized_site_says_so_in_arabic() {
    let (_dir, state) = state().await;
    let (status, headers, body) = get(&state, "/").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("لم يُجهَّز الموقع بعد"), "{body}");
    assert!(
        headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("script-src 'self'")
    );
}

#[tokio::test]
async fn static_files_are_fingerprinted_and_cached() {
    let (_dir, state) = state().await;
    save_site(&state).await;
    let (status, headers, body) = get(&state, "/static/minbar.css").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/css; charset=utf-8");
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(body.contains("prefers-color-scheme: dark"));
    let (status, _, home) = get(&state, "/").await;
    assert_eq!(status, StatusCode::OK);
    let version = state.templates().asset_version();
    assert!(home.contains(&format!("/static/minbar.css?v={version}")));
    assert!(!home.contains("<script>"), "no inline script");
    let (status, _, body) = get(&state, "/static/../Cargo.toml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("الصفحة غير موجودة"));
}

/// The stylesheet is most of a first visit's bytes: it goes compressed to a reader who accepts
/// it, the same text once decoded, and whole to one who does not.
#[tokio::test]
async fn static_files_are_served_compressed_when_accepted() {
    use std::io::Read;
    let (_dir, state) = state().await;
    save_site(&state).await;
    let ask = |encoding: &'static str| {
        let state = state.clone();
        async move {
            let response = app(state)
                .oneshot(
                    Request::get("/static/minbar.css")
                        .header(header::ACCEPT_ENCODING, encoding)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            let headers = response.headers().clone();
            let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap();
            (headers, body)
        }
    };
    let (headers, plain) = ask("identity").await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(headers[header::VARY], "Accept-Encoding");
    let (headers, gzipped) = ask("gzip, deflate").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(headers[header::VARY], "Accept-Encoding");
    assert!(
        headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(
        gzipped.len() * 3 < plain.len(),
        "{} of {}",
        gzipped.len(),
        plain.len()
    );
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(&gzipped[..])
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(text, plain);
    let (headers, brotli) = ask("br;q=1, gzip;q=0.5").await;
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    let mut text = Vec::new();
    brotli::Decompressor::new(&brotli[..], 4096)
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(text, plain);
    // The second reader gets the same bytes, made once.
    assert_eq!(ask("br").await.1, brotli);
    let (headers, _) = ask("gzip;q=0").await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
}

#[tokio::test]
async fn post_page_markup() {
    let (_dir, state) = state().await;
    let site = site();
    let post = Post {
        id: PostId(7),
        path: "/2017/08/تنسيق-بين-قسد-و-النظام.html".into(),
        slug: Slug::from_stored("تنسيق-بين-قسد-و-النظام".into()),
        title: "تنسيق بين #قسد و #النظام. تمهيدا".into(),
        body_source: String::new(),
        body_format: BodyFormat::Html,
        body_html: "<p>فقرة أولى.</p>\n<p>فقرة <strong>ثانية</strong>.</p>\n".into(),
        excerpt: "فقرة أولى. فقرة ثانية.".into(),
        status: PostStatus::Published,
        featured: false,
        published_at: Some(1_502_013_600),
        updated_at: 1_502_013_600,
        author: None,
        labels: vec![Label::new("قسد"), Label::new("النظام")],
        cover: None,
        discussion: Default::default(),
        language: None,
        translation_group: None,
    };
    let comment = Comment {
        id: CommentId(3),
        post_id: post.id,
        parent_id: None,
        author_name: "قارئ <b>".into(),
        body: "سطر\nوسطر <script>".into(),
        status: CommentStatus::Published,
        created_at: 1_502_100_000,
        staff: false,
        edited_at: None,
    };
    // A thread: a reply from the newsroom, and an answer to it.
    let reply_to = |parent: i64, author_name: &str, body: &str, created_at: i64| Comment {
        id: CommentId(parent + 1),
        parent_id: Some(CommentId(parent)),
        author_name: author_name.into(),
        body: body.into(),
        created_at,
        ..comment.clone()
    };
    let reply = Comment {
        staff: true,
        ..reply_to(3, "فريق التحرير", "شكرًا على الملاحظة", 1_502_100_100)
    };
    let answer = reply_to(4, "قارئ", "العفو", 1_502_100_200);
    let comments = [comment, reply, answer];
    let html = render_post_page(&state, &site, &post, &comments);
    // The fingerprint changes with every stylesheet edit; the snapshot is about the markup.
    let html = html.replace(state.templates().asset_version(), "VERSION");
    insta::assert_snapshot!(html);
}

#[tokio::test]
async fn search_page_markup() {
    let (_dir, state, index) = state_with_index().await;
    save_site(&state).await;
    for (title, body, at) in [
        (
            "وفد أممي يصل إلى الرقة",
            "وصل وفد من الأمم المتحدة إلى مدينة الرقة صباح اليوم، والتقى بممثلين عن المجلس المحلي.",
            1_502_013_600,
        ),
        (
            "أسعار الخبز في منبج",
            "قال تجار إن الطحين يصل من الرقه بكميات أقل <b>منذ</b> أسبوعين.",
            1_501_927_200,
        ),
    ] {
        let (post, _) = minbar_content::compose_post(&minbar_content::PostInput {
            title: title.into(),
            body: body.into(),
            format: BodyFormat::Markdown,
            labels: vec![],
            featured: false,
            draft: false,
            published_at: at,
        })
        .unwrap();
        minbar_store::posts::insert(state.store(), &post, None)
            .await
            .unwrap();
    }
    minbar_search::follow::catch_up(&index, state.store())
        .await
        .unwrap();
    let (status, headers, html) =
        get(&state, "/search?q=%D9%88%D8%A7%D9%84%D8%B1%D9%82%D8%A9").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = html.replace(state.templates().asset_version(), "VERSION");
    insta::assert_snapshot!(html);
}

/// Past 50,000 addresses the sitemap is an index of parts: every part it names is in the site's
/// address list (so `minbar build` writes it) and answers, and so does every older page of the
/// home page's list.
#[tokio::test]
async fn every_sitemap_part_the_index_names_is_an_address_of_the_site() {
    let (_dir, state) = state().await;
    save_site(&state).await;
    let (post, _) = minbar_content::compose_post(&minbar_content::PostInput {
        title: "خبر".into(),
        body: "نص.".into(),
        format: BodyFormat::Markdown,
        labels: vec!["منبج".into()],
        featured: false,
        draft: false,
        published_at: 1_502_013_600,
    })
    .unwrap();
    // 50,001 posts and no static page: one more than a sitemap file holds with the home page.
    let posts: Vec<_> = (0..50_001)
        .map(|n| minbar_content::NewPost {
            slug: Slug::from_stored(format!("khabar-{n}")),
            published_at: post.published_at + n * 60,
            ..post.clone()
        })
        .collect();
    minbar_store::posts::insert_many(state.store(), &posts, None)
        .await
        .unwrap();

    let addresses = minbar_web::addresses::all(state.store()).await.unwrap();
    assert_eq!(addresses.posts.len(), 50_001);
    let urls: std::collections::BTreeSet<&str> =
        addresses.lists.iter().map(|a| a.url.as_str()).collect();
    let (status, _, index) = get(&state, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    let named: Vec<&str> = index
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .map(|loc| loc.strip_prefix("https://example.org").unwrap())
        .collect();
    assert_eq!(
        named,
        [
            "/sitemap-pages.xml",
            "/sitemap-posts/1.xml",
            "/sitemap-posts/2.xml"
        ]
    );
    for part in named {
        assert!(urls.contains(part), "{part} is not in the address list");
        // A part holds up to 50,000 URLs, more than `get` reads: its status is enough here.
        let response = app(state.clone())
            .oneshot(Request::get(part).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{part}");
    }
    // 50,001 posts make 5,001 pages of the home page's list, each one an address that answers.
    assert!(urls.contains("/page/5001/") && !urls.contains("/page/5002/"));
    let label = minbar_web::views::label_url("منبج");
    for url in ["/page/5001/".to_owned(), format!("{label}/page/5001/")] {
        let (status, _, _) = get(&state, &url).await;
        assert_eq!(status, StatusCode::OK, "{url}");
    }
    let (status, _, _) = get(&state, "/page/5002/").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
