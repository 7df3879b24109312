//! The post page, `/2017/08/<slug>.html`, and the comments readers send to it.

use super::{Lenient, base_url, site_and_layout};
use crate::AppState;
use crate::csrf;
use crate::error::AppError;
use crate::views::{CommentFormView, Layout, PostView, encode_path};
use axum::Form;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use minbar_content::{
    CommentStatus, MAX_COMMENT_CHARS, MAX_COMMENT_NAME_CHARS, ModerationMode, NewComment, Post,
    Site,
};
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/{year}/{month}/{file}",
        get(show_post).post(create_comment),
    )
}

/// The longest e-mail address accepted, in bytes.
const MAX_EMAIL_BYTES: usize = 200;

#[derive(Debug, Default, Deserialize)]
struct PostQuery {
    comment: Option<String>,
}

/// The comment form as the browser sends it. Every field defaults to empty, so a form with a
/// field missing gets the same clear message as one with the field left blank.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CommentForm {
    csrf: String,
    name: String,
    email: String,
    body: String,
    /// The honeypot: hidden from people, filled in by bots.
    website: String,
}

async fn load_post(
    state: &AppState,
    year: &str,
    month: &str,
    file: &str,
) -> Result<Post, AppError> {
    if !file.ends_with(".html") {
        return Err(AppError::NotFound);
    }
    let path = format!("/{year}/{month}/{file}");
    minbar_store::posts::published_by_path(state.store(), &path)
        .await?
        .ok_or(AppError::NotFound)
}

async fn show_post(
    State(state): State<AppState>,
    Path((year, month, file)): Path<(String, String, String)>,
    Lenient(query): Lenient<PostQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let post = load_post(&state, &year, &month, &file).await?;
    let (site, layout) = site_and_layout(&state).await?;
    let notice = match query.comment.as_deref() {
        Some("pending") => Some("comment-pending"),
        Some("published") => Some("comment-published"),
        _ => None,
    };
    let page = PostPage {
        site: &site,
        layout,
        post: &post,
        form: CommentFormView::default(),
        notice,
    };
    render_post(&state, &headers, page, StatusCode::OK).await
}

/// Everything the post page shows besides what comes from the store on every render.
struct PostPage<'a> {
    site: &'a Site,
    layout: Layout,
    post: &'a Post,
    form: CommentFormView,
    notice: Option<&'static str>,
}

async fn render_post(
    state: &AppState,
    headers: &HeaderMap,
    page: PostPage<'_>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let PostPage {
        site,
        layout,
        post,
        form,
        notice,
    } = page;
    let _locale = &site.format_locale();
    let comments = minbar_store::comments::published_for_post(state.store(), post.id).await?;
    let (nonce, new_cookie) = match csrf::nonce_from(headers) {
        Some(nonce) => (nonce, false),
        None => (csrf::new_nonce(), true),
    };
    let base = base_url(site, headers);
    let token = csrf::token(&site.secret, &nonce);
    let mut view = PostView::new(state, site, layout, post, &comments, &base, token);
    view.form = form;
    view.notice = notice;
    let html = state.templates().render("post.html", &view)?;
    let mut response = (status, Html(html)).into_response();
    // The page carries this reader's form token, so no shared cache may keep it.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-cache"),
    );
    if new_cookie {
        let secure = site
            .base_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"));
        response
            .headers_mut()
            .insert(header::SET_COOKIE, csrf::cookie(&nonce, secure));
    }
    Ok(response)
}

/// Why a comment was not accepted: the message key and the limit it names.
fn validate(form: &CommentForm) -> Result<(), (&'static str, Option<usize>)> {
    let name = form.name.trim();
    if name.is_empty() {
        return Err(("error-name-empty", None));
    }
    if name.chars().count() > MAX_COMMENT_NAME_CHARS {
        return Err(("error-name-too-long", Some(MAX_COMMENT_NAME_CHARS)));
    }
    let email = form.email.trim();
    if !email.is_empty()
        && (email.len() > MAX_EMAIL_BYTES
            || !email.contains('@')
            || email.contains(char::is_whitespace))
    {
        return Err(("error-email-invalid", None));
    }
    if form.body.trim().is_empty() {
        return Err(("error-comment-empty", None));
    }
    if form.body.chars().count() > MAX_COMMENT_CHARS {
        return Err(("error-comment-too-long", Some(MAX_COMMENT_CHARS)));
    }
    Ok(())
}

/// Line breaks kept (as `\n`), other control characters dropped, ends trimmed.
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

async fn create_comment(
    State(state): State<AppState>,
    Path((year, month, file)): Path<(String, String, String)>,
    headers: HeaderMap,
    form: Result<Form<CommentForm>, FormRejection>,
) -> Result<Response, AppError> {
    let Form(form) = form.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        _ => AppError::BadRequest,
    })?;
    let site = minbar_store::site::get(state.store()).await?;
    let nonce = csrf::nonce_from(&headers).ok_or(AppError::Forbidden)?;
    if !csrf::verify(&site.secret, &nonce, &form.csrf) {
        return Err(AppError::Forbidden);
    }
    let post = load_post(&state, &year, &month, &file).await?;
    let post_url = encode_path(&post.path);
    if !form.website.trim().is_empty() {
        // A bot filled the hidden field: answer as if the comment waits for moderation, so it
        // learns nothing, and keep nothing.
        tracing::info!(post = %post.id, "honeypot comment dropped");
        return Ok(Redirect::to(&format!("{post_url}?comment=pending#comments")).into_response());
    }
    if let Err((error, max)) = validate(&form) {
        let (_, layout) = site_and_layout(&state).await?;
        let kept = CommentFormView {
            name: form.name,
            email: form.email,
            body: form.body,
            error: Some(error),
            error_max: max,
        };
        let page = PostPage {
            site: &site,
            layout,
            post: &post,
            form: kept,
            notice: None,
        };
        return render_post(&state, &headers, page, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let email = form.email.trim();
    let author_key = (!email.is_empty()).then(|| csrf::commenter_key(&site.secret, email));
    let status = match site.moderation {
        ModerationMode::Open => CommentStatus::Published,
        ModerationMode::All => CommentStatus::Pending,
        ModerationMode::FirstTime => match &author_key {
            Some(key) if minbar_store::comments::author_is_trusted(state.store(), key).await? => {
                CommentStatus::Published
            }
            _ => CommentStatus::Pending,
        },
    };
    let comment = minbar_store::comments::insert(
        state.store(),
        &NewComment {
            post_id: post.id,
            parent_id: None,
            author_name: clean_text(&form.name),
            author_key,
            body: clean_text(&form.body),
            status,
        },
    )
    .await?;
    let target = match status {
        CommentStatus::Published => format!("{post_url}?comment=published#comment-{}", comment.id),
        _ => format!("{post_url}?comment=pending#comments"),
    };
    Ok(Redirect::to(&target).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, email: &str, body: &str) -> CommentForm {
        CommentForm {
            name: name.into(),
            email: email.into(),
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(validate(&form("قارئ", "", "نص")), Ok(()));
        assert_eq!(
            validate(&form(" ", "", "نص")),
            Err(("error-name-empty", None))
        );
        assert_eq!(
            validate(&form("قارئ", "", " \n ")),
            Err(("error-comment-empty", None))
        );
        assert_eq!(
            validate(&form("قارئ", "not-an-address", "نص")),
            Err(("error-email-invalid", None))
        );
        let long = "ب".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(
            validate(&form("قارئ", "", &long)),
            Err(("error-comment-too-long", Some(MAX_COMMENT_CHARS)))
        );
        assert_eq!(
            validate(&form("قارئ", "", &"ب".repeat(MAX_COMMENT_CHARS))),
            Ok(())
        );
    }

    #[test]
    fn text_keeps_line_breaks_only() {
        assert_eq!(clean_text(" سطر\r\nثان\u{0}\u{7} "), "سطر\nثان");
    }
}
