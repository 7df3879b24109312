//! A reader's comment form body, as `POST`ed to a post's address, and every check of it that
//! needs no store.
//!
//! The body is read by `minbar_content::comment_checks::CommentForm::parse`, the same function
//! the web crate's comment handler calls, then checked as `ops::comments::submit` checks it.

use minbar_content::comment_checks::{CommentForm, CommentRefusal, clean_text, validate};
use minbar_content::comments::{MAX_LINKS, Signals, count_links, fingerprint, name_key, score};
use minbar_content::{MAX_COMMENT_CHARS, MAX_COMMENT_NAME_CHARS};

/// The form body through `validate`, `clean_text`, the fingerprint, the staff-name key and the
/// spam score. An accepted comment keeps a non-empty text within the limits; cleaned text has no
/// control or reordering character but line breaks and tabs, is trimmed, and cleaning it again
/// changes nothing (an edit by a moderator cleans it again).
pub fn comment_form(data: &[u8]) {
    let form = CommentForm::parse(data);
    let verdict = validate(&form.name, &form.email, &form.body);
    let body = clean_text(&form.body);
    let name = clean_text(&form.name);
    for cleaned in [&body, &name] {
        assert!(
            cleaned
                .chars()
                .all(|c| (!c.is_control() || c == '\n' || c == '\t')
                    && !minbar_text::is_control_mark(c)),
            "clean_text left a control character in {cleaned:?}"
        );
        assert_eq!(cleaned.trim(), cleaned.as_str(), "clean_text did not trim");
        assert_eq!(
            &clean_text(cleaned),
            cleaned,
            "clean_text is not idempotent"
        );
    }
    match verdict {
        Ok(()) => {
            assert!(!body.is_empty(), "an empty comment accepted: {form:?}");
            assert!(!form.name.trim().is_empty(), "a nameless comment accepted");
            assert!(form.name.trim().chars().count() <= MAX_COMMENT_NAME_CHARS);
            assert!(form.body.chars().count() <= MAX_COMMENT_CHARS);
            assert!(count_links(&form.body) <= MAX_LINKS);
        }
        Err(refusal) => assert!(
            matches!(
                refusal,
                CommentRefusal::NameEmpty
                    | CommentRefusal::NameTooLong
                    | CommentRefusal::EmailInvalid
                    | CommentRefusal::Empty
                    | CommentRefusal::TooLong
                    | CommentRefusal::TooManyLinks
            ),
            "validate refused with {refusal:?}, which is not about the form"
        ),
    }
    let print = fingerprint(&body);
    assert!(
        print.len() == 24 && print.bytes().all(|b| b.is_ascii_hexdigit()),
        "fingerprint {print:?}"
    );
    let key = name_key(&name);
    assert!(key.chars().all(char::is_alphanumeric), "name key {key:?}");
    let blocked = [
        minbar_text::normalize("كلمة"),
        minbar_text::normalize("spam"),
    ];
    let verdict = score(&Signals {
        name: &name,
        email: &form.email,
        body: &body,
        seconds_to_submit: 30,
        blocked_words: &blocked,
        spam_from_address: 0,
    });
    assert!(verdict.score >= 0, "a negative spam score");
    let _ = form.parent.trim().parse::<i64>();
}
