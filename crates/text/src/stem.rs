//! A light Arabic stemmer, the search's own spelling merges, and the word splitter the search
//! analyzer is built on.
//!
//! Light stemming takes off the clitics and endings a reader would not count as part of the word,
//! so that `والرقة`, `الرقة` and `الرقه` meet in one index term, without trying to find roots:
//! root extraction merges unrelated words and hurts news search more than it helps.
//!
//! A word becomes its search term ([`search_term_into`]) in three steps: its
//! [`normalize`](crate::normalize)d key, shared with every part of Minbar; the hamza merges
//! below, for search only ([`unstemmed_term_into`]); then [`stem`], which takes off prefixes,
//! then endings.
//!
//! # Hamza seats
//!
//! The key already reads `ؤ` as `و` and `ئ` as `ي`, which still leaves `مسؤول` (`مسوول`), `مسئول`
//! (`مسيول`), `مسءول` and the hamza-less `مسول` four different words. So the search also:
//! - drops a hamza on any seat right before the long vowel `و`, as hamza-less writers do:
//!   `مسؤول`, `مسئول` and `مسءول` → `مسول`, `شؤون` and `شئون` → `شون`. A `ئ` before the plural
//!   ending `ون` is the word's own and stays, so that the ending comes off and `لاجئون` meets
//!   `لاجئ`;
//! - writes a hamza after alef on the ya seat before the word's own letters, whatever seat it was
//!   written on, as the commonest misspelling and hamza-less writers do: `تفاؤل`, `تفائل` and
//!   `تفاءل` → `تفايل`, `قائد` and `قايد` → `قايد`. At the end of the word and before its
//!   endings it stays as the key has it, so that `إجراءات` still meets `إجراء` and `مائة`
//!   (hundred) keeps away from `ماء` (water);
//! - writes a hamza on the line after ya on the ya seat: `شيء` meets `شيئ`.
//!
//! Elsewhere a seat stays its bare letter, as hamza-less writers spell it (`سؤال` meets `سوال`,
//! `رئيس` meets `رييس`, `مؤتمر` meets `موتمر`), and a hamza on the line stays a letter. Not every
//! spelling is caught, where catching it would cost more: `ريس` and `شئ` would need `ي` written
//! twice to be read once, which would cut `رئيس` to three letters and leave the `و` on `ورئيس`
//! (rule 2 below); `مسوول` would need the same of `و`, which would make `نووي` (nuclear) `نوي`
//! (intended); a hamza on alef is plain alef, so `يقرأون` misses `يقرؤون`; and a final seat after
//! a consonant stays its letter, so `تكافؤ` misses `تكافئ`.
//!
//! These merges stay out of [`normalize`](crate::normalize) on purpose: its keys are identities
//! stored in the database (a label, a blocked word, a commenter's name), where merging two words
//! does more harm than missing one: `رؤوس` (heads) and `روس` (Russians) may meet in a search,
//! where a stranger among the results costs little, but must stay two labels.
//!
//! # Lucene's rules, and where Minbar departs from them
//!
//! The prefixes and endings are those of Lucene's `ArabicStemmer` (Larkey's light10), and
//! [`normalize`](crate::normalize) makes every fold of Lucene's `ArabicNormalizer` (alef forms,
//! alef maqsura, ta marbuta, tashkeel, tatweel). Lucene takes off one prefix: `ال`, `وال`, `بال`,
//! `كال`, `فال` or `لل` when two letters remain, `و` when three remain. It then goes once through
//! the endings `ها` `ان` `ات` `ون` `ين` `يه` `ية` `ه` `ة` `ي`, in that order, taking off each
//! that ends the word while two letters remain. (`ية` and `ة` are `يه` and `ه` once normalized.)
//! Minbar departs from that where Lucene's rule would make a word miss itself or meet a stranger:
//!
//! 1. Every cut leaves [`MIN_STEM_LETTERS`] letters, not two. Two would cut `الله` to `له` (to
//!    him), `الآن` (now) to `ان` (that), and `عمان` (Amman) to `عم` (uncle). The cost: a two-letter
//!    word keeps its article (`الدم` does not find `دم`) and a two-letter adjective its feminine
//!    ending (`حرة` does not find `حر`).
//! 2. A one-letter prefix comes off only when the stem left after it, its endings off too, has
//!    four letters; Lucene takes `و` off whenever three letters follow it. By Lucene's rule
//!    `وزير` (minister) becomes `زير` while `الوزير` loses only its article and stays `وزير`, one
//!    word in two terms; and `ورقة` (paper) becomes `رقه`, the term of `الرقة` (Raqqa). Counting
//!    the stem, not the letters that follow, decides every form of a word alike: `وزارة` keeps
//!    its `و` like `الوزارة`, and `كبيرة` (big) keeps its `ك` like `كبير`, where counting the four
//!    letters after its `ك` would cut it to `بير` and the feminine would miss the masculine. The
//!    cost: the prefix stays on a word whose stem has three letters (`وحلب` does not find `حلب`,
//!    nor `بنسبة` find `نسبة`, nor `ولبنان` find `لبنان`, whose stem is `لبن`), and a longer word
//!    that begins with a prefix letter loses it only where no article stands before it
//!    (`برنامج` is `رنامج`, `البرنامج` is `برنامج`).
//! 3. `ف`, `ب`, `ك` and `ل` come off like `و` (Lucene knows only `و`), so `بدمشق` finds `دمشق`
//!    and `لمنبج` finds `منبج`.
//! 4. An article after a one-letter prefix comes off too: `وبالمدينة` → `مدينه`, where Lucene,
//!    which takes off one prefix only, stops at `بالمدينه`.
//! 5. The pass over the endings is made again until it takes nothing off. In a single pass an
//!    ending is looked for only once, before a later one has come off: `انتخاباته` (his
//!    elections) would keep its `ات` and miss `انتخابات`, and the feminine `جوعانة` (hungry)
//!    would keep `جوعان` while the masculine `جوعان` loses its `ان`.
//! 6. Only words written wholly in Arabic letters are stemmed. Lucene cuts whatever begins or
//!    ends with the letters; with the prefixes of rule 3 that would cut `ف16` (the F-16) to `16`.
//! 7. The hamza merges above: Lucene leaves `ؤ`, `ئ` and `ء` as they are, so `مسؤول` and
//!    `مسئول` never meet there. [`normalize`](crate::normalize) also folds what Lucene's
//!    normalizer does not: Persian look-alikes, Arabic-Indic digits, and letters stretched three
//!    times or more.

use crate::normalize::{fold, is_ignorable, normalize_into};

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

/// One-letter prefixes (and, so, with, like, for). One comes off when the stem left after it,
/// its endings off, still has [`MIN_AFTER_LETTER_PREFIX`] letters; an article after one comes off
/// with it (`وبالمدينه` → `مدينه`).
/// - `و`: `ومفاوضات` → `مفاوض`
/// - `ف`: `فسيطرت` → `سيطرت`
/// - `ب`: `بدمشق` → `دمشق`
/// - `ك`: `كمصدر` → `مصدر`
/// - `ل`: `لمنبج` → `منبج`
const LETTER_PREFIXES: [char; 5] = ['و', 'ف', 'ب', 'ك', 'ل'];

/// Letters a stem must keep for a one-letter prefix to come off, one more than other rules need:
/// these letters begin many words of their own (`وزير`, `كبير`, `بيت`), and stripping them from
/// short stems would merge `وزير` with `زير` (see the module doc, rule 2).
const MIN_AFTER_LETTER_PREFIX: usize = MIN_STEM_LETTERS + 1;

/// Endings in Lucene's order and in their normalized spelling (`ة` is already `ه`, so `ية` is
/// `يه`). Each is taken off when it ends the word and at least [`MIN_STEM_LETTERS`] letters
/// remain; the list is gone through again until nothing comes off, so that stacked endings all
/// come off (`مفاوضاتها` → `مفاوضات` → `مفاوض`):
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

/// The word without its article, or without a one-letter prefix and the article after it, if it
/// has one: `ال` and the like are a prefix for sure, so that the letter before them is too.
fn strip_articles(word: &str) -> &str {
    if let Some(rest) = strip_article(word) {
        return rest;
    }
    match word.chars().next() {
        Some(first) if LETTER_PREFIXES.contains(&first) => {
            strip_article(&word[first.len_utf8()..]).unwrap_or(word)
        }
        _ => word,
    }
}

/// The stem of a word with no article on it: a one-letter prefix and the endings taken off.
///
/// The prefix letter comes off when the stem left after it, its endings off too, has
/// [`MIN_AFTER_LETTER_PREFIX`] letters, and stays as part of the word otherwise. Counting the stem
/// rather than the letters after the prefix decides every form of a word alike, so that a
/// feminine meets its masculine (`كبيرة` and `كبير`) and a word meets itself after `ال`
/// (`وزارة` and `الوزارة`).
fn strip_letter_and_suffixes(word: &str) -> &str {
    if let Some(first) = word.chars().next()
        && LETTER_PREFIXES.contains(&first)
    {
        let stem = strip_suffixes(&word[first.len_utf8()..]);
        if letters(stem) >= MIN_AFTER_LETTER_PREFIX {
            return stem;
        }
    }
    strip_suffixes(word)
}

/// The word with its endings off while [`MIN_STEM_LETTERS`] letters remain (see
/// [`strip_suffixes_leaving`]).
fn strip_suffixes(word: &str) -> &str {
    strip_suffixes_leaving(word, MIN_STEM_LETTERS)
}

/// Passes over [`SUFFIXES`] in order, taking off each ending that the word ends with while `min`
/// letters remain, until a pass takes nothing off. The first pass is Lucene's whole rule; the next
/// ones catch an ending uncovered only after a later one in the list came off (`انتخاباته` →
/// `انتخابات` → `انتخاب`).
fn strip_suffixes_leaving(mut word: &str, min: usize) -> &str {
    loop {
        let before = word.len();
        for suffix in SUFFIXES {
            if let Some(rest) = word.strip_suffix(suffix)
                && letters(rest) >= min
            {
                word = rest;
            }
        }
        if word.len() == before {
            return word;
        }
    }
}

/// The light stem of a word already [`normalize`](crate::normalize)d (or in its
/// [`unstemmed_term_into`] form), as a slice of it.
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
    let rest = strip_articles(word);
    if rest.len() == word.len() {
        strip_letter_and_suffixes(word)
    } else {
        // After an article a first letter is the word's own, as Lucene also reads it.
        strip_suffixes(rest)
    }
}

/// Where a hamza is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seat {
    /// `ء`, on the line.
    Line,
    /// `ؤ`.
    Waw,
    /// `ئ`.
    Ya,
}

/// The seat of `c` if it carries a hamza, written as one character or, in decomposed text, as
/// `و` or `ي` followed by the combining hamza above, which begins `rest`. (A hamza on alef is
/// folded to `ا` by the key already.)
fn hamza_seat(c: char, rest: &str) -> Option<Seat> {
    let decomposed = rest.starts_with('\u{0654}');
    match c {
        'ء' => Some(Seat::Line),
        'ؤ' => Some(Seat::Waw),
        'ئ' => Some(Seat::Ya),
        'و' if decomposed => Some(Seat::Waw),
        'ي' | 'ى' if decomposed => Some(Seat::Ya),
        _ => None,
    }
}

/// True when nothing but endings (see [`SUFFIXES`]) follows in `rest`, nothing included.
fn only_endings_follow(rest: &str) -> bool {
    // The longest run of endings worth reading: `اتها` and the like.
    const LONGEST: usize = 6;
    let tail: String = rest
        .chars()
        .filter(|c| !is_ignorable(*c))
        .take(LONGEST + 1)
        .collect();
    if tail.chars().count() > LONGEST {
        return false;
    }
    let mut key = String::new();
    normalize_into(&tail, &mut key);
    strip_suffixes_leaving(&key, 0).is_empty()
}

/// `word` with its hamza seats merged as the module doc says, before it is normalized: each
/// character is kept, dropped, or (a hamza after alef or ya) written `ئ`. Of hamzas written one
/// after the other, which no word has, only the last is read.
fn merge_hamza_seats(word: &str) -> String {
    let mut merged = String::with_capacity(word.len());
    // The last letter written, as the key reads it (`أ` is `ا`), and how many were written.
    let mut previous = None;
    let mut letters_before = 0;
    for (index, c) in word.char_indices() {
        let rest = &word[index + c.len_utf8()..];
        let written = match hamza_seat(c, rest) {
            None => Some(c),
            Some(seat) => {
                // Looked at only after a hamza, so a long run of marks is read once.
                let mut following = rest
                    .char_indices()
                    .filter(|(_, n)| !is_ignorable(*n))
                    .map(|(at, n)| (n, &rest[at + n.len_utf8()..]));
                let next = following.next();
                let next_letter = next.map(|(n, _)| n);
                let after_alef = previous == Some('ا');
                let before_waw = matches!(next_letter, Some('و' | 'ؤ'));
                if next.is_some_and(|(n, after)| hamza_seat(n, after).is_some()) {
                    None
                } else if after_alef && !before_waw && only_endings_follow(rest) {
                    // After alef, at the end of the word or before its endings: as the key
                    // reads it, so that `مائة` (hundred) keeps away from `ماء` (water).
                    Some(c)
                } else {
                    // After alef, before the word's own letters, every seat is the ya seat; and
                    // so is a hamza on the line after ya.
                    let seat = if after_alef || (seat == Seat::Line && previous == Some('ي')) {
                        Seat::Ya
                    } else {
                        seat
                    };
                    match seat {
                        Seat::Line | Seat::Waw if before_waw => None,
                        Seat::Line | Seat::Waw => Some(c),
                        Seat::Ya => {
                            // `لاجئون`: the plural ending, after a stem of three letters or more.
                            let plural_ending = following.next().map(|(n, _)| n) == Some('ن')
                                && following.next().is_none()
                                && letters_before + 1 >= MIN_STEM_LETTERS;
                            if before_waw && !plural_ending {
                                None
                            } else {
                                Some('ئ')
                            }
                        }
                    }
                }
            }
        };
        if let Some(written) = written {
            merged.push(written);
            if let Some(letter) = fold(written) {
                previous = Some(letter);
                letters_before += 1;
            }
        }
    }
    merged
}

/// Writes one word as the search reads it into `out` (cleared first): normalized, with the hamza
/// merges of the module doc, but not stemmed. The index's exact-spelling fields use it, so that
/// the same word with another hamza seat still counts as spelled the same.
pub fn unstemmed_term_into(word: &str, out: &mut String) {
    out.clear();
    if word.contains(['ء', 'ؤ', 'ئ', '\u{0654}']) {
        normalize_into(&merge_hamza_seats(word), out);
    } else {
        normalize_into(word, out);
    }
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

/// Writes the search term of one word into `out` (cleared first): [`unstemmed_term_into`], then
/// stemmed. Leaves `out` empty when nothing of the word is left (a word of tashkeel alone).
///
/// The index and the query parser both call this, so a query word always meets the words it
/// should in the index.
pub fn search_term_into(word: &str, out: &mut String) {
    unstemmed_term_into(word, out);
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
mod tests;
