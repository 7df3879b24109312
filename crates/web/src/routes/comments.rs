//! A reader's comment, sent to the post's own address: every check it goes through before it is
//! stored, and the answer for each. A refused comment gets the post page again, in the reader's
//! language, with the reason and everything the reader typed; nothing is lost.
//!
//! The checks are gathered facts (what the store counted, the bans, the staff names) run
//! through the pure rules of `minbar_content::comments`.

use super::posts::{PostPage, comments_open, load_post, render_post};
use super::{ClientAddress, site_and_layout};
use crate::AppState;
use crate::csrf;
use crate::error::AppError;
use crate::views::{CommentFormView, encode_path};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minbar_content::comments::{self as rules, Signals, Verdict};
use minbar_content::{
    BanKind, CommentId, CommentStatus, MAX_COMMENT_CHARS, MAX_COMMENT_NAME_CHARS, ModerationMode,
    NewComment, Post, Site, User,
};
use std::net::IpAddr;

/// The longest e-mail address accepted, in bytes.
const MAX_EMAIL_BYTES: usize = 200;

/// The comment form as the browser sends it. A missing field reads as empty, so it gets the same
/// clear message as one left blank; text that is not valid UTF-8 is kept with U+FFFD in place of
/// the broken bytes, so the reader still gets back what could be read.
#[derive(Debug, Default, Clone)]
struct CommentForm {
    name: String,
    email: String,
    body: String,
    /// The honeypot: hidden from people, filled in by bots.
    website: String,
    /// The comment answered, if any.
    parent: String,
}

impl CommentForm {
    fn parse(bytes: &[u8]) -> Self {
        let mut form = CommentForm::default();
        for (name, value) in form_urlencoded::parse(bytes) {
            let field = match name.as_ref() {
                "name" => &mut form.name,
                "email" => &mut form.email,
                "body" => &mut form.body,
                "website" => &mut form.website,
                "parent" => &mut form.parent,
                _ => continue,
            };
            // The first value of a repeated field counts, as in the query strings.
            if field.is_empty() {
                *field = value.into_owned();
            }
        }
        form
    }

    fn parent(&self) -> Option<CommentId> {
        self.parent.trim().parse().ok().map(CommentId)
    }
}

/// Why a comment was refused: the message key, the number it names, the status, and for rate
/// limits the seconds to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Refusal {
    key: &'static str,
    number: Option<i64>,
    status: StatusCode,
    retry_after: Option<i64>,
}

impl Refusal {
    fn new(key: &'static str, status: StatusCode) -> Self {
        Refusal {
            key,
            number: None,
            status,
            retry_after: None,
        }
    }

    fn naming(mut self, number: usize) -> Self {
        self.number = Some(number as i64);
        self
    }
}

/// Checks what any form must hold, whoever sends it.
fn validate(form: &CommentForm) -> Result<(), Refusal> {
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let name = form.name.trim();
    if name.is_empty() {
        return Err(Refusal::new("error-name-empty", invalid));
    }
    if name.chars().count() > MAX_COMMENT_NAME_CHARS {
        return Err(Refusal::new("error-name-too-long", invalid).naming(MAX_COMMENT_NAME_CHARS));
    }
    let email = form.email.trim();
    if !email.is_empty()
        && (email.len() > MAX_EMAIL_BYTES
            || !email.contains('@')
            || email.contains(char::is_whitespace))
    {
        return Err(Refusal::new("error-email-invalid", invalid));
    }
    if clean_text(&form.body).is_empty() {
        return Err(Refusal::new("error-comment-empty", invalid));
    }
    if form.body.chars().count() > MAX_COMMENT_CHARS {
        return Err(Refusal::new("error-comment-too-long", invalid).naming(MAX_COMMENT_CHARS));
    }
    let links = rules::count_links(&form.body);
    if links > rules::MAX_LINKS {
        return Err(Refusal::new("error-too-many-links", invalid).naming(rules::MAX_LINKS));
    }
    Ok(())
}

/// What is stored of a name or body: line breaks kept (as `\n`), other control characters and
/// the invisible characters that reorder text dropped, ends trimmed.
fn clean_text(text: &str) -> String {
    minbar_text::neutralize(&text.replace("\r\n", "\n"))
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Whether `ip` is in one of the banned ranges (CIDR as stored; a bare address is its own range).
fn is_banned(ip: IpAddr, ranges: &[String]) -> bool {
    ranges
        .iter()
        .any(|range| crate::parse_range(range).is_some_and(|net| net.contains(&ip)))
}

/// What a comment the checks let through becomes.
struct Accepted {
    new: NewComment,
    /// The rate limits to hold it to as it is written (the same `judge` counted against); none
    /// for staff.
    window: Option<minbar_store::comments::Window>,
}

/// Runs every check a reader's comment goes through, in the order that tells the reader the
/// most useful reason first, and builds the comment to store.
async fn judge(
    state: &AppState,
    site: &Site,
    post: &Post,
    form: &CommentForm,
    seen: Option<i64>,
    ip: Option<IpAddr>,
    staff: Option<&User>,
) -> Result<Result<Accepted, Refusal>, AppError> {
    if let Err(refusal) = validate(form) {
        return Ok(Err(refusal));
    }
    if !comments_open(site, post) {
        return Ok(Err(Refusal::new(
            "error-comments-closed",
            StatusCode::FORBIDDEN,
        )));
    }
    let body = clean_text(&form.body);
    let fingerprint = rules::fingerprint(&body);
    if let Some(user) = staff {
        // A member of the newsroom, signed in: named by the account, published at once.
        return Ok(Ok(Accepted {
            new: NewComment {
                post_id: post.id,
                parent_id: form.parent(),
                author_name: user.name.clone(),
                author_key: None,
                body,
                status: CommentStatus::Published,
                ip: ip.map(|ip| ip.to_string()),
                user_id: Some(user.id.0),
                spam: Verdict::default(),
                fingerprint,
            },
            window: None,
        }));
    }
    let now = minbar_store::now();
    let Some(issued) = seen else {
        return Ok(Err(Refusal::new(
            "error-form-expired",
            StatusCode::UNPROCESSABLE_ENTITY,
        )));
    };
    let seconds = now - issued;
    if seconds < rules::MIN_SECONDS_TO_SUBMIT {
        return Ok(Err(Refusal::new(
            "error-too-fast",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .naming(rules::MIN_SECONDS_TO_SUBMIT as usize)));
    }
    let address = ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    if let Some(ip) = ip {
        let ranges = minbar_store::bans::values(state.store(), BanKind::Address).await?;
        if is_banned(ip, &ranges) {
            return Ok(Err(Refusal::new("error-banned", StatusCode::FORBIDDEN)));
        }
    }
    let name = clean_text(&form.name);
    let name_key = rules::name_key(&name);
    let staff_names = minbar_store::users::list(state.store()).await?;
    if staff_names
        .iter()
        .any(|user| rules::name_key(&user.name) == name_key)
        || rules::name_key(&site.title) == name_key
    {
        return Ok(Err(Refusal::new(
            "error-staff-name",
            StatusCode::UNPROCESSABLE_ENTITY,
        )));
    }
    let email = form.email.trim();
    let author_key = (!email.is_empty()).then(|| csrf::commenter_key(&site.secret, email));
    let window = minbar_store::comments::Window {
        address_since: now - rules::ADDRESS_WINDOW_SECONDS,
        per_address: rules::MAX_PER_ADDRESS,
        site_since: now - rules::SITE_WINDOW_SECONDS,
        per_site: rules::MAX_PER_SITE,
    };
    let recent = minbar_store::comments::recent(
        state.store(),
        &minbar_store::comments::RecentQuery {
            ip: &address,
            post: post.id,
            author_key: author_key.as_deref(),
            fingerprint: &fingerprint,
            address_since: window.address_since,
            site_since: window.site_since,
            duplicate_since: now - rules::DUPLICATE_WINDOW_SECONDS,
        },
    )
    .await?;
    if recent.from_address >= window.per_address {
        return Ok(Err(Refusal {
            retry_after: Some(rules::ADDRESS_WINDOW_SECONDS),
            ..Refusal::new("error-rate-address", StatusCode::TOO_MANY_REQUESTS)
                .naming(rules::ADDRESS_WINDOW_SECONDS as usize / 60)
        }));
    }
    if recent.on_site >= window.per_site {
        return Ok(Err(Refusal {
            retry_after: Some(rules::SITE_WINDOW_SECONDS),
            ..Refusal::new("error-rate-site", StatusCode::TOO_MANY_REQUESTS)
        }));
    }
    if recent.duplicates > 0 {
        return Ok(Err(Refusal::new("error-duplicate", StatusCode::CONFLICT)));
    }
    let blocked = minbar_store::bans::values(state.store(), BanKind::Word).await?;
    let verdict = rules::score(&Signals {
        name: &name,
        email,
        body: &body,
        seconds_to_submit: seconds,
        blocked_words: &blocked,
        spam_from_address: recent.spam_from_address,
    });
    let status = if verdict.is_spam() {
        CommentStatus::Spam
    } else {
        match site.moderation {
            ModerationMode::Open => CommentStatus::Published,
            ModerationMode::All => CommentStatus::Pending,
            ModerationMode::FirstTime => match &author_key {
                Some(key)
                    if minbar_store::comments::author_is_trusted(state.store(), key).await? =>
                {
                    CommentStatus::Published
                }
                _ => CommentStatus::Pending,
            },
        }
    };
    Ok(Ok(Accepted {
        new: NewComment {
            post_id: post.id,
            parent_id: form.parent(),
            author_name: name,
            author_key,
            body,
            status,
            ip: Some(address),
            user_id: None,
            spam: verdict,
            fingerprint,
        },
        window: Some(window),
    }))
}

/// `POST` to a post's address: a reader's comment or reply.
pub(super) async fn create(
    State(state): State<AppState>,
    Path((year, month, file)): Path<(String, String, String)>,
    ClientAddress(ip): ClientAddress,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let bytes = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        _ => AppError::BadRequest,
    })?;
    let form = CommentForm::parse(&bytes);
    let site = minbar_store::site::get(state.store()).await?;
    let post = load_post(&state, &year, &month, &file).await?;
    let post_url = encode_path(&post.path);
    if !csrf::same_origin(&headers) {
        // A form sent from another site (or by a client that says nothing of where from):
        // shown again, the text kept, nothing stored.
        let refusal = Refusal::new("error-cross-site", StatusCode::FORBIDDEN);
        return refuse(&state, &headers, &site, &post, form, refusal).await;
    }
    if !form.website.trim().is_empty() {
        // A bot filled the hidden field: answer as if the comment waits for moderation, so it
        // learns nothing, and keep nothing.
        tracing::info!(post = %post.id, "honeypot comment dropped");
        return Ok(Redirect::to(&format!("{post_url}?comment=pending#comments")).into_response());
    }
    let staff = crate::auth::session_user(&state, &headers).await?;
    let seen = csrf::seen_at(&site.secret, &headers);
    let accepted = match judge(&state, &site, &post, &form, seen, ip, staff.as_ref()).await? {
        Ok(accepted) => accepted,
        Err(refusal) => {
            tracing::info!(post = %post.id, reason = refusal.key, "comment refused");
            return refuse(&state, &headers, &site, &post, form, refusal).await;
        }
    };
    // Staff are not rate limited; readers are, checked again as the comment is written, since
    // the count in `judge` may be passed by comments written meanwhile.
    let stored = match &accepted.window {
        None => minbar_store::comments::insert(state.store(), &accepted.new)
            .await
            .map(Some),
        Some(window) => {
            minbar_store::comments::insert_within(state.store(), &accepted.new, window).await
        }
    };
    let comment = match stored {
        Ok(Some(comment)) => comment,
        Ok(None) => {
            let refusal = Refusal {
                retry_after: Some(rules::SITE_WINDOW_SECONDS),
                ..Refusal::new("error-rate-site", StatusCode::TOO_MANY_REQUESTS)
            };
            return refuse(&state, &headers, &site, &post, form, refusal).await;
        }
        // The comment answered was removed or hidden meanwhile.
        Err(minbar_store::StoreError::NotFound) => {
            let refusal = Refusal::new("error-reply-gone", StatusCode::UNPROCESSABLE_ENTITY);
            return refuse(&state, &headers, &site, &post, form, refusal).await;
        }
        Err(other) => return Err(other.into()),
    };
    if comment.status == CommentStatus::Spam {
        tracing::info!(post = %post.id, comment = %comment.id, reasons = ?accepted.new.spam.reasons, "comment held as spam");
    }
    // A held comment is told the same as one waiting for a first approval: a spammer learns
    // nothing from the answer.
    let target = match comment.status {
        CommentStatus::Published => format!("{post_url}?comment=published#comment-{}", comment.id),
        _ => format!("{post_url}?comment=pending#comments"),
    };
    Ok(Redirect::to(&target).into_response())
}

/// The post page again with the reader's text, the reason, and the status that fits it.
async fn refuse(
    state: &AppState,
    headers: &HeaderMap,
    site: &Site,
    post: &Post,
    form: CommentForm,
    refusal: Refusal,
) -> Result<Response, AppError> {
    let (_, layout) = site_and_layout(state).await?;
    let kept = CommentFormView {
        name: form.name.clone(),
        email: form.email.clone(),
        body: form.body.clone(),
        error: Some(refusal.key),
        error_max: refusal.number,
        parent: form.parent().map(|p| p.0),
        replying_to: None,
    };
    let page = PostPage {
        site,
        layout,
        post,
        form: kept,
        notice: None,
        comments_page: 1,
    };
    let mut response = render_post(state, headers, page, refusal.status).await?;
    if let Some(seconds) = refusal.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, email: &str, body: &str) -> CommentForm {
        CommentForm {
            name: name.into(),
            email: email.into(),
            body: body.into(),
            ..Default::default()
        }
    }

    fn key(result: Result<(), Refusal>) -> Option<(&'static str, Option<i64>)> {
        result.err().map(|r| (r.key, r.number))
    }

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(key(validate(&form("قارئ", "", "نص"))), None);
        assert_eq!(
            key(validate(&form(" ", "", "نص"))),
            Some(("error-name-empty", None))
        );
        assert_eq!(
            key(validate(&form("قارئ", "", " \n\u{202E} "))),
            Some(("error-comment-empty", None))
        );
        assert_eq!(
            key(validate(&form("قارئ", "not-an-address", "نص"))),
            Some(("error-email-invalid", None))
        );
        let long = "ب".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(
            key(validate(&form("قارئ", "", &long))),
            Some(("error-comment-too-long", Some(MAX_COMMENT_CHARS as i64)))
        );
        assert_eq!(
            key(validate(&form("قارئ", "", &"ب".repeat(MAX_COMMENT_CHARS)))),
            None
        );
        let links = "https://a.example ".repeat(4);
        assert_eq!(
            key(validate(&form("قارئ", "", &links))),
            Some(("error-too-many-links", Some(rules::MAX_LINKS as i64)))
        );
    }

    #[test]
    fn text_keeps_line_breaks_only() {
        assert_eq!(clean_text(" سطر\r\nثان\u{0}\u{7} "), "سطر\nثان");
        assert_eq!(clean_text("\u{202E}txt.exe\u{202C}"), "txt.exe");
    }

    #[test]
    fn forms_read_broken_encoding_and_repeated_fields() {
        let form = CommentForm::parse(b"csrf=x&name=%D9%82&body=%FF%FEtext&body=second&parent=12");
        assert_eq!(form.name, "ق");
        assert_eq!(form.body, "\u{FFFD}\u{FFFD}text");
        assert_eq!(form.parent(), Some(CommentId(12)));
        assert_eq!(CommentForm::parse(b"parent=x").parent(), None);
    }

    #[test]
    fn banned_ranges_match_addresses() {
        let ranges = vec!["203.0.113.0/24".to_owned(), "2001:db8::/32".to_owned()];
        let banned = |ip: &str| is_banned(ip.parse().unwrap(), &ranges);
        assert!(banned("203.0.113.9"));
        assert!(!banned("203.0.114.9"));
        assert!(banned("2001:db8::1"));
        assert!(is_banned(
            "192.0.2.1".parse().unwrap(),
            &["192.0.2.1".to_owned()]
        ));
    }
}
