//! Search: the `/search?q=` page (the path hosted blogs use, so old links keep working) and its
//! JSON twin under `/api/v1/search`.

use super::{day_start, site_and_layout};
use crate::AppState;
use crate::error::AppError;
use crate::routes::extract::Lenient;
use crate::views::{Pager, SearchResultView, SearchView, encode_path};
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use minbar_search::{Filters, MAX_PAGE, MAX_QUERY_CHARS, PER_PAGE, SearchPage, SearchRequest};
use minbar_store::now;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/search", get(show_search))
        .route("/api/v1/search", get(api_search))
}

/// The query string of both doors. Every field is optional text, so no query string is rejected:
/// what cannot be read is ignored.
#[derive(Debug, Default, Deserialize)]
struct SearchParams {
    q: Option<String>,
    page: Option<String>,
    /// A label name the results must carry.
    label: Option<String>,
    /// `YYYY-MM-DD`, inclusive, UTC.
    from: Option<String>,
    /// `YYYY-MM-DD`, inclusive, UTC.
    to: Option<String>,
}

impl SearchParams {
    fn request(&self) -> SearchRequest {
        let label_key = self
            .label
            .as_deref()
            .map(|l| minbar_content::Label::new(l).key)
            .filter(|k| !k.is_empty());
        SearchRequest {
            query: self.q.clone().unwrap_or_default(),
            filters: Filters {
                label_key,
                from: self.from.as_deref().and_then(day_start),
                until: self
                    .to
                    .as_deref()
                    .and_then(day_start)
                    .map(|t| t.saturating_add(86_400)),
            },
            page: self
                .page
                .as_deref()
                .and_then(|p| p.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_PAGE),
        }
    }

    /// This search's own URL, without a page number.
    fn base_url(&self) -> String {
        let mut url = String::from("/search?q=");
        let encode = |v: &str| utf8_percent_encode(v, NON_ALPHANUMERIC).to_string();
        url.push_str(&encode(self.q.as_deref().unwrap_or("")));
        for (name, value) in [
            ("label", &self.label),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                url.push_str(&format!("&{name}={}", encode(value)));
            }
        }
        url
    }
}

async fn run(state: &AppState, params: &SearchParams) -> Result<SearchPage, AppError> {
    Ok(minbar_search::search(state.search(), state.store(), &params.request(), now()).await?)
}

async fn show_search(
    State(state): State<AppState>,
    Lenient(params): Lenient<SearchParams>,
    Lenient(hosted): Lenient<super::PageQuery>,
) -> Result<Response, AppError> {
    if params.q.as_deref().is_none_or(|q| q.trim().is_empty())
        && let Some(before) = hosted.before()
    {
        return Ok(super::lists::older_posts(&state, &hosted, before)
            .await?
            .into_response());
    }
    let found = run(&state, &params).await?;
    let (site, layout) = site_and_layout(&state).await?;
    let query: String = params
        .q
        .as_deref()
        .unwrap_or("")
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let locale = site.format_locale();
    let heading = if found.empty_query {
        state.i18n().message(&locale, "search-title", &[])
    } else {
        state.i18n().message(
            &locale,
            "search-heading",
            &[("query", crate::i18n::Arg::Text(query.trim().to_owned()))],
        )
    };
    let shown_total = found.total.min(MAX_PAGE * PER_PAGE);
    let mut pager = Pager::new(
        &params.base_url(),
        found.page as i64,
        PER_PAGE as i64,
        shown_total as i64,
    );
    pager.newer_key = "previous-results";
    pager.older_key = "more-results";
    let view = SearchView {
        layout,
        query,
        heading,
        hint: found.empty_query,
        truncated_to: found.truncated.then_some(MAX_QUERY_CHARS),
        total: found.total,
        results: found
            .results
            .iter()
            .map(|f| SearchResultView::new(&state, &locale, f))
            .collect(),
        pager,
        max_chars: MAX_QUERY_CHARS,
    };
    let html = state.templates().render("search.html", &view)?;
    Ok(Html(html).into_response())
}

/// `GET /api/v1/search?q=…&page=…`.
#[derive(Debug, Serialize)]
struct ApiPage {
    total: usize,
    page: usize,
    per_page: usize,
    /// True when the query was cut to its first characters or words.
    truncated: bool,
    results: Vec<ApiResult>,
}

#[derive(Debug, Serialize)]
struct ApiResult {
    title: String,
    /// The post's path, percent-encoded; absolute when the site has a base URL.
    url: String,
    /// HTML: escaped text with `<mark>` around the words that matched.
    snippet: String,
    /// RFC 3339, UTC.
    published: String,
}

async fn api_search(
    State(state): State<AppState>,
    Lenient(params): Lenient<SearchParams>,
) -> Result<Json<ApiPage>, AppError> {
    let found = run(&state, &params).await?;
    let site = minbar_store::site::get(state.store()).await?;
    let base = site.base_url.as_deref().unwrap_or("").trim_end_matches('/');
    Ok(Json(ApiPage {
        total: found.total,
        page: found.page,
        per_page: PER_PAGE,
        truncated: found.truncated,
        results: found
            .results
            .into_iter()
            .map(|f| ApiResult {
                url: format!("{base}{}", encode_path(&f.path)),
                published: jiff::Timestamp::from_second(f.published_at)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                title: f.title,
                snippet: f.snippet_html,
            })
            .collect(),
    }))
}
