//! Corrections and updates: what an editor adds to a published post, in the open, as newsrooms
//! do. A note is plain text (escaped on display), dated, of one kind, and shown at the top or
//! the bottom of the article.

use crate::model::ParseValueError;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

word_enum!(
    /// What a note says about the post.
    NoteKind, "note kind" {
        /// Something in the post was wrong and has been put right.
        Correction = "correction",
        /// Something happened since the post was published.
        Update = "update",
    }
);

word_enum!(
    /// Where in the article a note is shown.
    NotePlacement, "note placement" {
        Top = "top",
        Bottom = "bottom",
    }
);

/// A note as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostNote {
    pub id: i64,
    pub kind: NoteKind,
    pub placement: NotePlacement,
    /// Plain text, as the editor wrote it; templates escape it.
    pub body: String,
    pub created_at: i64,
}

/// Why a note was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("the note is empty")]
    Empty,
    #[error("the note is longer than {MAX_NOTE_CHARS} characters")]
    TooLong,
    #[error(transparent)]
    Kind(ParseValueError),
    #[error(transparent)]
    Placement(ParseValueError),
    #[error("only a published post takes corrections and updates")]
    NotPublished,
}

impl NoteError {
    /// The key of the message the admin shows.
    pub fn key(&self) -> &'static str {
        match self {
            NoteError::Empty => "note-error-empty",
            NoteError::TooLong => "note-error-long",
            NoteError::Kind(_) | NoteError::Placement(_) => "note-error-kind",
            NoteError::NotPublished => "note-error-unpublished",
        }
    }
}

/// A note to store, checked: its kind, its place and its text (bidi controls out, at most
/// [`MAX_NOTE_CHARS`]). Empty kind and placement mean a correction at the top.
pub fn check_note(
    kind: &str,
    placement: &str,
    text: &str,
) -> Result<(NoteKind, NotePlacement, String), NoteError> {
    let kind = match kind.trim() {
        "" => NoteKind::Correction,
        word => word.parse().map_err(NoteError::Kind)?,
    };
    let placement = match placement.trim() {
        "" => NotePlacement::Top,
        word => word.parse().map_err(NoteError::Placement)?,
    };
    let body = minbar_text::neutralize(&text.replace('\0', ""));
    let body = body.trim();
    if body.is_empty() {
        return Err(NoteError::Empty);
    }
    if body.chars().count() > MAX_NOTE_CHARS {
        return Err(NoteError::TooLong);
    }
    Ok((kind, placement, body.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_checked() {
        assert_eq!(
            check_note("", "", " الرقم الصحيح 12 لا 21 "),
            Ok((
                NoteKind::Correction,
                NotePlacement::Top,
                "الرقم الصحيح 12 لا 21".to_owned()
            ))
        );
        assert_eq!(
            check_note("update", "bottom", "x").unwrap().1,
            NotePlacement::Bottom
        );
        assert_eq!(
            check_note("", "", "  ").map_err(|e| e.key()),
            Err("note-error-empty")
        );
        let long = "ن".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            check_note("", "", &long).map_err(|e| e.key()),
            Err("note-error-long")
        );
        assert_eq!(
            check_note("retraction", "", "x").map_err(|e| e.key()),
            Err("note-error-kind")
        );
        assert_eq!(
            check_note("", "middle", "x").map_err(|e| e.key()),
            Err("note-error-kind")
        );
        // Bidi overrides cannot turn the sentence around.
        assert!(
            !check_note("", "", "a\u{202E}b")
                .unwrap()
                .2
                .contains('\u{202E}')
        );
    }
}
