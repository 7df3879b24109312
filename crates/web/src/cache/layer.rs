//! The tower layer in front of the site: which requests are keys, one render per key with
//! readers waiting for it, and answers from an entry (304s, the smallest accepted encoding).

use super::entry::{Entry, choose};
use super::{Filled, Keep, PageCache};
use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{
    HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode, header,
};
use minbar_store::Store;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};

/// Pages larger than this are served but not kept.
const MAX_ENTRY_BYTES: usize = 2 * 1024 * 1024;
/// Paths and queries past these lengths are never keys (nor pages of ours).
const MAX_KEY_PATH: usize = 2_048;
const MAX_KEY_QUERY: usize = 512;

/// The cache key of a request, or `None` when it must not be cached: only `GET`/`HEAD` of
/// public pages, with a sane path and query and a plain host (pages carry absolute links made
/// from it when the site has no public address set).
fn key_of(method: &Method, uri: &axum::http::Uri, headers: &HeaderMap) -> Option<String> {
    if method != Method::GET && method != Method::HEAD {
        return None;
    }
    let path = uri.path();
    let query = uri.query().unwrap_or("");
    if path.len() > MAX_KEY_PATH
        || query.len() > MAX_KEY_QUERY
        || path.starts_with("/admin")
        || path.starts_with("/api/")
        || path.starts_with("/static/")
        || path.starts_with("/media/")
        // Per reader, or about this node only: never one answer for all.
        || matches!(path, "/healthz" | "/readyz" | "/metrics" | "/comment-form/seen")
    {
        return None;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if host.len() > 255
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
    {
        return None;
    }
    let mut key = String::with_capacity(host.len() + path.len() + query.len() + 1);
    key.push_str(host);
    key.push_str(path);
    key.push('?');
    key.push_str(query);
    Some(key)
}

/// `X-Cache`: whether this answer came from memory (`hit`), was rendered for it (`miss`), or
/// is not kept at all (`pass`). Readers who waited for another's render count as hits.
pub(crate) const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// Whether the client already has this version: its `If-None-Match` names `etag` (or `*`), or,
/// without one, its `If-Modified-Since` is not before `modified` (Unix seconds). A date that
/// cannot be read asks for the page.
pub fn not_modified(headers: &HeaderMap, etag: &str, modified: i64) -> bool {
    match headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        Some(tags) => tags
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*"),
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| jiff::fmt::rfc2822::parse(v).ok())
            .is_some_and(|since| since.timestamp().as_second() >= modified),
    }
}

/// Answers from an entry: 304 when the client has it, else the smallest encoding it accepts.
/// Returns the bytes a compressed copy made now added to the entry.
fn answer(
    entry: &Entry,
    method: &Method,
    headers: &HeaderMap,
    rendered: bool,
) -> (Response<Body>, usize) {
    let encoding = choose(headers);
    if conditional(headers) && not_modified(headers, &entry.etag(encoding), entry.modified) {
        let mut out = entry.validated(encoding);
        out.remove(header::CONTENT_TYPE);
        out.insert(
            X_CACHE,
            HeaderValue::from_static(if rendered { "miss" } else { "hit" }),
        );
        let mut response = Response::new(Body::empty());
        *response.headers_mut() = out;
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        return (response, 0);
    }
    let (bytes, added) = entry.bytes(encoding);
    let mut response = Response::new(if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(bytes.clone())
    });
    *response.headers_mut() = entry.hit_headers(encoding, bytes).clone();
    if rendered {
        response
            .headers_mut()
            .insert(X_CACHE, HeaderValue::from_static("miss"));
    }
    (response, added)
}

fn conditional(headers: &HeaderMap) -> bool {
    headers.contains_key(header::IF_NONE_MATCH) || headers.contains_key(header::IF_MODIFIED_SINCE)
}

/// Turns a rendered response into an entry, when the handler allowed it; otherwise gives the
/// response back untouched (rebuilt from its bytes).
async fn settle(response: Response<Body>) -> (Filled, Option<Response<Body>>) {
    let kept = response.status() == StatusCode::OK && response.extensions().get::<Keep>().is_some();
    // A body known to be too large (a sitemap part of 50,000 addresses) is served as it is,
    // never read, so it is not lost.
    let too_large =
        axum::body::HttpBody::size_hint(response.body()).lower() > MAX_ENTRY_BYTES as u64;
    if !kept || too_large {
        return (Filled::Pass, Some(response));
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_ENTRY_BYTES).await {
        Ok(bytes) => {
            let keep = parts.extensions.get::<Keep>().cloned().unwrap_or_default();
            let entry = Entry::new(&parts, bytes, keep);
            (Filled::Entry(Arc::new(entry)), None)
        }
        // Too large to keep: it cannot be given back either, so say so plainly.
        Err(_) => (
            Filled::Pass,
            Some(
                Response::builder()
                    .status(StatusCode::INTERNAL_SERVER_ERROR)
                    .body(Body::empty())
                    .unwrap_or_default(),
            ),
        ),
    }
}

/// The tower layer putting a [`PageCache`] in front of the site.
#[derive(Clone)]
pub struct CacheLayer {
    cache: Arc<PageCache>,
    store: Store,
}

impl CacheLayer {
    pub fn new(cache: Arc<PageCache>, store: Store) -> Self {
        CacheLayer { cache, store }
    }
}

impl<S> tower::Layer<S> for CacheLayer {
    type Service = CacheService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        CacheService {
            inner,
            cache: self.cache.clone(),
            store: self.store.clone(),
        }
    }
}

#[derive(Clone)]
pub struct CacheService<S> {
    inner: S,
    cache: Arc<PageCache>,
    store: Store,
}

impl<S> tower::Service<Request<Body>> for CacheService<S>
where
    S: tower::Service<Request<Body>, Response = Response<Body>, Error = std::convert::Infallible>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = std::convert::Infallible;
    type Future = std::pin::Pin<
        Box<
            dyn std::future::Future<Output = Result<Response<Body>, std::convert::Infallible>>
                + Send,
        >,
    >;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        // The clone that was polled ready serves this request; a fresh clone stays for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let cache = self.cache.clone();
        let store = self.store.clone();
        if cache.budget == 0 {
            // Switched off (`minbar build` renders every page once): the site as it is.
            return Box::pin(inner.call(request));
        }
        Box::pin(async move {
            use tower::ServiceExt;
            let method = request.method().clone();
            let Some(key) = key_of(&method, request.uri(), request.headers()) else {
                let writes = method != Method::GET && method != Method::HEAD;
                let response = inner.call(request).await?;
                // A refused or failed write changed nothing: no need to wait for the outbox
                // (which, with the database away, would hold the answer for another time-out).
                let status = response.status();
                if writes && !status.is_client_error() && !status.is_server_error() {
                    cache.sync_or_clear(&store).await;
                }
                return Ok(response);
            };
            // Another process may have written (the command line, on SQLite): catch up first.
            // The first request also notes where the outbox stands.
            if cache.log_moved() || cache.applied.load(Ordering::Acquire) < 0 {
                cache.sync_or_clear(&store).await;
            }
            let (parts, _) = request.into_parts();
            let headers = &parts.headers;
            let rebuild = |parts: &axum::http::request::Parts| {
                let mut request = Request::new(Body::empty());
                *request.method_mut() = parts.method.clone();
                *request.uri_mut() = parts.uri.clone();
                *request.version_mut() = parts.version;
                *request.headers_mut() = parts.headers.clone();
                *request.extensions_mut() = parts.extensions.clone();
                request
            };
            let cell = cache.cell(&key);
            let mut own = None;
            let mut filler = false;
            let mut route = None;
            let filled = cell
                .get_or_init(|| async {
                    // The page itself, whatever this reader already has: a GET without
                    // conditions, so what is kept is the whole page.
                    let mut fill = rebuild(&parts);
                    *fill.method_mut() = Method::GET;
                    fill.headers_mut().remove(header::IF_NONE_MATCH);
                    fill.headers_mut().remove(header::IF_MODIFIED_SINCE);
                    let response = inner
                        .clone()
                        .oneshot(fill)
                        .await
                        .unwrap_or_else(|never| match never {});
                    // The route the metrics count a page just rendered under.
                    route = response.extensions().get::<MatchedPath>().cloned();
                    let (filled, response) = settle(response).await;
                    own = response;
                    filler = true;
                    filled
                })
                .await
                .clone();
            match filled {
                Filled::Entry(entry) => {
                    entry.last_used.store(
                        cache.clock.fetch_add(1, Ordering::Relaxed),
                        Ordering::Relaxed,
                    );
                    if filler {
                        cache.admit(&entry);
                    }
                    let (mut response, added) = answer(&entry, &method, headers, filler);
                    if let Some(route) = route {
                        response.extensions_mut().insert(route);
                    }
                    if added > 0 {
                        cache.grew(added);
                    }
                    Ok(response)
                }
                Filled::Pass => {
                    cache.remove(&key, &cell);
                    match own {
                        // Not kept: the filler's own (unconditional GET) response. A HEAD or a
                        // conditional request asks again as it was sent.
                        Some(response) if method == Method::GET && !conditional(headers) => {
                            Ok(response)
                        }
                        _ => inner.oneshot(rebuild(&parts)).await,
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_page_too_large_to_keep_is_served_whole() {
        let page = "<url><loc>https://manbij.example/2017/08/x.html</loc></url>\n"
            .repeat(MAX_ENTRY_BYTES / 40);
        let mut response = Response::new(Body::from(page.clone()));
        response.extensions_mut().insert(Keep::default());
        let (filled, given_back) = settle(response).await;
        assert!(matches!(filled, Filled::Pass));
        let response = given_back.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(body.len(), page.len());
    }

    #[test]
    fn odd_requests_are_never_keys() {
        let headers = {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, HeaderValue::from_static("example.org"));
            h
        };
        let key = |method: Method, uri: &str| key_of(&method, &uri.parse().unwrap(), &headers);
        assert_eq!(
            key(Method::GET, "/a?b=1").as_deref(),
            Some("example.org/a?b=1")
        );
        assert_eq!(key(Method::POST, "/a"), None);
        assert_eq!(key(Method::GET, "/admin/"), None);
        assert_eq!(key(Method::GET, &format!("/{}", "a".repeat(3000))), None);
        assert_eq!(
            key(Method::GET, &format!("/?{}", "a=1&".repeat(1000))),
            None
        );
        let mut odd = HeaderMap::new();
        odd.insert(
            header::HOST,
            HeaderValue::from_static("evil.example\"><script>"),
        );
        assert_eq!(key_of(&Method::GET, &"/".parse().unwrap(), &odd), None);
    }
}
