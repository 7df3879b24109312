//! Readers' comments: every check a comment meets before it is stored, in the order that tells
//! the reader the most useful reason first; and moderation (approve, reject, spam, delete, edit,
//! ban), the same for the admin's queue, the API and `minbar comment`.
//!
//! The pure rules are `minbar_content::comments` and `comment_checks`; this module gathers the
//! facts they need from the store (bans, staff names, recent counts) and writes the result.

use crate::{Actor, OpError, Refusal};
use minbar_content::comment_checks::{CommentRefusal, clean_text, validate};
use minbar_content::comments::{self as rules, Signals, Verdict};
use minbar_content::{
    BanKind, Comment, CommentId, CommentStatus, ModerationMode, NewComment, Post, Role, Site, User,
};
use minbar_store::{Store, StoreError};
use std::net::IpAddr;

/// A comment as sent.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub name: String,
    pub email: String,
    pub body: String,
    /// The comment answered, if any.
    pub parent: Option<CommentId>,
}

/// Who sends it, from where, and when the form was first shown to them.
#[derive(Debug, Clone, Copy)]
pub struct Sender<'a> {
    /// The reader's address (`None` when it cannot be known, e.g. in-process requests).
    pub ip: Option<IpAddr>,
    /// When the comment form was first shown, from the signed stamp; `None` when missing or
    /// forged.
    pub seen: Option<i64>,
    /// A member of the newsroom signed in: named by their account, published at once, not
    /// held to the readers' limits.
    pub staff: Option<&'a User>,
}

/// Whether comments on `post` are open now.
pub fn comments_open(site: &Site, post: &Post) -> bool {
    rules::open_at(
        post.discussion.closed,
        site.comments_close_days,
        post.published_at,
        crate::now(),
    )
}

fn refused(refusal: CommentRefusal) -> OpError {
    OpError::Refused(Refusal::Comment(refusal))
}

/// Whether `ip` is in one of the banned ranges (CIDR as stored; a bare address is its own range).
fn is_banned(ip: IpAddr, ranges: &[String]) -> bool {
    ranges
        .iter()
        .any(|range| crate::bans::parse_range(range).is_some_and(|net| net.contains(&ip)))
}

/// What a comment the checks let through becomes, and the limits to hold it to as it is
/// written (none for staff).
struct Accepted {
    new: NewComment,
    window: Option<minbar_store::comments::Window>,
}

/// Runs every check and builds the comment to store.
async fn judge(
    store: &Store,
    site: &Site,
    post: &Post,
    sent: &Submission,
    sender: Sender<'_>,
) -> Result<Accepted, OpError> {
    validate(&sent.name, &sent.email, &sent.body).map_err(refused)?;
    if !comments_open(site, post) {
        return Err(refused(CommentRefusal::Closed));
    }
    let body = clean_text(&sent.body);
    let fingerprint = rules::fingerprint(&body);
    if let Some(user) = sender.staff {
        return Ok(Accepted {
            new: NewComment {
                post_id: post.id,
                parent_id: sent.parent,
                author_name: user.name.clone(),
                author_key: None,
                body,
                status: CommentStatus::Published,
                ip: sender.ip.map(|ip| ip.to_string()),
                user_id: Some(user.id.0),
                spam: Verdict::default(),
                fingerprint,
            },
            window: None,
        });
    }
    let now = crate::now();
    let issued = sender.seen.ok_or(refused(CommentRefusal::FormExpired))?;
    let seconds = now - issued;
    if seconds < rules::MIN_SECONDS_TO_SUBMIT {
        return Err(refused(CommentRefusal::TooFast));
    }
    let address = sender
        .ip
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    if let Some(ip) = sender.ip {
        let ranges = minbar_store::bans::values(store, BanKind::Address).await?;
        if is_banned(ip, &ranges) {
            return Err(refused(CommentRefusal::Banned));
        }
    }
    let name = clean_text(&sent.name);
    let name_key = rules::name_key(&name);
    let staff_names = minbar_store::users::list(store).await?;
    if staff_names
        .iter()
        .any(|user| rules::name_key(&user.name) == name_key)
        || rules::name_key(&site.title) == name_key
    {
        return Err(refused(CommentRefusal::StaffName));
    }
    let email = sent.email.trim();
    let author_key =
        (!email.is_empty()).then(|| crate::secrets::commenter_key(&site.secret, email));
    let window = minbar_store::comments::Window {
        address_since: now - rules::ADDRESS_WINDOW_SECONDS,
        per_address: rules::MAX_PER_ADDRESS,
        site_since: now - rules::SITE_WINDOW_SECONDS,
        per_site: rules::MAX_PER_SITE,
    };
    let recent = minbar_store::comments::recent(
        store,
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
        return Err(refused(CommentRefusal::RateAddress));
    }
    if recent.on_site >= window.per_site {
        return Err(refused(CommentRefusal::RateSite));
    }
    if recent.duplicates > 0 {
        return Err(refused(CommentRefusal::Duplicate));
    }
    let blocked = minbar_store::bans::values(store, BanKind::Word).await?;
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
                Some(key) if minbar_store::comments::author_is_trusted(store, key).await? => {
                    CommentStatus::Published
                }
                _ => CommentStatus::Pending,
            },
        }
    };
    Ok(Accepted {
        new: NewComment {
            post_id: post.id,
            parent_id: sent.parent,
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
    })
}

/// Submits a comment on `post`: checks it and stores it (published, waiting, or held as spam).
/// A refusal is [`Refusal::Comment`]; nothing is stored then.
pub async fn submit(
    store: &Store,
    site: &Site,
    post: &Post,
    sent: &Submission,
    sender: Sender<'_>,
) -> Result<Comment, OpError> {
    let accepted = judge(store, site, post, sent, sender).await?;
    // Readers' limits are checked again as the comment is written, since the counts in `judge`
    // may be passed by comments written meanwhile.
    let stored = match &accepted.window {
        None => minbar_store::comments::insert(store, &accepted.new)
            .await
            .map(Some),
        Some(window) => minbar_store::comments::insert_within(store, &accepted.new, window).await,
    };
    match stored {
        Ok(Some(comment)) => {
            if comment.status == CommentStatus::Spam {
                tracing::info!(post = %post.id, comment = %comment.id, reasons = ?accepted.new.spam.reasons, "comment held as spam");
            }
            Ok(comment)
        }
        Ok(None) => Err(refused(CommentRefusal::RateSite)),
        // The comment answered was removed or hidden meanwhile.
        Err(StoreError::NotFound) => Err(refused(CommentRefusal::ReplyGone)),
        Err(other) => Err(other.into()),
    }
}

/// The most comments a queue tab shows at once.
pub const QUEUE_LIMIT: i64 = 200;

/// The moderation queue with `status`, newest first, with each comment's post (editors).
pub async fn queue(
    store: &Store,
    actor: Actor<'_>,
    status: CommentStatus,
) -> Result<Vec<minbar_store::comments::Queued>, OpError> {
    actor.require(Role::Editor)?;
    Ok(minbar_store::comments::queue(store, status, QUEUE_LIMIT).await?)
}

/// What a moderator does with a comment.
#[derive(Debug, Clone)]
pub enum Moderation {
    Approve,
    Reject,
    Spam,
    Delete,
    /// Bans the sender's address range (as typed) and sends the comment to spam.
    Ban {
        range: String,
    },
}

impl Moderation {
    /// The action named in the queue's forms and the API's paths.
    pub fn parse(action: &str, range: &str) -> Option<Self> {
        Some(match action {
            "approve" => Moderation::Approve,
            "reject" => Moderation::Reject,
            "spam" => Moderation::Spam,
            "delete" => Moderation::Delete,
            "ban" => Moderation::Ban {
                range: range.to_owned(),
            },
            _ => return None,
        })
    }
}

/// Moderates one comment (editors).
pub async fn moderate(
    store: &Store,
    actor: Actor<'_>,
    id: CommentId,
    action: &Moderation,
) -> Result<(), OpError> {
    actor.require(Role::Editor)?;
    let status = match action {
        Moderation::Approve => CommentStatus::Published,
        Moderation::Reject => CommentStatus::Rejected,
        Moderation::Spam => CommentStatus::Spam,
        Moderation::Delete => return Ok(minbar_store::comments::delete(store, id).await?),
        Moderation::Ban { range } => {
            // The ban first: it is what the moderator asked for.
            crate::bans::add(store, actor, "address", range).await?;
            CommentStatus::Spam
        }
    };
    Ok(minbar_store::comments::set_status(store, id, status).await?)
}

/// Corrects a comment's name and text (editors); readers see it marked as edited.
pub async fn edit(
    store: &Store,
    actor: Actor<'_>,
    id: CommentId,
    name: &str,
    body: &str,
) -> Result<(), OpError> {
    actor.require(Role::Editor)?;
    let name = minbar_text::neutralize(name.trim());
    let body = minbar_text::neutralize(body.replace("\r\n", "\n").trim());
    if name.is_empty() || name.chars().count() > minbar_content::MAX_COMMENT_NAME_CHARS {
        return Err(refused(CommentRefusal::NameEmpty));
    }
    if body.is_empty() {
        return Err(refused(CommentRefusal::Empty));
    }
    if body.chars().count() > minbar_content::MAX_COMMENT_CHARS {
        return Err(refused(CommentRefusal::TooLong));
    }
    Ok(minbar_store::comments::edit(store, id, &name, &body).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

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
