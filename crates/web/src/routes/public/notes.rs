//! `/corrections/`: every correction and update the newsroom has made to its published posts,
//! newest first, as newsrooms keep them in the open.

use super::{PageQuery, site_and_layout};
use crate::AppState;
use crate::addresses::PER_PAGE;
use crate::cache::Tag;
use crate::error::AppError;
use crate::routes::extract::Lenient;
use crate::views::{CorrectionsView, ListedNote, Pager};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/corrections/", get(corrections))
        .route(
            "/corrections",
            get(|| async { axum::response::Redirect::permanent("/corrections/") }),
        )
}

async fn corrections(
    State(state): State<AppState>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Response, AppError> {
    let (site, layout) = site_and_layout(&state).await?;
    let (page, offset) = query.page_and_offset(PER_PAGE);
    let (notes, total) = minbar_store::notes::published(state.store(), PER_PAGE, offset).await?;
    if page > 1 && notes.is_empty() {
        return Err(AppError::NotFound);
    }
    let locale = site.format_locale();
    let view = CorrectionsView {
        layout,
        notes: notes
            .iter()
            .map(|listed| ListedNote::new(&state, &locale, listed))
            .collect(),
        pager: Pager::new("/corrections/", page, PER_PAGE, total),
    };
    let html = state.templates().render("corrections.html", &view)?;
    // A note changes its post, which every list's tag covers.
    Ok(crate::cache::kept(html, vec![Tag::Lists]))
}
