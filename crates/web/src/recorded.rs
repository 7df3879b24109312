//! Every request counted by route, method and status, and timed
//! (`minbar_http_requests_total`, `minbar_http_request_duration_seconds`), with the page
//! cache's answers and bytes: [`Recorded`], the outermost service, outside the page cache and
//! the router; and [`note_route`], inside the router, which tells it the route that matched by
//! putting the route's [`MatchedPath`] on the response.
//!
//! A page cache hit is most requests on a busy day, so it is recorded through handles made on
//! the first hit and kept: no label is built, hashed or looked up for it. Any other answer
//! is recorded the general way.

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{Method, Response, StatusCode, header};
use axum::middleware::Next;
use metrics::{Counter, Histogram};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Instant;

/// The route the metrics name a page cache hit under: it never reaches the router.
const CACHE_ROUTE: &str = "(page cache)";

/// The outermost layer inside the router (after matching, around the error pages): puts the
/// route's pattern on the response it answers, never the path itself, so the metrics have one
/// series per route however many posts there are. The page cache carries it over to the
/// answer it makes from a page just rendered.
pub(crate) async fn note_route(request: Request, next: Next) -> axum::response::Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(route);
    }
    response
}

/// The handles a hit is recorded through: requests by method (GET, HEAD) and status (200,
/// 304), the route's latency, and the cache's answers and bytes.
struct HitMetrics {
    requests: [[Counter; 2]; 2],
    duration: Histogram,
    answers: Counter,
    bytes: Counter,
}

impl HitMetrics {
    fn new() -> Self {
        let requests = |method: &'static str, status: &'static str| {
            metrics::counter!("minbar_http_requests_total",
                "route" => CACHE_ROUTE, "method" => method, "status" => status)
        };
        HitMetrics {
            requests: [
                [requests("GET", "200"), requests("GET", "304")],
                [requests("HEAD", "200"), requests("HEAD", "304")],
            ],
            duration: metrics::histogram!("minbar_http_request_duration_seconds",
                "route" => CACHE_ROUTE),
            answers: metrics::counter!("minbar_page_cache_answers_total", "result" => "hit"),
            bytes: metrics::counter!("minbar_page_cache_bytes_served_total", "result" => "hit"),
        }
    }
}

/// The service that records what [`Recorded::inner`] answers.
#[derive(Clone)]
pub struct Recorded<S> {
    inner: S,
    /// Made on the first hit, after `serve` installed the recorder.
    hits: Arc<OnceLock<HitMetrics>>,
}

impl<S> Recorded<S> {
    pub(crate) fn new(inner: S) -> Self {
        Recorded {
            inner,
            hits: Arc::new(OnceLock::new()),
        }
    }
}

impl<S> tower::Service<Request<Body>> for Recorded<S>
where
    S: tower::Service<Request<Body>, Response = Response<Body>, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let started = Instant::now();
        let method = request.method().clone();
        let answered = self.inner.call(request);
        let hits = self.hits.clone();
        Box::pin(async move {
            let response = answered.await?;
            record(&hits, &method, &response, started);
            Ok(response)
        })
    }
}

fn record(
    hits: &OnceLock<HitMetrics>,
    method: &Method,
    response: &Response<Body>,
    started: Instant,
) {
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str);
    let cache = response
        .headers()
        .get(&crate::cache::X_CACHE)
        .map(|v| v.as_bytes());
    let bytes = || {
        response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let status = response.status();
    let method_index = match *method {
        Method::GET => Some(0),
        Method::HEAD => Some(1),
        _ => None,
    };
    let status_index = match status {
        StatusCode::OK => Some(0),
        StatusCode::NOT_MODIFIED => Some(1),
        _ => None,
    };
    if let (None, Some(b"hit"), Some(m), Some(s)) = (route, cache, method_index, status_index) {
        let hits = hits.get_or_init(HitMetrics::new);
        hits.requests[m][s].increment(1);
        hits.answers.increment(1);
        hits.bytes.increment(bytes());
        hits.duration.record(started.elapsed().as_secs_f64());
        return;
    }
    let cache = cache.and_then(|v| std::str::from_utf8(v).ok());
    let route = match (route, cache) {
        (Some(route), _) => route.to_owned(),
        (None, Some("hit")) => CACHE_ROUTE.to_owned(),
        (None, _) => "(unmatched)".to_owned(),
    };
    if let Some(result) = cache {
        metrics::counter!("minbar_page_cache_bytes_served_total", "result" => result.to_owned())
            .increment(bytes());
        metrics::counter!("minbar_page_cache_answers_total", "result" => result.to_owned())
            .increment(1);
    }
    metrics::counter!(
        "minbar_http_requests_total",
        "route" => route.clone(),
        "method" => method.as_str().to_owned(),
        "status" => status.as_u16().to_string()
    )
    .increment(1);
    metrics::histogram!("minbar_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
}
