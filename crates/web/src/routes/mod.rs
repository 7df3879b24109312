//! The router: one module per resource, each with its `router()`, joined here with the layers
//! every response goes through (security headers, body limit, error pages, tracing).

mod admin;
mod admin_pages;
mod api;
mod assets;
mod editor;
mod lists;
mod media;
mod newsroom;
mod pages;
mod posts;
mod search;
mod tokens;

use crate::AppState;
use crate::error::{AppError, render_error_pages};
use crate::views::Layout;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware;
use minbar_content::Site;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The largest request body: a 10,000-letter Arabic comment is about 60 KB once form-encoded.
pub const MAX_BODY_BYTES: usize = 128 * 1024;

/// Allows only our own scripts, styles and forms. Images may come from https hosts because
/// imported posts link to them; the outside comment provider may be framed once the reader asks.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' data: https:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
    frame-ancestors 'none'; \
    frame-src https://www.facebook.com";

/// The whole site as one router, for `serve`, tests and the static build.
pub fn app(state: AppState) -> Router {
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
        .merge(admin::router())
        .merge(admin_pages::router())
        .merge(api::router())
        .merge(editor::router())
        .merge(media::router())
        .merge(newsroom::router())
        .merge(tokens::router())
        .merge(lists::router())
        .merge(posts::router())
        .merge(pages::router())
        .merge(search::router())
        .merge(assets::router())
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
    router.layer(TraceLayer::new_for_http()).with_state(state)
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

/// The site's settings and the layout every page shares.
async fn site_and_layout(state: &AppState) -> Result<(Site, Layout), AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let pages = minbar_store::pages::list(state.store()).await?;
    let featured = minbar_store::posts::featured(state.store(), FEATURED).await?;
    let layout = Layout::new(state, &site, pages, &featured);
    Ok((site, layout))
}

/// A query string read leniently: invalid UTF-8 is replaced and a repeated name keeps its first
/// value, so that no hand-edited or mangled link gets a bare 400 from the framework. Every field
/// of `T` must be an optional string.
pub(crate) struct Lenient<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Lenient<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, AppError> {
        let mut fields = serde_json::Map::new();
        let query = parts.uri.query().unwrap_or("");
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            fields
                .entry(name.into_owned())
                .or_insert(serde_json::Value::String(value.into_owned()));
        }
        serde_json::from_value(serde_json::Value::Object(fields))
            .map(Lenient)
            .map_err(|_| AppError::BadRequest)
    }
}

/// `?page=N` on list pages; anything that is not a positive number is the first page.
#[derive(Debug, Default, serde::Deserialize)]
struct PageQuery {
    page: Option<String>,
}

impl PageQuery {
    /// The 1-based page and the offset of its first item.
    fn page_and_offset(&self, per_page: i64) -> (i64, i64) {
        let page = self
            .page
            .as_deref()
            .and_then(|p| p.parse::<i64>().ok())
            .filter(|p| (1..=100_000).contains(p))
            .unwrap_or(1);
        (page, (page - 1) * per_page)
    }
}

/// Posts on each page of a list.
const PER_PAGE: i64 = 10;
/// Featured posts on the home page.
const FEATURED: i64 = 3;
