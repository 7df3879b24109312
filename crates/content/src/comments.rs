//! The rules a reader's comment meets before it is stored, and the order threads are shown in.
//!
//! Everything here is a pure function of what the reader sent and what the store counted, so the
//! web crate only gathers the facts and the rules stay testable on their own.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

use crate::{Comment, CommentId};

/// Levels a thread shows: a comment, a reply, and a reply to the reply. A reply to the third
/// level joins the third level, under the same parent, so a thread never narrows on a phone.
pub const MAX_DEPTH: usize = 3;
/// Threads (a comment with all its replies) on one page of comments.
pub const THREADS_PER_PAGE: usize = 50;
/// Seconds a person needs at least between the page loading and the comment being sent; bots
/// post at once.
pub const MIN_SECONDS_TO_SUBMIT: i64 = 2;
/// Links a comment may carry; past this it is refused, below it each link adds to the score.
pub const MAX_LINKS: usize = 3;
/// Comments one address may send in [`ADDRESS_WINDOW_SECONDS`]. Generous, because readers on
/// the same mobile carrier or café share an address.
pub const MAX_PER_ADDRESS: i64 = 6;
pub const ADDRESS_WINDOW_SECONDS: i64 = 600;
/// Comments the whole site takes in [`SITE_WINDOW_SECONDS`], whatever their address: a flood
/// from many addresses stops here instead of filling the queue.
pub const MAX_PER_SITE: i64 = 120;
pub const SITE_WINDOW_SECONDS: i64 = 60;
/// How far back the same text counts as a duplicate.
pub const DUPLICATE_WINDOW_SECONDS: i64 = 86_400;
/// How long a comment's address is kept: long enough for the limits, duplicate checks and a
/// moderator's ban from the queue, short enough that a seized or leaked database does not say
/// where readers wrote from for long. Afterwards it is erased.
pub const ADDRESS_RETENTION_SECONDS: i64 = 14 * 86_400;
/// From this score on, a comment goes to the spam folder instead of the page or the queue.
pub const SPAM_THRESHOLD: i32 = 5;

/// A comment's spam score and the reasons that make it up, kept for the moderator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub score: i32,
    /// Each reason a message key and its detail: `links 2`, `blocked-word كلمة`.
    pub reasons: Vec<String>,
}

impl Verdict {
    fn add(&mut self, points: i32, reason: String) {
        self.score += points;
        self.reasons.push(reason);
    }

    pub fn is_spam(&self) -> bool {
        self.score >= SPAM_THRESHOLD
    }

    /// The reasons as stored: one per line.
    pub fn reasons_text(&self) -> String {
        self.reasons.join("\n")
    }
}

/// What the spam score is computed from.
#[derive(Debug, Clone, Copy)]
pub struct Signals<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub body: &'a str,
    /// Seconds between the form being served and being sent.
    pub seconds_to_submit: i64,
    /// The blocklist, each entry already passed through [`minbar_text::normalize`].
    pub blocked_words: &'a [String],
    /// Comments from the same address a moderator marked as spam lately.
    pub spam_from_address: i64,
}

/// Scores a comment. Each signal is weak on its own; a blocked word alone reaches the threshold,
/// because the newsroom put it there.
pub fn score(signals: &Signals<'_>) -> Verdict {
    let mut verdict = Verdict::default();
    let body = minbar_text::normalize(signals.body);
    let name = minbar_text::normalize(signals.name);
    let email = signals.email.to_lowercase();
    for word in signals.blocked_words {
        if word.is_empty() {
            continue;
        }
        let squeezed = squeeze(word);
        if body.contains(word.as_str())
            || name.contains(word.as_str())
            || email.contains(word.as_str())
            || squeeze(&body).contains(&squeezed)
        {
            verdict.add(SPAM_THRESHOLD, format!("blocked-word {word}"));
        }
    }
    let links = count_links(signals.body);
    if links > 0 {
        verdict.add(links.min(MAX_LINKS) as i32, format!("links {links}"));
    }
    if count_links(signals.name) > 0 || signals.name.contains(".com") {
        verdict.add(3, "link-in-name".to_owned());
    }
    if signals.seconds_to_submit < 10 {
        verdict.add(1, format!("fast {}", signals.seconds_to_submit));
    }
    if !signals.body.chars().any(char::is_alphabetic) {
        verdict.add(2, "no-letters".to_owned());
    }
    if signals.body.contains('\u{FFFD}') {
        verdict.add(2, "bad-encoding".to_owned());
    }
    if signals.spam_from_address > 0 {
        verdict.add(
            2 * signals.spam_from_address.min(2) as i32,
            format!("address-spam {}", signals.spam_from_address),
        );
    }
    verdict
}

/// Only letters and digits of normalized text, so `ك ل م ة` and `ك.ل.م.ة` match `كلمة`.
fn squeeze(normalized: &str) -> String {
    normalized.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// How many links a text carries: web addresses however they are written (`http://`,
/// `https://`, `www.`), counted case-insensitively.
pub fn count_links(text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    lower.matches("http://").count() + lower.matches("https://").count() + {
        // `www.` that is not already part of an http(s) link.
        lower
            .match_indices("www.")
            .filter(|(at, _)| !lower[..*at].ends_with("//"))
            .count()
    }
}

/// The same comment however it is spelled or spaced: a hash of its normalized letters and
/// digits. Two readers saying "شكراً" are both kept; the same reader sending it twice is not.
pub fn fingerprint(body: &str) -> String {
    let key = squeeze(&minbar_text::normalize(body));
    let digest = Sha256::digest(key.as_bytes());
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// The key a commenter's name is compared under when it might be a staff member's: normalized,
/// letters and digits only, so `ر.امي`, `رامـــي` and `رَامي` are all `رامي`.
pub fn name_key(name: &str) -> String {
    squeeze(&minbar_text::normalize(name))
}

/// Whether comments on a post published at `published_at` are still open at `now`.
pub fn open_at(closed: bool, close_days: Option<u32>, published_at: Option<i64>, now: i64) -> bool {
    if closed {
        return false;
    }
    match (close_days, published_at) {
        (Some(days), Some(at)) => now < at + i64::from(days) * 86_400,
        _ => true,
    }
}

/// One comment in the order a page shows it, with its indentation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed<'a> {
    pub comment: &'a Comment,
    /// 0 for a comment, 1 for a reply, up to `MAX_DEPTH - 1`.
    pub depth: usize,
    /// The page of comments (from 1) its thread is on.
    pub page: usize,
}

/// Arranges published comments into threads: threads in the order they started, each reply
/// right after its parent's earlier replies. A reply whose parent is not among `comments`
/// (hidden or deleted) starts a thread of its own, so nothing a reader can see goes missing.
pub fn threads(comments: &[Comment]) -> Vec<Placed<'_>> {
    let present: HashMap<CommentId, usize> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let mut children: HashMap<CommentId, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    let mut order: Vec<usize> = (0..comments.len()).collect();
    order.sort_by_key(|&i| (comments[i].created_at, comments[i].id.0));
    for i in order {
        match comments[i].parent_id.filter(|p| present.contains_key(p)) {
            Some(parent) => children.entry(parent).or_default().push(i),
            None => roots.push(i),
        }
    }
    let mut placed = Vec::with_capacity(comments.len());
    for (n, &root) in roots.iter().enumerate() {
        let page = n / THREADS_PER_PAGE + 1;
        // Depth-first, children in order; a stack of (index, depth) pushed in reverse.
        let mut stack = vec![(root, 0usize)];
        while let Some((i, depth)) = stack.pop() {
            let comment = &comments[i];
            placed.push(Placed {
                comment,
                depth: depth.min(MAX_DEPTH - 1),
                page,
            });
            if let Some(kids) = children.get(&comment.id) {
                stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
            }
        }
    }
    placed
}

/// How many pages of comments `placed` fills.
pub fn pages(placed: &[Placed<'_>]) -> usize {
    placed.last().map_or(1, |p| p.page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CommentStatus, PostId};

    fn signals(body: &str) -> Signals<'_> {
        Signals {
            name: "قارئ",
            email: "",
            body,
            seconds_to_submit: 60,
            blocked_words: &[],
            spam_from_address: 0,
        }
    }

    #[test]
    fn a_plain_comment_scores_nothing() {
        assert_eq!(score(&signals("خبر مهم، شكراً")), Verdict::default());
    }

    #[test]
    fn blocked_words_match_through_spelling_tricks() {
        let blocked = vec![minbar_text::normalize("كازينو")];
        for body in [
            "العب في كازينو الآن",
            "العب في كَازِينُو الآن",
            "العب في كـــازينو الآن",
            "العب في كازيييينو الآن",
            "العب في ك\u{200D}ازينو الآن",
            "العب في ك.ا.ز.ي.ن.و الآن",
        ] {
            let verdict = score(&Signals {
                blocked_words: &blocked,
                ..signals(body)
            });
            assert!(verdict.is_spam(), "{body}: {verdict:?}");
            assert_eq!(verdict.reasons, ["blocked-word كازينو"], "{body}");
        }
    }

    #[test]
    fn signals_add_up_with_reasons() {
        let verdict = score(&Signals {
            name: "www.example.com",
            seconds_to_submit: 3,
            ..signals("http://a.example https://b.example www.c.example")
        });
        assert_eq!(verdict.reasons, ["links 3", "link-in-name", "fast 3"]);
        assert_eq!(verdict.score, 7);
        assert!(verdict.is_spam());
    }

    #[test]
    fn links_are_counted_however_written() {
        assert_eq!(count_links("no links here"), 0);
        assert_eq!(
            count_links("HTTPS://A.example and https://www.b.example"),
            2
        );
        assert_eq!(count_links("www.a.example www.b.example"), 2);
        assert_eq!(count_links(&"https://x.example ".repeat(10_000)), 10_000);
    }

    #[test]
    fn fingerprints_ignore_spelling_and_spacing() {
        assert_eq!(fingerprint("شكراً  لكم!"), fingerprint("شكرا لكم"));
        assert_ne!(fingerprint("شكرا لكم"), fingerprint("شكرا لك"));
    }

    #[test]
    fn staff_names_are_keyed_through_tricks() {
        assert_eq!(name_key("رامي"), name_key("رَامـــي"));
        assert_eq!(name_key("رامي"), name_key("ر.ا\u{200D}مي"));
        assert_eq!(name_key("Rami"), name_key("RAMI"));
    }

    #[test]
    fn comments_close_after_the_set_days() {
        let day = 86_400;
        assert!(open_at(false, None, Some(0), 1_000 * day));
        assert!(open_at(false, Some(7), Some(0), 6 * day));
        assert!(!open_at(false, Some(7), Some(0), 7 * day));
        assert!(!open_at(true, None, Some(0), 0));
    }

    fn comment(id: i64, parent: Option<i64>, at: i64) -> Comment {
        Comment {
            id: CommentId(id),
            post_id: PostId(1),
            parent_id: parent.map(CommentId),
            author_name: format!("c{id}"),
            body: String::new(),
            status: CommentStatus::Published,
            created_at: at,
            staff: false,
            edited_at: None,
        }
    }

    #[test]
    fn threads_nest_in_order_and_cap_depth() {
        let comments = vec![
            comment(1, None, 1),
            comment(2, None, 2),
            comment(3, Some(1), 3),
            comment(4, Some(3), 4),
            comment(5, Some(4), 5),
            comment(6, Some(1), 6),
            comment(7, Some(99), 7),
        ];
        let placed: Vec<(i64, usize)> = threads(&comments)
            .iter()
            .map(|p| (p.comment.id.0, p.depth))
            .collect();
        assert_eq!(
            placed,
            [(1, 0), (3, 1), (4, 2), (5, 2), (6, 1), (2, 0), (7, 0)]
        );
    }

    #[test]
    fn pages_hold_whole_threads() {
        let mut comments: Vec<Comment> = (1..=120).map(|i| comment(i, None, i)).collect();
        comments.push(comment(121, Some(50), 200));
        let placed = threads(&comments);
        assert_eq!(pages(&placed), 3);
        let reply = placed.iter().find(|p| p.comment.id.0 == 121);
        assert_eq!(reply.map(|p| (p.page, p.depth)), Some((1, 1)));
        assert_eq!(placed.iter().filter(|p| p.page == 1).count(), 51);
    }
}
