//! The search benchmark on real Arabic news: loads the shared SaudiNewsNet corpus into a fresh data
//! directory, rebuilds the index from the store, and times 60 realistic queries. SQLite's FTS5
//! (unicode61 tokenizer, diacritics removed) runs on the same documents and queries in the same
//! process as the reference, for latency and for what each finds when readers spell differently.
//!
//! Run: `cargo bench -p minbar-search --bench corpus` (or `bench/search.sh`). Set
//! `MINBAR_BENCH_DOCS=N` to load only the first N articles.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use minbar_content::{BodyFormat, NewPost, PostInput, compose_post};
use minbar_search::{Filters, SearchIndex, SearchRequest, WriterSize, follow, parse};
use minbar_store::Store;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Realistic queries for a Saudi news archive of summer 2015: places, people, institutions,
/// sport, weather, the spellings readers type (no hamza, ه for ة, ى/ي), phrases and exclusions.
const QUERIES: &[&str] = &[
    "الرياض",
    "جدة",
    "مكة المكرمة",
    "المدينة المنورة",
    "الدمام",
    "الأحساء",
    "القطيف",
    "الطائف",
    "أبها",
    "جازان",
    "نجران",
    "تبوك",
    "اليمن",
    "عاصفة الحزم",
    "الحوثيين",
    "داعش",
    "إيران",
    "ايران",
    "الاتفاق النووي",
    "امريكا",
    "أوباما",
    "سوريا",
    "مصر",
    "أسعار النفط",
    "سوق الأسهم",
    "الهلال",
    "النصر",
    "الاتحاد",
    "الأهلي",
    "المنتخب السعودي",
    "الملك سلمان",
    "ولي العهد",
    "وزارة الصحة",
    "كورونا",
    "وزارة التعليم",
    "الطلاب",
    "المعلمين",
    "الجامعه",
    "الأمطار",
    "درجات الحرارة",
    "الكهرباء",
    "المرور",
    "حادث مروري",
    "الدفاع المدني",
    "الشرطة",
    "المخدرات",
    "الإرهاب",
    "تفجير مسجد",
    "رمضان",
    "عيد الفطر",
    "البطالة",
    "السعودة",
    "الإسكان",
    "الاستثمار",
    "\"مجلس الشورى\"",
    "\"وزير الخارجية\"",
    "النصر -الهلال",
    "الى الرياض",
    "مُفاوَضات",
    "السعوديه",
    "هيئه الامر بالمعروف",
];

/// Pairs a reader may type for the same thing: what each engine finds for each spelling.
const SPELLINGS: &[(&str, &str)] = &[
    ("السعودية", "السعوديه"),
    ("أمريكا", "امريكا"),
    ("إيران", "ايران"),
    ("إلى", "الى"),
    ("مفاوضات", "مُفاوَضات"),
    ("الرقة", "الرقه"),
    ("هيئة", "هيئه"),
    ("الأمطار", "والأمطار"),
];

const ITERATIONS: usize = 20;

struct Article {
    title: String,
    body: String,
}

fn corpus_path() -> PathBuf {
    std::env::var_os("MINBAR_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/arabic-news/saudinewsnet.jsonl.gz")
        })
}

fn read_corpus(path: &Path, limit: usize) -> Vec<Article> {
    let file = std::fs::File::open(path).unwrap();
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut articles = Vec::new();
    for line in reader.lines().take(limit) {
        let value: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let text = |k: &str| value[k].as_str().unwrap_or("").to_owned();
        articles.push(Article {
            title: text("title"),
            body: text("body"),
        });
    }
    articles
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn summary(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    format!(
        "p50 {:.0} µs, p99 {:.0} µs (min {:.0}, max {:.0}; {} runs)",
        us(percentile(&samples, 0.5)),
        us(percentile(&samples, 0.99)),
        us(samples[0]),
        us(samples[samples.len() - 1]),
        samples.len()
    )
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// An FTS5 query for what a reader typed: words quoted (so nothing is read as syntax), ANDed;
/// quoted phrases kept; `-word` as NOT.
fn fts_query(query: &str) -> String {
    let mut positive = Vec::new();
    let mut negative = Vec::new();
    let mut rest = query;
    while let Some(start) = rest.find('"') {
        if let Some(len) = rest[start + 1..].find('"') {
            positive.push(format!("\"{}\"", &rest[start + 1..start + 1 + len]));
            rest = &rest[start + len + 2..];
        } else {
            break;
        }
    }
    for word in rest.split_whitespace() {
        let clean: String = word
            .trim_start_matches('-')
            .chars()
            .filter(|c| *c != '"')
            .collect();
        if clean.is_empty() {
            continue;
        }
        if word.starts_with('-') {
            negative.push(format!("\"{clean}\""));
        } else {
            positive.push(format!("\"{clean}\""));
        }
    }
    let mut q = positive.join(" AND ");
    for n in negative {
        q.push_str(&format!(" NOT {n}"));
    }
    q
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not used here.
    let corpus = corpus_path();
    if !corpus.is_file() {
        eprintln!(
            "the corpus {} is missing: this benchmark needs ../shared/data/arabic-news",
            corpus.display()
        );
        std::process::exit(2);
    }
    let limit = std::env::var("MINBAR_BENCH_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();

    let articles = read_corpus(&corpus, limit);
    let now = jiff::Timestamp::now().as_second();
    let posts: Vec<NewPost> = articles
        .iter()
        .filter_map(|a| {
            compose_post(&PostInput {
                title: a.title.clone(),
                body: a.body.clone(),
                format: BodyFormat::Markdown,
                labels: vec![],
                featured: false,
                draft: false,
                published_at: now - 86_400,
            })
            .ok()
            .map(|(p, _)| p)
        })
        .collect();
    let raw_bytes: u64 = posts
        .iter()
        .map(|p| (p.title.len() + p.body_text.len()) as u64)
        .sum();

    // The analyzer alone, one thread: every title and body through the stemmed chain for all text, exact chain for titles.
    let started = Instant::now();
    let mut tokens = 0usize;
    for stemmed in [true, false] {
        let mut tokenizer = if stemmed {
            minbar_search::analyzer::ArabicTokenizer::default()
        } else {
            minbar_search::analyzer::ArabicTokenizer::exact()
        };
        for post in &posts {
            let texts = if stemmed {
                vec![&post.title, &post.body_text]
            } else {
                vec![&post.title]
            };
            for text in texts {
                use tantivy::tokenizer::{TokenStream, Tokenizer};
                let mut stream = tokenizer.token_stream(text);
                while stream.advance() {
                    tokens += 1;
                }
            }
        }
    }
    let analysis = started.elapsed();
    let mut hashtags = 0usize;
    let started = Instant::now();
    for post in &posts {
        hashtags += minbar_text::hashtags(&post.body_text).len();
    }
    let hashtag_scan = started.elapsed();

    runtime.block_on(async {
        let store = Store::open(dir.path(), None).await.unwrap();
        let started = Instant::now();
        for batch in posts.chunks(500) {
            minbar_store::posts::insert_many(&store, batch, None).await.unwrap();
        }
        let load = started.elapsed();

        let index_dir = dir.path().join(minbar_search::INDEX_DIR);
        let (index, _) = SearchIndex::open(&index_dir, WriterSize::Bulk).unwrap();
        let index = Arc::new(index);
        let started = Instant::now();
        let indexed = follow::rebuild(&index, &store, &|_, _| {}).await.unwrap();
        let indexing = started.elapsed();
        Arc::try_unwrap(index).ok().unwrap().finish().unwrap();
        let merged = started.elapsed();
        let index_bytes = dir_size(&index_dir);

        let (index, _) = SearchIndex::open(&index_dir, WriterSize::Server).unwrap();
        let mut hits_only = Vec::new();
        let mut full = Vec::new();
        let mut reads = Vec::new();
        let mut marking = Vec::new();
        let mut totals = Vec::new();
        for query in QUERIES {
            let parsed = parse(query);
            let request = SearchRequest { query: (*query).to_owned(), filters: Filters::default(), page: 1 };
            for i in 0..ITERATIONS {
                let t = Instant::now();
                let hits = index.search(&parsed, &Filters::default(), now, 0, 10).unwrap();
                hits_only.push(t.elapsed());
                let t = Instant::now();
                let page = minbar_search::search(&index, &store, &request, now).await.unwrap();
                full.push(t.elapsed());
                let t = Instant::now();
                let documents = minbar_store::posts::result_documents(&store, &hits.ids, minbar_search::LEAD_CHARS + 1).await.unwrap();
                reads.push(t.elapsed());
                let t = Instant::now();
                let highlighter = index.highlighter(&parsed, 260).unwrap();
                for doc in &documents {
                    std::hint::black_box(highlighter.title_html(&doc.title));
                    std::hint::black_box(highlighter.body_html(&doc.body_text));
                }
                marking.push(t.elapsed());
                if i == 0 {
                    assert_eq!(page.total, hits.total);
                    totals.push(page.total);
                }
            }
        }

        // The reference: SQLite FTS5 on the same documents, in its own file.
        let fts = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect(&format!("sqlite://{}?mode=rwc", dir.path().join("fts.db").display()))
            .await
            .unwrap();
        sqlx::query("CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')")
            .execute(&fts)
            .await
            .unwrap();
        let started = Instant::now();
        for batch in posts.chunks(500) {
            let mut tx = fts.begin().await.unwrap();
            for post in batch {
                sqlx::query("INSERT INTO fts (title, body) VALUES ($1, $2)")
                    .bind(&post.title)
                    .bind(&post.body_text)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
            tx.commit().await.unwrap();
        }
        let fts_indexing = started.elapsed();
        let fts_bytes = std::fs::metadata(dir.path().join("fts.db")).unwrap().len();
        let fts_count = |q: String| {
            let fts = fts.clone();
            async move {
                sqlx::query_scalar::<_, i64>("SELECT count(*) FROM fts WHERE fts MATCH $1")
                    .bind(q)
                    .fetch_one(&fts)
                    .await
                    .unwrap_or(0)
            }
        };
        let mut fts_latency = Vec::new();
        for query in QUERIES {
            let q = fts_query(query);
            for _ in 0..ITERATIONS {
                let t = Instant::now();
                let _: Vec<i64> = sqlx::query_scalar("SELECT rowid FROM fts WHERE fts MATCH $1 ORDER BY bm25(fts, 3.0, 1.0) LIMIT 10")
                    .bind(&q)
                    .fetch_all(&fts)
                    .await
                    .unwrap_or_default();
                let _ = fts_count(q.clone()).await;
                fts_latency.push(t.elapsed());
            }
        }

        let docs = indexed as f64;
        let mb = |b: u64| b as f64 / 1e6;
        println!("## Search benchmark ({} articles of SaudiNewsNet)\n", posts.len());
        println!("- loaded into SQLite: {:.1} s ({:.0} posts/s)", load.as_secs_f64(), docs / load.as_secs_f64());
        println!(
            "- index rebuilt from the store: {indexed} posts in {:.2} s = **{:.0} docs/s** ({:.2} s with merges finished)",
            indexing.as_secs_f64(),
            docs / indexing.as_secs_f64(),
            merged.as_secs_f64()
        );
        println!(
            "- index size {:.1} MB against {:.1} MB of raw text (titles and bodies, UTF-8) = **{:.2}×**",
            mb(index_bytes),
            mb(raw_bytes),
            index_bytes as f64 / raw_bytes as f64
        );
        println!("- query, index only (top 10 and count), {} queries × {ITERATIONS}: {}", QUERIES.len(), summary(hits_only.clone()));
        println!("- query, full results page (plus store read, highlighted title and snippet): {}", summary(full.clone()));
        println!("  - of which reading 10 posts from the store: {}", summary(reads));
        println!("  - of which highlighting 10 titles and cutting 10 snippets: {}", summary(marking));
        println!(
            "- analyzer alone, one thread, stemmed chain for all text, exact chain for titles: {tokens} tokens in {:.2} s ({:.1} MB/s of text); hashtag scan of bodies: {:.2} s ({hashtags} tags)",
            analysis.as_secs_f64(),
            mb(raw_bytes) / analysis.as_secs_f64(),
            hashtag_scan.as_secs_f64()
        );
        println!(
            "- reference, SQLite FTS5 on the same text: indexing {:.2} s ({:.0} docs/s), file {:.1} MB ({:.2}×), query (top 10 by bm25 and count): {}",
            fts_indexing.as_secs_f64(),
            docs / fts_indexing.as_secs_f64(),
            mb(fts_bytes),
            fts_bytes as f64 / raw_bytes as f64,
            summary(fts_latency.clone())
        );
        let median = |mut v: Vec<Duration>| {
            v.sort();
            percentile(&v, 0.5).as_secs_f64()
        };
        println!(
            "- ratio of medians, Minbar full page / FTS5 top 10: {:.2}; Minbar index only / FTS5: {:.2}",
            median(full) / median(fts_latency.clone()),
            median(hits_only) / median(fts_latency)
        );
        println!("\n| spelling | Minbar finds | FTS5 finds |\n|---|---|---|");
        for (a, b) in SPELLINGS {
            for spelling in [a, b] {
                let hits = index.search(&parse(spelling), &Filters::default(), now, 0, 1).unwrap();
                let fts_total = fts_count(fts_query(spelling)).await;
                println!("| {spelling} | {} | {fts_total} |", hits.total);
            }
        }
        let zero = totals.iter().filter(|t| **t == 0).count();
        println!("\n{} of {} benchmark queries found nothing.", zero, QUERIES.len());
    });
}
