//! The comment queue (editors): pending, spam, published and rejected tabs; approving,
//! rejecting, marking as spam, deleting, editing; banned address ranges and words.

use super::{layout, page};
use crate::AppState;
use crate::admin_views::{BanRow, BansView, CommentEditView, CommentsView, QueuedComment};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::routes::extract::{AdminForm, Lenient, NoFields};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minbar_content::{CommentId, CommentStatus, Role};
use minbar_ops::comments::Moderation;
use minbar_ops::{Actor, OpError, Refusal};
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/comments", get(show_queue))
        .route("/admin/comments/bans", get(show_bans).post(add_ban))
        .route("/admin/comments/bans/{id}/remove", post(remove_ban))
        .route(
            "/admin/comments/{id}/edit",
            get(show_comment_edit).post(edit_comment),
        )
        .route("/admin/comments/{id}/{action}", post(moderate))
}

#[derive(Debug, Default, Deserialize)]
struct QueueQuery {
    status: Option<String>,
}

/// The statuses the queue's tabs show, in order.
const QUEUE_STATUSES: [CommentStatus; 4] = [
    CommentStatus::Pending,
    CommentStatus::Spam,
    CommentStatus::Published,
    CommentStatus::Rejected,
];

async fn show_queue(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Lenient(query): Lenient<QueueQuery>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (site, layout, cookie) = layout(&state, &headers, &user).await?;
    let status = query
        .status
        .as_deref()
        .and_then(|s| s.parse::<CommentStatus>().ok())
        .unwrap_or(CommentStatus::Pending);
    let queued = minbar_ops::comments::queue(state.store(), Actor::User(&user.0), status).await?;
    let locale = site.format_locale();
    let view = CommentsView {
        layout,
        status: status.as_str(),
        statuses: QUEUE_STATUSES.iter().map(|s| s.as_str()).collect(),
        comments: queued
            .iter()
            .map(|q| QueuedComment::new(&state, &locale, q))
            .collect(),
    };
    let html = state.templates().render("admin/comments.html", &view)?;
    Ok(page(html, StatusCode::OK, cookie))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TokenForm {
    /// Where to go back to: the queue tab the moderator was on.
    back: String,
    /// For `ban`: the range to ban.
    range: String,
}

/// The queue tab to return to: one of ours, never an outside address.
fn back_to(back: &str) -> String {
    match back.parse::<CommentStatus>() {
        Ok(status) => format!("/admin/comments?status={status}"),
        Err(_) => "/admin/comments".to_owned(),
    }
}

async fn moderate(
    State(state): State<AppState>,
    user: SignedIn,
    Path((id, action)): Path<(i64, String)>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let action = Moderation::parse(&action, &form.range).ok_or(AppError::NotFound)?;
    let done =
        minbar_ops::comments::moderate(state.store(), Actor::User(&user.0), CommentId(id), &action)
            .await;
    match done {
        Ok(()) => Ok(Redirect::to(&back_to(&form.back)).into_response()),
        // A ban without a range the moderator can read back: the form was not ours.
        Err(OpError::Refused(Refusal::BanRange)) => Err(AppError::BadRequest),
        Err(other) => Err(other.into()),
    }
}

async fn render_bans(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    error: Option<&'static str>,
    value: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (site, layout, cookie) = layout(state, headers, user).await?;
    let bans = minbar_store::bans::list(state.store()).await?;
    let view = BansView {
        layout,
        bans: bans
            .iter()
            .map(|b| BanRow {
                id: b.id,
                kind: b.kind.as_str(),
                shown: b.shown.clone(),
                date: state.i18n().date(&site.format_locale(), b.created_at),
            })
            .collect(),
        error,
        value,
    };
    let html = state.templates().render("admin/bans.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn show_bans(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    render_bans(&state, &headers, &user, None, String::new(), StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BanForm {
    kind: String,
    value: String,
}

async fn add_ban(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    AdminForm(form): AdminForm<BanForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    match minbar_ops::bans::add(state.store(), Actor::User(&user.0), &form.kind, &form.value).await
    {
        Ok(()) => Ok(Redirect::to("/admin/comments/bans").into_response()),
        Err(OpError::Refused(refusal)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let key = Some(refusal.key());
            render_bans(&state, &headers, &user, key, form.value, status).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn remove_ban(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(NoFields {}): AdminForm<NoFields>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    minbar_ops::bans::remove(state.store(), Actor::User(&user.0), id).await?;
    Ok(Redirect::to("/admin/comments/bans").into_response())
}

async fn render_comment_edit(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    id: CommentId,
    kept: Option<(String, String, &'static str)>,
) -> Result<Response, AppError> {
    let (site, layout, cookie) = layout(state, headers, user).await?;
    let queued = minbar_store::comments::queued_by_id(state.store(), id).await?;
    let comment = QueuedComment::new(state, &site.format_locale(), &queued);
    let (name, body, error, status) = match kept {
        Some((name, body, error)) => (name, body, Some(error), StatusCode::UNPROCESSABLE_ENTITY),
        None => (
            comment.author.clone(),
            comment.body.clone(),
            None,
            StatusCode::OK,
        ),
    };
    let view = CommentEditView {
        layout,
        comment,
        name,
        body,
        error,
    };
    let html = state.templates().render("admin/comment-edit.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn show_comment_edit(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    render_comment_edit(&state, &headers, &user, CommentId(id), None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CommentEditForm {
    name: String,
    body: String,
}

async fn edit_comment(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(form): AdminForm<CommentEditForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let actor = Actor::User(&user.0);
    let edited =
        minbar_ops::comments::edit(state.store(), actor, CommentId(id), &form.name, &form.body)
            .await;
    match edited {
        Ok(()) => {}
        Err(OpError::Refused(refusal)) => {
            let kept = Some((form.name, form.body, refusal.key()));
            return render_comment_edit(&state, &headers, &user, CommentId(id), kept).await;
        }
        Err(other) => return Err(other.into()),
    }
    let queued = minbar_store::comments::queued_by_id(state.store(), CommentId(id)).await?;
    Ok(Redirect::to(&back_to(queued.comment.status.as_str())).into_response())
}
