//! The JSON API under `/api/v1`, for mobile apps and scripts: posts, comments, labels and media,
//! authenticated by per-user tokens (`Authorization: Bearer mbt_…`), with the same role rules as
//! the admin. Errors are JSON (`{"error": status, "message": …}`); the document describing all of
//! it is at `/api/v1/openapi.json`.

mod comments;
mod posts;
mod site;

use crate::AppState;
use crate::error::AppError;
use axum::Router;
use axum::body::Bytes;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .merge(posts::router())
        .merge(comments::router())
        .merge(site::router())
}

/// Posts per page of `GET /api/v1/posts`.
pub(super) const PER_PAGE: i64 = 20;

/// A JSON body read leniently: a body that is not the JSON expected is a 422 saying why, never
/// the framework's plain-text rejection.
pub(super) fn read_json<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, AppError> {
    serde_json::from_slice(body)
        .map_err(|e| AppError::Invalid(format!("the body is not valid: {e}")))
}

/// A time as the API writes it: RFC 3339, UTC.
pub(super) fn rfc3339(at: i64) -> Option<String> {
    jiff::Timestamp::from_second(at).ok().map(|t| t.to_string())
}

async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        crate::openapi::DOCUMENT,
    )
        .into_response()
}
