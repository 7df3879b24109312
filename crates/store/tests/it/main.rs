//! The store's test suite, run once on a fresh SQLite file and once on a fresh PostgreSQL
//! database per test (see `minbar_store::testing` for how a missing server is reported).

// A test that cannot go on should stop right there, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use minbar_content::{
    BodyFormat, CommentStatus, Label, ModerationMode, NewComment, NewPage, NewPost,
    OutsideComments, PostId, PostStatus, Site, Slug,
};
use minbar_store::testing::on_both_engines;

mod jobs;
mod remote_images;
use minbar_store::{Store, StoreError, comments, labels, outbox, pages, posts, site};

fn site_settings() -> Site {
    Site {
        title: "منبج الحدث".into(),
        about: "نحن هناااااااااااااا".into(),
        locale: "ar-SY".into(),
        moderation: ModerationMode::FirstTime,
        outside_comments: Some(OutsideComments::Facebook),
        base_url: None,
        secret: "k".repeat(64),
        style: minbar_content::DateStyle::default(),
        facebook_app_id: None,
        comments_close_days: Some(30),
        time_zone: "UTC".into(),
    }
}

fn new_post(title: &str, published_at: i64, featured: bool) -> NewPost {
    NewPost {
        title: title.into(),
        slug: Slug::from_title(title, "post"),
        body_source: "نص".into(),
        body_format: BodyFormat::Markdown,
        body_html: "<p>نص</p>".into(),
        body_text: "نص".into(),
        excerpt: "نص".into(),
        status: PostStatus::Published,
        featured,
        published_at,
        labels: minbar_text::hashtags(title)
            .iter()
            .map(|t| Label::new(&t.name))
            .collect(),
        cover: None,
        language: None,
        translation_of: None,
    }
}

/// 2017-08-06 10:00:00 UTC.
const AUG_2017: i64 = 1_502_013_600;

#[tokio::test]
async fn site_settings_round_trip() {
    on_both_engines(|store| async move {
        assert!(matches!(
            site::get(&store).await,
            Err(StoreError::NotInitialized)
        ));
        assert!(!site::exists(&store).await.unwrap());
        site::save(&store, &site_settings()).await.unwrap();
        assert_eq!(site::get(&store).await.unwrap(), site_settings());
        let mut changed = site_settings();
        changed.moderation = ModerationMode::Open;
        changed.outside_comments = None;
        site::save(&store, &changed).await.unwrap();
        assert_eq!(site::get(&store).await.unwrap(), changed);
    })
    .await;
}

#[tokio::test]
async fn posts_get_month_paths_and_free_slugs() {
    on_both_engines(|store| async move {
        let title = "تنسيق عسكري بين #قسد و #النظام. تمهيدا";
        let first = posts::insert(&store, &new_post(title, AUG_2017, false), None)
            .await
            .unwrap();
        assert_eq!(
            first.path,
            "/2017/08/تنسيق-عسكري-بين-قسد-و-النظام-تمهيدا.html"
        );
        let names: Vec<&str> = first.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["قسد", "النظام"]);
        let second = posts::insert(&store, &new_post(title, AUG_2017, false), None)
            .await
            .unwrap();
        assert_eq!(
            second.path,
            "/2017/08/تنسيق-عسكري-بين-قسد-و-النظام-تمهيدا-2.html"
        );
        let found = posts::published_page(&store, &first.path)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.post, first);
        let none = posts::published_page(&store, "/2017/08/none.html").await;
        assert!(none.unwrap().is_none());
    })
    .await;
}

#[tokio::test]
async fn drafts_stay_out_of_public_reads() {
    on_both_engines(|store| async move {
        let mut draft = new_post("مسودة", AUG_2017, true);
        draft.status = PostStatus::Draft;
        let draft = posts::insert(&store, &draft, None).await.unwrap();
        let public = posts::published_page(&store, &draft.path).await;
        assert!(public.unwrap().is_none());
        assert_eq!(posts::list_published(&store, 10, 0).await.unwrap().total, 0);
        assert!(posts::featured(&store, 10).await.unwrap().is_empty());
        assert_eq!(posts::list_all(&store).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn lists_page_newest_first_by_label_and_month() {
    on_both_engines(|store| async move {
        for i in 0..5 {
            let title = format!("خبر {i} عن #الرقة");
            posts::insert(
                &store,
                &new_post(&title, AUG_2017 + i * 60, i % 2 == 0),
                None,
            )
            .await
            .unwrap();
        }
        posts::insert(
            &store,
            &new_post("خبر عن #الرقه في أيلول", AUG_2017 + 40 * 86_400, false),
            None,
        )
        .await
        .unwrap();
        let page = posts::list_published(&store, 2, 0).await.unwrap();
        assert_eq!(page.total, 6);
        assert_eq!(page.posts[0].title, "خبر عن #الرقه في أيلول");
        assert_eq!(page.posts[1].title, "خبر 4 عن #الرقة");
        let featured = posts::featured(&store, 10).await.unwrap();
        assert_eq!(featured.len(), 3);

        // Both spellings are one label, shown as first written.
        let key = minbar_text::normalize("الرقه");
        let label = labels::by_key(&store, &key).await.unwrap().unwrap();
        assert_eq!(label.name, "الرقة");
        let selection = posts::Selection {
            label_key: Some(&key),
            ..posts::Selection::default()
        };
        let by_label = posts::list_selected(&store, &selection, 10, 4)
            .await
            .unwrap();
        assert_eq!(by_label.total, 6);
        assert_eq!(by_label.posts.len(), 2);

        let august = posts::list_by_month(&store, &jiff::tz::TimeZone::UTC, 2017, 8, 10, 0)
            .await
            .unwrap();
        assert_eq!(august.total, 5);
        let september = posts::list_by_month(&store, &jiff::tz::TimeZone::UTC, 2017, 9, 10, 0)
            .await
            .unwrap();
        assert_eq!(september.total, 1);
        assert!(matches!(
            posts::list_by_month(&store, &jiff::tz::TimeZone::UTC, 2017, 13, 10, 0).await,
            Err(StoreError::NotFound)
        ));
    })
    .await;
}

/// The published comments a post's page shows, read as the page reads them.
async fn shown(store: &Store, path: &str) -> Vec<minbar_content::Comment> {
    posts::published_page(store, path)
        .await
        .unwrap()
        .expect("the post is published")
        .comments
}

#[tokio::test]
async fn comments_are_moderated_and_counted() {
    on_both_engines(|store| async move {
        let post = posts::insert(&store, &new_post("خبر", AUG_2017, false), None)
            .await
            .unwrap();
        let comment = |status, key: Option<&str>| NewComment {
            post_id: post.id,
            parent_id: None,
            author_name: "قارئ".into(),
            author_key: key.map(str::to_owned),
            body: "<b>شكرا</b>\nسطر".into(),
            status,
            ip: Some("203.0.113.7".into()),
            user_id: None,
            spam: Default::default(),
            fingerprint: "f1".into(),
        };
        let pending = comments::insert(&store, &comment(CommentStatus::Pending, Some("k1")))
            .await
            .unwrap();
        assert!(shown(&store, &post.path).await.is_empty());
        assert!(!comments::author_is_trusted(&store, "k1").await.unwrap());
        comments::set_status(&store, pending.id, CommentStatus::Published)
            .await
            .unwrap();
        assert!(comments::author_is_trusted(&store, "k1").await.unwrap());
        let first = shown(&store, &post.path).await;
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].body, "<b>شكرا</b>\nسطر");
        assert_eq!(first[0].author_name, "قارئ");
        assert_eq!(first[0].post_id, post.id);
        assert!(!first[0].staff && first[0].edited_at.is_none());

        let mut reply = comment(CommentStatus::Published, None);
        reply.parent_id = Some(pending.id);
        let answer = comments::insert(&store, &reply).await.unwrap();
        let both = shown(&store, &post.path).await;
        assert_eq!(both.len(), 2);
        assert_eq!(
            both[1], answer,
            "read back in the order written, the same comment"
        );
        assert_eq!(both[1].parent_id, Some(pending.id));

        let mut orphan = comment(CommentStatus::Published, None);
        orphan.post_id = PostId(9_999);
        assert!(matches!(
            comments::insert(&store, &orphan).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            comments::set_status(
                &store,
                minbar_content::CommentId(9_999),
                CommentStatus::Spam
            )
            .await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(
            comments::list_by_status(&store, CommentStatus::Pending)
                .await
                .unwrap()
                .len(),
            0
        );
    })
    .await;
}

#[tokio::test]
async fn replies_keep_three_levels_and_recent_comments_are_counted() {
    on_both_engines(|store| async move {
        let post = posts::insert(&store, &new_post("خبر", AUG_2017, false), None)
            .await
            .unwrap();
        let new = |parent: Option<minbar_content::CommentId>, ip: &str, print: &str| NewComment {
            post_id: post.id,
            parent_id: parent,
            author_name: "قارئ".into(),
            author_key: None,
            body: "نص".into(),
            status: CommentStatus::Published,
            ip: Some(ip.into()),
            user_id: None,
            spam: minbar_content::comments::Verdict {
                score: 2,
                reasons: vec!["links 2".into(), "fast 3".into()],
            },
            fingerprint: print.into(),
        };
        let root = comments::insert(&store, &new(None, "a", "p1"))
            .await
            .unwrap();
        let reply = comments::insert(&store, &new(Some(root.id), "a", "p2"))
            .await
            .unwrap();
        let deep = comments::insert(&store, &new(Some(reply.id), "b", "p3"))
            .await
            .unwrap();
        assert_eq!(deep.parent_id, Some(reply.id));
        // A reply to the third level joins the third level.
        let deeper = comments::insert(&store, &new(Some(deep.id), "b", "p4"))
            .await
            .unwrap();
        assert_eq!(deeper.parent_id, Some(reply.id));
        // Only a published comment can be answered.
        comments::set_status(&store, root.id, CommentStatus::Rejected)
            .await
            .unwrap();
        assert!(matches!(
            comments::insert(&store, &new(Some(root.id), "a", "p5")).await,
            Err(StoreError::NotFound)
        ));
        comments::set_status(&store, deep.id, CommentStatus::Spam)
            .await
            .unwrap();
        let recent = comments::recent(
            &store,
            &comments::RecentQuery {
                ip: "b",
                post: post.id,
                author_key: None,
                fingerprint: "p1",
                address_since: 0,
                site_since: 0,
                duplicate_since: 0,
            },
        )
        .await
        .unwrap();
        assert_eq!(
            recent,
            comments::Recent {
                from_address: 2,
                on_site: 4,
                duplicates: 1,
                spam_from_address: 1,
            }
        );
        let queued = comments::queue(&store, CommentStatus::Spam, 10)
            .await
            .unwrap();
        assert_eq!(queued[0].spam_reasons, ["links 2", "fast 3"]);
        assert_eq!(queued[0].ip.as_deref(), Some("b"));
        comments::edit(&store, deeper.id, "محرر", "نص مصحح")
            .await
            .unwrap();
        let edited = comments::queued_by_id(&store, deeper.id).await.unwrap();
        assert_eq!(edited.comment.body, "نص مصحح");
        assert!(edited.comment.edited_at.is_some());
        assert_eq!(comments::published_count(&store, post.id).await.unwrap(), 2);
        // Limits are checked as the comment is written: four comments stored, a site limit of
        // four refuses the fifth, an address limit counts that address only.
        let window = |per_address, per_site| comments::Window {
            address_since: 0,
            per_address,
            site_since: 0,
            per_site,
        };
        let fifth = new(None, "c", "p6");
        assert!(
            comments::insert_within(&store, &fifth, &window(10, 4))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            comments::insert_within(&store, &new(None, "b", "p6"), &window(2, 10))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            comments::insert_within(&store, &fifth, &window(1, 5))
                .await
                .unwrap()
                .is_some()
        );
        let listed = posts::list_published(&store, 10, 0).await.unwrap();
        assert_eq!(listed.posts[0].comments, 3);

        use minbar_content::BanKind;
        use minbar_store::bans;
        bans::add(&store, BanKind::Word, "كازينو", "كازينو")
            .await
            .unwrap();
        bans::add(&store, BanKind::Word, "كازينو", "كَازينو")
            .await
            .unwrap();
        bans::add(&store, BanKind::Address, "203.0.113.0/24", "203.0.113.0/24")
            .await
            .unwrap();
        assert_eq!(
            bans::values(&store, BanKind::Word).await.unwrap(),
            ["كازينو"]
        );
        let listed = bans::list(&store).await.unwrap();
        assert_eq!(listed.len(), 2);
        bans::remove(&store, listed[0].id).await.unwrap();
        assert!(matches!(
            bans::remove(&store, listed[0].id).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(bans::list(&store).await.unwrap().len(), 1);

        // Addresses are erased once old; nothing newer is touched.
        assert_eq!(comments::forget_addresses(&store, 0).await.unwrap(), 0);
        assert_eq!(
            comments::forget_addresses(&store, i64::MAX).await.unwrap(),
            5
        );
        let queued = comments::queue(&store, CommentStatus::Spam, 10)
            .await
            .unwrap();
        assert_eq!(queued[0].ip, None);
    })
    .await;
}

#[tokio::test]
async fn pages_have_unique_slugs() {
    on_both_engines(|store| async move {
        let page = NewPage {
            slug: Slug::from_title("من نحن", "page"),
            title: "من نحن".into(),
            body_source: "نص".into(),
            body_format: BodyFormat::Markdown,
            body_html: "<p>نص</p>".into(),
            language: None,
        };
        pages::insert(&store, &page).await.unwrap();
        assert!(matches!(
            pages::insert(&store, &page).await,
            Err(StoreError::Conflict(_))
        ));
        let found = pages::by_slug(&store, "من-نحن").await.unwrap().unwrap();
        assert_eq!(found.title, "من نحن");
        assert_eq!(pages::list(&store).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn every_visible_change_lands_in_the_outbox_in_order() {
    on_both_engines(|store| async move {
        assert_eq!(outbox::latest(&store).await.unwrap(), 0);
        site::save(&store, &site_settings()).await.unwrap();
        let post = posts::insert(&store, &new_post("خبر", AUG_2017, false), None)
            .await
            .unwrap();
        let changes = outbox::since(&store, 0, 100).await.unwrap();
        let kinds: Vec<(&str, &str)> = changes
            .iter()
            .map(|c| (c.entity.as_str(), c.action.as_str()))
            .collect();
        assert_eq!(kinds, [("site", "update"), ("post", "insert")]);
        assert_eq!(changes[1].path.as_deref(), Some(post.path.as_str()));
        assert!(changes[0].seq < changes[1].seq);
        assert_eq!(outbox::latest(&store).await.unwrap(), changes[1].seq);
        let after = outbox::since(&store, changes[1].seq, 100).await;
        assert!(after.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn sqlite_file_is_in_wal_mode_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), None).await.unwrap();
    site::save(&store, &site_settings()).await.unwrap();
    store.close().await;
    let store = Store::open(dir.path(), None).await.unwrap();
    assert_eq!(site::get(&store).await.unwrap().title, "منبج الحدث");
    assert!(dir.path().join("minbar.db-wal").exists() || dir.path().join("minbar.db").exists());
    let mode = store.journal_mode().await.unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn unusable_data_dir_and_url_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let error = Store::open(&file.join("data"), None).await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("a-file/data"), "{message}");
    assert!(message.contains("cannot be used"), "{message}");

    let error = Store::open(dir.path(), Some("mysql://x/y"))
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::UnsupportedUrl(_)));
    let error = Store::open(dir.path(), Some("postgres://nobody:pw@127.0.0.1:1/x"))
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("cannot connect") && !message.contains("pw@"),
        "{message}"
    );
}

#[tokio::test]
async fn sqlite_flushes_every_commit_to_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), None).await.unwrap();
    // FULL (2): a commit is on the disk before it is acknowledged, so a power loss keeps it.
    assert_eq!(store.sqlite_synchronous().await.unwrap(), Some(2));
    assert_eq!(store.journal_mode().await.unwrap(), "wal");
}
