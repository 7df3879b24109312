//! The post page on a cache miss. `render post page` is the view model plus template from a
//! loaded post (no database); `post page cache miss` is the whole request in process, through
//! the router with the page cache switched off: the store's reads (post, labels, comments,
//! layout) on SQLite, the render, the middleware. A cached answer skips all of it; wrk measures
//! that in `bench/web.sh`.

// A test that cannot go on should stop right there, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use minbar_content::{
    BodyFormat, Comment, CommentId, CommentStatus, Label, Post, PostId, PostStatus, Site, Slug,
};
use minbar_web::views::{Layout, PostView};
use std::hint::black_box;

fn sample_post() -> Post {
    // Arabic prose of about the reference article's length (about 3,000 characters), our own text.
    let paragraph = "افتتحت البلدية صباح اليوم سوق الخضار الجديد قرب الجسر القديم، بعد أشهر من أعمال الترميم التي شارك فيها أهالي الحي. ويضم السوق أربعين محلًا صغيرًا خُصّص ربعها لمزارعي القرى المجاورة.";
    let body_html: String = (0..8).map(|_| format!("<p>{paragraph}</p>\n")).collect();
    Post {
        id: PostId(1),
        path: "/2017/08/افتتاح-سوق-الخضار-الجديد-قرب-الجسر-القديم.html".into(),
        slug: Slug::from_stored("افتتاح-سوق-الخضار-الجديد-قرب-الجسر-القديم".into()),
        title: "افتتاح سوق الخضار الجديد قرب #الجسر_القديم و #الحصاد".into(),
        body_source: String::new(),
        body_format: BodyFormat::Html,
        body_html,
        excerpt: paragraph.into(),
        status: PostStatus::Published,
        featured: false,
        published_at: Some(1_502_013_600),
        updated_at: 1_502_013_600,
        author: Some("فريق التحرير".into()),
        labels: vec![Label::new("الجسر_القديم"), Label::new("الحصاد")],
        cover: None,
        discussion: Default::default(),
    }
}

fn sample_site() -> Site {
    Site {
        title: "منبج الحدث".into(),
        about: "نحن هنا".into(),
        locale: "ar-SY".into(),
        moderation: minbar_content::ModerationMode::FirstTime,
        outside_comments: Some(minbar_content::OutsideComments::Facebook),
        base_url: Some("https://example.org".into()),
        secret: "s".repeat(64),
        style: minbar_content::DateStyle::default(),
        facebook_app_id: None,
        comments_close_days: None,
    }
}

fn bench_post_page(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The state needs a store handle; rendering never touches it.
    let store = runtime
        .block_on(minbar_store::Store::open(dir.path(), None))
        .unwrap();
    let (index, _) = minbar_search::SearchIndex::open(
        &dir.path().join("search"),
        minbar_search::WriterSize::Server,
    )
    .unwrap();
    let state = minbar_web::AppState::new(
        store,
        std::sync::Arc::new(index),
        std::sync::Arc::new(minbar_media::LocalFolder::new(&dir.path().join("media"))),
        None,
    )
    .unwrap();
    let site = sample_site();
    let post = sample_post();
    let comments: Vec<Comment> = (0..5)
        .map(|i| Comment {
            id: CommentId(i),
            post_id: post.id,
            parent_id: None,
            author_name: "قارئ".into(),
            body: "شكرًا على الخبر\nسطر ثانٍ".into(),
            status: CommentStatus::Published,
            created_at: 1_502_013_600 + i,
            staff: false,
            edited_at: None,
        })
        .collect();
    c.bench_function("render post page (view model + template)", |b| {
        b.iter(|| {
            let layout = Layout::new(&state, &site, vec![("about".into(), "من نحن".into())], &[]);
            let view = PostView::new(
                &state,
                &site,
                layout,
                &post,
                minbar_web::views::CommentsShown {
                    all: &comments,
                    page: 1,
                    open: true,
                },
                "https://example.org",
            );
            black_box(state.templates().render("post.html", &view).unwrap())
        })
    });
}

fn bench_post_miss(c: &mut Criterion) {
    use tower::ServiceExt;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (app, path) = runtime.block_on(async {
        let store = minbar_store::Store::open(dir.path(), None).await.unwrap();
        let mut site = sample_site();
        site.base_url = Some("https://example.org".into());
        minbar_store::site::save(&store, &site).await.unwrap();
        let sample = sample_post();
        let input = minbar_content::PostInput {
            title: sample.title.clone(),
            body: sample.body_html.clone(),
            format: BodyFormat::Html,
            labels: vec!["منبج".into()],
            featured: true,
            draft: false,
            published_at: 1_502_013_600,
        };
        let (post, _) = minbar_content::compose_post(&input).unwrap();
        let stored = minbar_store::posts::insert(&store, &post, None)
            .await
            .unwrap();
        let (index, _) = minbar_search::SearchIndex::open(
            &dir.path().join("search"),
            minbar_search::WriterSize::Server,
        )
        .unwrap();
        let state = minbar_web::AppState::new(
            store,
            std::sync::Arc::new(index),
            std::sync::Arc::new(minbar_media::LocalFolder::new(&dir.path().join("media"))),
            None,
        )
        .unwrap()
        .with_cache_budget(0);
        (
            minbar_web::app(state),
            minbar_web::views::encode_path(&stored.path),
        )
    });
    c.bench_function("post page cache miss (store + render, in process)", |b| {
        b.iter(|| {
            let request = axum::http::Request::get(&path)
                .header("host", "example.org")
                .body(axum::body::Body::empty())
                .unwrap();
            let response = runtime.block_on(app.clone().oneshot(request)).unwrap();
            assert_eq!(response.status(), 200);
            black_box(response)
        })
    });
}

criterion_group!(benches, bench_post_page, bench_post_miss);
criterion_main!(benches);
