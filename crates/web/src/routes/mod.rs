//! The router: one module per resource, each with its `router()`, joined here with the layers
//! every response goes through (security headers, body limit, error pages, tracing).

mod admin;
mod admin_pages;
mod api;
mod assets;
mod comments;
mod editor;
mod feeds;
mod lists;
mod media;
mod newsroom;
mod pages;
mod posts;
mod search;
pub(crate) mod seo;
mod tokens;

use crate::AppState;
use crate::addresses::PER_PAGE;
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
    frame-src https://www.facebook.com https://t.me";

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
        .merge(feeds::router())
        .merge(lists::router())
        .merge(posts::router())
        .merge(pages::router())
        .merge(search::router())
        .merge(seo::router())
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
    // Outermost, the cache keeps finished pages (error pages rendered, security headers added)
    // and answers a hit before any other layer runs.
    let cache = crate::cache::CacheLayer::new(state.cache().clone(), state.store().clone());
    router
        .layer(TraceLayer::new_for_http())
        .layer(cache)
        .with_state(state)
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

/// The address a request came from: the socket's peer, or, when the peer is one of the proxies
/// `serve` was told to trust, the nearest address in `X-Forwarded-For` that is not one of them.
/// Requests driven in-process have none. A client cannot choose its address by sending the
/// header, since it is read only from trusted proxies.
pub(crate) struct ClientAddress(pub Option<std::net::IpAddr>);

impl axum::extract::FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|axum::extract::ConnectInfo(addr)| addr.ip());
        Ok(ClientAddress(peer.map(|peer| {
            client_behind(peer, &parts.headers, state.trusted_proxies())
        })))
    }
}

/// Walks `X-Forwarded-For` from the nearest hop back while the hop is a trusted proxy.
fn client_behind(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[ipnet::IpNet],
) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        match hop.trim().parse::<std::net::IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

/// The site's settings and the layout every page shares.
async fn site_and_layout(state: &AppState) -> Result<(Site, Layout), AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let pages = minbar_store::pages::list(state.store()).await?;
    let featured =
        minbar_store::posts::featured(state.store(), minbar_content::FEATURED_POSTS).await?;
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

/// `?page=N` on list pages, and the hosted service's `max-results` and `updated-max` (its "older
/// posts" links), so old links land on the same posts. Anything that cannot be read is ignored.
/// A list's page may also be in its path (`/page/N/`, see [`crate::addresses::list_page`]),
/// which then wins over the query.
#[derive(Debug, Default, serde::Deserialize)]
struct PageQuery {
    page: Option<String>,
    #[serde(rename = "max-results")]
    max_results: Option<String>,
    #[serde(rename = "updated-max")]
    updated_max: Option<String>,
    /// The page came from the path: one past the last is not found, as on a static mirror.
    #[serde(skip)]
    by_path: bool,
}

impl PageQuery {
    /// The query with the page named by a path's `/page/N/`; anything but a page number the
    /// query would accept is not found.
    fn at_path_page(self, page: &str) -> Result<Self, AppError> {
        let number = page
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .ok_or(AppError::NotFound)?;
        Ok(PageQuery {
            page: Some(number.to_string()),
            by_path: true,
            ..self
        })
    }

    /// Posts per page: `max-results` up to [`MAX_PER_PAGE`], else [`PER_PAGE`].
    fn per_page(&self) -> i64 {
        self.max_results
            .as_deref()
            .and_then(|n| n.trim().parse::<i64>().ok())
            .map_or(PER_PAGE, |n| n.clamp(1, MAX_PER_PAGE))
    }

    /// The 1-based page and the offset of its first item.
    fn page_and_offset(&self, per_page: i64) -> (i64, i64) {
        let page = self
            .page
            .as_deref()
            .and_then(|p| p.parse::<i64>().ok())
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .unwrap_or(1);
        (page, (page - 1) * per_page)
    }

    /// `updated-max` as Unix seconds: an RFC 3339 time (`2019-01-10T12:00:00.000+03:00`) or a
    /// date.
    fn before(&self) -> Option<i64> {
        let text = self.updated_max.as_deref()?.trim();
        match text.parse::<jiff::Timestamp>() {
            Ok(time) => Some(time.as_second()),
            Err(_) => day_start(text),
        }
    }

    /// `base` with the hosted-service parameters this list was asked with, for its pager.
    fn keep_in(&self, base: &str) -> String {
        let mut url = base.to_owned();
        for (name, value) in [
            ("max-results", &self.max_results),
            ("updated-max", &self.updated_max),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty() && v.len() <= 64) {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str(name);
                url.push('=');
                url.push_str(
                    &percent_encoding::utf8_percent_encode(
                        value,
                        percent_encoding::NON_ALPHANUMERIC,
                    )
                    .to_string(),
                );
            }
        }
        url
    }
}

/// Unix seconds of the start (UTC) of a `YYYY-MM-DD` date.
fn day_start(date: &str) -> Option<i64> {
    let date: jiff::civil::Date = date.trim().parse().ok()?;
    jiff::tz::Offset::UTC
        .to_timestamp(date.at(0, 0, 0, 0))
        .ok()
        .map(|t| t.as_second())
}

/// The highest page number a list is asked for.
const MAX_PAGE: i64 = 100_000;
/// The most posts a list shows at once, whatever `max-results` asks.
const MAX_PER_PAGE: i64 = 50;

/// The site's public address without a trailing slash: the configured one, else the request's
/// own host (checked to be a plain host name, so a forged header cannot inject markup or links).
pub(crate) fn base_url(site: &Site, headers: &axum::http::HeaderMap) -> String {
    if let Some(base) = &site.base_url {
        return base.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// A public document (feed, sitemap) with a strong ETag and Last-Modified, answered with 304
/// when the client already has it, so feed readers and crawlers poll cheaply.
pub(crate) fn cacheable(
    headers: &axum::http::HeaderMap,
    content_type: &'static str,
    body: String,
    modified: i64,
    tags: &[crate::cache::Tag],
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(body.as_bytes());
    let etag: String = std::iter::once("\"".to_owned())
        .chain(digest[..12].iter().map(|b| format!("{b:02x}")))
        .chain(std::iter::once("\"".to_owned()))
        .collect();
    let modified = jiff::Timestamp::from_second(modified).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let last_modified = jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&modified)
        .unwrap_or_default();
    let fresh = crate::cache::not_modified(headers, &etag, modified.as_second());
    let cache = [
        (header::ETAG, etag),
        (header::LAST_MODIFIED, last_modified),
        (header::CACHE_CONTROL, "public, max-age=60".to_owned()),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    let mut response = (cache, [(header::CONTENT_TYPE, content_type)], body).into_response();
    response
        .extensions_mut()
        .insert(crate::cache::Keep::tags(tags.iter().cloned()));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies() {
        let trusted = vec![crate::parse_range("10.0.0.0/8").unwrap()];
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("198.51.100.1, 203.0.113.5, 10.0.0.2"),
        );
        let peer = "10.0.0.1".parse().unwrap();
        // Behind two trusted hops, the first untrusted address from the right is the reader.
        assert_eq!(
            client_behind(peer, &headers, &trusted),
            "203.0.113.5".parse::<std::net::IpAddr>().unwrap()
        );
        // A reader talking to us directly cannot choose its address with the header.
        let direct = "192.0.2.9".parse().unwrap();
        assert_eq!(client_behind(direct, &headers, &trusted), direct);
        assert_eq!(client_behind(peer, &headers, &[]), peer);
    }
}
