//! Static pages: `/p/<slug>.html`.

use crate::AppState;
use crate::error::AppError;
use crate::views::{PageBody, PageView};
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/p/{file}", get(show_page))
}

async fn show_page(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<axum::response::Response, AppError> {
    let slug = file.strip_suffix(".html").ok_or(AppError::NotFound)?;
    let page = minbar_store::pages::by_slug(state.store(), slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let language = page.language.as_deref().unwrap_or("");
    let (_, layout) = super::site_and_layout_in(&state, language).await?;
    let view = PageView {
        layout,
        page: PageBody {
            title: page.title,
            body_html: page.body_html,
        },
    };
    // A static page changes only with the pages, which every page's links show: no tags.
    Ok(crate::cache::kept(
        state.templates().render("page.html", &view)?,
        Vec::new(),
    ))
}
