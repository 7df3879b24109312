//! `/embed/{service}/{id}`: the page a clicked embed placeholder frames. It frames the service's
//! own embed of the post, and its policy allows that one service and nothing else, so the article
//! (whose policy frames only the site itself) loads from a service only what the reader clicked.

use crate::AppState;
use crate::error::AppError;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use minbar_content::embed::{Embed, Service};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/embed/{service}/{*id}", get(show_embed))
}

async fn show_embed(
    State(state): State<AppState>,
    Path((service, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let embed = Service::parse(&service)
        .and_then(|s| Embed::new(s, &id))
        .ok_or(AppError::NotFound)?;
    let policy = format!(
        "default-src 'none'; style-src 'self'; frame-src {}; frame-ancestors 'self'; \
         base-uri 'none'; form-action 'none'",
        embed.frame_origin()
    );
    // The id matched its service's pattern (letters, digits, `_`, `-`, `.` and `/`): nothing in
    // it needs escaping in an attribute.
    let html = format!(
        "<!doctype html>\n<html lang=\"en\" class=\"embed-page\"><head><meta charset=\"utf-8\">\
         <title>{name}</title><link rel=\"stylesheet\" href=\"/static/minbar.css?v={version}\">\
         </head><body><iframe src=\"{src}\" title=\"{name}\" allowfullscreen \
         referrerpolicy=\"strict-origin-when-cross-origin\"></iframe></body></html>\n",
        name = embed.service.name(),
        version = state.templates().asset_version(),
        src = embed.frame_url().replace('&', "&amp;"),
    );
    let mut response = Html(html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&policy).map_err(|_| AppError::NotFound)?,
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(response)
}
