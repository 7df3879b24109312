//! View models of the signed-in side: plain data, ready for the `admin/` templates.

use crate::AppState;
use crate::i18n::direction_of;
use crate::views::encode_path;
use minbar_content::{PostSummary, Site, User};
use serde::Serialize;

/// What every admin page shares.
#[derive(Debug, Clone, Serialize)]
pub struct AdminLayout {
    pub lang: String,
    /// The tag messages and numbers are written with (`ar-SY-u-nu-arab` for Arabic-Indic digits).
    pub locale: String,
    pub dir: &'static str,
    pub site_title: String,
    /// The site's zone, which every time the admin shows or takes is in.
    pub time_zone: String,
    pub asset_version: String,
    /// The signed-in user; `None` on the sign-in page.
    pub user: Option<UserBadge>,
    /// The form token for this browser (the sign-out form needs it on every page).
    pub csrf: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UserBadge {
    pub name: String,
    pub role: &'static str,
    /// May manage other users and the site's settings.
    pub admin: bool,
    /// May publish and moderate.
    pub editor: bool,
}

impl AdminLayout {
    pub fn new(state: &AppState, site: &Site, user: Option<&User>, csrf: String) -> Self {
        AdminLayout {
            lang: site.locale.clone(),
            locale: site.format_locale().as_str().to_owned(),
            dir: direction_of(&site.locale),
            site_title: site.title.clone(),
            time_zone: site.time_zone.clone(),
            asset_version: state.templates().asset_version().to_owned(),
            user: user.map(|u| UserBadge {
                name: u.name.clone(),
                role: u.role.as_str(),
                admin: u.role.at_least(minbar_content::Role::Admin),
                editor: u.role.at_least(minbar_content::Role::Editor),
            }),
            csrf,
        }
    }
}

/// The sign-in page, with what the person typed (never the password) and why it failed.
#[derive(Debug, Clone, Serialize)]
pub struct SignInView {
    pub layout: AdminLayout,
    pub email: String,
    /// A message key: `signin-failed` or `signin-throttled`.
    pub error: Option<&'static str>,
}

/// The dashboard: what waits for the newsroom.
#[derive(Debug, Clone, Serialize)]
pub struct DashboardView {
    pub layout: AdminLayout,
    pub counts: Vec<StatusCount>,
    pub pending_comments: i64,
    /// The shared job queue, for admins (empty for others).
    pub jobs: Vec<JobRow>,
    /// Jobs whose last run failed: the first thing an admin should see.
    pub failed_jobs: usize,
    /// Posts waiting for an editor's review (editors).
    pub review: Vec<AdminPostRow>,
    /// Posts going out within a day, soonest first (editors).
    pub scheduled: Vec<AdminPostRow>,
    /// The newest published posts, with their comment counts.
    pub newest: Vec<AdminPostRow>,
    /// The signed-in writer's own drafts, to continue.
    pub drafts: Vec<AdminPostRow>,
}

/// One job of the shared queue as the dashboard lists it.
#[derive(Debug, Clone, Serialize)]
pub struct JobRow {
    /// The job's message key (`job-publish-due`), or its own name when this version has none.
    pub key: String,
    /// When it runs next, on the site's clock with the zone's abbreviation.
    pub next: String,
    /// The same moment in RFC 3339, for `<time datetime>`.
    pub next_iso: String,
    /// The node running it now.
    pub running_on: Option<String>,
    /// Failures since its last success, with the last one's reason.
    pub failures: i64,
    pub error: Option<String>,
}

impl JobRow {
    pub fn new(job: &minbar_store::jobs::Job, zone: &jiff::tz::TimeZone) -> Self {
        let key = match job.name.as_str() {
            "publish-due" | "forget-addresses" | "purge" => format!("job-{}", job.name),
            other => other.to_owned(),
        };
        JobRow {
            key,
            next: minbar_content::clock::admin_time(zone, job.run_at),
            next_iso: minbar_content::clock::rfc3339_local(zone, job.run_at),
            running_on: job.claimed_by.clone(),
            failures: job.attempts,
            error: job.last_error.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: &'static str,
    pub count: i64,
    pub url: String,
}

/// The post list.
#[derive(Debug, Clone, Serialize)]
pub struct PostListView {
    pub layout: AdminLayout,
    /// The status shown, or empty for all.
    pub status: &'static str,
    /// Words searched for in titles.
    pub query: String,
    pub statuses: Vec<&'static str>,
    pub posts: Vec<AdminPostRow>,
    pub total: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdminPostRow {
    pub title: String,
    pub edit_url: String,
    /// Where an editor adds a correction or update (published posts).
    pub notes_url: String,
    pub status: &'static str,
    pub url: String,
    pub date: String,
    /// Comments readers can see.
    pub comments: i64,
}

impl AdminPostRow {
    pub fn new(
        state: &AppState,
        locale: &minbar_content::FormatLocale,
        post: &PostSummary,
    ) -> Self {
        AdminPostRow {
            title: post.title.clone(),
            edit_url: format!("/admin/posts/{}/edit", post.id.0),
            notes_url: format!("/admin/posts/{}/notes", post.id.0),
            status: post.status.as_str(),
            url: encode_path(&post.path),
            date: post
                .published_at
                .map(|t| state.i18n().date(locale, t))
                .unwrap_or_default(),
            comments: post.comments,
        }
    }
}

/// The post editor.
#[derive(Debug, Clone, Serialize)]
pub struct EditorView {
    pub layout: AdminLayout,
    /// Where the form posts.
    pub action: String,
    pub post_id: Option<i64>,
    /// The post's public address, when it is published.
    pub public_url: Option<String>,
    /// Identifies this form, so submitting it twice creates one post.
    pub form_key: String,
    pub title: String,
    pub body: String,
    /// `markdown` or `html`: what the body is written in, sent back with the form.
    pub format: &'static str,
    pub labels: String,
    pub featured: bool,
    pub status: &'static str,
    pub statuses: Vec<&'static str>,
    pub can_feature: bool,
    pub publish_at: String,
    pub slug: String,
    pub excerpt: String,
    pub cover: String,
    /// The cover's address, to show it beside its field.
    pub cover_preview: Option<String>,
    /// The post's language tag; empty: the site's.
    pub language: String,
    /// The languages a post may be written in, with their names in themselves.
    pub languages: Vec<(&'static str, &'static str)>,
    /// The id of a post this one translates, as typed.
    pub translation_of: String,
    /// The post's translations, to show which exist.
    pub translations: Vec<(String, String)>,
    /// A message key saying what is wrong with the form.
    pub error: Option<&'static str>,
    /// The body rendered and sanitized, when the writer asked for a preview.
    pub preview_html: Option<String>,
    /// The version of the text the form started from, sent back with it.
    pub version: String,
    /// A save refused because someone else saved since: both versions, side by side.
    pub conflict: Option<ConflictView>,
    pub revisions: Vec<RevisionRow>,
    /// A saved post's discussion settings, for editors: its own small form.
    pub discussion: Option<minbar_content::Discussion>,
}

/// Two versions of a post: the one saved since the writer opened it, and the writer's, both
/// rendered and sanitized as the site would show them.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictView {
    pub theirs_title: String,
    pub theirs_html: String,
    pub yours_title: String,
    pub yours_html: String,
}

/// One saved version in the editor's list.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionRow {
    pub id: i64,
    pub title: String,
    pub saved: String,
    pub saved_by: String,
    pub restore_url: String,
}

impl RevisionRow {
    pub fn new(
        state: &AppState,
        locale: &minbar_content::FormatLocale,
        revision: &minbar_content::Revision,
    ) -> Self {
        let mut time = minbar_content::clock::local(&locale.zone, revision.saved_at)
            .strftime("%H:%M")
            .to_string();
        if locale.arabic_digits() {
            time = crate::i18n::arabic_indic(&time);
        }
        RevisionRow {
            id: revision.id,
            title: revision.title.clone(),
            saved: format!("{} {time}", state.i18n().date(locale, revision.saved_at)),
            saved_by: revision.saved_by.clone().unwrap_or_default(),
            restore_url: format!(
                "/admin/posts/{}/revisions/{}/restore",
                revision.post_id.0, revision.id
            ),
        }
    }
}

/// The media library: the upload form and the latest images.
#[derive(Debug, Clone, Serialize)]
pub struct MediaView {
    pub layout: AdminLayout,
    pub items: Vec<MediaItem>,
    /// A message key saying why the last upload was refused.
    pub error: Option<&'static str>,
    pub max_megabytes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MediaItem {
    /// The stored name, as a post's `cover` field takes it.
    pub name: String,
    pub url: String,
    /// Thumbnail: the smallest copy there is.
    pub thumb_url: String,
    /// What to paste into a post.
    pub markdown: String,
    pub width: i64,
    pub height: i64,
    pub kilobytes: i64,
}

impl MediaItem {
    pub fn new(row: &minbar_store::media::MediaRow) -> Self {
        let url = minbar_content::media::address(&row.name);
        let thumb_url = match minbar_media::MediaName::parse(&row.name) {
            Some(name) if row.width > i64::from(minbar_media::WIDTHS[0]) => {
                minbar_content::media::address(&minbar_media::MediaName::copy(
                    &name.hash,
                    name.kind,
                    minbar_media::WIDTHS[0],
                ))
            }
            _ => url.clone(),
        };
        MediaItem {
            name: row.name.clone(),
            markdown: format!("![]({url})"),
            url,
            thumb_url,
            width: row.width,
            height: row.height,
            kilobytes: (row.bytes + 1023) / 1024,
        }
    }
}

/// The comment moderation queue.
#[derive(Debug, Clone, Serialize)]
pub struct CommentsView {
    pub layout: AdminLayout,
    pub status: &'static str,
    pub statuses: Vec<&'static str>,
    pub comments: Vec<QueuedComment>,
}

/// One reason in a comment's spam score: a message key's tail and what it names.
#[derive(Debug, Clone, Serialize)]
pub struct SpamReason {
    pub key: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueuedComment {
    pub id: i64,
    pub author: String,
    /// Plain text: the template escapes it.
    pub body: String,
    pub date: String,
    pub post_title: String,
    pub post_url: String,
    /// The comment's own place on the post page.
    pub comment_url: String,
    pub status: &'static str,
    pub staff: bool,
    pub edited: bool,
    pub spam_score: i64,
    pub reasons: Vec<SpamReason>,
    /// The range a ban from this comment would cover (its /24 or /48), when its address is known.
    pub ban_range: Option<String>,
}

impl QueuedComment {
    pub fn new(
        state: &AppState,
        locale: &minbar_content::FormatLocale,
        queued: &minbar_store::comments::Queued,
    ) -> Self {
        let post_url = encode_path(&queued.post_path);
        QueuedComment {
            id: queued.comment.id.0,
            author: queued.comment.author_name.clone(),
            body: queued.comment.body.clone(),
            date: state.i18n().date(locale, queued.comment.created_at),
            post_title: queued.post_title.clone(),
            comment_url: format!("{post_url}#comment-{}", queued.comment.id),
            post_url,
            status: queued.comment.status.as_str(),
            staff: queued.comment.staff,
            edited: queued.comment.edited_at.is_some(),
            spam_score: queued.spam_score,
            reasons: queued
                .spam_reasons
                .iter()
                .map(|r| {
                    let (key, detail) = r.split_once(' ').unwrap_or((r, ""));
                    SpamReason {
                        key: key.to_owned(),
                        detail: detail.to_owned(),
                    }
                })
                .collect(),
            ban_range: queued.ip.as_deref().and_then(range_around),
        }
    }
}

/// The network around an address that a ban should cover: a /24 for IPv4 (one provider's
/// block of neighbours), a /48 for IPv6 (one site's allocation).
pub fn range_around(ip: &str) -> Option<String> {
    let ip: std::net::IpAddr = ip.parse().ok()?;
    let prefix = if ip.is_ipv4() { 24 } else { 48 };
    ipnet::IpNet::new(ip, prefix)
        .ok()
        .map(|net| net.trunc().to_string())
}

/// The comment an editor is correcting.
#[derive(Debug, Clone, Serialize)]
pub struct CommentEditView {
    pub layout: AdminLayout,
    pub comment: QueuedComment,
    pub name: String,
    pub body: String,
    pub error: Option<&'static str>,
}

/// The moderators' bans: address ranges and words.
#[derive(Debug, Clone, Serialize)]
pub struct BansView {
    pub layout: AdminLayout,
    pub bans: Vec<BanRow>,
    pub error: Option<&'static str>,
    /// What was typed, given back with an error.
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BanRow {
    pub id: i64,
    pub kind: &'static str,
    pub shown: String,
    pub date: String,
}

/// Site settings, as stored or as just submitted.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    pub layout: AdminLayout,
    /// Every setting as the form shows it.
    #[serde(flatten)]
    pub settings: minbar_content::SettingsText,
    pub locales: Vec<&'static str>,
    /// Every zone name the server's database knows, offered as the time zone is typed.
    pub zones: Vec<String>,
    pub error: Option<&'static str>,
}

/// User management: the accounts and the form to add one.
#[derive(Debug, Clone, Serialize)]
pub struct UsersView {
    pub layout: AdminLayout,
    pub users: Vec<UserRow>,
    pub name: String,
    pub email: String,
    pub role: String,
    pub error: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: &'static str,
}

impl UserRow {
    pub fn new(user: &User) -> Self {
        UserRow {
            id: user.id.0,
            name: user.name.clone(),
            email: user.email.clone(),
            role: user.role.as_str(),
        }
    }
}

/// The user's API tokens.
#[derive(Debug, Clone, Serialize)]
pub struct TokensView {
    pub layout: AdminLayout,
    pub tokens: Vec<TokenItem>,
    /// A token just created: shown this once.
    pub new_token: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TokenItem {
    pub name: String,
    pub created: String,
    pub revoke_url: String,
}

/// The static pages.
#[derive(Debug, Clone, Serialize)]
pub struct PagesView {
    pub layout: AdminLayout,
    pub pages: Vec<PageRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageRow {
    pub title: String,
    pub public_url: String,
    pub edit_url: String,
}

/// Writing or editing a static page.
#[derive(Debug, Clone, Serialize)]
pub struct PageEditorView {
    pub layout: AdminLayout,
    pub action: String,
    /// Editing an existing page: its slug cannot change.
    pub editing: bool,
    pub title: String,
    pub slug: String,
    pub body: String,
    /// The page's language tag; empty: the site's.
    pub language: String,
    pub languages: Vec<(&'static str, &'static str)>,
    pub error: Option<&'static str>,
}
