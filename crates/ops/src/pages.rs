//! Static pages (`/p/<slug>.html`), written and changed by editors. A page keeps its slug, so
//! its links never break.

use crate::{Actor, OpError, Refusal};
use minbar_content::draft::read_language;
use minbar_content::{BodyFormat, Page, Role, compose_page};
use minbar_store::{Store, StoreError};

/// A page as an editor wrote it.
#[derive(Debug, Clone)]
pub struct PageDraft {
    pub title: String,
    /// The slug of its address; made from the title when empty (new pages only).
    pub slug: String,
    pub body: String,
    pub format: BodyFormat,
    /// `ar`, `ckb`, `kmr` or `en`; empty: the site's language (or, when changing a page, the
    /// language it has).
    pub language: String,
}

/// Writes a new page; a slug already taken is refused.
pub async fn create(
    store: &Store,
    actor: Actor<'_>,
    draft: &PageDraft,
) -> Result<(Page, Vec<&'static str>), OpError> {
    actor.require(Role::Editor)?;
    let slug = Some(draft.slug.trim()).filter(|s| !s.is_empty());
    let (mut page, warnings) =
        compose_page(&draft.title, slug, &draft.body, draft.format).map_err(Refusal::Content)?;
    page.language = read_language(&draft.language).map_err(Refusal::Draft)?;
    match minbar_store::pages::insert(store, &page).await {
        Ok(stored) => Ok((stored, warnings)),
        Err(StoreError::Conflict(_)) => Err(Refusal::SlugTaken.into()),
        Err(other) => Err(other.into()),
    }
}

/// Replaces the title and text of the page at `slug`.
pub async fn update(
    store: &Store,
    actor: Actor<'_>,
    slug: &str,
    draft: &PageDraft,
) -> Result<(), OpError> {
    actor.require(Role::Editor)?;
    let (mut page, _) = compose_page(&draft.title, Some(slug), &draft.body, draft.format)
        .map_err(Refusal::Content)?;
    page.language = read_language(&draft.language).map_err(Refusal::Draft)?;
    Ok(minbar_store::pages::update(store, slug, &page).await?)
}
