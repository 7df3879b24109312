//! What every page shares: the layout (language, direction, site, navigation, the featured
//! posts), post cards and dates; and the pages that are the layout and one body, a static page
//! or an error page.

use super::urls::encode_path;
use crate::AppState;
use crate::i18n::direction_of;
use axum::http::StatusCode;
use minbar_content::{FormatLocale, PostSummary, Site};
use serde::Serialize;

/// What every page shares: language, direction, the site's name and about text, navigation.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub lang: String,
    /// The tag messages and numbers are written with (`ar-SY-u-nu-arab` for Arabic-Indic digits).
    pub locale: String,
    pub dir: &'static str,
    pub site_title: String,
    pub about: String,
    pub pages: Vec<Link>,
    /// The featured posts widget, shown beside every page but the home page, which leads with it.
    pub featured: Vec<PostCard>,
    pub asset_version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub url: String,
    pub title: String,
}

impl Layout {
    /// The layout of a page in `language` (empty: the site's own), which gives the page its
    /// `lang`, its direction, its interface strings and how its numbers and dates are written.
    pub fn new(
        state: &AppState,
        site: &Site,
        language: &str,
        pages: Vec<(String, String)>,
        featured: &[PostSummary],
    ) -> Self {
        let locale = site.format_locale_in(language);
        let lang = if language.is_empty() || language == site.language() {
            site.locale.clone()
        } else {
            language.to_owned()
        };
        Layout {
            dir: direction_of(&lang),
            lang,
            locale: locale.as_str().to_owned(),
            site_title: site.title.clone(),
            about: site.about.clone(),
            pages: pages
                .into_iter()
                .map(|(slug, title)| Link {
                    url: encode_path(&format!("/p/{slug}.html")),
                    title,
                })
                .collect(),
            featured: featured
                .iter()
                .map(|p| PostCard::new(state, &locale, p))
                .collect(),
            asset_version: state.templates().asset_version().to_owned(),
        }
    }
}

/// A post in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PostCard {
    pub url: String,
    pub title: String,
    pub excerpt: String,
    pub date: String,
    pub date_iso: String,
    /// The Hijri date beside it, when the site shows Hijri dates.
    pub hijri: Option<String>,
    /// Comments readers can see.
    pub comments: i64,
}

impl PostCard {
    pub fn new(state: &AppState, locale: &FormatLocale, post: &PostSummary) -> Self {
        let (date, date_iso) = dates(state, locale, post.published_at);
        let hijri = hijri_date(state, locale, post.published_at);
        PostCard {
            url: encode_path(&post.path),
            title: post.title.clone(),
            excerpt: post.excerpt.clone(),
            date,
            date_iso,
            hijri,
            comments: post.comments,
        }
    }
}

/// A moment as a reader sees it (`1 أيلول 2025`) and as `<time datetime>` holds it (the local
/// day, `2025-09-01`), both on the site's calendar.
pub(super) fn dates(state: &AppState, locale: &FormatLocale, at: Option<i64>) -> (String, String) {
    match at {
        Some(at) => (
            state.i18n().date(locale, at),
            minbar_content::clock::local(&locale.zone, at)
                .date()
                .to_string(),
        ),
        None => (String::new(), String::new()),
    }
}

/// The Hijri date of a moment, when the site shows them.
pub(super) fn hijri_date(
    state: &AppState,
    locale: &FormatLocale,
    at: Option<i64>,
) -> Option<String> {
    at.and_then(|at| state.i18n().hijri_date(locale, at))
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub layout: Layout,
    pub page: PageBody,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageBody {
    pub title: String,
    pub body_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorView {
    pub layout: Layout,
    pub title_key: &'static str,
    pub body_key: &'static str,
}

impl ErrorView {
    /// The error page with the message keys of its title and text (see [`error_keys`]).
    pub fn new(state: &AppState, site: &Site, keys: (&'static str, &'static str)) -> Self {
        let (title_key, body_key) = keys;
        ErrorView {
            layout: Layout::new(state, site, "", Vec::new(), &[]),
            title_key,
            body_key,
        }
    }
}

/// The message keys of the error page for `status`.
pub fn error_keys(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("error-400-title", "error-400-body"),
        403 => ("error-403-title", "error-403-body"),
        404 => ("error-404-title", "error-404-body"),
        413 => ("error-413-title", "error-413-body"),
        503 => ("error-503-title", "error-503-body"),
        _ => ("error-500-title", "error-500-body"),
    }
}
