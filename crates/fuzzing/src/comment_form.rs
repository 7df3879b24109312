//! A reader's comment form body, as `POST`ed to a post's address, and every check of it that
//! needs no store.
//!
//! The web crate reads the body in `routes::public::comments::CommentForm::parse`, a private
//! function of a crate that would bring the whole server (axum, templates, ICU4X, the store)
//! into every fuzz build. It is a dozen lines over `form_urlencoded`, so [`read_form`] does the
//! same here field for field (first value of a repeated field wins, invalid UTF-8 becomes
//! U+FFFD), and the fuzzing effort goes where the risk is: the percent-decoding and the checks
//! of `minbar_content::comment_checks` and `comments` that `ops::comments::submit` runs.

use minbar_content::comment_checks::{CommentRefusal, clean_text, validate};
use minbar_content::comments::{MAX_LINKS, Signals, count_links, fingerprint, name_key, score};
use minbar_content::{MAX_COMMENT_CHARS, MAX_COMMENT_NAME_CHARS};

/// The comment form's fields, as the web crate's `CommentForm` holds them.
#[derive(Debug, Default)]
pub struct CommentFields {
    pub name: String,
    pub email: String,
    pub body: String,
    pub website: String,
    pub parent: String,
}

/// Reads a form body the way the comment handler does.
pub fn read_form(bytes: &[u8]) -> CommentFields {
    let mut form = CommentFields::default();
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

/// Characters `clean_text` promises are gone: those that reorder or disguise text.
fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'
            | '\u{200D}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The form body through `validate`, `clean_text`, the fingerprint, the staff-name key and the
/// spam score. An accepted comment keeps a non-empty text within the limits; cleaned text has no
/// control or reordering character but line breaks and tabs, is trimmed, and cleaning it again
/// changes nothing (an edit by a moderator cleans it again).
pub fn comment_form(data: &[u8]) {
    let form = read_form(data);
    let verdict = validate(&form.name, &form.email, &form.body);
    let body = clean_text(&form.body);
    let name = clean_text(&form.name);
    for cleaned in [&body, &name] {
        assert!(
            cleaned
                .chars()
                .all(|c| (!c.is_control() || c == '\n' || c == '\t') && !is_hidden_control(c)),
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
