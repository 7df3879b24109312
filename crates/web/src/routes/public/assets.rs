//! The default theme's static files, cached for a year: their URLs carry a content fingerprint.

use crate::AppState;
use crate::error::AppError;
use crate::templates::ASSETS;
use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/static/{file}", get(show_asset))
}

async fn show_asset(Path(file): Path<String>) -> Result<impl IntoResponse, AppError> {
    let (_, content_type, body) = ASSETS
        .iter()
        .find(|(name, _, _)| *name == file)
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, *content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        *body,
    ))
}
