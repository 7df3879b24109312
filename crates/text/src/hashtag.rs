//! Hashtags in titles and bodies: `#قسد`, `#النظام.` (the full stop ends the tag), `#Manbij`.

use crate::normalize::{is_arabic_mark, normalize};

/// A hashtag as the writer spelled it, with its normalized identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashtag {
    /// The tag as first written, without `#`: what readers see.
    pub name: String,
    /// The normalized key: `#الرقة` and `#الرقه` share it.
    pub key: String,
}

/// Where one hashtag stands in a text, in byte offsets, `#` included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashtagSpan {
    pub start: usize,
    pub end: usize,
    pub tag: Hashtag,
}

/// Characters that continue a tag: letters and digits of any script, `_`, and the Arabic marks and
/// tatweel a writer may type inside a word. Everything else, punctuation included, ends it.
fn continues_tag(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_arabic_mark(c) || c == '\u{0640}' || c == '\u{200C}'
}

/// Every hashtag in `text`, in order, each with its span. A `#` counts only at the start of the
/// text or after a character that cannot be part of a word (so `page#top` and `&#39;` are not tags),
/// and a tag needs at least one letter (so `#1` is not one).
pub fn hashtag_spans(text: &str) -> Vec<HashtagSpan> {
    let mut spans = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let starts_tag = (c == '#' || c == '＃')
            && previous.is_none_or(|p| !continues_tag(p) && p != '&' && p != '#' && p != '/');
        previous = Some(c);
        if !starts_tag {
            continue;
        }
        let name_start = start + c.len_utf8();
        let mut end = name_start;
        while let Some(&(index, next)) = chars.peek() {
            if !continues_tag(next) {
                break;
            }
            end = index + next.len_utf8();
            previous = Some(next);
            chars.next();
        }
        let name = text[name_start..end].trim_end_matches('\u{200C}');
        if !name.chars().any(char::is_alphabetic) {
            continue;
        }
        let end = name_start + name.len();
        spans.push(HashtagSpan {
            start,
            end,
            tag: Hashtag {
                name: name.to_owned(),
                key: normalize(name),
            },
        });
    }
    spans
}

/// The distinct hashtags of `text` by normalized key, each spelled as first written.
pub fn hashtags(text: &str) -> Vec<Hashtag> {
    let mut tags: Vec<Hashtag> = Vec::new();
    for span in hashtag_spans(text) {
        if !tags.iter().any(|t| t.key == span.tag.key) {
            tags.push(span.tag);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let names: Vec<String> = hashtags(input).into_iter().map(|t| t.name).collect();
        assert_eq!(names, expected, "hashtags({input:?})");
    }

    #[test]
    fn finds_arabic_and_latin_tags() {
        check(
            "تنسيق عسكري بين #قسد و #النظام. تمهيدا لبدأ مفاوضات سياسية",
            &["قسد", "النظام"],
        );
        check("#Manbij news, #منبج_الحدث!", &["Manbij", "منبج_الحدث"]);
        check("#الرقة و #الرقه", &["الرقة"]);
        check("(#حلب)، #حمص؛", &["حلب", "حمص"]);
        check("#مُحَمَّد", &["مُحَمَّد"]);
    }

    #[test]
    fn ignores_what_is_not_a_tag() {
        check("page#top", &[]);
        check("&#39; and &#x27;", &[]);
        check("# alone", &[]);
        check("#1 and #٢٠١٧", &[]);
        check("##double", &[]);
        check("https://example.com/#frag", &[]);
        check("", &[]);
    }

    #[test]
    fn spans_cover_the_tag_and_its_hash() {
        let text = "بين #قسد و";
        let spans = hashtag_spans(text);
        assert_eq!(spans.len(), 1);
        assert_eq!(&text[spans[0].start..spans[0].end], "#قسد");
    }

    #[test]
    fn tags_share_a_key_across_spellings() {
        let a = hashtags("#الرقة");
        let b = hashtags("#الرقه");
        assert_eq!(a[0].key, b[0].key);
    }
}
