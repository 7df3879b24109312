//! Lists of posts and of search results, and the pager that links a page of a list to its
//! neighbours.

use super::layout::{Layout, PostCard, dates, hijri_date};
use super::urls::encode_path;
use crate::AppState;
use serde::Serialize;

/// Where a list is, and the links to its neighbours.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub newer_url: Option<String>,
    pub older_url: Option<String>,
    /// Message keys of the two links: lists go by date, search results by rank.
    pub newer_key: &'static str,
    pub older_key: &'static str,
}

impl Pager {
    /// `base` is the list's own encoded URL; pages after the first add `page=N` to its query.
    /// Search results page this way: a static mirror cannot answer them anyway.
    pub fn new(base: &str, page: i64, per_page: i64, total: i64) -> Self {
        let separator = if base.contains('?') { '&' } else { '?' };
        Self::linking(page, per_page, total, |n| {
            if n == 1 {
                base.to_owned()
            } else {
                format!("{base}{separator}page={n}")
            }
        })
    }

    /// A list of posts at the encoded `base`: pages after the first are paths
    /// ([`crate::addresses::list_page`], `/page/2/`), which a static mirror holds as files. A
    /// list asked with the hosted service's parameters (`base` has a query) keeps `page=N` in
    /// its query beside them.
    pub fn for_list(base: &str, page: i64, per_page: i64, total: i64) -> Self {
        if base.contains('?') {
            return Self::new(base, page, per_page, total);
        }
        Self::linking(page, per_page, total, |n| {
            crate::addresses::list_page(base, n)
        })
    }

    /// Page `page` of `total` items, `per_page` to a page, with `url` giving page N's link.
    fn linking(page: i64, per_page: i64, total: i64, url: impl Fn(i64) -> String) -> Self {
        let pages = crate::addresses::page_count(total, per_page);
        Pager {
            page,
            pages,
            total,
            newer_url: (page > 1).then(|| url(page - 1)),
            older_url: (page < pages).then(|| url(page + 1)),
            newer_key: "newer-posts",
            older_key: "older-posts",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub layout: Layout,
    pub posts: Vec<PostCard>,
    pub pager: Pager,
}

/// The search page: the form, then a hint, or the count and a page of results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    pub layout: Layout,
    pub query: String,
    pub heading: String,
    /// Nothing to search for yet: show how to search.
    pub hint: bool,
    /// The query was cut to this many characters.
    pub truncated_to: Option<usize>,
    pub total: usize,
    pub results: Vec<SearchResultView>,
    pub pager: Pager,
    /// The longest query the form accepts.
    pub max_chars: usize,
}

/// One search result. The HTML fields come escaped from the search crate, with `<mark>` around
/// the words that matched.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResultView {
    pub url: String,
    pub title_html: String,
    pub snippet_html: String,
    pub date: String,
    pub date_iso: String,
    /// The Hijri date beside it, when the site shows Hijri dates.
    pub hijri: Option<String>,
}

impl SearchResultView {
    pub fn new(
        state: &AppState,
        locale: &minbar_content::FormatLocale,
        found: &minbar_search::Found,
    ) -> Self {
        let (date, date_iso) = dates(state, locale, Some(found.published_at));
        let hijri = hijri_date(state, locale, Some(found.published_at));
        SearchResultView {
            url: encode_path(&found.path),
            title_html: found.title_html.clone(),
            snippet_html: found.snippet_html.clone(),
            date,
            date_iso,
            hijri,
        }
    }
}

/// A label page or a monthly archive.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub layout: Layout,
    pub heading: String,
    pub posts: Vec<PostCard>,
    pub pager: Pager,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_links_neighbours() {
        let pager = Pager::new("/", 2, 10, 25);
        assert_eq!(pager.pages, 3);
        assert_eq!(pager.newer_url.as_deref(), Some("/"));
        assert_eq!(pager.older_url.as_deref(), Some("/?page=3"));
        assert_eq!(Pager::new("/", 1, 10, 0).pages, 1);
    }

    #[test]
    fn list_pagers_link_paths_unless_asked_with_a_query() {
        let pager = Pager::for_list("/", 2, 10, 25);
        assert_eq!(pager.newer_url.as_deref(), Some("/"));
        assert_eq!(pager.older_url.as_deref(), Some("/page/3/"));
        let month = Pager::for_list("/2017/08/", 1, 10, 11);
        assert_eq!(month.older_url.as_deref(), Some("/2017/08/page/2/"));
        let label = Pager::for_list("/search/label/%D9%82", 3, 10, 30);
        assert_eq!(
            label.newer_url.as_deref(),
            Some("/search/label/%D9%82/page/2/")
        );
        assert_eq!(label.older_url, None);
        let hosted = Pager::for_list("/search/label/x?max-results=5", 1, 5, 11);
        assert_eq!(
            hosted.older_url.as_deref(),
            Some("/search/label/x?max-results=5&page=2")
        );
    }
}
