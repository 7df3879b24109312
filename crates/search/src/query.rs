//! Reading what a reader typed into the search box.
//!
//! The grammar is small and forgiving on purpose: words, `"phrases"` and `-exclusions`. Anything
//! else (unbalanced quotes, lone `-`, `*`, `:`, control characters) is plain text, and what has no
//! letters or digits in it is dropped, so no input is an error.

use minbar_text::search_terms;

/// The longest query read, in characters; the rest is dropped and the reader told.
pub const MAX_QUERY_CHARS: usize = 200;

/// The most words and phrases one query can hold; more are dropped and the reader told.
pub const MAX_CLAUSES: usize = 16;

/// One part of a query: a single word (as its stemmed term, and as normalized without stemming
/// to rank exact spellings higher), or stemmed terms that must follow each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    Term { stem: String, exact: String },
    Phrase(Vec<String>),
}

/// The words of `text` as single-word clauses.
fn words(text: &str) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for (start, end) in minbar_text::word_spans(text) {
        let word = &text[start..end];
        let mut stem = String::new();
        let mut exact = String::new();
        crate::analyzer::term_into(word, true, &mut stem);
        crate::analyzer::term_into(word, false, &mut exact);
        if !stem.is_empty() {
            clauses.push(Clause::Term { stem, exact });
        }
    }
    clauses
}

/// A query as read: what must match, what must not, and whether anything was cut.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub include: Vec<Clause>,
    pub exclude: Vec<Clause>,
    /// The query was longer than [`MAX_QUERY_CHARS`] or held more than [`MAX_CLAUSES`] parts.
    pub truncated: bool,
}

impl ParsedQuery {
    /// True when nothing is left to look for.
    pub fn is_empty(&self) -> bool {
        self.include.is_empty()
    }
}

/// Reads a query. Never fails.
pub fn parse(input: &str) -> ParsedQuery {
    let mut truncated = input.chars().count() > MAX_QUERY_CHARS;
    let mut chars: Vec<char> = input
        .chars()
        .take(MAX_QUERY_CHARS + 1)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if chars.len() > MAX_QUERY_CHARS {
        // Cut before the word the limit falls in, not inside it: half a word finds nothing.
        let cut_inside_word = minbar_text::is_word_char(chars[MAX_QUERY_CHARS]);
        chars.truncate(MAX_QUERY_CHARS);
        if cut_inside_word {
            let word_start = chars.iter().rposition(|c| !minbar_text::is_word_char(*c));
            chars.truncate(word_start.unwrap_or(chars.len()));
        }
    }
    let mut query = ParsedQuery::default();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        // `-` excludes only when it starts a word or a phrase: `-داعش`, `-"..."`.
        let negated = chars[i] == '-'
            && chars
                .get(i + 1)
                .is_some_and(|&c| c == '"' || minbar_text::is_word_char(c));
        if negated {
            i += 1;
        }
        let closing = (chars[i] == '"')
            .then(|| chars[i + 1..].iter().position(|&c| c == '"'))
            .flatten();
        let clauses = if let Some(length) = closing {
            let text: String = chars[i + 1..i + 1 + length].iter().collect();
            i += length + 2;
            let terms = search_terms(&text);
            match terms.len() {
                0 | 1 => words(&text),
                _ => vec![Clause::Phrase(terms)],
            }
        } else {
            let end = chars[i..]
                .iter()
                .position(|c| c.is_whitespace())
                .map_or(chars.len(), |n| i + n);
            let text: String = chars[i..end].iter().collect();
            i = end;
            words(&text)
        };
        for clause in clauses {
            let used = query.include.len() + query.exclude.len();
            let target = if negated {
                &mut query.exclude
            } else {
                &mut query.include
            };
            if target.contains(&clause) {
                continue;
            }
            if used >= MAX_CLAUSES {
                truncated = true;
                break;
            }
            target.push(clause);
        }
    }
    query.truncated = truncated;
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(word: &str) -> Clause {
        words(word).remove(0)
    }

    #[test]
    fn reads_words_phrases_and_exclusions() {
        let q = parse(r#"منبج "وفد الأمم" -داعش"#);
        assert_eq!(
            q.include,
            [
                term("منبج"),
                Clause::Phrase(vec!["وفد".into(), "امم".into()])
            ]
        );
        assert_eq!(q.exclude, [term("داعش")]);
        assert!(!q.truncated);
    }

    #[test]
    fn stray_operators_are_plain_text() {
        for input in [
            r#""منبج"#,
            "منبج-",
            "- منبج",
            "*منبج*",
            "منبج:",
            "\u{0}منبج\u{7}",
            r#"منبج""#,
        ] {
            let q = parse(input);
            assert_eq!(q.include, [term("منبج")], "{input:?}");
            assert!(q.exclude.is_empty(), "{input:?}");
        }
        for input in ["", "   ", "-", "\"\"", "*", ":", "- - -", "\u{1}\u{2}"] {
            assert!(parse(input).is_empty(), "{input:?}");
        }
    }

    #[test]
    fn long_queries_are_cut_and_say_so() {
        let q = parse(&"كلمة ".repeat(2_000));
        assert!(q.truncated);
        assert_eq!(q.include, [term("كلمة")]);
        let words: Vec<String> = (0..40).map(|n| format!("w{n}")).collect();
        let q = parse(&words.join(" "));
        assert!(q.truncated);
        assert_eq!(q.include.len(), MAX_CLAUSES);
    }
}
