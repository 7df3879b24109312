//! What the web tests and the render benchmark run on: a state over a fresh store and search
//! index in a temporary folder, a site's settings, and a post page rendered from a loaded post.
//! The benchmark includes this file by path.

use minbar_content::{Comment, ModerationMode, OutsideComments, Post, Site};
use minbar_search::SearchIndex;
use minbar_web::AppState;
use minbar_web::views::{CommentsShown, Layout, PostView};
use std::sync::Arc;

/// A state over a fresh SQLite store and search index, and the index itself.
pub async fn state_with_index() -> (tempfile::TempDir, AppState, Arc<SearchIndex>) {
    let dir = tempfile::tempdir().unwrap();
    let store = minbar_store::Store::open(dir.path(), None).await.unwrap();
    let (index, _) = SearchIndex::open(
        &dir.path().join("search"),
        minbar_search::WriterSize::Server,
    )
    .unwrap();
    let index = Arc::new(index);
    let media = Arc::new(minbar_media::LocalFolder::new(&dir.path().join("media")));
    let state = AppState::new(store, index.clone(), media, None).unwrap();
    (dir, state, index)
}

pub fn site() -> Site {
    Site {
        title: "منبج الحدث".into(),
        about: "نحن هناااااااااااااا".into(),
        locale: "ar-SY".into(),
        moderation: ModerationMode::FirstTime,
        outside_comments: Some(OutsideComments::Facebook),
        base_url: Some("https://example.org".into()),
        secret: "s".repeat(64),
        style: minbar_content::DateStyle::default(),
        facebook_app_id: None,
        comments_close_days: None,
        time_zone: "UTC".into(),
    }
}

/// Saves [`site`] as the state's site: the site is set up.
pub async fn save_site(state: &AppState) {
    minbar_store::site::save(state.store(), &site())
        .await
        .unwrap();
}

/// The post page of `post` with its first page of `comments`, from the view model and the
/// template alone (no database read).
pub fn render_post_page(
    state: &AppState,
    site: &Site,
    post: &Post,
    comments: &[Comment],
) -> String {
    let layout = Layout::new(
        state,
        site,
        "",
        vec![("about".into(), "من نحن".into())],
        &[],
    );
    let shown = CommentsShown {
        all: comments,
        page: 1,
        open: true,
    };
    let view = PostView::new(state, site, layout, post, shown, "https://example.org");
    state.templates().render("post.html", &view).unwrap()
}
