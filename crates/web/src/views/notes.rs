//! Corrections and updates: as a post shows them, and the site's corrections page.

use super::layout::{Layout, dates};
use super::lists::Pager;
use super::urls::encode_path;
use crate::AppState;
use minbar_content::FormatLocale;
use minbar_content::notes::PostNote;
use serde::Serialize;

/// A correction or update as a reader sees it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    /// `correction` or `update`: names the label's message (`note-correction`).
    pub kind: &'static str,
    /// `top` or `bottom` of the article.
    pub placement: &'static str,
    pub date: String,
    pub date_iso: String,
    pub body: String,
}

impl NoteView {
    pub fn new(state: &AppState, locale: &FormatLocale, note: &PostNote) -> Self {
        let (date, date_iso) = dates(state, locale, Some(note.created_at));
        NoteView {
            kind: note.kind.as_str(),
            placement: note.placement.as_str(),
            date,
            date_iso,
            body: note.body.clone(),
        }
    }
}

/// A note on the corrections page, with the post it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct ListedNote {
    pub note: NoteView,
    pub url: String,
    pub title: String,
}

/// `/corrections/`: every correction and update, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionsView {
    pub layout: Layout,
    pub notes: Vec<ListedNote>,
    pub pager: Pager,
}

impl ListedNote {
    pub fn new(
        state: &AppState,
        locale: &FormatLocale,
        listed: &minbar_store::notes::Listed,
    ) -> Self {
        ListedNote {
            note: NoteView::new(state, locale, &listed.note),
            url: encode_path(&listed.path),
            title: listed.title.clone(),
        }
    }
}
