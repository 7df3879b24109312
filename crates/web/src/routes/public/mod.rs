//! The public site: what readers, feed readers and crawlers ask for. Every page here holds
//! nothing per reader, so the page cache (and a CDN) may keep it.

mod assets;
mod comments;
mod embed;
mod feeds;
mod lists;
mod media;
mod notes;
mod pages;
mod posts;
mod search;
pub(crate) mod seo;

use crate::AppState;
use crate::addresses::PER_PAGE;
use crate::error::AppError;
use crate::views::Layout;
use axum::Router;
use axum::http::header;
use minbar_content::Site;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .merge(feeds::router())
        .merge(lists::router())
        .merge(posts::router())
        .merge(pages::router())
        .merge(notes::router())
        .merge(embed::router())
        .merge(search::router())
        .merge(seo::router())
        .merge(assets::router())
        .merge(media::router())
}

/// The site's settings and the layout every page shares, read from the page cache's copy when
/// it holds one (see `cache::LayoutParts`).
async fn site_and_layout(state: &AppState) -> Result<(Site, Layout), AppError> {
    site_and_layout_in(state, "").await
}

/// The site and the layout of a page in `language` (empty: the site's own).
async fn site_and_layout_in(state: &AppState, language: &str) -> Result<(Site, Layout), AppError> {
    let (kept, generation) = state.cache().layout();
    let parts = match kept {
        Some(parts) => parts,
        None => {
            let parts = std::sync::Arc::new(crate::cache::LayoutParts {
                site: minbar_store::site::get(state.store()).await?,
                pages: minbar_store::pages::list(state.store()).await?,
                featured: minbar_store::posts::featured(
                    state.store(),
                    minbar_content::FEATURED_POSTS,
                )
                .await?,
            });
            state.cache().keep_layout(generation, parts.clone());
            parts
        }
    };
    let layout = Layout::new(
        state,
        &parts.site,
        language,
        parts.pages.clone(),
        &parts.featured,
    );
    Ok((parts.site.clone(), layout))
}

/// `?page=N` on list pages, and the hosted service's `max-results` and `updated-max` (its "older
/// posts" links), so old links land on the same posts. Anything that cannot be read is ignored.
/// A list's page may also be in its path (`/page/N/`, see [`crate::addresses::list_page`]),
/// which then wins over the query.
#[derive(Debug, Default, serde::Deserialize)]
struct PageQuery {
    page: Option<String>,
    #[serde(rename = "max-results")]
    max_results: Option<String>,
    #[serde(rename = "updated-max")]
    updated_max: Option<String>,
    /// The page came from the path: one past the last is not found, as on a static mirror.
    #[serde(skip)]
    by_path: bool,
}

impl PageQuery {
    /// The query with the page named by a path's `/page/N/`; anything but a page number the
    /// query would accept is not found.
    fn at_path_page(self, page: &str) -> Result<Self, AppError> {
        let number = page
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .ok_or(AppError::NotFound)?;
        Ok(PageQuery {
            page: Some(number.to_string()),
            by_path: true,
            ..self
        })
    }

    /// Posts per page: `max-results` up to [`MAX_PER_PAGE`], else [`PER_PAGE`].
    fn per_page(&self) -> i64 {
        self.max_results
            .as_deref()
            .and_then(|n| n.trim().parse::<i64>().ok())
            .map_or(PER_PAGE, |n| n.clamp(1, MAX_PER_PAGE))
    }

    /// The 1-based page and the offset of its first item.
    fn page_and_offset(&self, per_page: i64) -> (i64, i64) {
        let page = self
            .page
            .as_deref()
            .and_then(|p| p.parse::<i64>().ok())
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .unwrap_or(1);
        (page, (page - 1) * per_page)
    }

    /// `updated-max` as Unix seconds: an RFC 3339 time (`2019-01-10T12:00:00.000+03:00`) or a
    /// date.
    fn before(&self) -> Option<i64> {
        let text = self.updated_max.as_deref()?.trim();
        match text.parse::<jiff::Timestamp>() {
            Ok(time) => Some(time.as_second()),
            Err(_) => day_start(text),
        }
    }

    /// `base` with the hosted-service parameters this list was asked with, for its pager.
    fn keep_in(&self, base: &str) -> String {
        let mut url = base.to_owned();
        for (name, value) in [
            ("max-results", &self.max_results),
            ("updated-max", &self.updated_max),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty() && v.len() <= 64) {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str(name);
                url.push('=');
                url.push_str(
                    &percent_encoding::utf8_percent_encode(
                        value,
                        percent_encoding::NON_ALPHANUMERIC,
                    )
                    .to_string(),
                );
            }
        }
        url
    }
}

/// Unix seconds of the start (UTC) of a `YYYY-MM-DD` date.
fn day_start(date: &str) -> Option<i64> {
    let date: jiff::civil::Date = date.trim().parse().ok()?;
    jiff::tz::Offset::UTC
        .to_timestamp(date.at(0, 0, 0, 0))
        .ok()
        .map(|t| t.as_second())
}

/// The highest page number a list is asked for.
const MAX_PAGE: i64 = 100_000;
/// The most posts a list shows at once, whatever `max-results` asks.
const MAX_PER_PAGE: i64 = 50;

/// The site's public address without a trailing slash: the configured one, else the request's
/// own host (checked to be a plain host name, so a forged header cannot inject markup or links).
pub(crate) fn base_url(site: &Site, headers: &axum::http::HeaderMap) -> String {
    if let Some(base) = &site.base_url {
        return base.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// A public document (feed, sitemap) with a strong ETag and Last-Modified, answered with 304
/// when the client already has it, so feed readers and crawlers poll cheaply.
pub(crate) fn cacheable(
    headers: &axum::http::HeaderMap,
    content_type: &'static str,
    body: String,
    modified: i64,
    tags: &[crate::cache::Tag],
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(body.as_bytes());
    let etag: String = std::iter::once("\"".to_owned())
        .chain(digest[..12].iter().map(|b| format!("{b:02x}")))
        .chain(std::iter::once("\"".to_owned()))
        .collect();
    let modified = jiff::Timestamp::from_second(modified).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let last_modified = jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&modified)
        .unwrap_or_default();
    let fresh = crate::cache::not_modified(headers, &etag, modified.as_second());
    let cache = [
        (header::ETAG, etag),
        (header::LAST_MODIFIED, last_modified),
        (header::CACHE_CONTROL, "public, max-age=60".to_owned()),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    let mut response = (cache, [(header::CONTENT_TYPE, content_type)], body).into_response();
    response
        .extensions_mut()
        .insert(crate::cache::Keep::tags(tags.iter().cloned()));
    response
}
