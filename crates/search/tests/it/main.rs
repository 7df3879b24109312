//! The search index against a real store: spellings, ranking, phrases, filters, snippets, and
//! following the outbox through publish, edit, unpublish, delete and restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use minbar_content::{BodyFormat, PostId, PostInput, PostStatus, compose_post};
use minbar_search::{
    Filters, Rebuild, SearchError, SearchIndex, SearchPage, SearchRequest, WriterSize, follow,
};
use minbar_store::testing::PostgresDb;
use minbar_store::{Store, posts};
use std::future::Future;
use std::sync::Arc;

mod arabic;

const NOW: i64 = 1_700_000_000;
const DAY: i64 = 86_400;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    index: Arc<SearchIndex>,
}

impl Fixture {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), None).await.unwrap();
        Self::with_store(dir, store).await
    }

    async fn with_store(dir: tempfile::TempDir, store: Store) -> Self {
        let (index, rebuild) =
            SearchIndex::open(&dir.path().join("search"), WriterSize::Server).unwrap();
        assert_eq!(rebuild, Some(Rebuild::Missing));
        Self {
            _dir: dir,
            store,
            index: Arc::new(index),
        }
    }

    async fn post(&self, title: &str, body: &str, labels: &[&str], at: i64) -> PostId {
        self.post_with(title, body, labels, at, false).await
    }

    async fn post_with(
        &self,
        title: &str,
        body: &str,
        labels: &[&str],
        at: i64,
        draft: bool,
    ) -> PostId {
        let (post, _) = compose_post(&PostInput {
            title: title.into(),
            body: body.into(),
            format: BodyFormat::Markdown,
            labels: labels.iter().map(|l| l.to_string()).collect(),
            featured: false,
            draft,
            published_at: at,
        })
        .unwrap();
        posts::insert(&self.store, &post, None).await.unwrap().id
    }

    async fn sync(&self) {
        follow::catch_up(&self.index, &self.store).await.unwrap();
    }

    async fn search(&self, query: &str) -> SearchPage {
        self.search_with(query, Filters::default(), 1).await
    }

    async fn search_with(&self, query: &str, filters: Filters, page: usize) -> SearchPage {
        let request = SearchRequest {
            query: query.into(),
            filters,
            page,
        };
        minbar_search::search(&self.index, &self.store, &request, NOW)
            .await
            .unwrap()
    }

    async fn titles(&self, query: &str) -> Vec<String> {
        self.search(query)
            .await
            .results
            .into_iter()
            .map(|r| r.title)
            .collect()
    }
}

async fn news() -> Fixture {
    let f = Fixture::new().await;
    f.post(
        "وفد أممي يصل إلى الرقة",
        "وصل وفد من الأمم المتحدة إلى مدينة الرقة لبحث المفاوضات.",
        &["أخبار"],
        NOW - 5 * DAY,
    )
    .await;
    f.post(
        "أمريكا تعلن دعمها للمفاوضات",
        "أعلنت الولايات المتحدة دعمها لمُفاوَضات السلام في عام ٢٠١٦.",
        &["سياسة"],
        NOW - 4 * DAY,
    )
    .await;
    f.post(
        "الطقس في منبج",
        "نحن هناااا في منبج، والجو معتدل وصافٍ.",
        &["طقس"],
        NOW - 3 * DAY,
    )
    .await;
    f.sync().await;
    f
}

#[tokio::test]
async fn each_spelling_finds_the_same_posts() {
    let f = news().await;
    for group in [
        &["الرقة", "الرقه", "والرقة"][..],
        &["أمريكا", "امريكا"],
        &["مُفاوَضات", "مفاوضات"],
        &["هنا", "هناااا"],
        &["الى", "إلى"],
        &["٢٠١٦", "2016"],
    ] {
        let first = f.titles(group[0]).await;
        assert!(!first.is_empty(), "{} found nothing", group[0]);
        for spelling in &group[1..] {
            assert_eq!(
                f.titles(spelling).await,
                first,
                "{spelling} vs {}",
                group[0]
            );
        }
    }
}

#[tokio::test]
async fn a_title_match_ranks_above_a_body_only_match() {
    let f = Fixture::new().await;
    f.post(
        "أسعار الخبز في السوق",
        "ارتفعت الأسعار في منبج هذا الأسبوع، وفي الرقة كذلك.",
        &[],
        NOW - 3 * DAY,
    )
    .await;
    f.post(
        "الرقة تستعد للشتاء",
        "بدأت البلدية توزيع المحروقات على الأحياء.",
        &[],
        NOW - 2 * DAY,
    )
    .await;
    f.post(
        "تقرير عن الأسواق",
        "تحدث التجار عن الأسعار في الرقة وفي دير الزور والحسكة.",
        &[],
        NOW - DAY,
    )
    .await;
    f.sync().await;
    let titles = f.titles("الرقة").await;
    assert_eq!(titles.len(), 3);
    assert_eq!(titles[0], "الرقة تستعد للشتاء");
}

#[tokio::test]
async fn a_phrase_keeps_word_order() {
    let f = Fixture::new().await;
    f.post(
        "خبر أول",
        "اجتمع مجلس المدينة مساء أمس.",
        &[],
        NOW - 2 * DAY,
    )
    .await;
    f.post("خبر ثان", "في المدينة مجلس منتخب منذ عام.", &[], NOW - DAY)
        .await;
    f.sync().await;
    assert_eq!(f.titles("مجلس المدينة").await.len(), 2);
    assert_eq!(f.titles("\"مجلس المدينة\"").await, ["خبر أول"]);
    assert_eq!(f.titles("\"المدينة مجلس\"").await, ["خبر ثان"]);
}

#[tokio::test]
async fn unpublished_posts_are_never_returned() {
    let f = Fixture::new().await;
    f.post_with(
        "مسودة عن منبج",
        "نص لم ينشر بعد عن منبج.",
        &[],
        NOW - DAY,
        true,
    )
    .await;
    let live = f
        .post("خبر منشور عن منبج", "نص منشور.", &[], NOW - DAY)
        .await;
    f.post("خبر مجدول عن منبج", "سينشر غداً.", &[], NOW + DAY)
        .await;
    f.sync().await;
    assert_eq!(f.titles("منبج").await, ["خبر منشور عن منبج"]);

    // Unpublished but not yet seen by the index: the store still keeps it out.
    posts::set_status(&f.store, live, PostStatus::Draft)
        .await
        .unwrap();
    let page = f.search("منبج").await;
    assert!(page.results.is_empty(), "{page:?}");
    f.sync().await;
    assert_eq!(f.search("منبج").await.total, 0);
}

#[tokio::test]
async fn exclusions_labels_dates_and_pages_narrow_results() {
    let f = Fixture::new().await;
    for n in 0..25 {
        let label = if n % 2 == 0 {
            "زراعة"
        } else {
            "اقتصاد"
        };
        f.post(
            &format!("موسم القمح رقم {n}"),
            "تقرير عن موسم القمح في ريف منبج.",
            &[label],
            NOW - (30 - n) * DAY,
        )
        .await;
    }
    f.post("القمح والقطن", "القطن أيضاً.", &["زراعة"], NOW - 40 * DAY)
        .await;
    f.sync().await;

    assert_eq!(f.search("القمح").await.total, 26);
    assert_eq!(f.search("القمح -القطن").await.total, 25);
    let by_label = Filters {
        label_key: Some(minbar_text::normalize("زراعة")),
        ..Filters::default()
    };
    assert_eq!(f.search_with("القمح", by_label.clone(), 1).await.total, 14);
    // A label alone lists its posts, newest first.
    let listed = f.search_with("", by_label, 1).await;
    assert_eq!(listed.total, 14);
    assert_eq!(listed.results[0].title, "موسم القمح رقم 24");
    let recent = Filters {
        from: Some(NOW - 10 * DAY),
        until: Some(NOW),
        ..Filters::default()
    };
    assert_eq!(f.search_with("القمح", recent, 1).await.total, 5);

    let third = f.search_with("القمح", Filters::default(), 3).await;
    assert_eq!((third.results.len(), third.total, third.page), (6, 26, 3));
    let beyond = f.search_with("القمح", Filters::default(), 9).await;
    assert!(beyond.results.is_empty());
}

#[tokio::test]
async fn snippets_mark_matches_escape_html_and_cut_at_words() {
    let f = Fixture::new().await;
    let long = format!(
        "{} وفي الختام قال المجلس إن <script>alert(1)</script> مفاوضات الرقة مستمرة. {}",
        "كلام تمهيدي طويل ".repeat(40),
        "وتفاصيل أخرى كثيرة ".repeat(40)
    );
    f.post("مفاوضات & <حوار>", &long, &[], NOW - DAY).await;
    f.sync().await;
    let page = f.search("مفاوضات").await;
    let found = &page.results[0];
    assert_eq!(found.title_html, "<mark>مفاوضات</mark> &amp; &lt;حوار&gt;");
    let snippet = &found.snippet_html;
    assert!(snippet.contains("<mark>مفاوضات</mark>"), "{snippet}");
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
    assert!(!snippet.contains("<script"), "{snippet}");
    let inner = snippet.trim_matches('…');
    // Every cut falls between words: the text around the marks is whole words of the body.
    let plain = inner
        .replace("<mark>", "")
        .replace("</mark>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    assert!(long.contains(plain.trim()), "{plain}");
    let first_word = plain.split_whitespace().next().unwrap();
    assert!(
        long.split_whitespace().any(|w| w == first_word),
        "{first_word}"
    );
}

/// A snippet comes from the story's opening (its first `LEAD_CHARS` characters): a word named
/// only far below leaves the post found, shown with its excerpt, and the opening is never cut
/// inside a word that could pass for another.
#[tokio::test]
async fn snippets_come_from_the_opening() {
    let f = Fixture::new().await;
    let filler = "وتفاصيل أخرى كثيرة ".repeat(200);
    let late = format!("افتتاحية الخبر عن الطقس. {filler} وذكر المجلس الزيتون في آخره.");
    f.post("خبر طويل", &late, &[], NOW - DAY).await;
    // The opening ends inside `الرياضيين`: its cut head would read as `الرياض`.
    let head = "ب".repeat(minbar_search::LEAD_CHARS - 4);
    let cut = format!("{head} الرياضيين ثم الرياض في النص");
    f.post("خبر آخر", &cut, &[], NOW - 2 * DAY).await;
    f.sync().await;

    let page = f.search("الزيتون").await;
    assert_eq!(page.total, 1);
    let found = &page.results[0];
    assert!(
        !found.snippet_html.contains("<mark>"),
        "{}",
        found.snippet_html
    );
    assert!(
        found.snippet_html.contains("افتتاحية الخبر"),
        "{}",
        found.snippet_html
    );

    let page = f.search("الطقس").await;
    let snippet = &page.results[0].snippet_html;
    assert!(snippet.contains("<mark>الطقس</mark>"), "{snippet}");
    assert!(snippet.ends_with('…'), "the body goes on: {snippet}");

    let page = f.search("الرياض").await;
    assert_eq!(page.total, 1);
    let snippet = &page.results[0].snippet_html;
    assert!(
        !snippet.contains("<mark>"),
        "no half word marked: {snippet}"
    );
}

#[tokio::test]
async fn hostile_queries_are_plain_text() {
    let f = news().await;
    let long = "الرقة ".repeat(2_000);
    for query in [
        "\"الرقة",
        "الرقة\"",
        "-",
        "*",
        ":",
        "title:الرقة",
        "\u{0}\u{1b}[31m",
        "-\"\"",
        "((",
        "الرقة OR",
        &long,
    ] {
        let page = f.search(query).await;
        assert!(page.total <= 3, "{query:?}");
    }
    // Field syntax is not ours: `title:` is a word like any other, and no post holds it.
    assert_eq!(f.search("title:الرقة").await.total, 0);
    assert_eq!(f.search("الرقة:").await.total, 1);
    let cut = f.search(&long).await;
    assert!(cut.truncated);
    assert_eq!(cut.total, 1);
    let empty = f.search("   ").await;
    assert!(empty.empty_query && empty.results.is_empty());
}

async fn follows_the_outbox(store: Store, dir: tempfile::TempDir) {
    let f = Fixture::with_store(dir, store).await;
    let id = f
        .post("اجتماع في منبج", "نص الخبر الأول.", &[], NOW - DAY)
        .await;
    f.sync().await;
    assert_eq!(f.titles("منبج").await, ["اجتماع في منبج"]);

    // Edited: the old words are gone, the new ones found.
    let (edited, _) = compose_post(&PostInput {
        title: "اجتماع في الرقة".into(),
        body: "نص معدل.".into(),
        format: BodyFormat::Markdown,
        labels: vec![],
        featured: false,
        draft: false,
        published_at: NOW - DAY,
    })
    .unwrap();
    posts::update(&f.store, id, &edited, None).await.unwrap();
    f.sync().await;
    assert!(f.titles("منبج").await.is_empty());
    assert_eq!(f.titles("الرقة").await, ["اجتماع في الرقة"]);

    // Unpublished, then published again.
    posts::set_status(&f.store, id, PostStatus::Draft)
        .await
        .unwrap();
    f.sync().await;
    assert_eq!(f.index.num_docs(), 0);
    posts::set_status(&f.store, id, PostStatus::Published)
        .await
        .unwrap();
    f.sync().await;
    assert_eq!(f.index.num_docs(), 1);

    // A restart resumes after the last change it applied.
    let seq = f.index.applied_seq();
    let index_dir = f.index.dir().to_owned();
    let Fixture { _dir, store, index } = f;
    drop(Arc::try_unwrap(index).ok().unwrap());
    let (reopened, rebuild) = SearchIndex::open(&index_dir, WriterSize::Server).unwrap();
    assert_eq!(rebuild, None);
    assert_eq!(reopened.applied_seq(), seq);
    let f = Fixture {
        _dir,
        store,
        index: Arc::new(reopened),
    };
    f.post("خبر جديد عن الرقة", "بعد الإقلاع.", &[], NOW - DAY)
        .await;
    f.sync().await;
    assert_eq!(f.search("الرقة").await.total, 2);

    // Deleted.
    posts::delete(&f.store, id).await.unwrap();
    f.sync().await;
    assert_eq!(f.titles("الرقة").await, ["خبر جديد عن الرقة"]);

    // A rebuild from the store gives the same index.
    let count = follow::rebuild(&f.index, &f.store, &|_, _| {})
        .await
        .unwrap();
    assert_eq!(count, 1);
    assert_eq!(f.titles("الرقة").await, ["خبر جديد عن الرقة"]);
}

#[tokio::test]
async fn the_index_follows_the_outbox_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), None).await.unwrap();
    follows_the_outbox(store, dir).await;
}

#[tokio::test]
async fn the_index_follows_the_outbox_on_postgres() {
    let Some(db) = PostgresDb::create().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), Some(&db.url)).await.unwrap();
    let outcome = tokio::spawn(run_owned(follows_the_outbox(store.clone(), dir))).await;
    store.close().await;
    db.drop_now().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic.into_panic());
    }
}

async fn run_owned(test: impl Future<Output = ()>) {
    test.await;
}

#[tokio::test]
async fn a_missing_or_corrupt_index_is_rebuilt() {
    let f = news().await;
    let dir = f.index.dir().to_owned();
    let Fixture { _dir, store, index } = f;
    drop(Arc::try_unwrap(index).ok().unwrap());

    std::fs::write(dir.join("meta.json"), b"{ not json").unwrap();
    let (index, rebuild) = SearchIndex::open(&dir, WriterSize::Server).unwrap();
    assert!(
        matches!(rebuild, Some(Rebuild::Unreadable(_))),
        "{rebuild:?}"
    );
    assert_eq!(index.num_docs(), 0);
    let index = Arc::new(index);
    follow::rebuild(&index, &store, &|_, _| {}).await.unwrap();
    assert_eq!(index.num_docs(), 3);
    drop(Arc::try_unwrap(index).ok().unwrap());

    std::fs::remove_dir_all(&dir).unwrap();
    let (_, rebuild) = SearchIndex::open(&dir, WriterSize::Server).unwrap();
    assert_eq!(rebuild, Some(Rebuild::Missing));
}

#[tokio::test]
async fn a_second_writer_is_refused_clearly() {
    let f = news().await;
    match SearchIndex::open(f.index.dir(), WriterSize::Bulk) {
        Err(error @ SearchError::Locked(_)) => {
            assert!(
                error
                    .to_string()
                    .contains("in use by another minbar process")
            );
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("a second writer was allowed"),
    }
    // And the first one still works.
    assert_eq!(f.search("منبج").await.total, 1);
}
