//! The comment queue through the API (editors): list by status, approve, mark as spam, delete.

use super::rfc3339;
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::AppError;
use crate::routes::extract::Lenient;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use minbar_content::{CommentId, CommentStatus, Role};
use minbar_ops::Actor;
use minbar_ops::comments::Moderation;
use serde::{Deserialize, Serialize};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/comments", get(list_comments))
        .route("/api/v1/comments/{id}/approve", post(approve_comment))
        .route("/api/v1/comments/{id}/spam", post(spam_comment))
        .route(
            "/api/v1/comments/{id}",
            axum::routing::delete(delete_comment),
        )
}

#[derive(Debug, Serialize)]
struct CommentJson {
    id: i64,
    post_id: i64,
    post_title: String,
    author: String,
    body: String,
    status: &'static str,
    created_at: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct CommentQuery {
    status: Option<String>,
}

async fn list_comments(
    State(state): State<AppState>,
    user: ApiUser,
    Lenient(query): Lenient<CommentQuery>,
) -> Result<Json<Vec<CommentJson>>, AppError> {
    user.require(Role::Editor)?;
    let status = match query.status.as_deref() {
        None | Some("") => CommentStatus::Pending,
        Some(s) => s
            .parse()
            .map_err(|e: minbar_content::ParseValueError| AppError::Invalid(e.to_string()))?,
    };
    let queued = minbar_ops::comments::queue(state.store(), Actor::User(&user.0), status).await?;
    Ok(Json(
        queued
            .into_iter()
            .map(|q| CommentJson {
                id: q.comment.id.0,
                post_id: q.comment.post_id.0,
                post_title: q.post_title,
                author: q.comment.author_name,
                body: q.comment.body,
                status: q.comment.status.as_str(),
                created_at: rfc3339(q.comment.created_at),
            })
            .collect(),
    ))
}

async fn moderate_comment(
    state: &AppState,
    user: &ApiUser,
    id: &str,
    action: Moderation,
) -> Result<StatusCode, AppError> {
    user.require(Role::Editor)?;
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    minbar_ops::comments::moderate(state.store(), Actor::User(&user.0), CommentId(id), &action)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn approve_comment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    moderate_comment(&state, &user, &id, Moderation::Approve).await
}

async fn spam_comment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    moderate_comment(&state, &user, &id, Moderation::Spam).await
}

async fn delete_comment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    moderate_comment(&state, &user, &id, Moderation::Delete).await
}
