//! Lists of posts: the home page, label pages and monthly archives.

use super::{Lenient, PER_PAGE, PageQuery, site_and_layout};
use crate::AppState;
use crate::error::AppError;
use crate::views::{HomeView, ListView, Pager, PostCard, encode_path, label_url};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;
use minbar_content::Label;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(show_home))
        .route("/search/label/{name}", get(list_label))
        .route("/{year}/{month}/", get(list_month))
}

async fn show_home(
    State(state): State<AppState>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Html<String>, AppError> {
    let (site, layout) = site_and_layout(&state).await?;
    let (page, offset) = query.page_and_offset(PER_PAGE);
    let store = state.store();
    let listing = minbar_store::posts::list_published(store, PER_PAGE, offset).await?;
    let card = |p| PostCard::new(&state, &site.format_locale(), p);
    let view = HomeView {
        layout,
        posts: listing.posts.iter().map(card).collect(),
        pager: Pager::new("/", page, PER_PAGE, listing.total),
    };
    Ok(Html(state.templates().render("home.html", &view)?))
}

async fn list_label(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Html<String>, AppError> {
    let key = Label::new(&name).key;
    let store = state.store();
    let label = minbar_store::labels::by_key(store, &key)
        .await?
        .ok_or(AppError::NotFound)?;
    let (site, layout) = site_and_layout(&state).await?;
    let (page, offset) = query.page_and_offset(PER_PAGE);
    let listing = minbar_store::posts::list_by_label(store, &key, PER_PAGE, offset).await?;
    let heading = state.i18n().message(
        &site.format_locale(),
        "label-heading",
        &[("label", crate::i18n::Arg::Text(label.name.clone()))],
    );
    let base = label_url(&label.name);
    render_list(&state, &site, layout, heading, &listing, &base, page)
}

async fn list_month(
    State(state): State<AppState>,
    Path((year, month)): Path<(String, String)>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Html<String>, AppError> {
    // Only `/2017/08/`: four-digit years and two-digit months, as post paths are written.
    let (Some(year), Some(month)) = (
        (year.len() == 4)
            .then(|| year.parse::<i16>().ok())
            .flatten(),
        (month.len() == 2)
            .then(|| month.parse::<i8>().ok())
            .flatten(),
    ) else {
        return Err(AppError::NotFound);
    };
    let (page, offset) = query.page_and_offset(PER_PAGE);
    let listing =
        minbar_store::posts::list_by_month(state.store(), year, month, PER_PAGE, offset).await?;
    if listing.total == 0 {
        return Err(AppError::NotFound);
    }
    let (site, layout) = site_and_layout(&state).await?;
    let month_name = state
        .i18n()
        .month(&site.format_locale(), i32::from(year), month as u8);
    let heading = state.i18n().message(
        &site.format_locale(),
        "archive-heading",
        &[("month", crate::i18n::Arg::Text(month_name))],
    );
    let base = encode_path(&format!("/{year:04}/{month:02}/"));
    render_list(&state, &site, layout, heading, &listing, &base, page)
}

/// Renders one page of a label or month list; `base` is the list's own encoded URL.
fn render_list(
    state: &AppState,
    site: &minbar_content::Site,
    layout: crate::views::Layout,
    heading: String,
    listing: &minbar_store::posts::Listing,
    base: &str,
    page: i64,
) -> Result<Html<String>, AppError> {
    let view = ListView {
        layout,
        heading,
        posts: listing
            .posts
            .iter()
            .map(|p| PostCard::new(state, &site.format_locale(), p))
            .collect(),
        pager: Pager::new(base, page, PER_PAGE, listing.total),
    };
    Ok(Html(state.templates().render("list.html", &view)?))
}
