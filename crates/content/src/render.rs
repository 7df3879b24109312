//! Markdown and outside HTML to sanitized HTML, and sanitized HTML back to plain text.

use crate::BodyFormat;
use pulldown_cmark::{Options, Parser};
use std::collections::HashSet;

/// A rendered body: the HTML to store and show, and what the editor should be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the body, for excerpts and, later, the search index.
    pub text: String,
    /// Message keys for what was dropped or could not be kept, e.g. `warning-html-removed`.
    pub warnings: Vec<&'static str>,
}

/// Renders a post or page body. Never fails: what cannot be kept is dropped and reported.
pub fn render_body(source: &str, format: BodyFormat) -> Rendered {
    let raw = match format {
        BodyFormat::Markdown => markdown_to_html(source),
        BodyFormat::Html => source.to_owned(),
    };
    let html = crate::embed::embed_links(&responsive_images(&sanitize_html(&raw)));
    let mut warnings = Vec::new();
    if removed_something(&raw, &html) {
        warnings.push("warning-html-removed");
    }
    let text = html_to_text(&html);
    Rendered {
        html,
        text,
        warnings,
    }
}

/// Where uploaded images are served, as posts link to them.
const MEDIA_PREFIX: &str = crate::media::PREFIX;

/// The `sizes` of an image in a post: the full width of a phone, the text column elsewhere.
const IMAGE_SIZES: &str = "(max-width: 44rem) 100vw, 40rem";

/// Makes every image in sanitized HTML lazy, and gives each uploaded image (`/media/NAME`) its
/// size and the `srcset` of its smaller copies, read from its name. Runs after the sanitizer, on
/// its well-formed output, and adds only attributes built here from a name that parsed.
fn responsive_images(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img ") {
        let Some(length) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + length];
        out.push_str(&rest[..start]);
        out.push_str(tag.trim_end_matches('/').trim_end());
        let src = tag
            .split_once(" src=\"")
            .and_then(|(_, after)| after.split_once('"'))
            .map(|(src, _)| src);
        let layout = src
            .and_then(|src| src.strip_prefix(MEDIA_PREFIX))
            .and_then(crate::media::MediaName::parse)
            .and_then(|name| name.srcset(MEDIA_PREFIX));
        if let Some((srcset, width, height)) = layout {
            out.push_str(&format!(" srcset=\"{srcset}\" sizes=\"{IMAGE_SIZES}\""));
            if !tag.contains(" width=") && !tag.contains(" height=") {
                out.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
            }
        }
        if !tag.contains(" loading=") {
            out.push_str(" loading=\"lazy\"");
        }
        out.push_str(" decoding=\"async\">");
        rest = &rest[start + length + 1..];
    }
    out.push_str(rest);
    out
}

fn markdown_to_html(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let parser = Parser::new_ext(source, options);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// The allow-list sanitizer every outside fragment goes through before storage and display.
///
/// Keeps the structural and inline elements an article uses, `dir` and `lang` everywhere so mixed
/// Arabic and Latin text lays out right, and links and images with http(s) addresses only. Links
/// get `rel="noopener noreferrer"`. Scripts, styles, event handlers, forms and frames are dropped.
///
/// The result is a fixed point: sanitizing it again changes nothing, which matters because what
/// is stored sanitized is sanitized again before display.
pub fn sanitize_html(html: &str) -> String {
    let allow_list = allow_list();
    let mut clean = allow_list.clean(html).to_string();
    // One pass is not always enough (rust-ammonia/ammonia#185, found again by our fuzzing): the
    // tree ammonia serializes does not always parse back into itself. `&#13;` is written out as
    // a carriage return that the next parse reads as a line feed; a `<p>` left inside another by
    // a dropped `<svg>`, or an `<a>` around a `<table>`, is written out as nesting HTML cannot
    // express and comes back rebuilt. Each pass leaves less such markup, so clean until nothing
    // changes.
    for _ in 1..MAX_SANITIZE_PASSES {
        let again = allow_list.clean(&clean).to_string();
        if again == clean {
            break;
        }
        clean = again;
    }
    clean
}

/// The most passes [`sanitize_html`] makes; every input known to need more than one settles by
/// the third.
const MAX_SANITIZE_PASSES: usize = 4;

/// The elements an article keeps: the sanitizer's allow-list of tags.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "del",
    "details",
    "dd",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
];

/// The sanitizer's allow-list: the elements and attributes an article keeps.
fn allow_list() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = ALLOWED_TAGS.iter().copied().collect();
    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .add_generic_attributes(["dir", "lang", "title"])
        .add_tag_attributes("img", ["alt", "width", "height", "loading"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"));
    builder
}

/// Whether sanitizing dropped markup a writer would miss (not merely normalized attributes).
fn removed_something(raw: &str, clean: &str) -> bool {
    let risky = [
        "<script",
        "<style",
        "<iframe",
        "<form",
        "<object",
        "<embed",
        " on",
        "javascript:",
    ];
    let raw_lower = raw.to_lowercase();
    let clean_lower = clean.to_lowercase();
    risky
        .iter()
        .any(|needle| raw_lower.matches(needle).count() > clean_lower.matches(needle).count())
}

/// Plain text of sanitized HTML: tags dropped, block ends made spaces, the entities the sanitizer
/// writes decoded. Only for HTML that came out of [`sanitize_html`], which is well formed.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..open]));
        match rest[open..].find('>') {
            Some(close) => {
                text.push(' ');
                rest = &rest[open + close + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    text.push_str(&decode_entities(rest));
    minbar_text::collapse_whitespace(&text)
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_images_get_srcset_size_and_lazy_loading() {
        let html = render_body(
            "![الجسر](/media/0123456789abcdef-2000x1000.jpg)\n\n![](https://example.org/a.png)",
            BodyFormat::Markdown,
        )
        .html;
        assert!(html.contains("srcset=\"/media/0123456789abcdef-480w.jpg 480w, /media/0123456789abcdef-960w.jpg 960w, /media/0123456789abcdef-1600w.jpg 1600w, /media/0123456789abcdef-2000x1000.jpg 2000w\""), "{html}");
        assert!(html.contains("width=\"2000\" height=\"1000\""), "{html}");
        assert_eq!(html.matches("loading=\"lazy\"").count(), 2, "{html}");
        // A name that is not ours gets nothing but lazy loading.
        let html = render_body("![](/media/../../x-10x10.jpg)", BodyFormat::Markdown).html;
        assert!(!html.contains("srcset"), "{html}");
    }

    #[test]
    fn sanitizing_twice_changes_nothing() {
        // Each input here came out of one ammonia pass as HTML that a second pass changed.
        for html in [
            "&#13;x",
            "&#65279!",
            "<a><table><a>",
            "<h2><a><h6></a></h6>",
            "<p><svg><foreignobject><p>",
        ] {
            let once = sanitize_html(html);
            assert_eq!(sanitize_html(&once), once, "{html:?}");
        }
    }

    #[test]
    fn markdown_becomes_paragraphs() {
        let r = render_body("فقرة أولى\n\nفقرة **ثانية**", BodyFormat::Markdown);
        assert_eq!(
            r.html,
            "<p>فقرة أولى</p>\n<p>فقرة <strong>ثانية</strong></p>\n"
        );
        assert_eq!(r.text, "فقرة أولى فقرة ثانية");
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn raw_html_in_markdown_is_sanitized_with_a_warning() {
        let r = render_body(
            "نص <script>alert(1)</script> <a href=\"javascript:x()\" onclick=\"y()\">رابط</a>",
            BodyFormat::Markdown,
        );
        assert!(!r.html.contains("script"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert_eq!(r.warnings, vec!["warning-html-removed"]);
    }

    #[test]
    fn html_keeps_direction_and_safe_links() {
        let r = render_body(
            r#"<p dir="ltr" style="color:red">Manbij <a href="https://example.org/x">link</a></p><iframe src="https://evil"></iframe>"#,
            BodyFormat::Html,
        );
        insta::assert_snapshot!(r.html, @r#"<p dir="ltr">Manbij <a href="https://example.org/x" rel="noopener noreferrer">link</a></p>"#);
        assert_eq!(r.warnings, vec!["warning-html-removed"]);
    }

    #[test]
    fn text_decodes_entities_once() {
        assert_eq!(
            html_to_text("<p>a &amp;lt; b</p><p>c&nbsp;d</p>"),
            "a &lt; b c d"
        );
    }
}
