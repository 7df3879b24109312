//! The stemmer's rules, each with words that show it, and the search's spellings meeting.

use super::*;
use crate::normalize;
use proptest::prelude::*;

fn check(word: &str, expected: &str) {
    assert_eq!(stem(&normalize(word)), expected, "stem({word:?})");
}

/// Asserts that every word of each group has the same search term.
fn meet(groups: &[&[&str]]) {
    for group in groups {
        let terms: Vec<Vec<String>> = group.iter().map(|w| search_terms(w)).collect();
        assert!(
            terms.windows(2).all(|w| w[0] == w[1]),
            "{group:?} gave {terms:?}"
        );
    }
}

fn term(word: &str) -> String {
    let mut out = String::new();
    search_term_into(word, &mut out);
    out
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
fn articles_come_off_when_three_letters_remain() {
    // Lucene's prefixes, each leaving three letters.
    check("الحقل", "حقل");
    check("والحقل", "حقل");
    check("بالحقل", "حقل");
    check("كالحقل", "حقل");
    check("فالحقل", "حقل");
    check("للحقل", "حقل");
    // Two letters would be left: Lucene would cut these (rule 1 of the module doc).
    check("الله", "الل");
    check("الآن", "الان");
    check("الدم", "الدم");
}

#[test]
fn a_letter_prefix_needs_a_stem_of_four_letters() {
    // A stem of three letters: the letter is part of the word (rule 2 of the module doc).
    check("وكيل", "وكيل");
    check("الوكيل", "وكيل");
    check("وحلب", "وحلب");
    check("ورقة", "ورق");
    check("وشركة", "وشرك");
    check("كبيرة", "كبير");
    check("وزيرة", "وزير");
    check("بلدية", "بلد");
    // A stem of four letters or more: the letter comes off, and an article after it too
    // (rules 3 and 4).
    check("ومستودع", "مستودع");
    check("لمستودع", "مستودع");
    check("كمستودع", "مستودع");
    check("بمستودعاتها", "مستودع");
    check("فبالمستودع", "مستودع");
    check("وللمستودع", "مستودع");
    // After an article, a first letter is the word's own.
    check("برنامج", "رنامج");
    check("البرنامج", "برنامج");
}

#[test]
fn every_form_of_a_word_keeps_its_first_letter_alike() {
    meet(&[
        &["بلدية", "البلدية", "بالبلدية", "بلدي"],
        &["وزارة", "الوزارة", "والوزارة", "بالوزارة", "فوزارة"],
        &["وزير", "وزيرة", "الوزير", "الوزيرة"],
        &["كتابة", "الكتابة", "كتاب", "الكتاب"],
        &["كبير", "كبيرة", "الكبيرة", "الكبير"],
    ]);
}

#[test]
fn stacked_endings_all_come_off() {
    // Each ending in Lucene's order within a pass...
    check("اتفاقياتها", "اتفاق");
    check("اتفاقية", "اتفاق");
    check("اتفاق", "اتفاق");
    // ...and again when one came off only after a later one did (rule 5).
    check("انتخاباته", "انتخاب");
    check("انتخابات", "انتخاب");
    check("امتحانات", "امتح");
    check("امتحان", "امتح");
}

#[test]
fn a_feminine_adjective_meets_its_masculine() {
    meet(&[
        &["جديدة", "جديد", "الجديدة", "الجديد"],
        &["جوعانة", "جوعان"],
        &["مسكينة", "مسكين"],
        &["عربية", "عربي", "العربية"],
        &["قوية", "قوي"],
        &["ذكية", "ذكي"],
    ]);
    assert_eq!(term("جديدة"), "جديد");
}

#[test]
fn every_hamza_seat_meets_the_others() {
    meet(&[
        &["مسؤول", "مسئول", "مسءول", "مسول", "مسئُول"],
        &["مسؤولون", "مسئولون", "مسؤولين", "المسئول"],
        &["شؤون", "شئون", "شءون", "شون"],
        &["رئيس", "رييس", "ورئيس", "لرئيس"],
        &["شيء", "شيئ", "الشيء"],
        &["سؤال", "سوال"],
        &["مؤتمر", "موتمر"],
        &["لاجئ", "لاجي", "لاجئون", "لاجئين", "لاجئة"],
        &["مبادئ", "مباديء", "مبادي"],
        // After alef, before the word's own letters, every seat is the ya seat...
        &["تفاؤل", "تفائل", "تفاءل", "التفاؤل"],
        &["قائد", "قايد", "القائد"],
        // ...and before its endings the hamza stays, so that they come off.
        &["إجراء", "إجراءات", "إجراءاتها"],
        &["أصدقاء", "أصدقاءه", "الأصدقاء"],
        &["قراءة", "قراءات", "القراءة"],
        // Decomposed: `ي` or `و` and the combining hamza above.
        &["مسئول", "مسي\u{0654}ول", "مسو\u{0654}ول"],
        &["تفاؤل", "تفاو\u{0654}ل"],
    ]);
    assert_eq!(term("مسؤول"), "مسول");
    // Letters typed twice stay twice.
    assert_eq!(term("النووي"), "نوو");
    assert_ne!(term("رئيس"), term("ريس"));
    let mut unstemmed = String::new();
    unstemmed_term_into("المسئولون", &mut unstemmed);
    assert_eq!(unstemmed, "المسولون");
    unstemmed_term_into("تفاءل", &mut unstemmed);
    assert_eq!(unstemmed, "تفايل");
    // After alef at the end of a word the hamza stays: `ماء` (water) is not `ما` (what), nor
    // `انتهاء` (end) `انت` (you).
    assert_eq!(term("ماء"), "ماء");
    assert_eq!(term("الماء"), "ماء");
    assert_eq!(term("انتهاء"), "انتهاء");
    assert_ne!(term("المائة"), term("ماء"));
    // The shared key is not touched: labels and blocklists keep their spelling.
    assert_eq!(normalize("مسئول"), "مسيول");
    assert_eq!(normalize("مسءول"), "مسءول");
}

#[test]
fn hamza_merges_are_idempotent_on_odd_input() {
    // Cases the property tests below once found.
    for word in ["آء", "ءئؤ", "اءء", "يءئو"] {
        let mut once = String::new();
        unstemmed_term_into(word, &mut once);
        let mut twice = String::new();
        unstemmed_term_into(&once, &mut twice);
        assert_eq!(twice, once, "{word:?}");
    }
}

#[test]
fn a_nisba_plural_meets_its_singular() {
    meet(&[
        &["قويين", "قوي"],
        &["المدنيين", "مدني"],
        &["الذكيين", "ذكي"],
    ]);
    assert_eq!(term("المدنيين"), "مدن");
}

#[test]
fn latin_and_numbers_are_not_stemmed() {
    assert_eq!(stem("covid19"), "covid19");
    assert_eq!(stem("2016"), "2016");
    assert_eq!(stem("ال2016"), "ال2016");
    assert_eq!(stem("ف16"), "ف16");
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
    meet(&[
        &["الرقة", "الرقه", "والرقة"],
        &["أمريكا", "امريكا"],
        &["مُفاوَضات", "مفاوضات"],
        &["هنا", "هناااا"],
        &["الى", "إلى"],
        &["٢٠١٦", "2016"],
    ]);
}

#[test]
fn a_word_of_marks_alone_has_no_term() {
    assert_eq!(term("\u{064E}\u{0651}"), "");
    assert!(search_terms("\u{064E} \u{0640}").is_empty());
    // A hamza alone is a letter.
    assert_eq!(term("ء"), "ء");
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
    fn unstemmed_terms_are_idempotent(s in "[\u{0621}-\u{064A}\u{064B}-\u{0654}\u{0640}]{0,20}") {
        let mut once = String::new();
        unstemmed_term_into(&s, &mut once);
        let mut twice = String::new();
        unstemmed_term_into(&once, &mut twice);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn stems_keep_three_letters(w in "[\u{0621}-\u{063A}\u{0641}-\u{064A}]{3,12}") {
        let n = normalize(&w);
        prop_assert!(stem(&n).chars().count() >= MIN_STEM_LETTERS.min(n.chars().count()));
    }

    #[test]
    fn no_ending_is_left_that_could_come_off(w in "[\u{0621}-\u{063A}\u{0641}-\u{064A}]{3,12}") {
        let n = normalize(&w);
        let stemmed = stem(&n);
        prop_assert_eq!(strip_suffixes(stemmed), stemmed);
    }

    #[test]
    fn a_word_meets_itself_after_the_article(w in "[\u{0627}-\u{0628}\u{062A}-\u{063A}\u{0641}-\u{064A}]{3,10}") {
        // Unless it begins with an article itself.
        prop_assume!(strip_articles(&w) == w);
        let with_article = format!("ال{w}");
        let with_article = stem(&with_article);
        // After `ال` only the endings come off; and so they do without it, unless a prefix
        // letter comes off too (rule 2 of the module doc).
        prop_assert_eq!(with_article, strip_suffixes(&w));
        let stemmed = stem(&w);
        if stemmed.as_ptr() == w.as_ptr() {
            prop_assert_eq!(with_article, stemmed);
        }
    }

    #[test]
    fn a_feminine_ending_comes_off_to_the_masculine(w in "[\u{0627}-\u{0628}\u{062A}-\u{063A}\u{0641}-\u{064A}]{3,10}") {
        // Unless it begins with an article that leaves too short a stem without the ending
        // (`الحرة` is `حره`, but `الحر` keeps its article: rule 1 of the module doc).
        let long = format!("{w}ههه");
        prop_assume!(strip_articles(&long) == long);
        let feminine = format!("{w}ه");
        prop_assert_eq!(stem(&feminine), stem(&w));
    }

    #[test]
    fn a_waw_seat_is_any_seat_or_none(
        before in "[\u{0627}-\u{063A}\u{0641}-\u{064A}]{1,5}",
        after in "[\u{0627}-\u{063A}\u{0641}-\u{064A}]{2,5}",
    ) {
        // `مسؤول`, `مسئول`, `مسءول` and `مسول`, around any letters. (Two letters at
        // least after the seat: before a final `ون` the `ئ` of `لاجئون` is the word's own.)
        let terms: Vec<String> = ["ؤو", "ئو", "ءو", "و"]
            .iter()
            .map(|seat| term(&format!("{before}{seat}{after}")))
            .collect();
        prop_assert!(terms.windows(2).all(|w| w[0] == w[1]), "{:?}", terms);
    }

    #[test]
    fn latin_words_are_found_as_typed(w in "[a-zA-Z][a-zA-Z0-9]{0,15}") {
        let terms = search_terms(&format!("نص {w} نص"));
        prop_assert_eq!(&terms[1], &normalize(&w));
    }
}
