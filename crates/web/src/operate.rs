//! What operators and load balancers ask of a node: `/healthz` (the process answers), `/readyz`
//! (it should get traffic: not draining, the database answers, the page cache and the search
//! index have followed the change log to within [`READY_LAG_SECONDS`], the index is loaded) and
//! `/metrics` (Prometheus text: requests by route and status, latency, the page cache, the
//! change log's lag, the job queue, the database pool).
//!
//! On the public listener `/metrics` and the details of `/readyz` are given only to loopback
//! and to trusted proxies asking for themselves (a request a proxy forwards for someone else is
//! refused); on `serve --admin-listen` they are given to whoever reaches that address. No answer
//! here names a URL, a secret or an error's text: the reasons are fixed words.

use crate::AppState;
use crate::routes::extract::ClientAddress;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Duration;

/// A node whose followers are further behind the change log than this is not ready: its pages
/// or its search could show what was changed elsewhere long ago.
pub const READY_LAG_SECONDS: i64 = 10;

/// How long a readiness check waits for the database.
const PING_TIMEOUT: Duration = Duration::from_secs(2);

/// Who may read the details: everyone on the admin listener, operators only on the public one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Audience {
    Public,
    Operators,
}

/// The operators' routes on the public listener.
pub(crate) fn router() -> Router<AppState> {
    routes(Audience::Public)
}

/// The operators' routes alone, for `serve --admin-listen`.
pub fn admin_app(state: AppState) -> Router {
    routes(Audience::Operators).with_state(state)
}

fn routes(audience: Audience) -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .layer(axum::Extension(audience))
}

fn plain(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
        ],
        body,
    )
        .into_response()
}

/// The process is up and answering: nothing else is checked (a load balancer restarting nodes
/// on a database outage would only make it worse).
async fn healthz() -> Response {
    plain(StatusCode::OK, "ok\n".to_owned())
}

/// Whether the request may see operators' details, decided once for both handlers.
struct Operator(bool);

impl axum::extract::FromRequestParts<AppState> for Operator {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let audience = parts
            .extensions
            .get::<Audience>()
            .copied()
            .unwrap_or(Audience::Public);
        let ClientAddress(client) = ClientAddress::from_request_parts(parts, state).await?;
        Ok(Operator(is_operator(audience, state, client, parts)))
    }
}

/// Whether the request may see operators' details.
fn is_operator(
    audience: Audience,
    state: &AppState,
    client: Option<std::net::IpAddr>,
    request: &axum::http::request::Parts,
) -> bool {
    if audience == Audience::Operators {
        return true;
    }
    let trusted = |ip: &std::net::IpAddr| state.trusted_proxies().iter().any(|n| n.contains(ip));
    let peer = request
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|axum::extract::ConnectInfo(addr)| addr.ip());
    let Some(peer) = peer else { return false };
    // A proxy this node does not trust may be forwarding anyone (nginx on the same machine
    // without `--trusted-proxy`): its loopback address proves nothing then.
    if request.headers.contains_key("x-forwarded-for") && !trusted(&peer) {
        return false;
    }
    client.is_some_and(|ip| ip.is_loopback() || trusted(&ip))
}

/// What `/readyz` found, checked in order. The change log's lag is read first, within
/// [`PING_TIMEOUT`]: those reads are what tells whether the database answers.
async fn readiness(state: &AppState) -> Result<serde_json::Value, &'static str> {
    if state.is_draining() {
        return Err("draining");
    }
    let cache = state.cache().applied();
    let search = state.search().applied_seq();
    let store = state.store();
    let lags = tokio::time::timeout(PING_TIMEOUT, async {
        Ok::<_, minbar_store::StoreError>((
            minbar_store::outbox::lag(store, cache.max(0)).await?,
            minbar_store::outbox::lag(store, search).await?,
        ))
    })
    .await;
    let Ok(Ok(((cache_behind, cache_age), (search_behind, search_age)))) = lags else {
        return Err("database unreachable");
    };
    if !state.search().is_loaded() {
        return Err("search index loading");
    }
    if cache < 0 {
        return Err("page cache starting");
    }
    if cache_age.max(search_age) > READY_LAG_SECONDS {
        return Err("behind the change log");
    }
    Ok(serde_json::json!({
        "ready": true,
        "change_log": {
            "page_cache": { "behind": cache_behind, "seconds": cache_age },
            "search": { "behind": search_behind, "seconds": search_age },
        },
        "notifications": state.notifications_up(),
    }))
}

/// 200 when the node should get traffic, 503 (with the reason, to operators) when not.
async fn readyz(State(state): State<AppState>, Operator(operator): Operator) -> Response {
    match readiness(&state).await {
        Ok(details) if operator => plain(StatusCode::OK, format!("{details:#}\n")),
        Ok(_) => plain(StatusCode::OK, "ready\n".to_owned()),
        Err(reason) if operator => plain(StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n")),
        Err(_) => plain(StatusCode::SERVICE_UNAVAILABLE, "not ready\n".to_owned()),
    }
}

/// The process's one Prometheus recorder, installed by the first server of the process.
static RECORDER: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Latency buckets (seconds): a cache hit is well under a millisecond, a search tens of them.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// How often the recorder folds the samples it holds into its histograms' buckets.
const UPKEEP_EVERY: Duration = Duration::from_secs(2);

/// Installs the recorder, once per process. Later calls (a second server in a test) share it.
pub(crate) fn install_recorder() {
    RECORDER.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets(BUCKETS)
            .and_then(|builder| builder.install_recorder());
        match recorder {
            Ok(handle) => {
                // Histograms keep every sample until upkeep folds them into their buckets, which
                // otherwise happens only when /metrics is scraped: unscraped, a busy node's
                // memory grew by tens of megabytes a minute (bench/web.sh saw 178 MiB).
                let upkeep = handle.clone();
                let spawned = std::thread::Builder::new()
                    .name("metrics-upkeep".to_owned())
                    .spawn(move || {
                        loop {
                            std::thread::sleep(UPKEEP_EVERY);
                            upkeep.run_upkeep();
                        }
                    });
                if let Err(error) = spawned {
                    tracing::warn!(%error, "metrics upkeep not started; scrapes still fold samples");
                }
                Some(handle)
            }
            Err(error) => {
                tracing::warn!(%error, "metrics are off");
                None
            }
        }
    });
}

/// Prometheus text, to operators only; gauges are read from the database at the scrape.
async fn metrics(State(state): State<AppState>, Operator(operator): Operator) -> Response {
    if !operator {
        return plain(StatusCode::FORBIDDEN, "forbidden\n".to_owned());
    }
    let Some(Some(handle)) = RECORDER.get() else {
        return plain(StatusCode::NOT_FOUND, "metrics are off\n".to_owned());
    };
    let store = state.store();
    let (size, idle) = store.pool_state();
    metrics::gauge!("minbar_db_pool_connections", "state" => "idle").set(idle as f64);
    metrics::gauge!("minbar_db_pool_connections", "state" => "busy")
        .set(f64::from(size).max(idle as f64) - idle as f64);
    let followers = [
        ("page_cache", state.cache().applied().max(0)),
        ("search", state.search().applied_seq()),
    ];
    for (follower, applied) in followers {
        if let Ok((behind, seconds)) = minbar_store::outbox::lag(store, applied).await {
            metrics::gauge!("minbar_change_log_behind", "follower" => follower).set(behind as f64);
            metrics::gauge!("minbar_change_log_lag_seconds", "follower" => follower)
                .set(seconds as f64);
        }
    }
    if let Ok(due) = minbar_store::jobs::due(store).await {
        metrics::gauge!("minbar_jobs_due").set(due as f64);
    }
    if let Some((replica, primary)) = store.replica_reads() {
        metrics::counter!("minbar_public_reads_total", "from" => "replica").absolute(replica);
        metrics::counter!("minbar_public_reads_total", "from" => "primary").absolute(primary);
    }
    metrics::gauge!("minbar_change_notifications_up").set(if state.notifications_up() {
        1.0
    } else {
        0.0
    });
    metrics::gauge!("minbar_page_cache_bytes").set(state.cache().used() as f64);
    handle.run_upkeep();
    let mut response = plain(StatusCode::OK, handle.render());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}
