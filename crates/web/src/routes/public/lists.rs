//! Lists of posts: the home page, label pages and monthly archives. Their older pages are
//! paths (`/page/2/`, `/search/label/X/page/2/`, `/2017/08/page/2/`), so a static mirror holds
//! them as files; `?page=N` and the hosted service's `max-results` and `updated-max` are answered
//! as well, for links made before.

use super::{PageQuery, site_and_layout, site_and_layout_in};
use crate::AppState;
use crate::addresses::PER_PAGE;
use crate::cache::Tag;
use crate::error::AppError;
use crate::routes::extract::Lenient;
use crate::views::{HomeView, ListView, Pager, PostCard, encode_path, label_url};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use axum::routing::get;
use minbar_content::Label;
use minbar_store::posts::{InLanguage, Selection};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(show_home))
        .route("/page/{page}/", get(show_home_page))
        .route("/search/label/{name}", get(list_label))
        .route("/search/label/{name}/page/{page}/", get(list_label_page))
        .route("/{year}/{month}/", get(list_month))
        .route("/{year}/{month}/page/{page}/", get(list_month_page))
        .route("/ar/", get(language_home))
        .route("/ckb/", get(language_home))
        .route("/kmr/", get(language_home))
        .route("/en/", get(language_home))
        .route("/ar/page/{page}/", get(language_home_page))
        .route("/ckb/page/{page}/", get(language_home_page))
        .route("/kmr/page/{page}/", get(language_home_page))
        .route("/en/page/{page}/", get(language_home_page))
}

/// The language a `/ckb/…` address names (its first segment).
pub(super) fn language_in_path(uri: &Uri) -> &'static str {
    let first = uri
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    minbar_content::parse_language(first).unwrap_or("")
}

/// `/ckb/`: the home page of the posts in one language. The site's own language has `/`,
/// where its address sends readers.
async fn language_home(
    State(state): State<AppState>,
    Lenient(query): Lenient<PageQuery>,
    uri: Uri,
) -> Result<Response, AppError> {
    home_in(&state, &query, language_in_path(&uri)).await
}

/// `/ckb/page/N/`: a language's older posts.
async fn language_home_page(
    State(state): State<AppState>,
    Path(page): Path<String>,
    Lenient(query): Lenient<PageQuery>,
    uri: Uri,
) -> Result<Response, AppError> {
    home_in(&state, &query.at_path_page(&page)?, language_in_path(&uri)).await
}

async fn home_in(
    state: &AppState,
    query: &PageQuery,
    language: &str,
) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    if language == site.language() {
        return Ok(crate::routes::compat::moved_permanently("/"));
    }
    home_list_in(state, query, language).await
}

async fn show_home(
    State(state): State<AppState>,
    Lenient(query): Lenient<PageQuery>,
    uri: Uri,
) -> Result<Response, AppError> {
    // WordPress answers `/?p=12` and `/?page_id=3` for every post and page; an imported site's
    // readers still follow those links.
    if let Some(q) = uri.query()
        && q.split('&')
            .any(|pair| pair.starts_with("p=") || pair.starts_with("page_id="))
        && let Some(target) = crate::routes::compat::old_address(&state, &uri).await?
    {
        return Ok(crate::routes::compat::moved_permanently(&target));
    }
    home_list(&state, &query).await
}

/// `/page/N/`: the home page's older posts.
async fn show_home_page(
    State(state): State<AppState>,
    Path(page): Path<String>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Response, AppError> {
    home_list(&state, &query.at_path_page(&page)?).await
}

async fn home_list(state: &AppState, query: &PageQuery) -> Result<Response, AppError> {
    home_list_in(state, query, "").await
}

/// The home page of the posts in `language` (empty: the site's own, at `/`).
async fn home_list_in(
    state: &AppState,
    query: &PageQuery,
    language: &str,
) -> Result<Response, AppError> {
    let (site, layout) = site_and_layout_in(state, language).await?;
    let (page, offset) = query.page_and_offset(PER_PAGE);
    let main = language.is_empty() || language == site.language();
    let selection = Selection {
        language: Some(InLanguage {
            tag: if main { site.language() } else { language },
            main,
        }),
        ..Selection::default()
    };
    let listing =
        minbar_store::posts::list_selected(state.store(), &selection, PER_PAGE, offset).await?;
    if past_the_last(query, page, &listing) {
        return Err(AppError::NotFound);
    }
    let locale = site.format_locale_in(language);
    let card = |p| PostCard::new(state, &locale, p);
    let base = if main {
        "/".to_owned()
    } else {
        format!("/{language}/")
    };
    let view = HomeView {
        layout,
        posts: listing.posts.iter().map(card).collect(),
        pager: Pager::for_list(&base, page, PER_PAGE, listing.total),
    };
    let html = state.templates().render("home.html", &view)?;
    Ok(crate::cache::kept(html, list_tags(&listing)))
}

async fn list_label(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Response, AppError> {
    label_list(&state, &name, &query).await
}

/// `/search/label/X/page/N/`: a label's older posts.
async fn list_label_page(
    State(state): State<AppState>,
    Path((name, page)): Path<(String, String)>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Response, AppError> {
    label_list(&state, &name, &query.at_path_page(&page)?).await
}

async fn label_list(state: &AppState, name: &str, query: &PageQuery) -> Result<Response, AppError> {
    let key = Label::new(name).key;
    let store = state.store();
    let label = minbar_store::labels::by_key(store, &key)
        .await?
        .ok_or(AppError::NotFound)?;
    let (site, layout) = site_and_layout(state).await?;
    let per_page = query.per_page();
    let (page, offset) = query.page_and_offset(per_page);
    let selection = Selection {
        label_key: Some(&key),
        before: query.before(),
        ..Selection::default()
    };
    let listing = minbar_store::posts::list_selected(store, &selection, per_page, offset).await?;
    let heading = state.i18n().message(
        &site.format_locale(),
        "label-heading",
        &[("label", crate::i18n::Arg::Text(label.name.clone()))],
    );
    let base = query.keep_in(&label_url(&label.name));
    let shown = Shown {
        base: &base,
        page,
        per_page,
        query,
        pages_in_path: true,
    };
    render_list(state, &site, layout, heading, &listing, shown)
}

async fn list_month(
    State(state): State<AppState>,
    Path((year, month)): Path<(String, String)>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Response, AppError> {
    month_list(&state, &year, &month, &query).await
}

/// `/2017/08/page/N/`: a month's older posts.
async fn list_month_page(
    State(state): State<AppState>,
    Path((year, month, page)): Path<(String, String, String)>,
    Lenient(query): Lenient<PageQuery>,
) -> Result<Response, AppError> {
    month_list(&state, &year, &month, &query.at_path_page(&page)?).await
}

async fn month_list(
    state: &AppState,
    year: &str,
    month: &str,
    query: &PageQuery,
) -> Result<Response, AppError> {
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
    let per_page = query.per_page();
    let (page, offset) = query.page_and_offset(per_page);
    let (site, layout) = site_and_layout(state).await?;
    let listing = minbar_store::posts::list_by_month(
        state.store(),
        &site.zone(),
        year,
        month,
        per_page,
        offset,
    )
    .await?;
    if listing.total == 0 {
        return Err(AppError::NotFound);
    }
    let locale = site.format_locale();
    let month_name = state.i18n().month(&locale, i32::from(year), month as u8);
    let heading = state.i18n().message(
        &locale,
        "archive-heading",
        &[("month", crate::i18n::Arg::Text(month_name))],
    );
    let base = query.keep_in(&encode_path(&format!("/{year:04}/{month:02}/")));
    let shown = Shown {
        base: &base,
        page,
        per_page,
        query,
        pages_in_path: true,
    };
    render_list(state, &site, layout, heading, &listing, shown)
}

/// `/search?updated-max=…` without a query: the hosted service's "older posts" page, which
/// lists every post published before that time.
pub(super) async fn older_posts(
    state: &AppState,
    query: &PageQuery,
    before: i64,
) -> Result<Response, AppError> {
    let (site, layout) = site_and_layout(state).await?;
    let per_page = query.per_page();
    let (page, offset) = query.page_and_offset(per_page);
    let selection = Selection {
        before: Some(before),
        ..Selection::default()
    };
    let listing =
        minbar_store::posts::list_selected(state.store(), &selection, per_page, offset).await?;
    let heading = state
        .i18n()
        .message(&site.format_locale(), "older-posts", &[]);
    let base = query.keep_in("/search");
    let shown = Shown {
        base: &base,
        page,
        per_page,
        query,
        pages_in_path: false,
    };
    render_list(state, &site, layout, heading, &listing, shown)
}

/// Which page of a list is shown: the list's own encoded URL, the page, posts per page, and the
/// query it was asked with.
struct Shown<'a> {
    base: &'a str,
    page: i64,
    per_page: i64,
    query: &'a PageQuery,
    /// Whether older pages are linked by path; the hosted service's "older posts" list at
    /// `/search` keeps them in the query.
    pages_in_path: bool,
}

/// A page asked for by its path past the list's last: not found, as on a static mirror, where
/// no file answers it. `?page=N` past the last still shows an empty page, as it always did.
fn past_the_last(query: &PageQuery, page: i64, listing: &minbar_store::posts::Listing) -> bool {
    query.by_path && page > 1 && listing.posts.is_empty()
}

/// Renders one page of a list.
fn render_list(
    state: &AppState,
    site: &minbar_content::Site,
    layout: crate::views::Layout,
    heading: String,
    listing: &minbar_store::posts::Listing,
    shown: Shown<'_>,
) -> Result<Response, AppError> {
    if past_the_last(shown.query, shown.page, listing) {
        return Err(AppError::NotFound);
    }
    let pager = if shown.pages_in_path {
        Pager::for_list(shown.base, shown.page, shown.per_page, listing.total)
    } else {
        Pager::new(shown.base, shown.page, shown.per_page, listing.total)
    };
    // Once per page: the locale carries the site's zone, looked up in the zone database.
    let locale = site.format_locale();
    let view = ListView {
        layout,
        heading,
        posts: listing
            .posts
            .iter()
            .map(|p| PostCard::new(state, &locale, p))
            .collect(),
        pager,
    };
    let html = state.templates().render("list.html", &view)?;
    Ok(crate::cache::kept(html, list_tags(listing)))
}

/// What a list depends on: the list itself, and each post whose card (with its comment count)
/// it shows.
fn list_tags(listing: &minbar_store::posts::Listing) -> Vec<Tag> {
    std::iter::once(Tag::Lists)
        .chain(listing.posts.iter().map(|p| Tag::post(&p.path)))
        .collect()
}
