//! Addresses as links carry them: stored paths and label names percent-encoded (Arabic letters
//! always, as UTF-8), and values encoded for a query.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters encoded in a path: everything but unreserved ASCII and `/`. Non-ASCII (Arabic
/// letters) is always encoded, as UTF-8.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\'')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'|');
/// A single path segment: as [`PATH`], and `/` too.
const SEGMENT: &AsciiSet = &PATH.add(b'/');
/// A query value: as [`SEGMENT`], and the query's own delimiters.
const COMPONENT: &AsciiSet = &SEGMENT
    .add(b'&')
    .add(b'=')
    .add(b'+')
    .add(b':')
    .add(b';')
    .add(b',')
    .add(b'@')
    .add(b'$')
    .add(b'!')
    .add(b'(')
    .add(b')')
    .add(b'*');

/// A stored (unencoded) path as it goes into a link.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// A label's page: `/search/label/<name>`, the hosted service's own path.
pub fn label_url(name: &str) -> String {
    format!("/search/label/{}", utf8_percent_encode(name, SEGMENT))
}

pub(super) fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_paths_are_percent_encoded() {
        assert_eq!(
            encode_path("/2017/08/قسد-1.html"),
            "/2017/08/%D9%82%D8%B3%D8%AF-1.html"
        );
        assert_eq!(label_url("a/b c"), "/search/label/a%2Fb%20c");
    }
}
