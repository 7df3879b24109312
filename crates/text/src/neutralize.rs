//! What readers send is shown to other readers: invisible characters that reorder or disguise
//! text are taken out before it is stored.

/// True for characters that change the order or joining of what is shown without being seen:
/// the bidirectional embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the
/// left-to-right, right-to-left and Arabic letter marks, the zero-width space, joiner and word
/// joiner, the invisible operators (U+2061–U+2064) and the byte-order mark. The zero-width
/// non-joiner (U+200C) is judged by [`neutralize`] in context, since Persian and Kurdish spell
/// with it.
pub fn is_control_mark(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'
            | '\u{200D}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Removes the invisible characters a reader could use to reorder or disguise what others read
/// (a right-to-left override that turns `exe.txt` into `txt.exe`, a joiner that makes two names
/// look alike). A zero-width non-joiner stays only between two letters, where it is spelling
/// (Persian `می‌خواهم`, Kurdish); anywhere else it is dropped like the rest.
///
/// Every other character, line breaks included, is kept as written.
pub fn neutralize(text: &str) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !is_control_mark(*c)).collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '\u{200C}' {
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            let after = chars.get(i + 1);
            if !(before.is_some_and(|b| b.is_alphabetic())
                && after.is_some_and(|a| a.is_alphabetic()))
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn overrides_isolates_and_joiners_are_removed() {
        assert_eq!(neutralize("abc\u{202E}txt.exe\u{202C}"), "abctxt.exe");
        assert_eq!(neutralize("\u{2067}رامي\u{2069}"), "رامي");
        assert_eq!(neutralize("را\u{200D}مي\u{200B}"), "رامي");
        assert_eq!(neutralize("\u{FEFF}\u{200F}نص\u{061C}"), "نص");
    }

    #[test]
    fn a_non_joiner_stays_only_inside_a_word() {
        assert_eq!(neutralize("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(neutralize("\u{200C}نص \u{200C}"), "نص ");
    }

    #[test]
    fn text_and_line_breaks_are_kept() {
        assert_eq!(neutralize("سطر\nثانٍ <b>x</b>"), "سطر\nثانٍ <b>x</b>");
    }

    proptest! {
        #[test]
        fn no_override_survives(s in any::<String>()) {
            let out = neutralize(&s);
            prop_assert!(!out.chars().any(is_control_mark));
            prop_assert_eq!(neutralize(&out), out.clone());
        }
    }
}
