//! Arabic text: normalization, the stemmer with its word splitter, and hashtags.
//!
//! Normalization makes the keys under which labels, hashtags, blocklists and the search index
//! meet, so beside not panicking it must be a fixed point (normalizing a key again changes
//! nothing, or a stored key would stop matching a typed one) and must never grow its input,
//! in bytes or in characters, which is what lets callers size buffers from the input and what
//! the length limits on typed text rely on.

use crate::text_of;
use minbar_text::{MIN_STEM_LETTERS, is_ignorable, normalize_into, search_term_into};

/// `minbar_text::normalize`: never longer, idempotent, nothing ignorable left, and the
/// appending form agrees with the allocating one.
pub fn normalize(data: &[u8]) {
    let input = text_of(data);
    let once = minbar_text::normalize(&input);
    assert!(
        once.len() <= input.len(),
        "normalize grew {input:?} from {} to {} bytes",
        input.len(),
        once.len()
    );
    assert!(
        once.chars().count() <= input.chars().count(),
        "normalize grew {input:?} in characters"
    );
    assert_eq!(
        minbar_text::normalize(&once),
        once,
        "normalize is not idempotent on {input:?}"
    );
    assert!(
        !once.chars().any(is_ignorable),
        "normalize left an ignorable character in {once:?}"
    );
    let mut appended = String::from("#");
    normalize_into(&input, &mut appended);
    assert_eq!(appended[1..], once, "normalize_into disagrees on {input:?}");
}

/// `minbar_text::{word_spans, stem, search_terms}`: words are ordered, disjoint and cut on
/// character boundaries; a stem is a slice of its word, cut no shorter than
/// [`MIN_STEM_LETTERS`]; a search term is never empty.
pub fn stem(data: &[u8]) {
    let input = text_of(data);
    let mut previous_end = 0;
    let mut words = 0;
    for (start, end) in minbar_text::word_spans(&input) {
        assert!(
            previous_end <= start && start < end && end <= input.len(),
            "word span {start}..{end} out of order in {input:?}"
        );
        assert!(
            input.is_char_boundary(start) && input.is_char_boundary(end),
            "word span {start}..{end} cuts a character in {input:?}"
        );
        previous_end = end;
        words += 1;
        let word = &input[start..end];
        // The search's own spelling: normalized, hamza seats merged; the stem is a slice of it.
        let mut key = String::new();
        minbar_text::unstemmed_term_into(word, &mut key);
        let stemmed = minbar_text::stem(&key);
        let offset = stemmed.as_ptr() as usize - key.as_ptr() as usize;
        assert!(
            offset + stemmed.len() <= key.len(),
            "stem of {key:?} is not a slice of it"
        );
        if stemmed.len() != key.len() {
            assert!(
                stemmed.chars().count() >= MIN_STEM_LETTERS,
                "stem cut {key:?} to {stemmed:?}, below {MIN_STEM_LETTERS} letters"
            );
        }
        let mut term = String::new();
        search_term_into(word, &mut term);
        assert_eq!(term, stemmed, "search_term_into disagrees on {word:?}");
    }
    let terms = minbar_text::search_terms(&input);
    assert!(
        terms.len() <= words,
        "more search terms than words in {input:?}"
    );
    assert!(
        terms.iter().all(|term| !term.is_empty()),
        "an empty search term from {input:?}"
    );
}

/// `minbar_text::{hashtag_spans, hashtags}`: each span lies inside the text on character
/// boundaries, in order, begins with `#` (or the full-width `＃`) followed by the tag's name as
/// written, and carries the name's normalized key; `hashtags` keeps one tag per key.
pub fn hashtags(data: &[u8]) {
    let input = text_of(data);
    let spans = minbar_text::hashtag_spans(&input);
    let mut previous_end = 0;
    for span in &spans {
        assert!(
            previous_end <= span.start && span.start < span.end && span.end <= input.len(),
            "hashtag span {}..{} out of order in {input:?}",
            span.start,
            span.end
        );
        assert!(
            input.is_char_boundary(span.start) && input.is_char_boundary(span.end),
            "hashtag span {}..{} cuts a character in {input:?}",
            span.start,
            span.end
        );
        previous_end = span.end;
        let written = &input[span.start..span.end];
        let name = written
            .strip_prefix('#')
            .or_else(|| written.strip_prefix('＃'))
            .unwrap_or_else(|| panic!("hashtag span {written:?} does not start with #"));
        assert_eq!(name, span.tag.name, "hashtag name differs from its span");
        assert!(
            name.chars().any(char::is_alphabetic),
            "hashtag {name:?} has no letter"
        );
        assert_eq!(
            span.tag.key,
            minbar_text::normalize(name),
            "hashtag key is not the name's normalization"
        );
    }
    let tags = minbar_text::hashtags(&input);
    assert!(tags.len() <= spans.len(), "more hashtags than spans");
    for (i, tag) in tags.iter().enumerate() {
        assert!(
            tags[..i].iter().all(|other| other.key != tag.key),
            "hashtag key {:?} listed twice",
            tag.key
        );
    }
}
