//! The `minbar` command: parses arguments (`cli`) and hands each command to its module, which
//! calls the operations (`minbar_ops`) or the crates. It chooses exit codes and prints errors
//! for people; it holds no rule of its own beyond reading the files it is pointed at.

mod backup;
mod build;
mod cli;
mod comments;
mod config;
mod demo;
mod export;
mod import;
mod import_site;
mod jobs;
mod media;
mod posts;
mod search;
mod serve;
mod site;
mod users;

use anyhow::{Context, Result, bail};
use cli::{Cli, Command, ImportCommand};
use minbar_store::Store;
use std::path::Path;

pub(crate) use serve::{ServeOptions, serve};

fn main() -> std::process::ExitCode {
    let cli = match config::parse() {
        Ok(cli) => cli,
        Err(error) => {
            eprintln!("error: {error:#}");
            return std::process::ExitCode::from(2);
        }
    };
    init_logging();
    if cli.clock_offset != 0 {
        tracing::warn!(
            seconds = cli.clock_offset,
            "the clock is moved (a test's clock)"
        );
        minbar_store::set_clock_offset(cli.clock_offset);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MINBAR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn run(cli: Cli) -> Result<()> {
    let data = cli.data.as_path();
    let url = cli.database_url.as_deref();
    match cli.command {
        Command::Init(args) => site::init(data, url, args).await,
        Command::Site(command) => site::run(&open_initialized(data, url).await?, command).await,
        Command::Post(command) => posts::run(data, url, command).await,
        Command::Page(command) => posts::run_page(data, url, command).await,
        Command::Comment(command) => comments::run(data, url, command).await,
        Command::Export { file, format } => {
            export::export(&open_initialized(data, url).await?, &file, format).await
        }
        Command::Import(command) => {
            let store = open_initialized(data, url).await?;
            match command {
                ImportCommand::Archive { file } => export::restore(&store, &file).await?,
                ImportCommand::Blogger { file, media } => {
                    import_site::import_with_media(
                        data,
                        &store,
                        &file,
                        import_site::Format::Blogger,
                        media,
                    )
                    .await?;
                }
                ImportCommand::Wxr { file, media } => {
                    import_site::import_with_media(
                        data,
                        &store,
                        &file,
                        import_site::Format::Wxr,
                        media,
                    )
                    .await?;
                }
            }
            search::update_after_load(data, &store).await
        }
        Command::Backup { file } => {
            let store = open_initialized(data, url).await?;
            let summary = backup::backup(&store, data, &file).await?;
            store.close().await;
            eprintln!(
                "backed up the database ({} bytes) and {} media files to {}",
                summary.database_bytes,
                summary.media_files,
                file.display()
            );
            Ok(())
        }
        Command::Restore { file } => {
            if url.is_some() {
                bail!(
                    "`minbar restore` puts a SQLite site into --data; restore PostgreSQL with pg_restore"
                );
            }
            let media = backup::restore(data, &file).await?;
            eprintln!(
                "restored {} with {media} media files into {}",
                file.display(),
                data.display()
            );
            Ok(())
        }
        Command::User(command) => users::run(&open_initialized(data, url).await?, command).await,
        Command::Media(command) => {
            media::run(data, &open_initialized(data, url).await?, command).await
        }
        Command::Reindex => search::reindex(data, &open_initialized(data, url).await?).await,
        Command::Migrate => {
            let store = Store::open(data, url).await?;
            println!(
                "the database is at migration {} ({})",
                store.schema_version().await?,
                describe_location(data, url)
            );
            Ok(())
        }
        Command::Jobs => jobs::print(&open_initialized(data, url).await?).await,
        Command::Serve(args) => {
            let mut store = open_initialized(data, url).await?;
            if let Some(replica) = &args.read_database_url {
                store = store.with_read_replica(replica).await?;
            }
            let proxies = args
                .trusted_proxies
                .iter()
                .map(|p| {
                    minbar_web::parse_range(p).with_context(|| {
                        format!("--trusted-proxy '{p}' is not an address or a CIDR range")
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let fronts =
                minbar_web::purge::Fronts::parse(&args.purge_varnish, &args.purge_webhook)?;
            let options = ServeOptions {
                theme: args.theme,
                trusted_proxies: proxies,
                cache_bytes: args.cache_mb as usize * 1024 * 1024,
                admin_listen: args.admin_listen,
                fronts,
                drain: std::time::Duration::from_secs(args.drain_seconds),
                node: args
                    .node_name
                    .unwrap_or_else(crate::jobs::default_node_name),
                media: args.media,
            };
            serve(store, data, &args.listen, options).await
        }
        Command::Demo { listen } => demo::run(&listen).await,
        Command::Build { out, no_compressed } => {
            let store = Store::open(data, url).await?;
            let started = std::time::Instant::now();
            let summary = build::run(store, data, &out, !no_compressed).await?;
            eprintln!(
                "built {} in {:.2} s: {} pages asked for, {} written, {} unchanged, {} removed, {} media copied",
                out.display(),
                started.elapsed().as_secs_f64(),
                summary.asked,
                summary.written,
                summary.unchanged,
                summary.removed,
                summary.media
            );
            Ok(())
        }
    }
}

fn describe_location(data: &Path, url: Option<&str>) -> String {
    match url {
        Some(_) => "database from --database-url".to_owned(),
        None => format!("data in {}", data.display()),
    }
}

/// Opens the store and checks that `minbar init` ran, so a mistyped `--data` is caught instead
/// of silently starting an empty site.
async fn open_initialized(data: &Path, url: Option<&str>) -> Result<Store> {
    let store = Store::open(data, url).await?;
    if !minbar_store::site::exists(&store).await? {
        bail!(
            "no site in {}: run `minbar init --title …` first",
            describe_location(data, url)
        );
    }
    Ok(store)
}
