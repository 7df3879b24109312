//! The default theme's static files, cached for a year: their URLs carry a content fingerprint.
//! Each is compressed once, the first time a reader asks for that encoding, by the same function
//! the page cache uses, and kept for the life of the process: the stylesheet is most of what a
//! first visit downloads (12 KB as it is, under 3 KB compressed).

use crate::AppState;
use crate::cache::{Encoding, choose, compress};
use crate::error::AppError;
use crate::templates::ASSETS;
use axum::Router;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use std::sync::OnceLock;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/static/{file}", get(show_asset))
}

/// Each asset's compressed forms, in [`ASSETS`] order, by [`Encoding::index`] (identity's slot
/// stays empty: the asset is served from the binary as it is).
static COMPRESSED: [[OnceLock<Bytes>; 4]; ASSETS.len()] =
    [const { [const { OnceLock::new() }; 4] }; ASSETS.len()];

async fn show_asset(
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    let (index, (_, content_type, body)) = ASSETS
        .iter()
        .enumerate()
        .find(|(_, (name, _, _))| *name == file)
        .ok_or(AppError::NotFound)?;
    let encoding = choose(&headers);
    let bytes = match encoding {
        Encoding::Identity => Bytes::from_static(body.as_bytes()),
        _ => COMPRESSED[index][encoding.index()]
            .get_or_init(|| compress(encoding, body.as_bytes()))
            .clone(),
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, *content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::VARY, "Accept-Encoding"),
        ],
        bytes,
    )
        .into_response();
    if let Some(name) = encoding.name() {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
    }
    Ok(response)
}
