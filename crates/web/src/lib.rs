//! Minbar's web front: the router, handlers, view models, templates and localization.
//!
//! A request goes router → handler → store → view model (plain data, values ready to display)
//! → template → response. Handlers never build HTML and never name SQL; templates never see the
//! store. Every failure becomes an `AppError`, which one middleware turns into a localized
//! error page (`error`). [`app`] builds the whole router from an [`AppState`], so tests and the
//! static build can drive it in-process, and [`serve`] runs it on a listener.
//!
//! Public modules are those used from outside this crate: `addresses` and `cache` by the static
//! build, `feeds` by the archive export, `views` by the command line, the benchmarks and the
//! tests, `templates` through [`AppState::templates`] in the benchmarks and tests, and `auth` for
//! a limit the integration tests check. The rest is the crate's own.

pub mod addresses;
mod admin_views;
pub mod auth;
pub mod cache;
mod cookies;
mod csrf;
mod error;
pub mod feeds;
mod i18n;
mod openapi;
mod operate;
pub mod purge;
pub mod recorded;
mod routes;
pub mod templates;
pub mod views;

pub use i18n::I18nError;
pub use operate::admin_app;
pub use routes::{Site, app};

use minbar_search::SearchIndex;
use minbar_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// What every handler shares: the store, the search index, the templates and the localization data.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    search: Arc<SearchIndex>,
    media: Arc<dyn minbar_media::MediaStorage>,
    templates: templates::Templates,
    i18n: Arc<i18n::I18n>,
    /// Proxies whose `X-Forwarded-For` names the client (see `routes::ClientAddress`).
    trusted_proxies: Vec<ipnet::IpNet>,
    cache: Arc<cache::PageCache>,
    /// Set on SIGTERM: `/readyz` answers 503 so load balancers stop sending requests while
    /// those in flight finish.
    draining: std::sync::atomic::AtomicBool,
    /// Other nodes' commits, as this node hears of them (PostgreSQL's notifications).
    signal: Option<minbar_store::signal::Signal>,
}

/// Why the web front could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    I18n(#[from] i18n::I18nError),
    #[error(transparent)]
    Templates(#[from] templates::TemplateError),
}

pub use ipnet::IpNet;
pub use minbar_ops::bans::parse_range;

impl AppState {
    /// Builds the state; `theme_dir`, when given, holds templates that override the embedded ones.
    pub fn new(
        store: Store,
        search: Arc<SearchIndex>,
        media: Arc<dyn minbar_media::MediaStorage>,
        theme_dir: Option<PathBuf>,
    ) -> Result<Self, SetupError> {
        let i18n = Arc::new(i18n::I18n::new()?);
        auth::warm_up();
        let templates = templates::Templates::new(i18n.clone(), theme_dir)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                cache: Arc::new(cache::PageCache::new(
                    cache::DEFAULT_BUDGET_BYTES,
                    store.write_log(),
                )),
                store,
                search,
                media,
                templates,
                i18n,
                trusted_proxies: Vec::new(),
                draining: std::sync::atomic::AtomicBool::new(false),
                signal: None,
            }),
        })
    }

    /// Trusts `proxies` to say who the client is. Call it before the state is shared (cloned):
    /// on a shared state it changes nothing and says so.
    pub fn with_trusted_proxies(mut self, proxies: Vec<ipnet::IpNet>) -> Self {
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => inner.trusted_proxies = proxies,
            None => tracing::warn!("trusted proxies set on a shared state; ignored"),
        }
        self
    }

    /// The page cache in front of the public site.
    pub fn cache(&self) -> &Arc<cache::PageCache> {
        &self.inner.cache
    }

    /// Sets the page cache's memory budget. Like [`AppState::with_trusted_proxies`], before the
    /// state is shared.
    pub fn with_cache_budget(mut self, bytes: usize) -> Self {
        let wal = self.inner.store.write_log();
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => inner.cache = Arc::new(cache::PageCache::new(bytes, wal)),
            None => tracing::warn!("cache budget set on a shared state; ignored"),
        }
        self
    }

    /// Hears of other nodes' commits through `signal` (for readiness and metrics; the
    /// followers hold their own clones). Before the state is shared.
    pub fn with_signal(mut self, signal: minbar_store::signal::Signal) -> Self {
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => inner.signal = Some(signal),
            None => tracing::warn!("change signal set on a shared state; ignored"),
        }
        self
    }

    /// Whether other nodes' commits are heard of at once (false on SQLite, or while the
    /// listening connection is down: followers then poll).
    pub fn notifications_up(&self) -> bool {
        self.inner.signal.as_ref().is_some_and(|s| s.listening())
    }

    /// Stops taking new work: `/readyz` answers 503 from now on.
    pub fn start_draining(&self) {
        self.inner
            .draining
            .store(true, std::sync::atomic::Ordering::Release);
    }

    pub fn is_draining(&self) -> bool {
        self.inner
            .draining
            .load(std::sync::atomic::Ordering::Acquire)
    }

    pub fn trusted_proxies(&self) -> &[ipnet::IpNet] {
        &self.inner.trusted_proxies
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn search(&self) -> &SearchIndex {
        &self.inner.search
    }

    pub fn media(&self) -> &dyn minbar_media::MediaStorage {
        self.inner.media.as_ref()
    }

    pub fn templates(&self) -> &templates::Templates {
        &self.inner.templates
    }

    pub(crate) fn i18n(&self) -> &i18n::I18n {
        &self.inner.i18n
    }
}

/// Serves the site on `listener` until `shutdown` completes, then finishes the requests in flight.
/// The process's metrics recorder is installed by the first call.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    operate::install_recorder();
    axum::serve(
        listener,
        axum::ServiceExt::<axum::extract::Request>::into_make_service_with_connect_info::<SocketAddr>(
            app(state),
        ),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
