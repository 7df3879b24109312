//! A light Arabic stemmer and the word splitter the search analyzer is built on.
//!
//! Light stemming takes off the clitics and endings a reader would not count as part of the word,
//! so that `والرقة`, `الرقة` and `الرقه` meet in one index term, without trying to find roots:
//! root extraction merges unrelated words and hurts news search more than it helps.

use crate::normalize::{is_ignorable, normalize_into};

/// The shortest stem, in letters: no rule cuts a word below this.
pub const MIN_STEM_LETTERS: usize = 3;

/// Article-like prefixes, longest first, taken off when at least [`MIN_STEM_LETTERS`] remain:
/// - `وال` and: `والرقه` → `رقه`
/// - `بال` with/in the: `بالمدينه` → `مدينه`
/// - `كال` like the: `كالعاده` → `عاده`
/// - `فال` so the: `فالحكومه` → `حكومه`
/// - `لل` for the: `للمفاوضات` → `مفاوضات` (then `ات`, see [`SUFFIXES`])
/// - `ال` the: `الرقه` → `رقه`
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// One-letter prefixes (and, so, with, like, for), taken off only when at least four letters
/// remain, one more than other rules need: these letters begin many words of their own (`وزير`,
/// `فريق`, `بيت`), and stripping them from short words would merge `وزير` with `زير`. After one of
/// them an article may still follow: `وبالمدينه` → `بالمدينه` → `مدينه`.
/// - `و`: `ومفاوضات` → `مفاوضات`
/// - `ف`: `فسيطرت` → `سيطرت`
/// - `ب`: `بدمشق` → `دمشق`
/// - `ك`: `كمصدر` → `مصدر`
/// - `ل`: `لمنبج` → `منبج`
const LETTER_PREFIXES: [char; 5] = ['و', 'ف', 'ب', 'ك', 'ل'];

/// Endings, longest first, in their normalized spelling (`ة` is already `ه`, so `ية` is `يه`).
/// At most two are taken off, each only when at least [`MIN_STEM_LETTERS`] remain, so that a
/// plural with a pronoun meets its singular (`مفاوضاتها` → `مفاوضات` → `مفاوض`):
/// - `ها` her/its: `مدينتها` → `مدينت`
/// - `ان` dual: `الطرفان` → `طرف`
/// - `ات` feminine plural: `مفاوضات` → `مفاوض`
/// - `ون` masculine plural: `المراقبون` → `مراقب`
/// - `ين` plural or dual, oblique: `المدنيين` → `مدني` → `مدن`
/// - `يه` (from `ية`) nisba, feminine: `السورية` → `سور`
/// - `ه` (from `ة`, or the pronoun his): `مدينة` → `مدين`
/// - `ي` nisba or my: `سوري` → `سور`
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Letters in a slice of a word made only of Arabic letters, each two bytes in UTF-8.
fn letters(s: &str) -> usize {
    s.len() / 2
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

fn strip_article(word: &str) -> Option<&str> {
    ARTICLES.iter().find_map(|article| {
        word.strip_prefix(article)
            .filter(|rest| letters(rest) >= MIN_STEM_LETTERS)
    })
}

/// The light stem of a word already [`normalize`](crate::normalize)d, as a slice of it.
///
/// Only words written wholly in Arabic letters are stemmed; Latin words, numbers and mixed tokens
/// come back unchanged, so `covid19` and `2016` stay searchable as typed. The stem is always a
/// part of the word, so it is never longer, and never shorter than [`MIN_STEM_LETTERS`] letters
/// unless the word was.
pub fn stem(word: &str) -> &str {
    // Only Arabic letters from here on, so `letters` can count bytes.
    if word.len() < 2 * MIN_STEM_LETTERS || !word.chars().all(is_arabic_letter) {
        return word;
    }
    let mut stem = match strip_article(word) {
        Some(rest) => rest,
        None => match word.chars().next() {
            Some(first) if LETTER_PREFIXES.contains(&first) => {
                let rest = &word[first.len_utf8()..];
                if letters(rest) > MIN_STEM_LETTERS {
                    strip_article(rest).unwrap_or(rest)
                } else {
                    word
                }
            }
            _ => word,
        },
    };
    for _ in 0..2 {
        let Some(shorter) = SUFFIXES.iter().find_map(|suffix| {
            stem.strip_suffix(suffix)
                .filter(|rest| letters(rest) >= MIN_STEM_LETTERS)
        }) else {
            break;
        };
        stem = shorter;
    }
    stem
}

/// True for characters that belong to a word: letters and digits of any script, plus what
/// normalization drops (tashkeel, tatweel, joiners), so that those never split a word.
pub fn is_word_char(c: char) -> bool {
    // Arabic letters and ASCII first: most of what is read, without Unicode table lookups.
    is_arabic_letter(c)
        || c.is_ascii_alphanumeric()
        || (!c.is_ascii() && (c.is_alphanumeric() || is_ignorable(c)))
}

/// The byte ranges of the words of `text`, in order.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| is_word_char(*c))?;
        let mut end = text.len();
        while let Some(&(index, c)) = chars.peek() {
            if !is_word_char(c) {
                end = index;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Writes the search term of one word into `out` (cleared first): normalized, then stemmed.
/// Leaves `out` empty when nothing of the word is left (a word of tashkeel alone).
///
/// The index and the query parser both call this, so a query word always meets the words it
/// should in the index.
pub fn search_term_into(word: &str, out: &mut String) {
    out.clear();
    normalize_into(word, out);
    let stem = stem(out);
    if stem.len() != out.len() {
        let start = stem.as_ptr() as usize - out.as_ptr() as usize;
        let end = start + stem.len();
        out.truncate(end);
        out.drain(..start);
    }
}

/// The search terms of `text`, in order: each word normalized and stemmed.
pub fn search_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut term = String::new();
    for (start, end) in word_spans(text) {
        search_term_into(&text[start..end], &mut term);
        if !term.is_empty() {
            terms.push(term.clone());
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;
    use proptest::prelude::*;

    fn check(word: &str, expected: &str) {
        assert_eq!(stem(&normalize(word)), expected, "stem({word:?})");
    }

    #[test]
    fn documented_examples_hold() {
        check("والرقة", "رقه");
        check("الرقة", "رقه");
        check("الرقه", "رقه");
        check("بالمدينة", "مدين");
        check("كالعادة", "عاد");
        check("فالحكومة", "حكوم");
        check("للمفاوضات", "مفاوض");
        check("ومفاوضات", "مفاوض");
        check("فسيطرت", "سيطرت");
        check("بدمشق", "دمشق");
        check("كمصدر", "مصدر");
        check("لمنبج", "منبج");
        check("وبالمدينة", "مدين");
        check("مدينتها", "مدينت");
        check("الطرفان", "طرف");
        check("المراقبون", "مراقب");
        check("المدنيين", "مدن");
        check("السورية", "سور");
        check("سوري", "سور");
        check("مفاوضاتها", "مفاوض");
    }

    #[test]
    fn never_cuts_below_three_letters() {
        check("وزير", "وزير");
        check("الوزير", "وزير");
        check("بيت", "بيت");
        check("الى", "الي");
        check("إلى", "الي");
        check("هنا", "هنا");
        check("عمان", "عمان");
        check("و", "و");
    }

    #[test]
    fn latin_and_numbers_are_not_stemmed() {
        assert_eq!(stem("covid19"), "covid19");
        assert_eq!(stem("2016"), "2016");
        assert_eq!(stem("ال2016"), "ال2016");
    }

    #[test]
    fn words_split_on_punctuation_but_not_on_marks() {
        let text = "قالَ: «الرقـة» و-covid 19!";
        let words: Vec<&str> = word_spans(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(words, ["قالَ", "الرقـة", "و", "covid", "19"]);
        assert_eq!(search_terms(text), ["قال", "رقه", "و", "covid", "19"]);
    }

    #[test]
    fn the_spellings_readers_type_meet() {
        for group in [
            &["الرقة", "الرقه", "والرقة"][..],
            &["أمريكا", "امريكا"],
            &["مُفاوَضات", "مفاوضات"],
            &["هنا", "هناااا"],
            &["الى", "إلى"],
            &["٢٠١٦", "2016"],
        ] {
            let terms: Vec<Vec<String>> = group.iter().map(|w| search_terms(w)).collect();
            assert!(
                terms.windows(2).all(|w| w[0] == w[1]),
                "{group:?} gave {terms:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn terms_never_panic_and_never_grow(s in any::<String>()) {
            let mut term = String::new();
            for (start, end) in word_spans(&s) {
                let word = &s[start..end];
                search_term_into(word, &mut term);
                prop_assert!(term.len() <= word.len());
                prop_assert!(term.chars().count() <= word.chars().count());
            }
        }

        #[test]
        fn terms_are_idempotent_keys(s in "[\u{0621}-\u{064A}\u{064B}-\u{0652}\u{0640}a-zA-Z0-9 ]{0,60}") {
            // A term searched again is the same term: a query copied from a result still matches.
            for term in search_terms(&s) {
                let again = search_terms(&term);
                prop_assert!(again.len() == 1, "{term:?} split into {again:?}");
            }
        }

        #[test]
        fn stems_keep_three_letters(w in "[\u{0621}-\u{063A}\u{0641}-\u{064A}]{3,12}") {
            let n = normalize(&w);
            prop_assert!(stem(&n).chars().count() >= MIN_STEM_LETTERS.min(n.chars().count()));
        }

        #[test]
        fn latin_words_are_found_as_typed(w in "[a-zA-Z][a-zA-Z0-9]{0,15}") {
            let terms = search_terms(&format!("نص {w} نص"));
            prop_assert_eq!(&terms[1], &normalize(&w));
        }
    }
}
