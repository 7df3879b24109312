//! Renders the post page from a loaded post: view model plus template, no database, no network.
//! This is the request path's own work; the store and page cache are measured elsewhere.

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
    let site = Site {
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
    };
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

criterion_group!(benches, bench_post_page);
criterion_main!(benches);
