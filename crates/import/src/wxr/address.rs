//! WordPress's links turned into the addresses Minbar redirects from: the path and query
//! relative to the site (a site may live under `/blog`), percent-decoded, as Minbar's
//! redirects table keys them.

use crate::Kind;

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

/// Bytes a path keeps percent-encoded: decoded, they would change where it leads (`%2F` would
/// split a segment in two, `%3F` would start a query).
const PATH_KEEPS: &[u8] = b"/?#%";

/// The path part of a URL, decoded (`/greek/%ce%b5…/` → `/greek/ε…/`); `None` when it has none.
fn url_path_part(url: &str) -> Option<String> {
    let (path, _) = split_url(url);
    let path = collapse_slashes(&percent_decode(path, PATH_KEEPS));
    (!path.is_empty()).then_some(path)
}

/// The path a site lives under (`https://example.com/blog` → `/blog`), `""` at the root.
pub(super) fn base_prefix(base: &str) -> String {
    url_path_part(base)
        .map(|p| p.trim_end_matches('/').to_owned())
        .unwrap_or_default()
}

/// An address on the site as a path and query relative to the site, as Minbar's redirects match
/// them: the site's own path prefix taken off, runs of `/` made one (WordPress's theme test data
/// has `https://…com//greek/…`, which WordPress answers as `/greek/…`). `None` for the site's
/// home page, which is no post's.
fn site_path(url: &str, prefix: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let (_, query) = split_url(url);
    let mut path = url_path_part(url).unwrap_or_default();
    if !prefix.is_empty()
        && let Some(rest) = path.strip_prefix(prefix)
        && (rest.is_empty() || rest.starts_with('/'))
    {
        path = rest.to_owned();
    }
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let whole = match query {
        Some(query) => format!("{path}?{query}"),
        None => path,
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

fn collapse_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Decodes `%XX` escapes, except for the bytes in `keep` (left escaped, in capitals). Bytes that
/// do not make UTF-8 become U+FFFD; a `%` without two hex digits stays as it is.
pub(super) fn percent_decode(text: &str, keep: &[u8]) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let escaped = match (byte, bytes.get(at + 1), bytes.get(at + 2)) {
            (b'%', Some(&high), Some(&low)) => hex(high).zip(hex(low)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match escaped {
            Some(decoded) if keep.contains(&decoded) => {
                out.push(b'%');
                out.extend(bytes[at + 1..at + 3].iter().map(u8::to_ascii_uppercase));
                at += 3;
            }
            Some(decoded) => {
                out.push(decoded);
                at += 3;
            }
            None => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
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

    #[test]
    fn percent_decoding_is_lossy_and_never_panics() {
        assert_eq!(percent_decode("%D8%A7%d8%a8", b""), "اب");
        assert_eq!(percent_decode("100%", b""), "100%");
        assert_eq!(percent_decode("%zz%4", b""), "%zz%4");
        assert_eq!(percent_decode("%ff-a", b""), "\u{FFFD}-a");
        assert_eq!(percent_decode("a%2fb%3F", b"/?"), "a%2Fb%3F");
        assert_eq!(percent_decode("é%", b""), "é%");
    }
}
