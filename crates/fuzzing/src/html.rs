//! Markdown and outside HTML through the allow-list sanitizer.
//!
//! Post bodies are sanitized on save and every outside fragment again before display, so the
//! sanitizer must be idempotent: a second pass that changed anything would make the stored and
//! the shown HTML differ. Its output must also be safe on its face, which [`check_safe`] reads
//! with a small scanner of its own rather than trusting the sanitizer to judge itself.

use crate::text_of;
use minbar_content::{ALLOWED_TAGS, BodyFormat, render_body, sanitize_html};

/// `minbar_content::sanitize_html`: safe output, and sanitizing twice equals sanitizing once.
pub fn sanitize(data: &[u8]) {
    let input = text_of(data);
    let once = sanitize_html(&input);
    check_safe(&once);
    let twice = sanitize_html(&once);
    assert_eq!(
        twice, once,
        "sanitizing twice differs from once for {input:?}"
    );
}

/// `minbar_content::render_body`, the same bytes as Markdown and as HTML: the stored HTML is
/// safe, and its plain text never carries markup the sanitizer kept.
pub fn markdown(data: &[u8]) {
    let input = text_of(data);
    for format in [BodyFormat::Markdown, BodyFormat::Html] {
        let rendered = render_body(&input, format);
        check_safe(&rendered.html);
        assert!(
            rendered
                .warnings
                .iter()
                .all(|key| key.starts_with("warning-")),
            "a warning that is not a message key: {:?}",
            rendered.warnings
        );
    }
}

/// Attributes the sanitized HTML may carry: ammonia's defaults for the tags we allow, ours
/// (`dir`, `lang`, `title`, `loading`, …), `rel` it adds to links, and what `render_body` adds
/// to images after sanitizing (`srcset`, `sizes`, `decoding`). An event handler or `style` is
/// never among them.
const ALLOWED_ATTRIBUTES: &[&str] = &[
    "abbr", "align", "alt", "char", "charoff", "cite", "colspan", "datetime", "decoding", "dir",
    "headers", "height", "href", "hreflang", "lang", "loading", "rel", "rowspan", "scope", "sizes",
    "span", "src", "srcset", "start", "summary", "title", "width",
];

/// Panics unless `html`, as the sanitizer serializes it, holds only allowed elements and
/// attributes, no `<script`, no event handler, and no address with a scriptable scheme.
///
/// The serializer escapes `<` in text and `"` in attribute values, so every `<` opens a tag and
/// every attribute value runs to the next `"`; that is all this scanner relies on.
pub fn check_safe(html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script survived: {html:?}");
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        rest = rest.strip_prefix('/').unwrap_or(rest);
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        assert!(
            ALLOWED_TAGS.contains(&name),
            "element <{name}> is not allowed: {html:?}"
        );
        rest = &rest[name_end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            assert!(!rest.is_empty(), "a tag is never closed: {html:?}");
            let attribute_end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let attribute = &rest[..attribute_end];
            assert!(
                !attribute.starts_with("on") && ALLOWED_ATTRIBUTES.contains(&attribute),
                "attribute {attribute:?} is not allowed: {html:?}"
            );
            rest = &rest[attribute_end..];
            if let Some(after) = rest.strip_prefix("=\"") {
                let value_end = after
                    .find('"')
                    .unwrap_or_else(|| panic!("an attribute value is never closed: {html:?}"));
                check_address(attribute, &after[..value_end], html);
                rest = &after[value_end + 1..];
            }
        }
    }
}

/// An address a browser would follow must not run code: the sanitizer allows http, https,
/// mailto and relative addresses only. The address is read as the URL standard reads it: C0
/// controls and spaces around it are dropped, and tabs and line breaks anywhere in it. (Any other
/// control inside a scheme makes it no scheme at all, so `jav\x18ascript:` is a relative path.)
fn check_address(attribute: &str, value: &str, html: &str) {
    if !matches!(attribute, "href" | "src" | "srcset" | "cite") {
        return;
    }
    let squeezed: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    for scheme in ["javascript:", "vbscript:", "data:"] {
        assert!(
            !squeezed.starts_with(scheme),
            "{attribute}={value:?} runs a script: {html:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scanner_catches_what_it_should() {
        check_safe(
            r#"<p dir="rtl">a &lt;script&gt; onclick="x"</p><a href="https://x" rel="noopener noreferrer">x</a>"#,
        );
        for unsafe_html in [
            "<script>x</script>",
            r#"<p onclick="x">"#,
            r#"<a href=" javascript:alert(1)">"#,
            r#"<p style="x">"#,
            "<iframe>",
        ] {
            assert!(
                std::panic::catch_unwind(|| check_safe(unsafe_html)).is_err(),
                "{unsafe_html} passed"
            );
        }
    }
}
