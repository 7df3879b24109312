//! The one Arabic normalization: the key under which two spellings of a word are the same.
//!
//! Every place that must treat two spellings as one goes through [`normalize`] (or its
//! allocation-free form [`normalize_into`]): label and hashtag keys, the search index and the
//! search query. Slugs share its first step, [`is_ignorable`], but keep the writer's letters,
//! because readers read them.

/// True for the Arabic combining marks that normalization strips: tashkeel (harakat U+064B–U+0652,
/// tanween, shadda, sukun, and the rarer marks up to U+065F), the superscript alef U+0670 and the
/// Quranic annotation marks.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

pub(crate) const TATWEEL: char = '\u{0640}';

/// True for invisible characters that change how text is shown but not what it says: the
/// zero-width space, joiners and marks (U+200B–U+200F), the bidirectional embeddings and
/// overrides (U+202A–U+202E), the isolates (U+2066–U+2069) and the byte-order mark. They are
/// dropped from keys so that nobody can hide a word from search or a blocklist by slipping one in.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// True for what normalization drops outright: tashkeel, tatweel and invisible characters.
/// Words run through them (`مُفاوَضات`, `عـــاجل` are one word each).
pub fn is_ignorable(c: char) -> bool {
    is_arabic_mark(c) || c == TATWEEL || is_invisible(c)
}

/// Maps one character to its normalized form, or `None` when it is dropped.
///
/// Each mapping trades a distinction readers rarely rely on for recall:
/// - `أ إ آ ٱ` → `ا`: hamza and madda on alef are left out by most keyboards and writers
///   (`أمريكا` / `امريكا`).
/// - `ى` → `ي`: alef maqsura and ya are written interchangeably at the end of a word (`إلى` / `الى`).
/// - `ة` → `ه`: ta marbuta is often typed as ha (`الرقة` / `الرقه`).
/// - `ؤ` → `و` and `ئ` → `ي`: the hamza seat is spelled differently across regions and often
///   dropped (`مسؤول` / `مسوول`, `رئيس` / `رييس`). Words that differ only by a hamza seat are rare
///   enough that the recall is worth it. The search goes further and makes every seat of a word
///   meet the others (`مسئول`, `مسءول`, `مسول`), a merge too loose for a label's identity: see
///   [`unstemmed_term_into`](crate::unstemmed_term_into).
/// - Persian and Urdu look-alikes typed on those keyboards: keheh `ک`, swash kaf `ڪ` → `ك`; farsi
///   yeh `ی` and yeh barree `ے` → `ي`; heh goal `ہ`, `ۂ`, heh doachashmee `ھ`, `ۀ` and ae `ە` → `ه`.
/// - Arabic-Indic `٠–٩` and Eastern (Persian) `۰–۹` digits → `0–9` (`٢٠١٦` / `2016`).
/// - Latin and other cased letters → lowercase (a single character, so a key never grows).
pub(crate) fn fold(c: char) -> Option<char> {
    // Fast path for the common letters of Arabic text: nothing to fold, no case.
    if matches!(c, '\u{0621}'..='\u{0628}' | '\u{062A}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | '\u{064A}')
        && !matches!(c, 'أ' | 'إ' | 'آ' | 'ؤ' | 'ئ')
    {
        return Some(c);
    }
    if is_ignorable(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ے' | 'ئ' => 'ي',
        'ة' | 'ہ' | 'ۂ' | 'ھ' | 'ۀ' | 'ە' => 'ه',
        'ؤ' => 'و',
        'ک' | 'ڪ' => 'ك',
        '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10).unwrap_or(c),
        '۰'..='۹' => char::from_digit(c as u32 - '۰' as u32, 10).unwrap_or(c),
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        // The rest of the Arabic block has no case.
        '\u{0600}'..='\u{06FF}' => c,
        _ => match c.to_lowercase().next() {
            // Keep the letter when its lowercase takes more bytes, so a key never grows.
            Some(lower) if lower.len_utf8() <= c.len_utf8() => lower,
            _ => c,
        },
    })
}

/// Normalizes Arabic (and Latin) text for matching, never for display.
///
/// Drops tashkeel, tatweel and invisible characters ([`is_ignorable`]), folds letter forms and
/// digits as documented on each mapping (hamza forms, alef maqsura, ta marbuta, Persian look-alikes,
/// Arabic-Indic digits), lowercases, and collapses a letter written three or more times in a row
/// (`هناااا` → `هنا`), as writers stretch words for emphasis. A doubled letter is kept: doubled
/// letters are ordinary spelling (`الله`). The result is never longer than the input, in characters
/// or in bytes, and normalizing it again changes nothing.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`], appending to `out` instead of allocating: the search analyzer calls this for
/// every word it indexes.
pub fn normalize_into(text: &str, out: &mut String) {
    // The last character written and how many times in a row; a run of three or more letters is
    // written once, so only the first of a run is pushed and the second is held back until it is
    // known the run stops at two.
    let mut last: Option<char> = None;
    let mut run = 0usize;
    for c in text.chars().filter_map(fold) {
        if Some(c) == last {
            run += 1;
            continue;
        }
        flush_run(last, run, out);
        out.push(c);
        last = Some(c);
        run = 1;
    }
    flush_run(last, run, out);
}

/// Writes what a run of `run` copies of `c` still owes after its first copy was written.
fn flush_run(c: Option<char>, run: usize, out: &mut String) {
    if let Some(c) = c {
        let extra = if run >= 3 && c.is_alphabetic() {
            0
        } else {
            run.saturating_sub(1)
        };
        out.extend(std::iter::repeat_n(c, extra));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "normalize({input:?})");
    }

    #[test]
    fn unifies_spellings() {
        check("الرقة", "الرقه");
        check("الرقه", "الرقه");
        check("أحمد", "احمد");
        check("إسلام", "اسلام");
        check("آب", "اب");
        check("ٱلحمد", "الحمد");
        check("مستشفى", "مستشفي");
        check("مسؤول", "مسوول");
        check("رئيس", "رييس");
        check("مُحَمَّد", "محمد");
        check("مُفاوَضات", "مفاوضات");
        check("عـــاجل", "عاجل");
        check("هناااااااااااااا", "هنا");
        check("هناااا", "هنا");
        check("الله", "الله");
        check("٢٠١٦", "2016");
        check("۲۰۱۶", "2016");
        check("111", "111");
        check("Manbij NEWS", "manbij news");
        check("", "");
    }

    #[test]
    fn makes_every_fold_of_lucenes_arabic_normalizer() {
        // Alef with madda, hamza above and hamza below; alef maqsura; ta marbuta; tatweel; and
        // each haraka from fathatan to sukun, shadda included.
        check("آمال", "امال");
        check("أسرة", "اسره");
        check("إعمار", "اعمار");
        check("مبنى", "مبني");
        check("عمارة", "عماره");
        check("عمـــارة", "عماره");
        for haraka in '\u{064B}'..='\u{0652}' {
            check(&format!("عم{haraka}ار"), "عمار");
        }
    }

    #[test]
    fn folds_persian_and_urdu_look_alikes() {
        check("کتاب", "كتاب");
        check("علی", "علي");
        check("ہمارا", "همارا");
        check("ھذا", "هذا");
    }

    #[test]
    fn drops_invisible_characters() {
        check("هن\u{200D}ا", "هنا");
        check("\u{202E}abc\u{202C}", "abc");
        check("\u{FEFF}منبج", "منبج");
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn normalize_is_idempotent_on_any_unicode(s in any::<String>()) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn normalize_never_grows(s in any::<String>()) {
            let n = normalize(&s);
            prop_assert!(n.len() <= s.len());
            prop_assert!(n.chars().count() <= s.chars().count());
        }

        #[test]
        fn normalized_text_has_no_marks_or_tatweel(s in "[\u{0600}-\u{06FF} a-z]{0,40}") {
            let n = normalize(&s);
            prop_assert!(!n.chars().any(is_ignorable));
        }

        #[test]
        fn adding_tashkeel_does_not_change_the_key(s in "[\u{0621}-\u{063A}\u{0641}-\u{064A}]{1,20}") {
            let voweled: String = s.chars().flat_map(|c| [c, '\u{064E}']).collect();
            prop_assert_eq!(normalize(&voweled), normalize(&s));
        }

        #[test]
        fn latin_words_stay_searchable(s in "[a-zA-Z0-9]{1,20}") {
            let n = normalize(&s);
            prop_assert!(!n.is_empty());
            prop_assert!(n.chars().all(|c| c.is_ascii_alphanumeric() && !c.is_ascii_uppercase()));
            prop_assert_eq!(normalize(&s.to_lowercase()), n);
        }
    }
}
