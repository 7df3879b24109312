//! The operations as every door reaches them, on SQLite and PostgreSQL: each rule refuses with
//! its typed reason whoever asks, and each role gets exactly what it may do.

// A test that cannot go on should stop right there, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use minbar_content::comment_checks::CommentRefusal;
use minbar_content::{CommentStatus, PostDraft, PostStatus, Role, SettingsError, User};
use minbar_ops::comments::{Moderation, Sender, Submission};
use minbar_ops::users::NewUser;
use minbar_ops::{Actor, OpError, Refusal};
use minbar_store::Store;
use minbar_store::testing::on_both_engines;

async fn site(store: &Store) {
    minbar_ops::settings::initialize(store, |text| {
        text.title = "منبج اليوم".into();
        text.locale = "ar-SY".into();
        text.moderation = "first-time".into();
        Ok(())
    })
    .await
    .unwrap();
}

async fn user(store: &Store, name: &str, role: &str) -> User {
    let new = NewUser {
        name: name.into(),
        email: format!("{role}@example.org"),
        role: role.into(),
        password: "كلمة سر طويلة للتجربة".into(),
    };
    minbar_ops::users::add(store, Actor::Operator, &new)
        .await
        .unwrap()
}

fn refusal(result: Result<impl std::fmt::Debug, OpError>) -> Option<Refusal> {
    match result {
        Err(OpError::Refused(refusal)) => Some(refusal),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn forbidden<T: std::fmt::Debug>(result: Result<T, OpError>) -> bool {
    matches!(result, Err(OpError::Forbidden))
}

#[tokio::test]
async fn roles_and_rules_hold_for_every_actor() {
    on_both_engines(|store| async move {
        site(&store).await;
        let author = user(&store, "كاتب", "author").await;
        let editor = user(&store, "محررة", "editor").await;
        let admin = user(&store, "مديرة", "admin").await;

        // Settings: one rule whoever asks, and only admins (or the operator) may ask.
        let bad = [("base_url".to_owned(), "https://x\"<".to_owned())];
        for actor in [Actor::Operator, Actor::User(&admin)] {
            let refused = refusal(minbar_ops::settings::set(&store, actor, &bad).await);
            assert!(matches!(
                refused,
                Some(Refusal::Settings(SettingsError::BaseUrl(_)))
            ));
        }
        assert!(forbidden(
            minbar_ops::settings::set(&store, Actor::User(&editor), &bad).await
        ));

        // Posts: an author writes drafts, may not publish or feature; an editor may.
        let mut draft = PostDraft {
            title: "خبر من المراسل".into(),
            body: "نص الخبر.".into(),
            status: "published".into(),
            ..PostDraft::default()
        };
        assert!(forbidden(
            minbar_ops::posts::create(&store, Actor::User(&author), &draft, None).await
        ));
        draft.status = "draft".into();
        let created = minbar_ops::posts::create(&store, Actor::User(&author), &draft, None)
            .await
            .unwrap();
        draft.status = "published".into();
        let (published, _) =
            minbar_ops::posts::update(&store, Actor::User(&editor), created.post.id, &draft)
                .await
                .unwrap();
        assert_eq!(published.status, PostStatus::Published);
        // Once published, it is no longer the author's to change.
        assert!(forbidden(
            minbar_ops::posts::update(&store, Actor::User(&author), created.post.id, &draft).await
        ));
        draft.labels = vec!["وسم".into(); 51];
        assert_eq!(
            refusal(minbar_ops::posts::create(&store, Actor::User(&editor), &draft, None).await)
                .map(|r| r.key()),
            Some("editor-error-labels")
        );

        // Accounts: the last admin keeps the role; nobody removes themselves.
        assert_eq!(
            refusal(
                minbar_ops::users::set_role(&store, Actor::User(&admin), admin.id, "author").await
            ),
            Some(Refusal::LastAdmin)
        );
        assert_eq!(
            refusal(minbar_ops::users::remove(&store, Actor::User(&admin), admin.id).await),
            Some(Refusal::RemoveSelf)
        );
        assert!(forbidden(
            minbar_ops::users::list(&store, Actor::User(&editor)).await
        ));
        assert_eq!(author.role, Role::Author);
    })
    .await;
}

#[tokio::test]
async fn a_comment_meets_every_check_in_order_without_http() {
    on_both_engines(|store| async move {
        site(&store).await;
        let editor = user(&store, "رامي", "editor").await;
        let author = user(&store, "كاتب", "author").await;
        let draft = PostDraft {
            title: "خبر للنقاش".into(),
            body: "نص.".into(),
            status: "published".into(),
            ..PostDraft::default()
        };
        let created = minbar_ops::posts::create(&store, Actor::Operator, &draft, None)
            .await
            .unwrap();
        let post = minbar_ops::posts::read(&store, Actor::Operator, created.post.id)
            .await
            .unwrap();
        let site = minbar_store::site::get(&store).await.unwrap();
        let now = minbar_ops::now();
        let reader = Sender {
            ip: Some("203.0.113.7".parse().unwrap()),
            seen: Some(now - 30),
            staff: None,
        };
        let sent = |name: &str, body: &str| Submission {
            name: name.into(),
            body: body.into(),
            ..Submission::default()
        };
        let refused = |result| match refusal(result) {
            Some(Refusal::Comment(reason)) => reason,
            other => panic!("expected a comment refusal, got {other:?}"),
        };
        let submit = |sent: Submission, sender: Sender<'static>| {
            let (store, site, post) = (store.clone(), site.clone(), post.clone());
            async move { minbar_ops::comments::submit(&store, &site, &post, &sent, sender).await }
        };

        assert_eq!(
            refused(submit(sent(" ", "نص"), reader).await),
            CommentRefusal::NameEmpty
        );
        let expired = Sender {
            seen: None,
            ..reader
        };
        assert_eq!(
            refused(submit(sent("قارئ", "نص"), expired).await),
            CommentRefusal::FormExpired
        );
        let fast = Sender {
            seen: Some(now),
            ..reader
        };
        assert_eq!(
            refused(submit(sent("قارئ", "نص"), fast).await),
            CommentRefusal::TooFast
        );
        // A staff member's name, however it is spelled, is not a reader's to take.
        assert_eq!(
            refused(submit(sent("رَامـــي", "نص"), reader).await),
            CommentRefusal::StaffName
        );
        let first = submit(sent("قارئ", "تعليق أول"), reader).await.unwrap();
        assert_eq!(
            first.status,
            CommentStatus::Pending,
            "first-time moderation"
        );
        assert_eq!(
            refused(submit(sent("قارئ", "تعليقٌ  أوّل"), reader).await),
            CommentRefusal::Duplicate
        );

        // Moderation: not an author's; a ban refuses the range's next comment.
        assert!(forbidden(
            minbar_ops::comments::moderate(
                &store,
                Actor::User(&author),
                first.id,
                &Moderation::Approve
            )
            .await
        ));
        let ban = Moderation::Ban {
            range: "203.0.113.0/24".into(),
        };
        minbar_ops::comments::moderate(&store, Actor::User(&editor), first.id, &ban)
            .await
            .unwrap();
        assert_eq!(
            refused(submit(sent("قارئ", "تعليق آخر"), reader).await),
            CommentRefusal::Banned
        );
        let bad_ban = Moderation::Ban {
            range: "not a range".into(),
        };
        assert_eq!(
            refusal(
                minbar_ops::comments::moderate(&store, Actor::Operator, first.id, &bad_ban).await
            ),
            Some(Refusal::BanRange)
        );
    })
    .await;
}
