//! The tantivy side of Minbar's Arabic analysis: words split by [`minbar_text::word_spans`], each
//! turned into its term by [`minbar_text::search_term_into`], with offsets into the original text
//! so that snippets highlight what the writer wrote.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the analyzer is registered under in every index.
pub const ANALYZER: &str = "minbar_ar";

/// The same words normalized (with the hamza seats merged) but not stemmed: a second set of fields
/// indexed with it lets an exact spelling rank above a word that merely shares its stem (`الرياض`
/// the city above `الرياضي` athletic, which stem alike). Another hamza seat is the same spelling:
/// `مسئول` ranks with `مسؤول`.
pub const EXACT_ANALYZER: &str = "minbar_ar_exact";

/// Terms longer than this many bytes are not indexed (a pasted hash or a run of letters with no
/// spaces says nothing a reader would search for, and tantivy limits term length).
pub const MAX_TERM_BYTES: usize = 120;

/// Splits text into normalized terms, lightly stemmed unless made with [`ArabicTokenizer::exact`].
#[derive(Clone)]
pub struct ArabicTokenizer {
    token: Token,
    stemmed: bool,
}

impl Default for ArabicTokenizer {
    fn default() -> Self {
        ArabicTokenizer {
            token: Token::default(),
            stemmed: true,
        }
    }
}

impl ArabicTokenizer {
    /// Normalizes and merges hamza seats, without stemming.
    pub fn exact() -> Self {
        ArabicTokenizer {
            stemmed: false,
            ..Self::default()
        }
    }
}

/// The term of one word for the stemmed or the exact fields, written into `out`.
pub fn term_into(word: &str, stemmed: bool, out: &mut String) {
    if stemmed {
        minbar_text::search_term_into(word, out);
    } else {
        minbar_text::unstemmed_term_into(word, out);
    }
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.token.reset();
        ArabicTokenStream {
            text,
            spans: Box::new(minbar_text::word_spans(text)),
            token: &mut self.token,
            stemmed: self.stemmed,
        }
    }
}

/// The terms of one text.
pub struct ArabicTokenStream<'a> {
    text: &'a str,
    spans: Box<dyn Iterator<Item = (usize, usize)> + 'a>,
    token: &'a mut Token,
    stemmed: bool,
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for (start, end) in self.spans.by_ref() {
            term_into(&self.text[start..end], self.stemmed, &mut self.token.text);
            if self.token.text.is_empty() || self.token.text.len() > MAX_TERM_BYTES {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_terms_positions_and_original_offsets() {
        let text = "وصلَ وفدُ الأمم إلى الرقـة";
        let mut tokenizer = ArabicTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let token = stream.token();
            seen.push((
                token.text.clone(),
                token.position,
                &text[token.offset_from..token.offset_to],
            ));
        }
        assert_eq!(
            seen,
            [
                ("وصل".to_owned(), 0, "وصلَ"),
                ("وفد".to_owned(), 1, "وفدُ"),
                ("امم".to_owned(), 2, "الأمم"),
                ("الي".to_owned(), 3, "إلى"),
                ("رقه".to_owned(), 4, "الرقـة"),
            ]
        );
    }
}
