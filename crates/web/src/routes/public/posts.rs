//! The post page, `/2017/08/<slug>.html`, with its comments in threads. Readers' comments sent
//! to the same address are taken by [`super::comments`].

use super::base_url;
use crate::AppState;
use crate::error::AppError;
use crate::routes::extract::Lenient;
use crate::views::{CommentFormView, CommentsShown, Layout, PostView, TranslationLink};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use minbar_content::{Post, Site};
use minbar_store::posts::PostPage as StoredPage;
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/{year}/{month}/{file}",
            get(show_post).post(super::comments::create),
        )
        .route(super::comments::SEEN_PATH, get(super::comments::seen))
}

#[derive(Debug, Default, Deserialize)]
struct PostQuery {
    comment: Option<String>,
    /// The page of comments, from 1.
    comments: Option<String>,
    /// The comment a reader without JavaScript is answering.
    reply: Option<String>,
}

/// The published post at `/{year}/{month}/{file}` with its comments and notes, in one read.
pub(super) async fn load_post(
    state: &AppState,
    year: &str,
    month: &str,
    file: &str,
) -> Result<StoredPage, AppError> {
    if !file.ends_with(".html") {
        return Err(AppError::NotFound);
    }
    let path = format!("/{year}/{month}/{file}");
    minbar_store::posts::published_page(state.store(), &path)
        .await?
        .ok_or(AppError::NotFound)
}

async fn show_post(
    State(state): State<AppState>,
    Path((year, month, file)): Path<(String, String, String)>,
    Lenient(query): Lenient<PostQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let stored = load_post(&state, &year, &month, &file).await?;
    let post = &stored.post;
    let (site, layout) =
        super::site_and_layout_in(&state, post.language.as_deref().unwrap_or("")).await?;
    let notice = match query.comment.as_deref() {
        Some("pending") => Some("comment-pending"),
        Some("published") => Some("comment-published"),
        _ => None,
    };
    let page = PostPage {
        site: &site,
        layout,
        stored: &stored,
        form: CommentFormView {
            parent: query.reply.as_deref().and_then(|r| r.parse().ok()),
            ..CommentFormView::default()
        },
        notice,
        comments_page: query
            .comments
            .as_deref()
            .and_then(|p| p.parse().ok())
            .unwrap_or(1),
    };
    render_post(&state, &headers, page, StatusCode::OK).await
}

/// Everything the post page shows besides what comes from the store on every render.
pub(super) struct PostPage<'a> {
    pub site: &'a Site,
    pub layout: Layout,
    /// The post with its comments and notes, as read.
    pub stored: &'a StoredPage,
    pub form: CommentFormView,
    pub notice: Option<&'static str>,
    /// The page of comments shown, from 1.
    pub comments_page: usize,
}

/// Whether `post` takes comments now.
pub(super) fn comments_open(site: &Site, post: &Post) -> bool {
    minbar_ops::comments::comments_open(site, post)
}

pub(super) async fn render_post(
    state: &AppState,
    headers: &HeaderMap,
    page: PostPage<'_>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let PostPage {
        site,
        layout,
        stored,
        mut form,
        notice,
        comments_page,
    } = page;
    let (post, comments, notes) = (&stored.post, &stored.comments, &stored.notes);
    let open = comments_open(site, post);
    // A reply answers a comment readers can see, and the page it is on is the one shown.
    let mut comments_page = comments_page;
    match form
        .parent
        .and_then(|id| comments.iter().find(|c| c.id.0 == id))
    {
        Some(parent) => {
            form.replying_to = Some(parent.author_name.clone());
            comments_page = minbar_content::comments::threads(comments)
                .iter()
                .find(|p| p.comment.id == parent.id)
                .map_or(1, |p| p.page);
        }
        None => form.parent = None,
    }
    let base = base_url(site, headers);
    let shown = CommentsShown {
        all: comments,
        page: comments_page,
        open,
    };
    // Whether this is the page every reader gets: no notice, no reply, nothing typed.
    let shared = status == StatusCode::OK
        && notice.is_none()
        && form.parent.is_none()
        && form.error.is_none();
    let translations =
        minbar_store::posts::translations::of(state.store(), post.id, post.translation_group)
            .await?;
    let mut view = PostView::new(state, site, layout, post, shown, &base);
    view.translations = translations
        .iter()
        .map(|t| TranslationLink::new(&base, t))
        .collect();
    let locale = site.format_locale_in(post.language.as_deref().unwrap_or(""));
    view.seo.add_corrections(notes);
    view.notes = notes
        .iter()
        .map(|note| crate::views::NoteView::new(state, &locale, note))
        .collect();
    view.form = form;
    view.notice = notice;
    let html = state.templates().render("post.html", &view)?;
    if shared {
        // The page every reader gets, kept here and by front caches: nothing per reader. The
        // form's first-seen stamp comes from the image the form loads (see `comments::seen`).
        return Ok(crate::cache::kept(
            html,
            vec![crate::cache::Tag::post(&post.path)],
        ));
    }
    // A notice, a reply or a refusal is this reader's own (a refusal carries their text), so it
    // may set the stamp itself for a reader who has none (images off).
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    if let Some(cookie) = super::comments::seen_cookie_if_missing(site, headers) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}
