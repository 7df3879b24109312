//! The search index from the command line: opening it beside the store, `minbar reindex`, and
//! bringing it up to date after a bulk load.

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use minbar_search::{INDEX_DIR, Rebuild, SearchError, SearchIndex, WriterSize, follow};
use minbar_store::Store;
use std::path::Path;
use std::sync::Arc;

/// Opens the index in the data directory for a server, which keeps it for its whole life.
pub(crate) fn open_for_server(data: &Path) -> Result<(Arc<SearchIndex>, Option<Rebuild>)> {
    let dir = data.join(INDEX_DIR);
    let (index, rebuild) = SearchIndex::open(&dir, WriterSize::Server)
        .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
    Ok((Arc::new(index), rebuild))
}

pub(crate) fn bar(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    let template = format!("{what} {{bar:40}} {{pos}}/{{len}} ({{per_sec}}, {{eta}} left)");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

/// `minbar reindex`: builds the index anew from every published post.
pub(crate) async fn reindex(data: &Path, store: &Store) -> Result<()> {
    let dir = data.join(INDEX_DIR);
    let index = match SearchIndex::open(&dir, WriterSize::Bulk) {
        Ok((index, _)) => Arc::new(index),
        Err(error @ SearchError::Locked(_)) => bail!(
            "{error}: stop `minbar serve` first (a running server keeps the index current by itself, and rebuilds it at start-up when it is missing)"
        ),
        Err(error) => return Err(error).context("cannot open the search index"),
    };
    let started = std::time::Instant::now();
    let count = rebuild_with_bar(&index, store).await?;
    finish(index)?;
    println!(
        "indexed {count} published posts in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn rebuild_with_bar(index: &Arc<SearchIndex>, store: &Store) -> Result<u64> {
    let progress = bar(0, "indexing");
    let count = follow::rebuild(index, store, &|done, total| {
        progress.set_length(total);
        progress.set_position(done);
    })
    .await?;
    progress.finish_and_clear();
    Ok(count)
}

fn finish(index: Arc<SearchIndex>) -> Result<()> {
    match Arc::try_unwrap(index) {
        Ok(index) => index
            .finish()
            .context("cannot finish writing the search index"),
        Err(_) => Ok(()),
    }
}

/// After a bulk load: brings the index up to date, unless a running server holds it (it will
/// index the new posts itself within a second).
pub(crate) async fn update_after_load(data: &Path, store: &Store) -> Result<()> {
    let dir = data.join(INDEX_DIR);
    match SearchIndex::open(&dir, WriterSize::Bulk) {
        Err(SearchError::Locked(_)) => {
            eprintln!("the running server is indexing the new posts");
            Ok(())
        }
        Err(error) => Err(error).context("cannot open the search index"),
        Ok((index, rebuild)) => {
            let index = Arc::new(index);
            if rebuild.is_some() {
                rebuild_with_bar(&index, store).await?;
            } else {
                let spinner = ProgressBar::new_spinner();
                spinner.set_message("indexing the new posts");
                spinner.enable_steady_tick(std::time::Duration::from_millis(120));
                follow::catch_up(&index, store).await?;
                spinner.finish_and_clear();
            }
            finish(index)
        }
    }
}
