//! Static pages: `/p/<slug>.html`.

use super::site_and_layout;
use crate::AppState;
use crate::error::AppError;
use crate::views::{PageBody, PageView};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/p/{file}", get(show_page))
}

async fn show_page(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Html<String>, AppError> {
    let slug = file.strip_suffix(".html").ok_or(AppError::NotFound)?;
    let page = minbar_store::pages::by_slug(state.store(), slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, layout) = site_and_layout(&state).await?;
    let view = PageView {
        layout,
        page: PageBody {
            title: page.title,
            body_html: page.body_html,
        },
    };
    Ok(Html(state.templates().render("page.html", &view)?))
}
