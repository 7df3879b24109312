//! Images from elsewhere, at the command line: `--media fetch|DIR` on the imports and
//! `minbar media fetch-remote`. Reads the flags into a [`Source`] and the site's storage, shows
//! progress, and prints what was brought and what was not, and why. The work itself is
//! `minbar_ops::remote_media`.

use anyhow::{Context, Result, anyhow};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use minbar_media::remote::{Fetcher, Folder, Limits, Source};
use minbar_ops::remote_media::{Brought, Options};
use minbar_store::Store;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Subcommand)]
pub(crate) enum MediaCommand {
    /// Find the images posts and pages still show from other hosts, bring each into the site's
    /// media (as an upload: checked, stripped of metadata, resized) and point the posts at the
    /// copies. An image that cannot be had keeps its old address and is listed with why.
    FetchRemote {
        /// Take the images from this folder (matched by address path, then file name) instead
        /// of fetching them.
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
        /// Try again the images an earlier run could not have (a host that was down).
        #[arg(long)]
        retry_failed: bool,
        #[command(flatten)]
        fetch: FetchArgs,
    },
}

/// How images are fetched and where they are kept.
#[derive(Args, Clone)]
pub(crate) struct FetchArgs {
    /// A host the fetch may reach though it resolves to a private or loopback address (which is
    /// otherwise refused); repeat for each.
    #[arg(long = "allow-host", value_name = "HOST")]
    pub(crate) allow_host: Vec<String>,
    /// Take HOST to be at ADDRESS instead of asking DNS, as curl's --resolve does (the
    /// address is still refused if it is private and the host not allowed); repeat for each.
    #[arg(long, value_name = "HOST:ADDRESS", value_parser = parse_resolve)]
    pub(crate) resolve: Vec<(String, IpAddr)>,
    /// The longest one image's fetch may take, in seconds, answer and body: a host that sends
    /// forever is cut off then.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub(crate) timeout: u64,
    /// How many images are fetched at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub(crate) parallel: u16,
    /// Where images are kept: s3://BUCKET[/PREFIX], as `minbar serve --media`; by default
    /// DATA/media.
    #[arg(long = "media-storage", env = "MINBAR_MEDIA", value_name = "URL")]
    pub(crate) storage: Option<String>,
}

/// Where an import takes its images from (`--media fetch` or `--media DIR`).
#[derive(Clone, Debug)]
pub(crate) enum From {
    Fetch,
    Folder(PathBuf),
}

/// Reads `--media`: the word `fetch`, or a folder that exists.
pub(crate) fn parse_from(value: &str) -> Result<From, String> {
    if value == "fetch" {
        return Ok(From::Fetch);
    }
    let path = PathBuf::from(value);
    if path.is_dir() {
        Ok(From::Folder(path))
    } else {
        Err(format!(
            "{value} is neither `fetch` nor a folder (a Takeout media folder or a copy of wp-content/uploads)"
        ))
    }
}

fn parse_resolve(value: &str) -> Result<(String, IpAddr), String> {
    let (host, address) = value
        .rsplit_once(':')
        .filter(|(host, _)| !host.is_empty())
        .ok_or_else(|| format!("{value}: write HOST:ADDRESS (photos.example.org:203.0.113.5)"))?;
    let address = address
        .trim_matches(['[', ']'])
        .parse()
        .map_err(|_| format!("{value}: {address} is not an IP address"))?;
    Ok((host.to_ascii_lowercase(), address))
}

/// What a run needs: the source, the site's storage and the options.
pub(crate) struct Plan {
    pub(crate) source: Arc<Source>,
    pub(crate) storage: Arc<dyn minbar_media::MediaStorage>,
    pub(crate) options: Options,
    bar: ProgressBar,
}

impl Plan {
    pub(crate) async fn new(data: &Path, from: &From, args: &FetchArgs) -> Result<Plan> {
        let source = match from {
            From::Fetch => Source::Fetch(
                Fetcher::new(
                    &args.allow_host,
                    &args.resolve,
                    Limits {
                        timeout: std::time::Duration::from_secs(args.timeout),
                        ..Limits::default()
                    },
                )
                .map_err(|e| anyhow!("cannot start fetching: {e}"))?,
            ),
            From::Folder(dir) => Source::Folder(
                Folder::open(dir).with_context(|| format!("cannot read {}", dir.display()))?,
            ),
        };
        let storage = crate::serve::media_storage(data, args.storage.as_deref()).await?;
        let bar = ProgressBar::hidden();
        let (counter, starter) = (bar.clone(), bar.clone());
        Ok(Plan {
            source: Arc::new(source),
            storage,
            options: Options {
                parallel: usize::from(args.parallel),
                started: Arc::new(move |total| show(&starter, total)),
                progress: Arc::new(move || counter.inc(1)),
            },
            bar,
        })
    }

    pub(crate) fn done(&self) {
        self.bar.finish_and_clear();
    }
}

/// Shows a bar of `total` images on the terminal while they are fetched.
fn show(bar: &ProgressBar, total: u64) {
    bar.set_length(total);
    if let Ok(style) =
        ProgressStyle::with_template("images {bar:40} {pos}/{len} ({per_sec}, {eta} left)")
    {
        bar.set_style(style);
    }
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
}

/// Prints what a run brought: counts first, then each image not had, with why.
pub(crate) fn print_brought(brought: &Brought) {
    println!(
        "images: {} brought, {} already here, {} not brought",
        brought.fetched,
        brought.already,
        brought.failed.len()
    );
    for (url, why) in &brought.failed {
        println!("not brought (the post keeps the old address): {url}: {why}");
    }
}

pub(crate) async fn run(data: &Path, store: &Store, command: MediaCommand) -> Result<()> {
    match command {
        MediaCommand::FetchRemote {
            from,
            retry_failed,
            fetch,
        } => {
            let from = from.map_or(From::Fetch, From::Folder);
            if let From::Folder(dir) = &from
                && !dir.is_dir()
            {
                return Err(anyhow!("{} is not a folder", dir.display()));
            }
            let plan = Plan::new(data, &from, &fetch).await?;
            if retry_failed {
                let n = minbar_store::remote_images::forget_failures(store).await?;
                eprintln!("trying again {n} images an earlier run could not have");
            }
            let result = minbar_ops::remote_media::fetch_remote(
                store,
                plan.storage.clone(),
                plan.source.clone(),
                &plan.options,
            )
            .await;
            plan.done();
            let fetched = result.map_err(|e| anyhow!("{e}"))?;
            print_brought(&fetched.brought);
            println!(
                "posts and pages: {} now show the site's copies, {} still show an image from another host",
                fetched.rewritten, fetched.still_remote
            );
            Ok(())
        }
    }
}
