//! The command line's words: every command, flag and argument, with the help text people read.
//! Parsing only; each command's work is in its own module of the binary.

use clap::{Args, Parser, Subcommand, ValueEnum};
use minbar_content::BodyFormat;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "minbar",
    version,
    about = "Minbar: an Arabic-first publishing platform"
)]
pub(crate) struct Cli {
    /// The data directory: the SQLite file and, later, media live here.
    #[arg(
        long,
        global = true,
        env = "MINBAR_DATA",
        default_value = "./minbar-data"
    )]
    pub(crate) data: PathBuf,
    /// A database URL (postgres://…) instead of the SQLite file in the data directory.
    #[arg(long, global = true, env = "MINBAR_DATABASE_URL")]
    pub(crate) database_url: Option<String>,
    /// A TOML file of settings, named as the flags are (database-url = "postgres://…",
    /// listen = "0.0.0.0:8080", trusted-proxy = ["10.0.0.1"]); flags and MINBAR_* environment
    /// variables override it.
    #[arg(long, global = true, env = "MINBAR_CONFIG", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Seconds to move the clock by: for tests that need time to pass (session lifetimes).
    #[arg(
        long,
        global = true,
        env = "MINBAR_TEST_CLOCK_OFFSET",
        hide = true,
        default_value_t = 0,
        allow_hyphen_values = true
    )]
    pub(crate) clock_offset: i64,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Create the site, or change its settings.
    Init(InitArgs),
    /// Show or change the site's settings, one at a time, with the admin's rules.
    #[command(subcommand)]
    Site(SiteCommand),
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
        format: crate::export::ExportFormat,
    },
    /// Copy a SQLite site (its database and media) into FILE while it keeps serving: a
    /// consistent snapshot, one gzip-compressed tar file.
    Backup { file: PathBuf },
    /// Put a backup written by `minbar backup` into an empty data directory (--data).
    Restore { file: PathBuf },
    /// Manage the newsroom's accounts.
    #[command(subcommand)]
    User(crate::users::UserCommand),
    /// Images: bring those posts still show from other hosts.
    #[command(subcommand)]
    Media(crate::media::MediaCommand),
    /// Rebuild the search index from every published post (stop the server first).
    Reindex,
    /// Bring the database's schema up to this version and say where it stands. Migrations
    /// only add (tables, columns with defaults, indexes), so nodes of the previous version keep
    /// serving while it runs; start the new nodes after it.
    Migrate,
    /// The shared job queue: each job, when it runs next, its failures and who holds it.
    Jobs,
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
pub(crate) struct InitArgs {
    /// The site's name.
    #[arg(long)]
    pub(crate) title: String,
    /// The text of the about box.
    #[arg(long, default_value = "")]
    pub(crate) about: String,
    /// The site's locale: ar, ar-SY, ar-EG, …, ckb, ckb-IQ, kmr, kmr-SY, kmr-TR, en, en-GB, en-US.
    #[arg(long, default_value = "ar-SY")]
    pub(crate) locale: String,
    /// The newsroom's IANA time zone (Asia/Damascus); by default the main zone of the locale's
    /// region (ar-SY: Asia/Damascus), else UTC. `minbar site zones` lists them.
    #[arg(long)]
    pub(crate) time_zone: Option<String>,
    /// Show the Hijri (Umm al-Qura) date beside the Gregorian one.
    #[arg(long)]
    pub(crate) hijri: bool,
    /// Move the Hijri date by this many days (-2 to 2), for a local sighting of the moon.
    #[arg(long, allow_hyphen_values = true, requires = "hijri")]
    pub(crate) hijri_adjust: Option<String>,
    /// The digits every number a reader sees is written with: latn (0123) or arab (٠١٢٣).
    #[arg(long, value_parser = ["latn", "arab"])]
    pub(crate) digits: Option<String>,
    /// When readers' comments appear.
    #[arg(long, value_enum, default_value_t = Moderation::FirstTime)]
    pub(crate) moderation: Moderation,
    /// A second comment tab from an outside provider, loaded only when a reader opens it.
    #[arg(long, value_enum, default_value_t = Outside::None)]
    pub(crate) outside_comments: Outside,
    /// The public address of the site (https://example.org), used in share links.
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Close comments by themselves this many days after a post is published (0: never).
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=3650))]
    pub(crate) close_comments_after: Option<u32>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Moderation {
    /// Comments appear at once.
    Open,
    /// A commenter's first comment waits for approval.
    FirstTime,
    /// Every comment waits for approval.
    All,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Outside {
    None,
    Facebook,
    /// The discussion under each post's Telegram channel message (set per post in the editor).
    Telegram,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
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
pub(crate) struct BodySource {
    /// Read the body from this UTF-8 file.
    #[arg(long)]
    pub(crate) body_file: Option<PathBuf>,
    /// The body itself.
    #[arg(long)]
    pub(crate) body: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum PostCommand {
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
        /// Publication time: RFC 3339 (2017-08-06T10:00:00Z), or a local time on the site's
        /// clock (2017-08-06 13:00); now by default.
        #[arg(long)]
        published_at: Option<String>,
        /// The language it is written in: ar, ckb, kmr or en; the site's by default.
        #[arg(long)]
        language: Option<String>,
        /// The id of a post this one translates.
        #[arg(long)]
        translation_of: Option<i64>,
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
    /// Add a dated correction or update to a published post; give its id or its path.
    Note {
        post: String,
        /// correction or update.
        #[arg(long, default_value = "correction")]
        kind: String,
        /// Where the article shows it: top or bottom.
        #[arg(long, default_value = "top")]
        placement: String,
        /// The note, as plain text.
        #[arg(long)]
        text: String,
    },
}

#[derive(Subcommand)]
pub(crate) enum ImportCommand {
    /// A Blogger export: the classic "Back up content" file or Takeout's feed.atom. Keeps every
    /// post's and page's old address; importing the same file again changes nothing.
    Blogger {
        file: PathBuf,
        #[command(flatten)]
        media: ImportMedia,
    },
    /// A WordPress export (WXR, from Tools → Export). Posts get Minbar addresses and every old
    /// WordPress address answers with a permanent redirect; importing it again changes nothing.
    Wxr {
        file: PathBuf,
        #[command(flatten)]
        media: ImportMedia,
    },
    /// A Minbar archive written by `minbar export`, into an empty site.
    Archive { file: PathBuf },
}

/// Whether and how an import brings the images its posts show.
#[derive(Args)]
pub(crate) struct ImportMedia {
    /// `fetch`: download every image the posts and pages show (and WordPress's attachments)
    /// from its host; DIR: take them from a folder (a Takeout media folder, a copy of
    /// wp-content/uploads). Each is stored as an upload is and the posts point at the copies;
    /// an interrupted import started again fetches nothing twice.
    #[arg(long, value_name = "fetch|DIR", value_parser = crate::media::parse_from)]
    pub(crate) media: Option<crate::media::From>,
    #[command(flatten)]
    pub(crate) fetch: crate::media::FetchArgs,
}

#[derive(Subcommand)]
pub(crate) enum SiteCommand {
    /// Print every setting as `KEY<TAB>VALUE`.
    Show,
    /// Change one setting: title, about, locale, moderation, outside_comments, base_url,
    /// digits, month_names, facebook_app_id, comments_close_days, time_zone, hijri (on|off) or
    /// hijri_adjust (-2…2) (an empty VALUE resets it).
    Set {
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Print every time zone name this server knows, one per line.
    Zones,
}

#[derive(Subcommand)]
pub(crate) enum PageCommand {
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
        /// The language it is written in: ar, ckb, kmr or en; the site's by default.
        #[arg(long)]
        language: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum CommentCommand {
    /// List comments waiting for approval (or with another status).
    List {
        #[arg(long, default_value = "pending")]
        status: String,
    },
    /// Publish a waiting comment.
    Approve { id: i64 },
    /// Mark a comment as spam: it disappears from the site.
    Spam { id: i64 },
    /// Reject a comment: it stays out of the site, and out of the spam folder.
    Reject { id: i64 },
    /// Delete a comment for good.
    Delete { id: i64 },
}

#[derive(Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "MINBAR_LISTEN", default_value = "127.0.0.1:8080")]
    pub(crate) listen: String,
    /// A folder of templates that override the default theme's, file by file.
    #[arg(long, env = "MINBAR_THEME")]
    pub(crate) theme: Option<PathBuf>,
    /// A reverse proxy (address or CIDR range) whose X-Forwarded-For names the reader, for
    /// comment rate limits and bans; repeat for each. Without it the socket's peer is the reader.
    #[arg(
        long = "trusted-proxy",
        value_name = "CIDR",
        env = "MINBAR_TRUSTED_PROXY",
        value_delimiter = ','
    )]
    pub(crate) trusted_proxies: Vec<String>,
    /// Memory for the page cache, in MiB (pages with their compressed copies).
    #[arg(long, env = "MINBAR_CACHE_MB", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub(crate) cache_mb: u32,
    /// A second address serving only /healthz, /readyz and /metrics, to anyone who reaches it
    /// (keep it on a private network). Without it, /metrics answers loopback and trusted proxies.
    #[arg(long, value_name = "ADDRESS", env = "MINBAR_ADMIN_LISTEN")]
    pub(crate) admin_listen: Option<String>,
    /// A Varnish cache in front (http://HOST:PORT/) to purge by surrogate key when pages
    /// change; repeat for each.
    #[arg(
        long = "purge-varnish",
        value_name = "URL",
        env = "MINBAR_PURGE_VARNISH",
        value_delimiter = ','
    )]
    pub(crate) purge_varnish: Vec<String>,
    /// An address to POST the surrogate keys of changed pages to ({"keys": […]}), for a CDN's
    /// purge API; repeat for each.
    #[arg(
        long = "purge-webhook",
        value_name = "URL",
        env = "MINBAR_PURGE_WEBHOOK",
        value_delimiter = ','
    )]
    pub(crate) purge_webhook: Vec<String>,
    /// On SIGTERM, seconds /readyz answers 503 before the listener closes, so load balancers
    /// stop sending requests first (HAProxy: more than inter × fall). Requests in flight then
    /// finish.
    #[arg(long, env = "MINBAR_DRAIN_SECONDS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=300))]
    pub(crate) drain_seconds: u64,
    /// Where uploaded images are kept: s3://BUCKET[/PREFIX] for a bucket every node shares
    /// (endpoint, region and keys from the AWS_* environment variables; AWS_ALLOW_HTTP=true
    /// for a local endpoint). Without it, DATA/media on this machine.
    #[arg(long, env = "MINBAR_MEDIA", value_name = "URL")]
    pub(crate) media: Option<String>,
    /// A streaming replica of the PostgreSQL database (postgres://…) for public reads; a read
    /// goes to the primary until the replica has replayed what this node has seen or written.
    #[arg(long, env = "MINBAR_READ_DATABASE_URL", value_name = "URL")]
    pub(crate) read_database_url: Option<String>,
    /// This node's name in the job queue and logs (default: host name and process id).
    #[arg(long, env = "MINBAR_NODE_NAME")]
    pub(crate) node_name: Option<String>,
}
