//! `minbar serve`: the site over HTTP with its followers (search index, page cache), the node's
//! share of the job queue, and, when asked, a second listener for operators; until Ctrl-C or
//! SIGTERM. On SIGTERM the node first says it is not ready (`/readyz` 503) for the drain time,
//! so load balancers stop sending it requests, then stops listening and lets the requests in
//! flight finish.

use anyhow::{Context, Result};
use minbar_store::Store;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How `serve` runs besides where it listens.
pub(crate) struct ServeOptions {
    pub theme: Option<PathBuf>,
    pub trusted_proxies: Vec<minbar_web::IpNet>,
    pub cache_bytes: usize,
    pub admin_listen: Option<String>,
    pub fronts: minbar_web::purge::Fronts,
    pub drain: Duration,
    pub node: String,
    /// `s3://BUCKET[/PREFIX]`, or `None` for the data directory's `media` folder.
    pub media: Option<String>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            theme: None,
            trusted_proxies: Vec::new(),
            cache_bytes: minbar_web::cache::DEFAULT_BUDGET_BYTES,
            admin_listen: None,
            fronts: minbar_web::purge::Fronts::default(),
            drain: Duration::ZERO,
            node: crate::jobs::default_node_name(),
            media: None,
        }
    }
}

/// Serves until Ctrl-C or SIGTERM, then lets requests in flight finish. Search follows the
/// store from the index in `data`, rebuilt in the background when it is missing or unreadable.
pub(crate) async fn serve(
    store: Store,
    data: &Path,
    listen: &str,
    options: ServeOptions,
) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let admin_listener = match &options.admin_listen {
        Some(address) => Some(
            tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("cannot listen on {address} (--admin-listen)"))?,
        ),
        None => None,
    };
    // Settings that can be wrong are checked before anything is opened.
    let media = media_storage(data, options.media.as_deref()).await?;
    let (index, rebuild) = crate::search::open_for_server(data)?;
    // Other nodes' commits wake every follower at once (PostgreSQL); each also polls.
    let signal = minbar_store::signal::listen(&store);
    let follower =
        minbar_search::follow::spawn(index.clone(), store.clone(), rebuild, signal.clone());
    let jobs = crate::jobs::spawn(
        store.clone(),
        options.node.clone(),
        options.fronts,
        signal.clone(),
    );
    let state = minbar_web::AppState::new(store.clone(), index, media, options.theme)?
        .with_trusted_proxies(options.trusted_proxies)
        .with_cache_budget(options.cache_bytes)
        .with_signal(signal.clone());
    // The cache follows changes made elsewhere (other nodes, the command line).
    let cache_follower = state.cache().follow(store.clone(), signal);
    let stop = shutdown_signal()?;
    let address = listener.local_addr()?;
    tracing::info!(node = %options.node, "this node's name in the job queue");
    // Scripts and tests read the address from the end of this line: nothing may follow it.
    tracing::info!("minbar listening on http://{address}");
    let admin = admin_listener.map(|admin_listener| {
        let app = minbar_web::admin_app(state.clone());
        if let Ok(address) = admin_listener.local_addr() {
            tracing::info!("health and metrics on http://{address}");
        }
        tokio::spawn(async move {
            if let Err(error) = axum::serve(admin_listener, app).await {
                tracing::error!(%error, "the admin listener stopped");
            }
        })
    });
    let draining = state.clone();
    let drain = options.drain;
    minbar_web::serve(state, listener, async move {
        if stop.await == Stop::Terminate && !drain.is_zero() {
            draining.start_draining();
            tracing::info!(
                seconds = drain.as_secs(),
                "draining: not ready, still serving"
            );
            tokio::time::sleep(drain).await;
        }
        tracing::info!("no new connections; finishing requests in flight");
    })
    .await?;
    follower.abort();
    jobs.abort();
    cache_follower.abort();
    if let Some(admin) = admin {
        admin.abort();
    }
    store.close().await;
    tracing::info!("minbar stopped");
    Ok(())
}

/// The media storage `--media` names, checked before the server starts: a wrong bucket, an
/// endpoint that does not answer or keys it refuses stop the start with the server's reason.
pub(crate) async fn media_storage(
    data: &Path,
    url: Option<&str>,
) -> Result<std::sync::Arc<dyn minbar_media::MediaStorage>> {
    let Some(url) = url else {
        return Ok(std::sync::Arc::new(minbar_media::LocalFolder::new(
            &data.join("media"),
        )));
    };
    let storage = minbar_media::ObjectStorage::from_url(url)?;
    let endpoint = std::env::var("AWS_ENDPOINT").unwrap_or_else(|_| "AWS S3".to_owned());
    tokio::time::timeout(Duration::from_secs(20), storage.check())
        .await
        .map_err(|_| {
            anyhow::anyhow!(
                "cannot use --media {url}: the object store at {endpoint} did not answer in 20 s"
            )
        })?
        .with_context(|| format!("cannot use --media {url} (endpoint {endpoint})"))?;
    tracing::info!(%url, "media in object storage");
    Ok(std::sync::Arc::new(storage))
}

/// Which signal asked the server to stop.
#[derive(Debug, PartialEq, Eq)]
enum Stop {
    /// Ctrl-C: someone at a terminal, who should not wait for a drain.
    Interrupt,
    /// SIGTERM: a service manager, behind a load balancer that must be given time.
    Terminate,
}

/// Listens for Ctrl-C and SIGTERM from now on (before the address is announced, so a stop sent
/// right after cannot kill the process unhandled) and returns the wait for the first of them.
fn shutdown_signal() -> Result<impl std::future::Future<Output = Stop>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt()).context("cannot listen for Ctrl-C")?;
    let mut terminate = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
    Ok(async move {
        let stop = tokio::select! {
            _ = interrupt.recv() => Stop::Interrupt,
            _ = terminate.recv() => Stop::Terminate,
        };
        tracing::info!(?stop, "shutting down");
        stop
    })
}
