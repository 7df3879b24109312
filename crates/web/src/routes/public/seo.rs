//! What search engines read: `robots.txt`, `sitemap.xml` (split into files of 50,000 URLs past
//! that size, as the sitemaps.org protocol requires) and a news sitemap of the last two days.

use super::{base_url, cacheable};
use crate::AppState;
use crate::addresses::{URLS_PER_SITEMAP, sitemap_parts};
use crate::cache::Tag;
use crate::error::AppError;
use crate::feeds::esc;
use crate::views::encode_path;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use minbar_content::Page;
use std::fmt::Write;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
        .route("/sitemap-pages.xml", get(sitemap_pages))
        .route("/sitemap-posts/{file}", get(sitemap_posts))
        .route("/news-sitemap.xml", get(news_sitemap))
}

/// How far back the news sitemap reaches: Google News reads two days, taken here as today and
/// yesterday on the newsroom's calendar, so a story from 00:30 local time yesterday is still
/// in it whatever the zone's offset.
fn news_since(zone: &jiff::tz::TimeZone, now: i64) -> i64 {
    let today = minbar_content::clock::local(zone, now).date();
    today
        .yesterday()
        .ok()
        .and_then(|day| minbar_content::clock::start_of_day(zone, day))
        .unwrap_or(now - 2 * 86_400)
}
/// The most URLs a news sitemap may hold.
const NEWS_MAX: i64 = 1_000;

const XML: &str = "application/xml; charset=utf-8";
const URLSET_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
    <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
    xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";

fn w3c_date(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let base = base_url(&site, &headers);
    let body = format!(
        "User-agent: *\nDisallow: /admin/\nDisallow: /api/\nDisallow: /search?\nAllow: /search/label/\n\n\
         Sitemap: {base}/sitemap.xml\nSitemap: {base}/news-sitemap.xml\n"
    );
    let mut response =
        ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response();
    // robots.txt names the sitemap's address, which changes only with the site's settings.
    response
        .extensions_mut()
        .insert(crate::cache::Keep::default());
    Ok(response)
}

/// The URL entries of the home page and every static page; returns the latest change.
fn write_pages(pages: &[Page], base: &str, out: &mut String) -> i64 {
    let _ = writeln!(out, "<url><loc>{}/</loc></url>", esc(base));
    let mut latest = 0;
    for page in pages {
        latest = latest.max(page.updated_at);
        let loc = format!(
            "{base}{}",
            encode_path(&format!("/p/{}.html", page.slug.as_str()))
        );
        let _ = writeln!(
            out,
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
            esc(&loc),
            w3c_date(page.updated_at)
        );
    }
    latest
}

/// The URL entries of published posts `offset..offset+limit`; returns the latest change.
async fn write_posts(
    state: &AppState,
    base: &str,
    offset: i64,
    limit: i64,
    out: &mut String,
) -> Result<i64, AppError> {
    let mut latest = 0;
    // Read in slices so memory stays small however large the file.
    const SLICE: i64 = 5_000;
    let mut done = 0;
    while done < limit {
        let rows =
            minbar_store::posts::addresses(state.store(), offset + done, SLICE.min(limit - done))
                .await?;
        if rows.is_empty() {
            break;
        }
        done += rows.len() as i64;
        let mut groups: Vec<i64> = rows.iter().filter_map(|p| p.translation_group).collect();
        groups.sort_unstable();
        groups.dedup();
        let members = minbar_store::posts::translations::groups(state.store(), &groups).await?;
        for post in rows {
            latest = latest.max(post.updated_at);
            let loc = format!("{base}{}", encode_path(&post.path));
            let _ = write!(
                out,
                "<url><loc>{}</loc><lastmod>{}</lastmod>",
                esc(&loc),
                w3c_date(post.updated_at.max(post.published_at))
            );
            // Every language of the post, itself included, as search engines ask.
            let group: Vec<_> = members
                .iter()
                .filter(|(g, _, _)| Some(*g) == post.translation_group)
                .collect();
            if group.len() > 1 {
                for (_, language, path) in group {
                    let href = format!("{base}{}", encode_path(path));
                    let _ = write!(
                        out,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        esc(language),
                        esc(&href)
                    );
                }
            }
            out.push_str("</url>\n");
        }
    }
    Ok(latest)
}

async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let store = state.store();
    let site = minbar_store::site::get(store).await?;
    let base = base_url(&site, &headers);
    let posts = minbar_store::posts::count_published(store).await?;
    let pages = minbar_store::pages::all(store).await?;
    let parts = sitemap_parts(posts, pages.len() as i64);
    let (out, latest) = if parts.is_empty() {
        let mut out = String::from(URLSET_OPEN);
        let pages = write_pages(&pages, &base, &mut out);
        let posts = write_posts(&state, &base, 0, URLS_PER_SITEMAP, &mut out).await?;
        out.push_str("</urlset>\n");
        (out, pages.max(posts))
    } else {
        (sitemap_index(&base, &parts), 0)
    };
    Ok(cacheable(&headers, XML, out, latest, &[Tag::Lists]))
}

/// The sitemap index naming each of `parts` (paths from [`sitemap_parts`]) under `base`.
pub(crate) fn sitemap_index(base: &str, parts: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for part in parts {
        let _ = writeln!(
            out,
            "<sitemap><loc>{}</loc></sitemap>",
            esc(&format!("{base}{part}"))
        );
    }
    out.push_str("</sitemapindex>\n");
    out
}

async fn sitemap_pages(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let base = base_url(&site, &headers);
    let pages = minbar_store::pages::all(state.store()).await?;
    let mut out = String::from(URLSET_OPEN);
    let latest = write_pages(&pages, &base, &mut out);
    out.push_str("</urlset>\n");
    Ok(cacheable(&headers, XML, out, latest, &[Tag::Lists]))
}

/// `/sitemap-posts/N.xml`: the N-th 50,000 published posts, oldest first.
async fn sitemap_posts(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let n = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| (1..=10_000).contains(n))
        .ok_or(AppError::NotFound)?;
    let store = state.store();
    let posts = minbar_store::posts::count_published(store).await?;
    if (n - 1) * URLS_PER_SITEMAP >= posts.max(1) {
        return Err(AppError::NotFound);
    }
    let site = minbar_store::site::get(store).await?;
    let base = base_url(&site, &headers);
    let mut out = String::from(URLSET_OPEN);
    let latest = write_posts(
        &state,
        &base,
        (n - 1) * URLS_PER_SITEMAP,
        URLS_PER_SITEMAP,
        &mut out,
    )
    .await?;
    out.push_str("</urlset>\n");
    Ok(cacheable(&headers, XML, out, latest, &[Tag::Lists]))
}

async fn news_sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let store = state.store();
    let site = minbar_store::site::get(store).await?;
    let base = base_url(&site, &headers);
    let since = news_since(&site.zone(), minbar_store::now());
    let posts = minbar_store::posts::published_since(store, since, NEWS_MAX).await?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    let mut latest = 0;
    for post in posts {
        let language = post.language.as_deref().unwrap_or(site.language());
        latest = latest.max(post.updated_at);
        let loc = format!("{base}{}", encode_path(&post.path));
        let _ = writeln!(
            out,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
             <news:language>{}</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title>\
             </news:news></url>",
            esc(&loc),
            esc(&site.title),
            esc(language),
            w3c_date(post.published_at),
            esc(&post.title),
        );
    }
    out.push_str("</urlset>\n");
    Ok(cacheable(&headers, XML, out, latest, &[Tag::Lists]))
}
