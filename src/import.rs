//! `minbar post import-jsonl`: bulk loading posts from JSON lines, for corpora and benchmarks.
//!
//! Each line is `{"title", "body", "labels"?, "date"?, "category"?}`; other fields are ignored.
//! A bad line never stops the load: it is reported with its number and reason, and the rest load.

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use minbar_content::{BodyFormat, NewPost, PostInput, compose_post};
use minbar_store::Store;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The longest line read; a longer one is skipped (the longest article in the Arabic news corpus
/// is about 60 KB).
pub(crate) const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;

/// Posts written per transaction.
const BATCH: usize = 500;

#[derive(Deserialize)]
struct Line {
    title: String,
    body: String,
    #[serde(default)]
    labels: Vec<String>,
    date: Option<String>,
    category: Option<String>,
}

/// What a load did.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub loaded: u64,
    pub skipped: Vec<(u64, String)>,
}

/// Reads `YYYY-MM-DDThh:mm:ssZ` (RFC 3339), `YYYY-MM-DD hh:mm:ss` or `YYYY-MM-DD`; the last two
/// are taken as UTC, since such files carry no time zone.
fn parse_date(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Some(t.as_second());
    }
    let civil = text.parse::<jiff::civil::DateTime>().ok().or_else(|| {
        text.parse::<jiff::civil::Date>()
            .ok()
            .map(|d| d.at(0, 0, 0, 0))
    })?;
    jiff::tz::Offset::UTC
        .to_timestamp(civil)
        .ok()
        .map(|t| t.as_second())
}

fn compose_line(bytes: &[u8], now: i64) -> Result<NewPost, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 ({e})"))?;
    let line: Line = serde_json::from_str(text).map_err(|e| format!("not a post object: {e}"))?;
    let published_at = match line.date.as_deref() {
        None | Some("") => now,
        Some(date) => parse_date(date).ok_or_else(|| {
            format!("date {date:?} is not YYYY-MM-DD, YYYY-MM-DD hh:mm:ss or RFC 3339")
        })?,
    };
    let mut labels = line.labels;
    labels.extend(line.category.filter(|c| !c.trim().is_empty()));
    let (post, _warnings) = compose_post(&PostInput {
        title: line.title,
        body: line.body,
        // Corpora are plain text: Markdown keeps their paragraphs and escapes any markup in them.
        format: BodyFormat::Markdown,
        labels,
        featured: false,
        draft: false,
        published_at,
    })
    .map_err(|e| e.to_string())?;
    Ok(post)
}

/// Reads one line into `buf` (without its newline), at most [`MAX_LINE_BYTES`]. Returns
/// `Ok(None)` at the end, and `Ok(Some(false))` for a line too long (skipped to its end).
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    buf.clear();
    let limit = (MAX_LINE_BYTES + 1) as u64;
    let read = reader.by_ref().take(limit).read_until(b'\n', buf)?;
    if read == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        return Ok(Some(true));
    }
    if buf.len() <= MAX_LINE_BYTES {
        return Ok(Some(true)); // the last line, without a newline
    }
    // Too long: drop the rest of it, a chunk at a time.
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                break;
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
            }
        }
    }
    Ok(Some(false))
}

/// Loads every good line of `file` (plain or gzip) as a published post.
pub(crate) async fn import_jsonl(store: &Store, file: &Path) -> Result<Summary> {
    let opened =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let progress = ProgressBar::new(size);
    if let Ok(style) =
        ProgressStyle::with_template("loading {bar:40} {bytes}/{total_bytes} ({eta} left)")
    {
        progress.set_style(style);
    }
    let mut raw = BufReader::new(progress.wrap_read(opened));
    let gzip = raw
        .fill_buf()
        .with_context(|| format!("cannot read {}", file.display()))?
        .starts_with(&[0x1f, 0x8b]);
    let mut reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };

    let author = minbar_store::authors::first(store).await?;
    let now = minbar_store::now();
    let mut summary = Summary::default();
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    let mut batch: Vec<NewPost> = Vec::with_capacity(BATCH);
    let mut buf = Vec::new();
    let mut number = 0u64;
    loop {
        let line = read_line(&mut reader, &mut buf)
            .with_context(|| format!("cannot read {} after line {number}", file.display()))?;
        let Some(fits) = line else { break };
        number += 1;
        if !fits {
            summary
                .skipped
                .push((number, format!("longer than {MAX_LINE_BYTES} bytes")));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match compose_line(&buf, now) {
            Err(reason) => summary.skipped.push((number, reason)),
            Ok(post) => {
                let key = (post.title.clone(), post.body_source.clone());
                if let Some(first) = seen.get(&key) {
                    summary
                        .skipped
                        .push((number, format!("same title and body as line {first}")));
                    continue;
                }
                seen.insert(key, number);
                batch.push(post);
            }
        }
        if batch.len() >= BATCH {
            summary.loaded += write(store, &mut batch, author).await?;
        }
    }
    summary.loaded += write(store, &mut batch, author).await?;
    progress.finish_and_clear();
    Ok(summary)
}

async fn write(store: &Store, batch: &mut Vec<NewPost>, author: Option<i64>) -> Result<u64> {
    if batch.is_empty() {
        return Ok(0);
    }
    let ids = minbar_store::posts::insert_many(store, batch, author)
        .await
        .context("cannot write the posts")?;
    batch.clear();
    Ok(ids.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_date_forms_corpora_use() {
        assert_eq!(parse_date("2015-07-21 02:16:13"), Some(1_437_444_973));
        assert_eq!(parse_date("2015-07-21T02:16:13Z"), Some(1_437_444_973));
        assert_eq!(parse_date("2015-07-21"), Some(1_437_436_800));
        assert_eq!(parse_date("21/07/2015"), None);
    }

    #[test]
    fn bad_lines_say_why() {
        let now = 0;
        assert!(
            compose_line(b"{\"title\": \"a\"}", now)
                .unwrap_err()
                .contains("body")
        );
        assert!(
            compose_line(b"not json", now)
                .unwrap_err()
                .starts_with("not a post object")
        );
        assert!(
            compose_line(b"{\"title\": \"\", \"body\": \"x\"}", now)
                .unwrap_err()
                .contains("title")
        );
        assert!(
            compose_line(b"\xff\xfe", now)
                .unwrap_err()
                .starts_with("not UTF-8")
        );
        assert!(
            compose_line(
                b"{\"title\": \"t\", \"body\": \"b\", \"date\": \"soon\"}",
                now
            )
            .unwrap_err()
            .contains("soon")
        );
        let post = compose_line(
            "{\"title\": \"ت\", \"body\": \"ب\", \"category\": \"sports\", \"source\": \"x\"}"
                .as_bytes(),
            now,
        )
        .unwrap();
        assert_eq!(post.labels[0].name, "sports");
    }

    #[test]
    fn overlong_lines_are_skipped_whole() {
        let mut input = vec![b'x'; MAX_LINE_BYTES + 10];
        input.extend_from_slice(b"\nnext\n");
        let mut reader = BufReader::new(&input[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut reader, &mut buf).unwrap(), Some(false));
        assert_eq!(read_line(&mut reader, &mut buf).unwrap(), Some(true));
        assert_eq!(buf, b"next");
        assert_eq!(read_line(&mut reader, &mut buf).unwrap(), None);
    }
}
