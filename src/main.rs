//! The `minbar` command: parses arguments and calls into the crates. It chooses exit codes and
//! prints errors for people; it holds no logic of its own beyond reading files it is pointed at.

mod build;
mod demo;
mod export;
mod import;
mod import_site;
mod schedule;
mod search;
mod users;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use minbar_content::{
    BodyFormat, CommentId, CommentStatus, ModerationMode, OutsideComments, PostInput, Site,
    compose_page, compose_post, parse_locale,
};
use minbar_store::Store;
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "minbar",
    version,
    about = "Minbar: an Arabic-first publishing platform"
)]
struct Cli {
    /// The data directory: the SQLite file and, later, media live here.
    #[arg(
        long,
        global = true,
        env = "MINBAR_DATA",
        default_value = "./minbar-data"
    )]
    data: PathBuf,
    /// A database URL (postgres://…) instead of the SQLite file in the data directory.
    #[arg(long, global = true, env = "MINBAR_DATABASE_URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the site, or change its settings.
    Init(InitArgs),
    /// Write and list posts.
    #[command(subcommand)]
    Post(PostCommand),
    /// Write static pages (/p/<slug>.html).
    #[command(subcommand)]
    Page(PageCommand),
    /// Moderate readers' comments.
    #[command(subcommand)]
    Comment(CommentCommand),
    /// Serve the site over HTTP.
    Serve(ServeArgs),
    /// Bring a site over from another platform.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write the whole site to FILE: a Minbar archive (re-importable into an empty site with
    /// `minbar import archive`), or with --format blogger an export Blogger can import.
    Export {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "minbar")]
        format: export::ExportFormat,
    },
    /// Manage the newsroom's accounts.
    #[command(subcommand)]
    User(users::UserCommand),
    /// Rebuild the search index from every published post (stop the server first).
    Reindex,
    /// Write the public site to DIR as static files (with .gz and .br copies), for a mirror on
    /// any static host; a second run writes only what changed.
    Build {
        #[arg(long)]
        out: PathBuf,
        /// Write only the files, without their .gz and .br copies.
        #[arg(long)]
        no_compressed: bool,
    },
    /// Serve a throwaway site filled with demo posts.
    Demo {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
    },
}

#[derive(Args)]
struct InitArgs {
    /// The site's name.
    #[arg(long)]
    title: String,
    /// The text of the about box.
    #[arg(long, default_value = "")]
    about: String,
    /// The site's locale: ar, ar-SY, ar-EG, … or en.
    #[arg(long, default_value = "ar-SY")]
    locale: String,
    /// When readers' comments appear.
    #[arg(long, value_enum, default_value_t = Moderation::FirstTime)]
    moderation: Moderation,
    /// A second comment tab from an outside provider, loaded only when a reader opens it.
    #[arg(long, value_enum, default_value_t = Outside::None)]
    outside_comments: Outside,
    /// The public address of the site (https://example.org), used in share links.
    #[arg(long)]
    base_url: Option<String>,
    /// Close comments by themselves this many days after a post is published (0: never).
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=3650))]
    close_comments_after: Option<u32>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Moderation {
    /// Comments appear at once.
    Open,
    /// A commenter's first comment waits for approval.
    FirstTime,
    /// Every comment waits for approval.
    All,
}

#[derive(Clone, Copy, ValueEnum)]
enum Outside {
    None,
    Facebook,
    /// The discussion under each post's Telegram channel message (set per post in the editor).
    Telegram,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Markdown,
    Html,
}

impl From<Format> for BodyFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Markdown => BodyFormat::Markdown,
            Format::Html => BodyFormat::Html,
        }
    }
}

/// Where a body comes from: exactly one of a file or the command line.
#[derive(Args)]
#[group(required = true, multiple = false)]
struct BodySource {
    /// Read the body from this UTF-8 file.
    #[arg(long)]
    body_file: Option<PathBuf>,
    /// The body itself.
    #[arg(long)]
    body: Option<String>,
}

#[derive(Subcommand)]
enum PostCommand {
    /// Write a new post; prints its URL path.
    New {
        #[arg(long)]
        title: String,
        #[command(flatten)]
        body: BodySource,
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// A label; repeat for more. Hashtags in the title and body become labels too.
        #[arg(long = "label")]
        labels: Vec<String>,
        /// Show it in the featured posts.
        #[arg(long)]
        featured: bool,
        /// Keep it unpublished.
        #[arg(long)]
        draft: bool,
        /// Publication time, RFC 3339 (2017-08-06T10:00:00Z); now by default.
        #[arg(long)]
        published_at: Option<String>,
    },
    /// List every post, drafts included.
    List,
    /// Load posts from a JSON-lines file (gzip accepted): one
    /// {"title", "body", "labels"?, "date"?, "category"?} per line. Bad lines are reported by
    /// number and skipped; the rest load.
    #[command(name = "import-jsonl")]
    ImportJsonl { file: PathBuf },
    /// Take a post off the site (it becomes a draft); give its id or its path.
    Unpublish { post: String },
    /// Put an unpublished post back on the site; give its id or its path.
    Publish { post: String },
    /// Delete a post and its comments; give its id or its path.
    Delete { post: String },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// A Blogger export: the classic "Back up content" file or Takeout's feed.atom. Keeps every
    /// post's and page's old address; importing the same file again changes nothing.
    Blogger { file: PathBuf },
    /// A WordPress export (WXR, from Tools → Export). Posts get Minbar addresses and every old
    /// WordPress address answers with a permanent redirect; importing it again changes nothing.
    Wxr { file: PathBuf },
    /// A Minbar archive written by `minbar export`, into an empty site.
    Archive { file: PathBuf },
}

#[derive(Subcommand)]
enum PageCommand {
    /// Write a new static page; prints its URL path.
    New {
        #[arg(long)]
        title: String,
        /// The slug; made from the title by default.
        #[arg(long)]
        slug: Option<String>,
        #[command(flatten)]
        body: BodySource,
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum CommentCommand {
    /// List comments waiting for approval (or with another status).
    List {
        #[arg(long, default_value = "pending")]
        status: String,
    },
    /// Publish a waiting comment.
    Approve { id: i64 },
    /// Mark a comment as spam: it disappears from the site.
    Spam { id: i64 },
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// A folder of templates that override the default theme's, file by file.
    #[arg(long)]
    theme: Option<PathBuf>,
    /// A reverse proxy (address or CIDR range) whose X-Forwarded-For names the reader, for
    /// comment rate limits and bans; repeat for each. Without it the socket's peer is the reader.
    #[arg(long = "trusted-proxy", value_name = "CIDR")]
    trusted_proxies: Vec<String>,
    /// Memory for the page cache, in MiB (pages with their compressed copies).
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=4096))]
    cache_mb: u32,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging();
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
    let url = cli.database_url.as_deref();
    match cli.command {
        Command::Init(args) => init(&cli.data, url, args).await,
        Command::Post(PostCommand::New {
            title,
            body,
            format,
            labels,
            featured,
            draft,
            published_at,
        }) => {
            let store = open_initialized(&cli.data, url).await?;
            let body = read_body(&body)?;
            let published_at = match published_at {
                Some(text) => text
                    .parse::<jiff::Timestamp>()
                    .with_context(|| format!("--published-at '{text}' is not an RFC 3339 time such as 2017-08-06T10:00:00Z"))?
                    .as_second(),
                None => jiff::Timestamp::now().as_second(),
            };
            let input = PostInput {
                title,
                body,
                format: format.into(),
                labels,
                featured,
                draft,
                published_at,
            };
            let (post, warnings) = compose_post(&input)?;
            report_warnings(&warnings);
            let author = minbar_store::authors::first(&store).await?;
            let post = minbar_store::posts::insert(&store, &post, author).await?;
            println!("{}", minbar_web::views::encode_path(&post.path));
            Ok(())
        }
        Command::Post(PostCommand::List) => {
            let store = open_initialized(&cli.data, url).await?;
            for post in minbar_store::posts::list_all(&store).await? {
                let date = post
                    .published_at
                    .and_then(|t| jiff::Timestamp::from_second(t).ok())
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                let featured = if post.featured { "featured" } else { "-" };
                println!(
                    "{}\t{}\t{featured}\t{date}\t{}\t{}",
                    post.id, post.status, post.path, post.title
                );
            }
            Ok(())
        }
        Command::Page(PageCommand::New {
            title,
            slug,
            body,
            format,
        }) => {
            let store = open_initialized(&cli.data, url).await?;
            let body = read_body(&body)?;
            let (page, warnings) = compose_page(&title, slug.as_deref(), &body, format.into())?;
            report_warnings(&warnings);
            let page = minbar_store::pages::insert(&store, &page).await?;
            println!(
                "{}",
                minbar_web::views::encode_path(&format!("/p/{}.html", page.slug.as_str()))
            );
            Ok(())
        }
        Command::Post(PostCommand::ImportJsonl { file }) => {
            let store = open_initialized(&cli.data, url).await?;
            let summary = import::import_jsonl(&store, &file).await?;
            for (line, reason) in &summary.skipped {
                eprintln!("line {line}: skipped: {reason}");
            }
            println!(
                "loaded {} posts, skipped {} lines",
                summary.loaded,
                summary.skipped.len()
            );
            search::update_after_load(&cli.data, &store).await
        }
        Command::Post(PostCommand::Unpublish { post }) => {
            set_post_status(&cli.data, url, &post, minbar_content::PostStatus::Draft).await
        }
        Command::Post(PostCommand::Publish { post }) => {
            set_post_status(&cli.data, url, &post, minbar_content::PostStatus::Published).await
        }
        Command::Post(PostCommand::Delete { post }) => {
            let store = open_initialized(&cli.data, url).await?;
            let id = find_post(&store, &post).await?;
            minbar_store::posts::delete(&store, id).await?;
            eprintln!("post {} deleted", id.0);
            Ok(())
        }
        Command::Export { file, format } => {
            let store = open_initialized(&cli.data, url).await?;
            export::export(&store, &file, format).await
        }
        Command::Import(command) => {
            let store = open_initialized(&cli.data, url).await?;
            match command {
                ImportCommand::Archive { file } => export::restore(&store, &file).await?,
                ImportCommand::Blogger { file } => {
                    import_site::import(&store, &file, import_site::Format::Blogger)
                        .await?
                        .print();
                }
                ImportCommand::Wxr { file } => {
                    import_site::import(&store, &file, import_site::Format::Wxr)
                        .await?
                        .print();
                }
            }
            search::update_after_load(&cli.data, &store).await
        }
        Command::User(command) => {
            let store = open_initialized(&cli.data, url).await?;
            users::run(&store, command).await
        }
        Command::Reindex => {
            let store = open_initialized(&cli.data, url).await?;
            search::reindex(&cli.data, &store).await
        }
        Command::Comment(command) => moderate(&cli.data, url, command).await,
        Command::Serve(args) => {
            let store = open_initialized(&cli.data, url).await?;
            let proxies = args
                .trusted_proxies
                .iter()
                .map(|p| {
                    minbar_web::parse_range(p).with_context(|| {
                        format!("--trusted-proxy '{p}' is not an address or a CIDR range")
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let options = ServeOptions {
                theme: args.theme,
                trusted_proxies: proxies,
                cache_bytes: args.cache_mb as usize * 1024 * 1024,
            };
            serve(store, &cli.data, &args.listen, options).await
        }
        Command::Demo { listen } => demo::run(&listen).await,
        Command::Build { out, no_compressed } => {
            let store = Store::open(&cli.data, cli.database_url.as_deref()).await?;
            let started = std::time::Instant::now();
            let summary = build::run(store, &cli.data, &out, !no_compressed).await?;
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

async fn init(data: &Path, url: Option<&str>, args: InitArgs) -> Result<()> {
    if args.title.trim().is_empty() {
        bail!("--title is empty: the site needs a name");
    }
    let locale = parse_locale(&args.locale)?;
    let store = Store::open(data, url).await?;
    let existing = minbar_store::site::get(&store).await.ok();
    let site = Site {
        title: args.title.trim().to_owned(),
        about: args.about.trim().to_owned(),
        locale: locale.to_owned(),
        moderation: match args.moderation {
            Moderation::Open => ModerationMode::Open,
            Moderation::FirstTime => ModerationMode::FirstTime,
            Moderation::All => ModerationMode::All,
        },
        outside_comments: match args.outside_comments {
            Outside::None => None,
            Outside::Facebook => Some(OutsideComments::Facebook),
            Outside::Telegram => Some(OutsideComments::Telegram),
        },
        base_url: args.base_url.map(|u| u.trim_end_matches('/').to_owned()),
        // Keep the secret across re-runs, or every reader's open form would stop working.
        secret: existing
            .as_ref()
            .map(|s| s.secret.clone())
            .unwrap_or_else(|| minbar_web::csrf::random_hex(32)),
        // Date style and the app id are set in the admin; a re-run keeps them.
        style: existing.as_ref().map(|s| s.style).unwrap_or_default(),
        facebook_app_id: existing.as_ref().and_then(|s| s.facebook_app_id.clone()),
        comments_close_days: match args.close_comments_after {
            Some(0) => None,
            Some(days) => Some(days),
            None => existing.as_ref().and_then(|s| s.comments_close_days),
        },
    };
    if let Some(base) = &site.base_url
        && !(base.starts_with("https://") || base.starts_with("http://"))
    {
        bail!("--base-url '{base}' must start with https:// or http://");
    }
    minbar_store::site::save(&store, &site).await?;
    minbar_store::authors::ensure(&store, &site.title).await?;
    let verb = if existing.is_some() {
        "updated"
    } else {
        "created"
    };
    eprintln!(
        "{verb} site '{}' ({})",
        site.title,
        describe_location(data, url)
    );
    store.close().await;
    Ok(())
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

/// The body from `--body` or `--body-file`; a file must exist, be UTF-8 and not be empty, and
/// the error names it.
fn read_body(source: &BodySource) -> Result<String> {
    if let Some(body) = &source.body {
        if body.trim().is_empty() {
            bail!("--body is empty");
        }
        return Ok(body.clone());
    }
    let path = source
        .body_file
        .as_ref()
        .ok_or_else(|| anyhow!("give --body or --body-file"))?;
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read body file {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        anyhow!(
            "body file {} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            error.utf8_error().valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        bail!("body file {} is empty", path.display());
    }
    Ok(text)
}

fn report_warnings(warnings: &[&str]) {
    for warning in warnings {
        let text = match *warning {
            "warning-html-removed" => {
                "some HTML was removed (scripts, styles, frames or event handlers are not allowed)"
            }
            other => other,
        };
        eprintln!("warning: {text}");
    }
}

async fn moderate(data: &Path, url: Option<&str>, command: CommentCommand) -> Result<()> {
    let store = open_initialized(data, url).await?;
    match command {
        CommentCommand::List { status } => {
            let status: CommentStatus = status.parse()?;
            for c in minbar_store::comments::list_by_status(&store, status).await? {
                let body = c.body.replace('\n', " ");
                println!("{}\tpost {}\t{}\t{}", c.id, c.post_id, c.author_name, body);
            }
        }
        CommentCommand::Approve { id } => {
            minbar_store::comments::set_status(&store, CommentId(id), CommentStatus::Published)
                .await
                .with_context(|| format!("comment {id}"))?;
            eprintln!("comment {id} published");
        }
        CommentCommand::Spam { id } => {
            minbar_store::comments::set_status(&store, CommentId(id), CommentStatus::Spam)
                .await
                .with_context(|| format!("comment {id}"))?;
            eprintln!("comment {id} marked as spam");
        }
    }
    Ok(())
}

/// A post named on the command line by its id or its path (encoded or not).
async fn find_post(store: &Store, post: &str) -> Result<minbar_content::PostId> {
    if let Ok(id) = post.trim().parse::<i64>() {
        return Ok(minbar_content::PostId(id));
    }
    let path = percent_encoding::percent_decode_str(post.trim()).decode_utf8_lossy();
    minbar_store::posts::id_by_path(store, &path)
        .await?
        .ok_or_else(|| anyhow!("no post at {path} (see `minbar post list`)"))
}

async fn set_post_status(
    data: &Path,
    url: Option<&str>,
    post: &str,
    status: minbar_content::PostStatus,
) -> Result<()> {
    let store = open_initialized(data, url).await?;
    let id = find_post(&store, post).await?;
    minbar_store::posts::set_status(&store, id, status)
        .await
        .map_err(|e| match e {
            minbar_store::StoreError::NotFound => anyhow!("no post with id {}", id.0),
            other => other.into(),
        })?;
    eprintln!("post {} is now {status}", id.0);
    Ok(())
}

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
    let (index, rebuild) = search::open_for_server(data)?;
    let follower = minbar_search::follow::spawn(index.clone(), store.clone(), rebuild);
    let scheduler = schedule::spawn(store.clone());
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
