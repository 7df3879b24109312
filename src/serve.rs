//! `minbar serve`: the site over HTTP with its followers (search index, page cache) and the
//! scheduler, until Ctrl-C or SIGTERM.

use anyhow::{Context, Result};
use minbar_store::Store;
use std::path::{Path, PathBuf};

/// How `serve` runs besides where it listens.
pub(crate) struct ServeOptions {
    pub theme: Option<PathBuf>,
    pub trusted_proxies: Vec<minbar_web::IpNet>,
    pub cache_bytes: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            theme: None,
            trusted_proxies: Vec::new(),
            cache_bytes: minbar_web::cache::DEFAULT_BUDGET_BYTES,
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
    let (index, rebuild) = crate::search::open_for_server(data)?;
    let follower = minbar_search::follow::spawn(index.clone(), store.clone(), rebuild);
    let scheduler = crate::schedule::spawn(store.clone());
    let media = std::sync::Arc::new(minbar_media::LocalFolder::new(&data.join("media")));
    let state = minbar_web::AppState::new(store.clone(), index, media, options.theme)?
        .with_trusted_proxies(options.trusted_proxies)
        .with_cache_budget(options.cache_bytes);
    // The cache follows changes made elsewhere (other nodes, the command line).
    let cache_follower = state.cache().follow(store.clone());
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let address = listener.local_addr()?;
    tracing::info!("minbar listening on http://{address}");
    minbar_web::serve(state, listener, shutdown_signal()).await?;
    follower.abort();
    scheduler.abort();
    cache_follower.abort();
    store.close().await;
    tracing::info!("minbar stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
