//! The post page on a cache miss. `render post page` is the view model plus template from a
//! loaded post (no database); `post page cache miss` is the whole request in process, through
//! the router with the page cache switched off: the store's reads (post, labels, comments,
//! layout) on SQLite, the render, the middleware. A cached answer skips all of it; wrk measures
//! that in `bench/web.sh`.

// A test that cannot go on should stop right there, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use minbar_content::{
    BodyFormat, Comment, CommentId, CommentStatus, Label, Post, PostId, PostStatus, Slug,
};
use minbar_web::AppState;
use std::hint::black_box;

#[path = "../tests/it/fixture.rs"]
mod fixture;

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
        language: None,
        translation_group: None,
    }
}

/// A runtime for the store's calls, and a state over a fresh store in a temporary folder.
fn runtime_and_state() -> (tokio::runtime::Runtime, tempfile::TempDir, AppState) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (dir, state, _) = runtime.block_on(fixture::state_with_index());
    (runtime, dir, state)
}

fn bench_post_page(c: &mut Criterion) {
    // The state needs a store handle; rendering never touches it.
    let (_runtime, _dir, state) = runtime_and_state();
    let site = fixture::site();
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
        b.iter(|| black_box(fixture::render_post_page(&state, &site, &post, &comments)))
    });
}

fn bench_post_miss(c: &mut Criterion) {
    use tower::ServiceExt;
    let (runtime, _dir, state) = runtime_and_state();
    let (app, path) = runtime.block_on(async {
        fixture::save_site(&state).await;
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
        let stored = minbar_store::posts::insert(state.store(), &post, None)
            .await
            .unwrap();
        let state = state.with_cache_budget(0);
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
