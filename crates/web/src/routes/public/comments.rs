//! A reader's comment, sent to the post's own address: every check it goes through before it is
//! stored, and the answer for each. A refused comment gets the post page again, in the reader's
//! language, with the reason and everything the reader typed; nothing is lost.
//!
//! The checks themselves are the operation `minbar_ops::comments::submit`; this handler reads
//! the form, checks what only HTTP can tell (the form came from this site, the honeypot), and
//! answers each refusal with the page and the status that fit it.

use super::posts::{PostPage, load_post, render_post};

use crate::AppState;
use crate::csrf;
use crate::error::AppError;
use crate::routes::extract::ClientAddress;
use crate::views::{CommentFormView, encode_path};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minbar_content::comment_checks::{CommentForm, CommentRefusal, RefusalKind};
use minbar_content::{CommentStatus, Site};
use minbar_ops::comments::{Sender, Submission};
use minbar_ops::{OpError, Refusal};

/// The address of the comment form's first-seen image. The post page is the same for every
/// reader (so front caches keep it); the browser loading the form asks for this image, whose
/// answer, never kept, gives it the signed time it was first shown the form. A comment sent
/// sooner after that than a person can write is refused (`content::comment_checks`), exactly
/// as when the page set the stamp itself; a client that reads the page without loading the
/// form's image gets no stamp, and its comment is refused as "the form expired", with a page of
/// its own that does set it.
pub(crate) const SEEN_PATH: &str = "/comment-form/seen";

/// `GET` [`SEEN_PATH`]: 204, with the first-seen cookie for a browser that has none.
pub(super) async fn seen(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Some(cookie) = seen_cookie_if_missing(&site, &headers) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// The first-seen cookie stamped now, unless the browser holds a good one already (a reader
/// who reloads the page keeps the time they first saw the form).
pub(super) fn seen_cookie_if_missing(site: &Site, headers: &HeaderMap) -> Option<HeaderValue> {
    let secure = crate::cookies::over_https(site.base_url.as_deref(), headers);
    csrf::seen_at(&site.secret, headers, secure)
        .is_none()
        .then(|| csrf::seen_cookie(&site.secret, minbar_store::now(), secure))
}

/// `POST` to a post's address: a reader's comment or reply.
pub(super) async fn create(
    State(state): State<AppState>,
    Path((year, month, file)): Path<(String, String, String)>,
    ClientAddress(ip): ClientAddress,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let bytes = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        _ => AppError::BadRequest,
    })?;
    let form = CommentForm::parse(&bytes);
    let site = minbar_store::site::get(state.store()).await?;
    let stored = load_post(&state, &year, &month, &file).await?;
    let post = &stored.post;
    let post_url = encode_path(&post.path);
    if !csrf::same_origin(&headers) {
        // A form sent from another site (or by a client that says nothing of where from):
        // shown again, the text kept, nothing stored.
        return refuse(
            &state,
            &headers,
            &site,
            &stored,
            form,
            CommentRefusal::CrossSite,
        )
        .await;
    }
    if !form.website.trim().is_empty() {
        // A bot filled the hidden field: answer as if the comment waits for moderation, so it
        // learns nothing, and keep nothing.
        tracing::info!(post = %post.id, "honeypot comment dropped");
        return Ok(Redirect::to(&format!("{post_url}?comment=pending#comments")).into_response());
    }
    let staff = crate::auth::session_user(&state, &headers).await?;
    let sender = Sender {
        ip,
        seen: csrf::seen_at(
            &site.secret,
            &headers,
            crate::cookies::over_https(site.base_url.as_deref(), &headers),
        ),
        staff: staff.as_ref(),
    };
    let sent = Submission {
        name: form.name.clone(),
        email: form.email.clone(),
        body: form.body.clone(),
        parent: form.parent(),
    };
    let comment =
        match minbar_ops::comments::submit(state.store(), &site, post, &sent, sender).await {
            Ok(comment) => comment,
            Err(OpError::Refused(Refusal::Comment(refusal))) => {
                tracing::info!(post = %post.id, reason = refusal.key(), "comment refused");
                return refuse(&state, &headers, &site, &stored, form, refusal).await;
            }
            Err(other) => return Err(other.into()),
        };
    // A held comment is told the same as one waiting for a first approval: a spammer learns
    // nothing from the answer.
    let target = match comment.status {
        CommentStatus::Published => format!("{post_url}?comment=published#comment-{}", comment.id),
        _ => format!("{post_url}?comment=pending#comments"),
    };
    Ok(Redirect::to(&target).into_response())
}

/// The status a refused comment is answered with.
fn status_of(refusal: CommentRefusal) -> StatusCode {
    match refusal.kind() {
        RefusalKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
        RefusalKind::Forbidden => StatusCode::FORBIDDEN,
        RefusalKind::TooMany => StatusCode::TOO_MANY_REQUESTS,
        RefusalKind::Conflict => StatusCode::CONFLICT,
    }
}

/// The post page again with the reader's text, the reason, and the status that fits it.
async fn refuse(
    state: &AppState,
    headers: &HeaderMap,
    site: &Site,
    stored: &minbar_store::posts::PostPage,
    form: CommentForm,
    refusal: CommentRefusal,
) -> Result<Response, AppError> {
    let language = stored.post.language.as_deref().unwrap_or("");
    let (_, layout) = super::site_and_layout_in(state, language).await?;
    let kept = CommentFormView {
        name: form.name.clone(),
        email: form.email.clone(),
        body: form.body.clone(),
        error: Some(refusal.key()),
        error_max: refusal.number(),
        parent: form.parent().map(|p| p.0),
        replying_to: None,
    };
    let page = PostPage {
        site,
        layout,
        stored,
        form: kept,
        notice: None,
        comments_page: 1,
    };
    let mut response = render_post(state, headers, page, status_of(refusal)).await?;
    if let Some(seconds) = refusal.retry_after() {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    Ok(response)
}
