//! WordPress's links turned into the addresses Minbar redirects from: the path and query
//! relative to the site (a site may live under `/blog`), spelled as
//! [`minbar_content::redirect_key`] spells them, which is also how a request for one is looked
//! up: the two sides agree because they share that one function.

use crate::Kind;
use minbar_content::redirect_key;

/// The addresses WordPress answered a post at: its permalink, and `/?p=12` (`/?page_id=12` for
/// a page), which WordPress resolves for every post whatever its permalink settings.
pub(super) fn old_links(link: &str, prefix: &str, kind: Kind, id: &str) -> Vec<String> {
    let mut links = Vec::new();
    if let Some(path) = site_path(link, prefix) {
        links.push(path);
    }
    let short = match kind {
        Kind::Post => format!("/?p={id}"),
        Kind::Page => format!("/?page_id={id}"),
    };
    if !links.contains(&short) {
        links.push(short);
    }
    links
}

/// The path a site lives under (`https://example.com/blog` → `/blog`), `""` at the root.
pub(super) fn base_prefix(base: &str) -> String {
    let (path, _) = split_url(base);
    redirect_key(path, None).trim_end_matches('/').to_owned()
}

/// An address on the site as a path and query relative to the site, as Minbar's redirects are
/// keyed ([`redirect_key`], which the lookup of a request uses too): the site's own path prefix
/// taken off. `None` for the site's home page, which is no post's.
pub(super) fn site_path(url: &str, prefix: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let (path, query) = split_url(url);
    let key = redirect_key(path, query);
    // A key's path holds no raw `?` (it is kept as `%3F`), so the first one starts the query.
    let (path, query) = match key.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (key.as_str(), None),
    };
    let path = match path.strip_prefix(prefix) {
        Some(rest) if !prefix.is_empty() && (rest.is_empty() || rest.starts_with('/')) => rest,
        _ => path,
    };
    let path = if path.is_empty() { "/" } else { path };
    let whole = match query {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    (whole != "/").then_some(whole)
}

/// A URL's path (possibly empty) and its non-empty query, without the fragment.
fn split_url(url: &str) -> (&str, Option<&str>) {
    let url = url.split('#').next().unwrap_or(url);
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest.find(['/', '?']).map_or("", |at| &rest[at..]),
        None => url,
    };
    match rest.split_once('?') {
        Some((path, query)) => (path, (!query.is_empty()).then_some(query)),
        None => (rest, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_paths_on_the_site() {
        let prefix = base_prefix("https://playground.internal/path");
        assert_eq!(prefix, "/path");
        let path = |url: &str| site_path(url, &prefix);
        assert_eq!(
            path("https://playground.internal/path/x/").as_deref(),
            Some("/x/")
        );
        assert_eq!(path("https://playground.internal/path").as_deref(), None);
        assert_eq!(
            path("https://playground.internal/path-not-taken/").as_deref(),
            Some("/path-not-taken/")
        );
        assert_eq!(
            path("https://playground.internal/path/?p=1#top").as_deref(),
            Some("/?p=1")
        );
        assert_eq!(
            path("https://playground.internal/path?p=2").as_deref(),
            Some("/?p=2")
        );
        assert_eq!(base_prefix("http://localhost/"), "");
        assert_eq!(
            site_path("http://localhost/?p=1", "").as_deref(),
            Some("/?p=1")
        );
        assert_eq!(site_path("http://localhost/", "").as_deref(), None);
        assert_eq!(site_path("http://localhost", "").as_deref(), None);
        assert_eq!(
            site_path("https://x.com/a%2fb/%d8%a7?q=%20", "").as_deref(),
            Some("/a%2Fb/ا?q=%20")
        );
        assert_eq!(
            site_path("https://x.com//a//b/", "").as_deref(),
            Some("/a/b/")
        );
    }
}
