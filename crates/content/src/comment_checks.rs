//! What any comment must hold, whoever sends it (a reader's form, a moderator's edit), the
//! typed reasons a comment is refused, and the Telegram message a post's outside discussion names. The checks that need the store (bans, rate limits,
//! duplicates) are run by `minbar_ops::comments` with the same reasons.

use crate::comments::{
    ADDRESS_WINDOW_SECONDS, MAX_LINKS, MIN_SECONDS_TO_SUBMIT, SITE_WINDOW_SECONDS, count_links,
};
use crate::model::{MAX_COMMENT_CHARS, MAX_COMMENT_NAME_CHARS};

/// The comment form as the browser sends it. A missing field reads as empty, so it gets the same
/// clear message as one left blank; text that is not valid UTF-8 is kept with U+FFFD in place of
/// the broken bytes, so the reader still gets back what could be read. The first value of a
/// repeated field counts, as in query strings.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CommentForm {
    pub name: String,
    pub email: String,
    pub body: String,
    /// The honeypot: hidden from people, filled in by bots.
    pub website: String,
    /// The comment answered, if any.
    pub parent: String,
}

impl CommentForm {
    /// Reads an `application/x-www-form-urlencoded` body.
    pub fn parse(bytes: &[u8]) -> Self {
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
            if field.is_empty() {
                *field = value.into_owned();
            }
        }
        form
    }

    /// The comment answered, when the field holds a comment number.
    pub fn parent(&self) -> Option<crate::CommentId> {
        self.parent.trim().parse().ok().map(crate::CommentId)
    }
}

/// The longest e-mail address accepted, in bytes.
pub const MAX_EMAIL_BYTES: usize = 200;

/// Why a comment was refused. [`CommentRefusal::key`] is the message the reader is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CommentRefusal {
    #[error("the name is empty")]
    NameEmpty,
    #[error("the name is longer than {MAX_COMMENT_NAME_CHARS} characters")]
    NameTooLong,
    #[error("the e-mail address is not one")]
    EmailInvalid,
    #[error("the comment is empty")]
    Empty,
    #[error("the comment is longer than {MAX_COMMENT_CHARS} characters")]
    TooLong,
    #[error("the comment has more than {MAX_LINKS} links")]
    TooManyLinks,
    #[error("comments on this post are closed")]
    Closed,
    #[error("the form is too old; load the page again")]
    FormExpired,
    #[error("the comment was sent too fast")]
    TooFast,
    #[error("comments from this address are not accepted")]
    Banned,
    #[error("the name is a member of the newsroom's")]
    StaffName,
    #[error("too many comments from this address; try again later")]
    RateAddress,
    #[error("too many comments on the site right now; try again in a minute")]
    RateSite,
    #[error("this comment was sent already")]
    Duplicate,
    #[error("the comment answered is no longer there")]
    ReplyGone,
    #[error("the form was sent from another site")]
    CrossSite,
}

/// How a refusal is answered: what kind of problem it is, so each door picks its own status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// Something to correct in what was typed.
    Invalid,
    /// Not accepted from this reader or on this post.
    Forbidden,
    /// Too many; [`CommentRefusal::retry_after`] says when to try again.
    TooMany,
    /// Already there.
    Conflict,
}

impl CommentRefusal {
    /// The key of the message the reader is shown.
    pub fn key(self) -> &'static str {
        match self {
            CommentRefusal::NameEmpty => "error-name-empty",
            CommentRefusal::NameTooLong => "error-name-too-long",
            CommentRefusal::EmailInvalid => "error-email-invalid",
            CommentRefusal::Empty => "error-comment-empty",
            CommentRefusal::TooLong => "error-comment-too-long",
            CommentRefusal::TooManyLinks => "error-too-many-links",
            CommentRefusal::Closed => "error-comments-closed",
            CommentRefusal::FormExpired => "error-form-expired",
            CommentRefusal::TooFast => "error-too-fast",
            CommentRefusal::Banned => "error-banned",
            CommentRefusal::StaffName => "error-staff-name",
            CommentRefusal::RateAddress => "error-rate-address",
            CommentRefusal::RateSite => "error-rate-site",
            CommentRefusal::Duplicate => "error-duplicate",
            CommentRefusal::ReplyGone => "error-reply-gone",
            CommentRefusal::CrossSite => "error-cross-site",
        }
    }

    /// The number the message names, if it names one.
    pub fn number(self) -> Option<i64> {
        match self {
            CommentRefusal::NameTooLong => Some(MAX_COMMENT_NAME_CHARS as i64),
            CommentRefusal::TooLong => Some(MAX_COMMENT_CHARS as i64),
            CommentRefusal::TooManyLinks => Some(MAX_LINKS as i64),
            CommentRefusal::TooFast => Some(MIN_SECONDS_TO_SUBMIT),
            CommentRefusal::RateAddress => Some(ADDRESS_WINDOW_SECONDS / 60),
            _ => None,
        }
    }

    /// Seconds to wait before trying again, for the rate limits.
    pub fn retry_after(self) -> Option<i64> {
        match self {
            CommentRefusal::RateAddress => Some(ADDRESS_WINDOW_SECONDS),
            CommentRefusal::RateSite => Some(SITE_WINDOW_SECONDS),
            _ => None,
        }
    }

    pub fn kind(self) -> RefusalKind {
        match self {
            CommentRefusal::Closed | CommentRefusal::Banned | CommentRefusal::CrossSite => {
                RefusalKind::Forbidden
            }
            CommentRefusal::RateAddress | CommentRefusal::RateSite => RefusalKind::TooMany,
            CommentRefusal::Duplicate => RefusalKind::Conflict,
            _ => RefusalKind::Invalid,
        }
    }
}

/// What is stored of a name or body: line breaks kept (as `\n`), other control characters and
/// the invisible characters that reorder text dropped, ends trimmed.
pub fn clean_text(text: &str) -> String {
    minbar_text::neutralize(&text.replace("\r\n", "\n"))
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Checks what any comment form must hold, whoever sends it.
pub fn validate(name: &str, email: &str, body: &str) -> Result<(), CommentRefusal> {
    // Judged as it would be shown: a name of invisible marks alone (a zero-width space, a
    // byte-order mark) is empty once they are taken out.
    if clean_text(name).is_empty() {
        return Err(CommentRefusal::NameEmpty);
    }
    let name = name.trim();
    if name.chars().count() > MAX_COMMENT_NAME_CHARS {
        return Err(CommentRefusal::NameTooLong);
    }
    let email = email.trim();
    if !email.is_empty()
        && (email.len() > MAX_EMAIL_BYTES
            || !email.contains('@')
            || email.contains(char::is_whitespace))
    {
        return Err(CommentRefusal::EmailInvalid);
    }
    if clean_text(body).is_empty() {
        return Err(CommentRefusal::Empty);
    }
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(CommentRefusal::TooLong);
    }
    if count_links(body) > MAX_LINKS {
        return Err(CommentRefusal::TooManyLinks);
    }
    Ok(())
}

/// `channel/123` from what an editor pasted: that form itself, or a `t.me` link to the message.
/// A channel name is 5–32 letters, digits and underscores, starting with a letter.
pub fn telegram_message(input: &str) -> Option<String> {
    let input = input.trim();
    let rest = [
        "https://t.me/",
        "http://t.me/",
        "t.me/",
        "https://telegram.me/",
    ]
    .iter()
    .find_map(|prefix| input.strip_prefix(prefix))
    .unwrap_or(input);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (channel, number) = rest.trim_end_matches('/').split_once('/')?;
    let channel_ok = (5..=32).contains(&channel.len())
        && channel.starts_with(|c: char| c.is_ascii_alphabetic())
        && channel
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let number_ok =
        !number.is_empty() && number.len() <= 12 && number.bytes().all(|b| b.is_ascii_digit());
    (channel_ok && number_ok).then(|| format!("{channel}/{number}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_read_broken_encoding_and_repeated_fields() {
        let form = CommentForm::parse(b"csrf=x&name=%D9%82&body=%FF%FEtext&body=second&parent=12");
        assert_eq!(form.name, "ق");
        assert_eq!(form.body, "\u{FFFD}\u{FFFD}text");
        assert_eq!(form.parent(), Some(crate::CommentId(12)));
        assert_eq!(CommentForm::parse(b"parent=x").parent(), None);
    }

    fn key(result: Result<(), CommentRefusal>) -> Option<(&'static str, Option<i64>)> {
        result.err().map(|r| (r.key(), r.number()))
    }

    #[test]
    fn validation_names_the_problem() {
        assert_eq!(key(validate("قارئ", "", "نص")), None);
        assert_eq!(
            key(validate(" ", "", "نص")),
            Some(("error-name-empty", None))
        );
        for invisible in ["\u{200B}", "\u{FEFF}", "\u{202E}\u{2066}", " \u{7} "] {
            assert_eq!(
                key(validate(invisible, "", "نص")),
                Some(("error-name-empty", None)),
                "{invisible:?}"
            );
        }
        assert_eq!(
            key(validate("قارئ", "", " \n\u{202E} ")),
            Some(("error-comment-empty", None))
        );
        assert_eq!(
            key(validate("قارئ", "not-an-address", "نص")),
            Some(("error-email-invalid", None))
        );
        let long = "ب".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(
            key(validate("قارئ", "", &long)),
            Some(("error-comment-too-long", Some(MAX_COMMENT_CHARS as i64)))
        );
        assert_eq!(
            key(validate("قارئ", "", &"ب".repeat(MAX_COMMENT_CHARS))),
            None
        );
        let links = "https://a.example ".repeat(4);
        assert_eq!(
            key(validate("قارئ", "", &links)),
            Some(("error-too-many-links", Some(MAX_LINKS as i64)))
        );
    }

    #[test]
    fn text_keeps_line_breaks_only() {
        assert_eq!(clean_text(" سطر\r\nثان\u{0}\u{7} "), "سطر\nثان");
        assert_eq!(clean_text("\u{202E}txt.exe\u{202C}"), "txt.exe");
    }

    #[test]
    fn telegram_messages_are_read_from_what_editors_paste() {
        for (pasted, expected) in [
            ("https://t.me/manbij_news/123", Some("manbij_news/123")),
            ("t.me/manbij_news/123?single", Some("manbij_news/123")),
            ("manbij_news/123", Some("manbij_news/123")),
            ("https://t.me/abc/1", None),
            ("https://t.me/manbij_news/", None),
            ("https://evil.example/x\"/1", None),
        ] {
            assert_eq!(telegram_message(pasted).as_deref(), expected, "{pasted}");
        }
    }
}
