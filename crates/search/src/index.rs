//! The tantivy index: its schema, opening (or rebuilding) it on disk, writing documents and
//! running parsed queries.

use crate::analyzer::{ANALYZER, ArabicTokenizer, EXACT_ANALYZER};
use crate::query::{Clause, ParsedQuery};
use crate::{Result, SearchError};
use minbar_content::{PostDocument, PostId};
use std::ops::{Bound, Range};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term,
};

/// Written into every commit with the sequence number applied. Bump it whenever the schema or the
/// analyzer changes: an index built by another version is rebuilt at start-up, since its terms
/// would no longer match the queries.
const FORMAT: &str = "minbar-search/4";

/// How much a match in each field counts; the title outweighs the body, so a story about a place
/// ranks above one that mentions it.
const TITLE_BOOST: f32 = 3.0;
const LABEL_BOOST: f32 = 2.0;
/// How much more an exact spelling in a title counts than a word that only shares its stem.
const EXACT_BOOST: f32 = 1.5;

/// The indexing memory budget of a long-running server, and of a one-off rebuild.
const SERVER_WRITER_BYTES: usize = 48_000_000;
const BULK_WRITER_BYTES: usize = 256_000_000;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    published: Field,
    title: Field,
    body: Field,
    title_exact: Field,
    labels: Field,
    label_keys: Field,
    hashtags: Field,
    author: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let with = |analyzer: &str, positions: bool| {
        let record = if positions {
            IndexRecordOption::WithFreqsAndPositions
        } else {
            IndexRecordOption::WithFreqs
        };
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(record),
        )
    };
    let analyzed = |positions: bool| with(ANALYZER, positions);
    let fields = Fields {
        id: builder.add_i64_field("id", INDEXED | FAST),
        published: builder.add_i64_field("published", INDEXED | FAST),
        title: builder.add_text_field("title", analyzed(true)),
        body: builder.add_text_field("body", analyzed(true)),
        // Frequencies only: phrases run on the stemmed fields; this only lifts exact spellings in
        // titles. The body has no exact twin: it would double the cost of indexing for a small
        // gain in ranking, where the title already decides most of it.
        title_exact: builder.add_text_field("title_exact", with(EXACT_ANALYZER, false)),
        labels: builder.add_text_field("labels", analyzed(false)),
        label_keys: builder.add_text_field("label_keys", STRING),
        hashtags: builder.add_text_field("hashtags", analyzed(false)),
        author: builder.add_text_field("author", analyzed(false)),
    };
    (builder.build(), fields)
}

/// Who wants the writer: a server keeps a small one for the life of the process, a rebuild from the
/// command line a large one for speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriterSize {
    Server,
    Bulk,
}

/// A search index in a directory, with its one writer. Only one process may hold it.
pub struct SearchIndex {
    dir: PathBuf,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    applied: AtomicI64,
    /// False while the index is being rebuilt at start-up: searches answer, but incompletely.
    loaded: std::sync::atomic::AtomicBool,
}

/// Why an index had to be built anew when it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuild {
    Missing,
    Unreadable(String),
    OtherVersion(String),
}

impl std::fmt::Display for Rebuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rebuild::Missing => write!(f, "there is no search index yet"),
            Rebuild::Unreadable(why) => write!(f, "could not open the search index ({why})"),
            Rebuild::OtherVersion(found) => {
                write!(f, "the search index was built by another version ({found})")
            }
        }
    }
}

/// What a query found: matching posts in rank order and how many matched in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    pub ids: Vec<PostId>,
    pub total: usize,
}

/// Narrowing a search beyond its words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// The normalized key of a label the post must carry.
    pub label_key: Option<String>,
    /// Published at or after (Unix seconds).
    pub from: Option<i64>,
    /// Published before (Unix seconds).
    pub until: Option<i64>,
}

impl Filters {
    fn is_empty(&self) -> bool {
        self.label_key.is_none() && self.from.is_none() && self.until.is_none()
    }
}

fn parse_payload(payload: Option<&str>) -> std::result::Result<i64, String> {
    let payload = payload.unwrap_or("");
    payload
        .strip_prefix(FORMAT)
        .and_then(|rest| rest.strip_prefix(" seq="))
        .and_then(|seq| seq.parse().ok())
        .ok_or_else(|| {
            if payload.is_empty() {
                "no version".to_owned()
            } else {
                payload.to_owned()
            }
        })
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it when missing and starting over when it cannot be read
    /// or was built by another version. Says why it started over, so the caller can log it and
    /// rebuild from the store. Fails only when the directory cannot be written or another process
    /// holds the index.
    pub fn open(dir: &Path, size: WriterSize) -> Result<(Self, Option<Rebuild>)> {
        if !dir.join("meta.json").exists() {
            return Ok((Self::create(dir, size)?, Some(Rebuild::Missing)));
        }
        match Self::open_existing(dir, size) {
            Ok((index, Ok(_))) => Ok((index, None)),
            Ok((index, Err(found))) => {
                index.clear()?;
                index.commit_seq(0)?;
                Ok((index, Some(Rebuild::OtherVersion(found))))
            }
            Err(SearchError::Locked(dir)) => Err(SearchError::Locked(dir)),
            Err(SearchError::OtherSchema) => {
                std::fs::remove_dir_all(dir).map_err(|e| SearchError::Io(dir.to_owned(), e))?;
                let fresh = Self::create(dir, size)?;
                Ok((
                    fresh,
                    Some(Rebuild::OtherVersion("other fields".to_owned())),
                ))
            }
            Err(error) => {
                std::fs::remove_dir_all(dir).map_err(|e| SearchError::Io(dir.to_owned(), e))?;
                Ok((
                    Self::create(dir, size)?,
                    Some(Rebuild::Unreadable(error.to_string())),
                ))
            }
        }
    }

    fn create(dir: &Path, size: WriterSize) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::Io(dir.to_owned(), e))?;
        let (schema, _) = schema();
        let index =
            Index::create_in_dir(dir, schema).map_err(|e| SearchError::from_tantivy(dir, e))?;
        let opened = Self::from_index(dir, index, size)?;
        opened.commit_seq(0)?;
        Ok(opened)
    }

    fn open_existing(
        dir: &Path,
        size: WriterSize,
    ) -> Result<(Self, std::result::Result<i64, String>)> {
        let index = Index::open_in_dir(dir).map_err(|e| SearchError::from_tantivy(dir, e))?;
        let (expected, _) = schema();
        if index.schema() != expected {
            // Another schema cannot take our documents: start over on disk.
            return Err(SearchError::OtherSchema);
        }
        let payload = index
            .load_metas()
            .map_err(|e| SearchError::from_tantivy(dir, e))?
            .payload;
        let opened = Self::from_index(dir, index, size)?;
        let seq = parse_payload(payload.as_deref());
        if let Ok(seq) = seq {
            opened.applied.store(seq, Ordering::SeqCst);
        }
        Ok((opened, seq))
    }

    fn from_index(dir: &Path, index: Index, size: WriterSize) -> Result<Self> {
        index
            .tokenizers()
            .register(ANALYZER, ArabicTokenizer::default());
        index
            .tokenizers()
            .register(EXACT_ANALYZER, ArabicTokenizer::exact());
        let (_, fields) = schema();
        let (threads, bytes) = match size {
            WriterSize::Server => (1, SERVER_WRITER_BYTES),
            WriterSize::Bulk => (2, BULK_WRITER_BYTES),
        };
        let writer = index
            .writer_with_num_threads(threads, bytes)
            .map_err(|e| SearchError::from_tantivy(dir, e))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| SearchError::from_tantivy(dir, e))?;
        Ok(Self {
            dir: dir.to_owned(),
            reader,
            writer: Mutex::new(writer),
            fields,
            applied: AtomicI64::new(0),
            loaded: std::sync::atomic::AtomicBool::new(true),
        })
    }

    /// The directory the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The last outbox sequence number whose changes the index holds.
    /// Whether the index holds every published post (it is not being rebuilt).
    pub fn is_loaded(&self) -> bool {
        self.loaded.load(Ordering::Acquire)
    }

    pub(crate) fn set_loaded(&self, loaded: bool) {
        self.loaded.store(loaded, Ordering::Release);
    }

    pub fn applied_seq(&self) -> i64 {
        self.applied.load(Ordering::SeqCst)
    }

    /// Remembers that changes up to `seq` needed nothing from the index, without a commit.
    pub(crate) fn skip_to(&self, seq: i64) {
        self.applied.fetch_max(seq, Ordering::SeqCst);
    }

    /// How many posts a reader can find now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter>> {
        self.writer.lock().map_err(|_| SearchError::Poisoned)
    }

    /// Runs `change` on the writer. When it fails (an I/O error, a full disk), tantivy's
    /// writer may be dead for good ("an index writer was killed"): it is rolled back to the
    /// last commit, which starts a fresh one, so the follower's next try (from the last
    /// committed outbox number) can succeed once the fault is gone.
    fn with_writer<T>(
        &self,
        change: impl FnOnce(&mut IndexWriter) -> tantivy::Result<T>,
    ) -> Result<T> {
        let mut writer = self.writer()?;
        change(&mut writer).map_err(|error| {
            if let Err(again) = writer.rollback() {
                tracing::error!(error = %again, "the search index writer cannot be restarted");
            }
            SearchError::from_tantivy(&self.dir, error)
        })
    }

    /// Adds posts, replacing any earlier version of each. Seen by readers after [`Self::commit_seq`].
    pub fn upsert(&self, documents: &[PostDocument]) -> Result<()> {
        let f = self.fields;
        self.with_writer(|writer| {
            for post in documents {
                writer.delete_term(Term::from_field_i64(f.id, post.id.0));
                let mut doc = TantivyDocument::default();
                doc.add_i64(f.id, post.id.0);
                doc.add_i64(f.published, post.published_at);
                doc.add_text(f.title, &post.title);
                doc.add_text(f.body, &post.body_text);
                doc.add_text(f.title_exact, &post.title);
                for label in &post.labels {
                    doc.add_text(f.labels, &label.name);
                    doc.add_text(f.label_keys, &label.key);
                }
                for tag in minbar_text::hashtags(&post.title)
                    .into_iter()
                    .chain(minbar_text::hashtags(&post.body_text))
                {
                    doc.add_text(f.hashtags, &tag.name);
                }
                if let Some(author) = &post.author {
                    doc.add_text(f.author, author);
                }
                writer.add_document(doc)?;
            }
            Ok(())
        })
    }

    /// Removes posts. Seen by readers after [`Self::commit_seq`].
    pub fn remove(&self, ids: &[PostId]) -> Result<()> {
        self.with_writer(|writer| {
            for id in ids {
                writer.delete_term(Term::from_field_i64(self.fields.id, id.0));
            }
            Ok(())
        })
    }

    /// Removes every post. Seen by readers after [`Self::commit_seq`].
    pub fn clear(&self) -> Result<()> {
        self.with_writer(|writer| writer.delete_all_documents().map(|_| ()))
    }

    /// Makes every change so far durable and visible, recording that the index now holds the
    /// outbox up to `seq`. A restart resumes after `seq`.
    pub fn commit_seq(&self, seq: i64) -> Result<()> {
        self.with_writer(|writer| {
            let mut commit = writer.prepare_commit()?;
            commit.set_payload(&format!("{FORMAT} seq={seq}"));
            commit.commit()
        })?;
        self.reader
            .reload()
            .map_err(|e| SearchError::from_tantivy(&self.dir, e))?;
        self.applied.store(seq, Ordering::SeqCst);
        Ok(())
    }

    /// Waits for background merges to finish: for a command that exits right after a rebuild.
    pub fn finish(self) -> Result<()> {
        let writer = self
            .writer
            .into_inner()
            .map_err(|_| SearchError::Poisoned)?;
        writer
            .wait_merging_threads()
            .map_err(|e| SearchError::from_tantivy(&self.dir, e))
    }

    fn field_query(&self, clause: &Clause) -> Box<dyn Query> {
        let f = self.fields;
        let stemmed: [(Field, f32, bool); 5] = [
            (f.title, TITLE_BOOST, true),
            (f.body, 1.0, true),
            (f.labels, LABEL_BOOST, false),
            (f.hashtags, LABEL_BOOST, false),
            (f.author, 1.0, false),
        ];
        let boosted = |query: Box<dyn Query>, boost: f32| -> (Occur, Box<dyn Query>) {
            (Occur::Should, Box::new(BoostQuery::new(query, boost)))
        };
        let term_query = |field: Field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ))
        };
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        match clause {
            Clause::Term { stem, exact } => {
                for (field, boost, _) in stemmed {
                    should.push(boosted(term_query(field, stem), boost));
                }
                should.push(boosted(
                    term_query(f.title_exact, exact),
                    TITLE_BOOST * EXACT_BOOST,
                ));
            }
            Clause::Phrase(terms) => {
                for (field, boost, positions) in stemmed {
                    if positions {
                        let terms = terms
                            .iter()
                            .map(|t| Term::from_field_text(field, t))
                            .collect();
                        should.push(boosted(Box::new(PhraseQuery::new(terms)), boost));
                    }
                }
            }
        }
        Box::new(BooleanQuery::new(should))
    }

    fn query(&self, parsed: &ParsedQuery, filters: &Filters, now: i64) -> BooleanQuery {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in &parsed.include {
            clauses.push((Occur::Must, self.field_query(clause)));
        }
        if parsed.include.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        for clause in &parsed.exclude {
            clauses.push((Occur::MustNot, self.field_query(clause)));
        }
        // A post scheduled for later is not found before its time.
        let from = filters.from.map_or(Bound::Unbounded, |t| {
            Bound::Included(Term::from_field_i64(f.published, t))
        });
        let until = filters
            .until
            .map_or(now.saturating_add(1), |t| t.min(now.saturating_add(1)));
        let range = RangeQuery::new(
            from,
            Bound::Excluded(Term::from_field_i64(f.published, until)),
        );
        // Filters must match but add nothing to the score.
        clauses.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(range), 0.0)),
        ));
        if let Some(key) = &filters.label_key {
            let label = TermQuery::new(
                Term::from_field_text(f.label_keys, key),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(label), 0.0)),
            ));
        }
        BooleanQuery::new(clauses)
    }

    /// Runs a query: `limit` hits after `offset`, by relevance, or newest first when the query
    /// has no words (a label or date filter alone). A query with no words and no filter finds
    /// nothing.
    pub fn search(
        &self,
        parsed: &ParsedQuery,
        filters: &Filters,
        now: i64,
        offset: usize,
        limit: usize,
    ) -> Result<Hits> {
        if parsed.is_empty() && filters.is_empty() {
            return Ok(Hits {
                ids: Vec::new(),
                total: 0,
            });
        }
        let searcher = self.reader.searcher();
        let query = self.query(parsed, filters, now);
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let to_err = |e| SearchError::from_tantivy(&self.dir, e);
        let (addresses, total): (Vec<DocAddress>, usize) = if parsed.is_empty() {
            let (docs, total) = searcher
                .search(
                    &query,
                    &(
                        top.order_by_fast_field::<i64>("published", Order::Desc),
                        Count,
                    ),
                )
                .map_err(to_err)?;
            (docs.into_iter().map(|(_, a)| a).collect(), total)
        } else {
            let (docs, total) = searcher
                .search(&query, &(top.order_by_score(), Count))
                .map_err(to_err)?;
            (docs.into_iter().map(|(_, a)| a).collect(), total)
        };
        let mut ids = Vec::with_capacity(addresses.len());
        for address in addresses {
            let column = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .i64("id")
                .map_err(to_err)?;
            if let Some(id) = column.first(address.doc_id) {
                ids.push(PostId(id));
            }
        }
        Ok(Hits { ids, total })
    }

    /// Highlighters for the title and the body of the results of one query; a body passage is at
    /// most `max_bytes` long.
    pub fn highlighter(&self, parsed: &ParsedQuery, max_bytes: usize) -> Result<Highlighter> {
        let searcher = self.reader.searcher();
        let query = self.query(parsed, &Filters::default(), i64::MAX - 1);
        let to_err = |e| SearchError::from_tantivy(&self.dir, e);
        let mut title =
            SnippetGenerator::create(&searcher, &query, self.fields.title).map_err(to_err)?;
        // The whole title is one passage: titles are short, and a cut title reads badly.
        title.set_max_num_chars(usize::MAX / 2);
        let mut body =
            SnippetGenerator::create(&searcher, &query, self.fields.body).map_err(to_err)?;
        body.set_max_num_chars(max_bytes);
        Ok(Highlighter { title, body })
    }
}

/// How much of a body the highlighter looks in for a passage: about the first three paragraphs
/// of a news story, where its subject is named. Analyzing whole bodies (3.6 KB on average in the
/// news corpus, some far longer) took most of a results page's time.
pub const LEAD_CHARS: usize = 1_000;

/// The first [`LEAD_CHARS`] characters of `body`, cut back to the last whole word, and whether
/// anything was left out (a cut word could otherwise match as another).
fn lead(body: &str) -> (&str, bool) {
    let Some((end, _)) = body.char_indices().nth(LEAD_CHARS) else {
        return (body, false);
    };
    let head = &body[..end];
    let whole = head
        .rfind(|c: char| !minbar_text::is_word_char(c))
        .map_or(head, |space| &head[..space]);
    (whole, true)
}

/// Marks the query's words in a result's title and picks the body passage that holds most of them.
pub struct Highlighter {
    title: SnippetGenerator,
    body: SnippetGenerator,
}

impl Highlighter {
    /// The title as HTML, escaped, with `<mark>` around the words that matched.
    pub fn title_html(&self, title: &str) -> String {
        let snippet = self.title.snippet(title);
        let shift = snippet.fragment_range().start;
        let ranges: Vec<Range<usize>> = snippet
            .highlighted()
            .iter()
            .map(|r| r.start + shift..r.end + shift)
            .collect();
        marked(title, &ranges)
    }

    /// The best passage of the body's opening (its first [`LEAD_CHARS`] characters) as HTML,
    /// escaped, cut at word boundaries with `…` where it was cut, and with `<mark>` around the
    /// words that matched. `None` when the opening holds none of the words (the post matched by
    /// its title, its labels or a word further down): the result then shows its excerpt.
    pub fn body_html(&self, body: &str) -> Option<String> {
        let (body, cut) = lead(body);
        let snippet = self.body.snippet(body);
        if snippet.is_empty() {
            return None;
        }
        let range = snippet.fragment_range();
        let before = &body[..range.start];
        let after = &body[range.end..];
        let has_words = |text: &str| text.chars().any(minbar_text::is_word_char);
        let mut html = String::new();
        // `…` only where words were left out; leading or trailing punctuation is kept as is.
        if has_words(before) {
            html.push('…');
        } else {
            html.push_str(&escape(before.trim_start()));
        }
        html.push_str(&marked(&body[range], snippet.highlighted()));
        if cut || has_words(after) {
            html.push('…');
        } else {
            html.push_str(&escape(after.trim_end()));
        }
        Some(html)
    }
}

/// `text` escaped for HTML, with `<mark>` around each of `ranges` (sorted, not overlapping, on
/// character boundaries, as the analyzer's token offsets are).
fn marked(text: &str, ranges: &[Range<usize>]) -> String {
    let mut html = String::with_capacity(text.len() + ranges.len() * 13);
    let mut at = 0;
    for range in ranges {
        if range.start < at || range.end > text.len() {
            continue;
        }
        html.push_str(&escape(&text[at..range.start]));
        html.push_str("<mark>");
        html.push_str(&escape(&text[range.clone()]));
        html.push_str("</mark>");
        at = range.end;
    }
    html.push_str(&escape(&text[at..]));
    html
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
