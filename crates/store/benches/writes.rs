//! What durability costs: one post or one comment written per transaction, and a thousand posts
//! in one transaction (what an import does), on SQLite with `synchronous = FULL` (the default:
//! every commit flushed to the disk) against `NORMAL` (flushed at checkpoints only).

// A benchmark that cannot set up should stop right there, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use minbar_content::{
    BodyFormat, CommentStatus, NewComment, NewPost, PostId, PostStatus, Slug, comments::Verdict,
};
use minbar_store::{Durability, Store};
use std::sync::atomic::{AtomicI64, Ordering};

fn post(n: i64) -> NewPost {
    let title = format!("خبر رقم {n} عن السوق الجديد");
    NewPost {
        slug: Slug::from_title(&title, "post"),
        title,
        body_source: "نص الخبر.".into(),
        body_format: BodyFormat::Markdown,
        body_html: "<p>نص الخبر.</p>".into(),
        body_text: "نص الخبر.".into(),
        excerpt: "نص الخبر.".into(),
        status: PostStatus::Published,
        featured: false,
        published_at: 1_700_000_000 + n,
        labels: Vec::new(),
        cover: None,
        language: None,
        translation_of: None,
    }
}

fn comment(post: PostId, n: i64) -> NewComment {
    NewComment {
        post_id: post,
        parent_id: None,
        author_name: "قارئ".into(),
        author_key: None,
        body: format!("تعليق رقم {n}"),
        status: CommentStatus::Published,
        ip: Some("203.0.113.7".into()),
        user_id: None,
        spam: Verdict::default(),
        fingerprint: format!("{n:024x}"),
    }
}

fn writes(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    for (name, durability) in [("full", Durability::Full), ("normal", Durability::Normal)] {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("bench.db").display()
        );
        let store = runtime.block_on(async {
            let store = Store::connect_with(&url, durability).await.unwrap();
            store.migrate().await.unwrap();
            store
        });
        let first = runtime
            .block_on(minbar_store::posts::insert(&store, &post(0), None))
            .unwrap();
        let n = AtomicI64::new(1);
        let next = || n.fetch_add(1, Ordering::Relaxed);
        let mut group = c.benchmark_group(format!("sqlite synchronous={name}"));
        group.sample_size(30);
        group.bench_function("one post per commit", |b| {
            b.iter(|| {
                runtime
                    .block_on(minbar_store::posts::insert(&store, &post(next()), None))
                    .unwrap()
            })
        });
        group.bench_function("one comment per commit", |b| {
            b.iter(|| {
                runtime
                    .block_on(minbar_store::comments::insert(
                        &store,
                        &comment(first.id, next()),
                    ))
                    .unwrap()
            })
        });
        group.sample_size(10);
        group.bench_function("1,000 posts in one commit (an import)", |b| {
            b.iter(|| {
                let batch: Vec<NewPost> = (0..1_000).map(|_| post(next())).collect();
                runtime
                    .block_on(minbar_store::posts::insert_many(&store, &batch, None))
                    .unwrap()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, writes);
criterion_main!(benches);
