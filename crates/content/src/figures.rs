//! The photos of an article, read back from its sanitized HTML: each `<figure>` with an image,
//! its caption and its photographer's credit, which the editor writes as
//! `<figure><img src alt><figcaption>caption <small>credit</small></figcaption></figure>`. The
//! page shows them as they are; structured data and feeds name them through [`figures`].

use crate::render::html_to_text;

/// A photo of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The image's address as the article has it (`/media/…` or an absolute one).
    pub src: String,
    pub alt: String,
    /// The caption's text, without the credit.
    pub caption: String,
    /// The photographer's credit: the text of the caption's `<small>`.
    pub credit: Option<String>,
}

/// The value of attribute `name` in one tag of sanitized HTML (whose attributes are quoted with
/// `"`), its entities left as written but `&amp;`.
pub(crate) fn attribute(tag: &str, name: &str) -> Option<String> {
    let (_, start, end) = attribute_span(tag, name)?;
    Some(tag[start..end].replace("&amp;", "&"))
}

/// Where attribute `name` of one tag of sanitized HTML is: the start of ` name="`, and the
/// start and end of its value (the closing `"` at the end).
pub(crate) fn attribute_span(tag: &str, name: &str) -> Option<(usize, usize, usize)> {
    let marker = format!(" {name}=\"");
    let at = tag.find(&marker)?;
    let value_start = at + marker.len();
    let value_end = value_start + tag[value_start..].find('"')?;
    Some((at, value_start, value_end))
}

/// Every figure of sanitized HTML that holds an image, in order.
pub fn figures(html: &str) -> Vec<Figure> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<figure") {
        let Some(length) = rest[start..].find("</figure>") else {
            break;
        };
        let figure = &rest[start..start + length];
        rest = &rest[start + length + "</figure>".len()..];
        let Some(img) = figure.find("<img ").map(|i| &figure[i..]) else {
            continue;
        };
        let Some(tag) = img.split_once('>').map(|(t, _)| t) else {
            continue;
        };
        let Some(src) = attribute(tag, "src") else {
            continue;
        };
        // The visual editor gives the caption `dir="auto"`: its attributes are skipped.
        let caption_html = figure
            .split_once("<figcaption")
            .and_then(|(_, c)| c.split_once('>'))
            .and_then(|(_, c)| c.split_once("</figcaption>"))
            .map_or("", |(c, _)| c);
        let credit = caption_html
            .split_once("<small>")
            .and_then(|(_, c)| c.split_once("</small>"))
            .map(|(c, _)| html_to_text(c))
            .filter(|c| !c.is_empty());
        let caption = match caption_html.split_once("<small>") {
            Some((before, after)) => {
                let after = after.split_once("</small>").map_or("", |(_, a)| a);
                html_to_text(&format!("{before} {after}"))
            }
            None => html_to_text(caption_html),
        };
        found.push(Figure {
            src,
            alt: attribute(tag, "alt").unwrap_or_default(),
            caption,
            credit,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_and_credits_are_read_back() {
        let html = "<p>نص</p><figure><img src=\"/media/abc-1600x900.jpg\" alt=\"السوق صباحًا\" \
                    loading=\"lazy\"><figcaption>افتتاح السوق <small>تصوير: أحمد</small>\
                    </figcaption></figure><figure><img src=\"https://x.example/a.png?a=1&amp;b=2\">\
                    </figure><figure><p>بلا صورة</p></figure>";
        let found = figures(html);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].src, "/media/abc-1600x900.jpg");
        assert_eq!(found[0].alt, "السوق صباحًا");
        assert_eq!(found[0].caption, "افتتاح السوق");
        assert_eq!(found[0].credit.as_deref(), Some("تصوير: أحمد"));
        assert_eq!(found[1].src, "https://x.example/a.png?a=1&b=2");
        assert_eq!(found[1].credit, None);
        assert!(figures("<figure><img src=\"/x\"").is_empty());
        // As the visual editor writes it: blocks with `dir="auto"`.
        let found = figures(
            "<figure dir=\"auto\"><img src=\"/media/a.jpg\" alt=\"\"><figcaption dir=\"auto\">\
             الجسر <small>تصوير: سلمى</small></figcaption></figure>",
        );
        assert_eq!(found[0].caption, "الجسر");
        assert_eq!(found[0].credit.as_deref(), Some("تصوير: سلمى"));
    }
}
