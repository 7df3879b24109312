//! The search box: whatever a reader types is read, never refused, and never grows past the
//! limits that keep one query cheap to run.

use crate::text_of;
use minbar_search::query::{Clause, MAX_CLAUSES};
use minbar_search::{MAX_QUERY_CHARS, parse};

/// `minbar_search::parse`: at most [`MAX_CLAUSES`] clauses, none empty, none twice on one side,
/// and a query over [`MAX_QUERY_CHARS`] is always marked as cut.
pub fn search_query(data: &[u8]) {
    let input = text_of(data);
    let query = parse(&input);
    assert!(
        query.include.len() + query.exclude.len() <= MAX_CLAUSES,
        "{} clauses from {input:?}",
        query.include.len() + query.exclude.len()
    );
    if input.chars().count() > MAX_QUERY_CHARS {
        assert!(query.truncated, "a long query not marked as cut: {input:?}");
    }
    for side in [&query.include, &query.exclude] {
        for (i, clause) in side.iter().enumerate() {
            match clause {
                Clause::Term { stem, exact } => assert!(
                    !stem.is_empty() && !exact.is_empty(),
                    "an empty term from {input:?}"
                ),
                Clause::Phrase(terms) => assert!(
                    terms.len() >= 2 && terms.iter().all(|t| !t.is_empty()),
                    "a phrase of {terms:?} from {input:?}"
                ),
            }
            assert!(
                !side[..i].contains(clause),
                "clause {clause:?} twice from {input:?}"
            );
        }
    }
    assert_eq!(query.is_empty(), query.include.is_empty());
}
