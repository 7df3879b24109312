//! Uploaded images at `/media/NAME`: names change with content, so a file never changes under
//! its name and is cached for a year.

use crate::AppState;
use crate::error::AppError;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use minbar_media::MediaName;

pub(super) fn router() -> axum::Router<AppState> {
    axum::Router::new().route("/media/{name}", axum::routing::get(serve_file))
}

async fn serve_file(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, AppError> {
    let parsed = MediaName::parse(&name).ok_or(AppError::NotFound)?;
    let bytes = state
        .media()
        .get(&name)
        .await
        .map_err(|error| AppError::Storage(error.to_string()))?
        .ok_or(AppError::NotFound)?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(parsed.kind.content_type()),
    );
    // Names change with content, so a file never changes under its name.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
