//! Arabic text work for Minbar, as pure functions with no I/O and no dependencies of ours.
//!
//! There is one normalization ([`normalize`]) used wherever two spellings must match: hashtag and
//! label identity, the search index and its queries (through [`search_term_into`], which adds
//! hamza merges that only search may make, and light stemming), and blocklists. Text readers send
//! is passed through [`neutralize`], which takes out the invisible characters that could reorder or
//! disguise it. What readers see always keeps the writer's own spelling; only keys are normalized.
//! Slugs ([`slugify`]) keep the Arabic script and drop only what cannot stand in a path. Excerpts
//! ([`excerpt`]) cut at a word boundary.

mod hashtag;
mod neutralize;
mod normalize;
mod slug;
mod stem;

pub use hashtag::{Hashtag, HashtagSpan, hashtag_spans, hashtags};
pub use neutralize::{is_control_mark, neutralize};
pub use normalize::{is_arabic_mark, is_ignorable, is_invisible, normalize, normalize_into};
pub use slug::slugify;
pub use stem::{
    MIN_STEM_LETTERS, is_word_char, search_term_into, search_terms, stem, unstemmed_term_into,
    word_spans,
};

/// Collapses every run of white space into one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max_chars` characters of `text`, cut at a word boundary, with `…` when it was cut.
///
/// White space is collapsed first. A single word longer than the limit is cut inside the word,
/// because an excerpt that says nothing is worse than one that ends mid-word.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let text = collapse_whitespace(text);
    if text.chars().count() <= max_chars {
        return text;
    }
    // The byte index just past the `max_chars`-th character.
    let limit = text
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(index, _)| index);
    let cut = match text[..limit].rfind(' ') {
        Some(space) if space > 0 => &text[..space],
        _ => &text[..limit],
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || is_trailing_punctuation(c));
    format!("{cut}…")
}

/// Punctuation that reads badly right before an ellipsis.
fn is_trailing_punctuation(c: char) -> bool {
    matches!(c, '،' | '؛' | ',' | ';' | ':' | '-' | '–' | '—')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, max: usize, expected: &str) {
        assert_eq!(excerpt(input, max), expected, "excerpt({input:?}, {max})");
    }

    #[test]
    fn excerpt_cuts_at_word_boundaries() {
        check("قصير", 10, "قصير");
        check("نقلت صحيفة الشرق الاوسط عن مسؤول", 12, "نقلت صحيفة…");
        check("  كلمة\n\nثانية  ", 40, "كلمة ثانية");
        check("one two, three", 9, "one two…");
        check("abcdefghij", 4, "abcd…");
        check("", 5, "");
    }

    #[test]
    fn excerpt_never_exceeds_the_limit_plus_ellipsis() {
        let text = "كلمة ".repeat(100);
        for max in 1..60 {
            assert!(excerpt(&text, max).chars().count() <= max + 1);
        }
    }
}
