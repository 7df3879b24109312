//! The one Arabic normalization: the key under which two spellings of a word are the same.

/// True for the Arabic combining marks that normalization strips: tashkeel (harakat, tanween,
/// shadda, sukun), the superscript alef and the Quranic annotation marks.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

const TATWEEL: char = '\u{0640}';

/// Maps one character to its normalized form, or `None` when it is dropped.
fn fold(c: char) -> Option<char> {
    if is_arabic_mark(c) || c == TATWEEL {
        return None;
    }
    Some(match c {
        // Alef with hamza above or below, madda, wasla: all read as a bare alef in search.
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        // Alef maqsura and ya are written interchangeably at the end of a word.
        'ى' => 'ي',
        // Ta marbuta is often typed as ha.
        'ة' => 'ه',
        // Arabic-Indic and extended (Persian) digits match the Latin ones.
        '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10).unwrap_or(c),
        '۰'..='۹' => char::from_digit(c as u32 - '۰' as u32, 10).unwrap_or(c),
        _ => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Normalizes Arabic (and Latin) text for matching, never for display.
///
/// Strips tashkeel and tatweel, unifies the alef forms, alef maqsura with ya and ta marbuta with
/// ha, folds Arabic-Indic digits to Latin, lowercases, and collapses a letter written three or more
/// times in a row (`هناااا`) to one, as writers stretch words for emphasis. A letter doubled twice
/// is kept: doubled letters are ordinary spelling.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let folded: Vec<char> = text.chars().filter_map(fold).collect();
    let mut i = 0;
    while i < folded.len() {
        let c = folded[i];
        let mut run = 1;
        while i + run < folded.len() && folded[i + run] == c {
            run += 1;
        }
        let keep = if run >= 3 && c.is_alphabetic() {
            1
        } else {
            run
        };
        out.extend(std::iter::repeat_n(c, keep));
        i += run;
    }
    out
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
        check("مستشفى", "مستشفي");
        check("مُحَمَّد", "محمد");
        check("عـــاجل", "عاجل");
        check("هناااااااااااااا", "هنا");
        check("الله", "الله");
        check("٢٠١٦", "2016");
        check("Manbij NEWS", "manbij news");
        check("", "");
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn normalized_text_has_no_marks_or_tatweel(s in "[\u{0600}-\u{06FF} a-z]{0,40}") {
            let n = normalize(&s);
            prop_assert!(!n.chars().any(|c| is_arabic_mark(c) || c == TATWEEL));
        }

        #[test]
        fn adding_tashkeel_does_not_change_the_key(s in "[\u{0621}-\u{063A}\u{0641}-\u{064A}]{1,20}") {
            let voweled: String = s.chars().flat_map(|c| [c, '\u{064E}']).collect();
            prop_assert_eq!(normalize(&voweled), normalize(&s));
        }
    }
}
