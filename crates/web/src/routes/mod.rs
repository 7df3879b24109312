//! The router, as a tree: `public` (what readers and crawlers ask for), `admin` (the signed-in
//! newsroom's HTML), `api` (JSON under `/api/v1`) and `compat` (the addresses of the platforms a
//! site came from), each a folder with one module per resource and its `router()`; `extract`
//! holds the extractors they share (the client's address, lenient queries, and the admin form
//! whose CSRF token is checked before a handler runs). They are joined here with the layers
//! every response goes through (security headers, body limit, error pages, the page cache).

mod admin;
mod api;
pub(crate) mod compat;
pub(crate) mod extract;
pub(crate) mod public;

use crate::AppState;
use crate::error::{AppError, render_error_pages};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The largest request body: a 10,000-letter Arabic comment is about 60 KB once form-encoded.
pub const MAX_BODY_BYTES: usize = 128 * 1024;

/// Allows only our own scripts, styles and forms. Images may come from https hosts because
/// imported posts link to them; the outside comment provider may be framed once the reader asks,
/// and the site's own `/embed/…` pages, each of which allows one service (see `public::embed`).
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' data: https:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
    frame-ancestors 'none'; \
    frame-src 'self' https://www.facebook.com https://t.me";

/// The whole site as one service, for `serve`, tests and the static build: the router with the
/// layers every response goes through, and outside it the page cache and the recording of
/// every request, so a page the cache holds is answered before any routing.
pub type Site = crate::recorded::Recorded<crate::cache::CacheService<Router>>;

/// The whole site; see [`Site`].
pub fn app(state: AppState) -> Site {
    let security_headers = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            HeaderName::from_static("permissions-policy"),
            "interest-cohort=(), geolocation=()",
        ),
    ];
    let mut router = Router::new()
        .merge(public::router())
        .merge(admin::router())
        .merge(api::router())
        .merge(compat::router())
        .merge(crate::operate::router())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            render_error_pages,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::map_response(close_after_refused_body));
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    // After routing, around the rest: which route matched, on the response, for the metrics.
    let router = router.layer(middleware::from_fn(crate::recorded::note_route));
    // Outside the router, the cache keeps finished pages (error pages rendered, security
    // headers added) and answers a hit before any routing or other layer runs.
    let cache = crate::cache::CacheLayer::new(state.cache().clone(), state.store().clone());
    let router = router.layer(TraceLayer::new_for_http()).with_state(state);
    crate::recorded::Recorded::new(tower::Layer::layer(&cache, router))
}

/// A body refused for its size is left unread on the connection, so the connection cannot carry
/// another request: say so, or a client reusing it sees its next request fail.
async fn close_after_refused_body(
    mut response: axum::response::Response,
) -> axum::response::Response {
    if response.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

async fn not_found() -> AppError {
    AppError::NotFound
}
