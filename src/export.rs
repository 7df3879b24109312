//! `minbar export FILE`: the whole site as a Minbar archive (JSON Lines, see
//! `minbar_store::archive`), or with `--format blogger` as a classic Blogger export the hosted
//! service can import; and `minbar import archive FILE`, which restores an archive into an
//! empty site.
//!
//! The Blogger export is written from the archive's rows, so both exports read the site the
//! same way.

use anyhow::{Context, Result, anyhow};
use minbar_store::Store;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufWriter, Write};
use std::path::Path;

/// The formats `minbar export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// Minbar's own archive: everything, re-importable with `minbar import archive`.
    Minbar,
    /// A classic Blogger export ("Back up content"), for Blogger's own import.
    Blogger,
}

/// A file written next to its final name and renamed at the end, so a failed export never
/// leaves a half-written file where a good one is expected.
struct Partial {
    path: std::path::PathBuf,
    out: BufWriter<std::fs::File>,
}

impl Partial {
    fn create(file: &Path) -> Result<Partial> {
        let path = file.with_extension("partial");
        let opened = std::fs::File::create(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(Partial {
            path,
            out: BufWriter::with_capacity(1 << 16, opened),
        })
    }

    /// Renames the file to `file` when everything before went well, else removes it.
    fn finish<T>(mut self, file: &Path, result: Result<T>) -> Result<T> {
        let result = result.and_then(|value| Ok(self.out.flush().map(|()| value)?));
        drop(self.out);
        match result {
            Ok(value) => {
                std::fs::rename(&self.path, file)
                    .with_context(|| format!("cannot write {}", file.display()))?;
                Ok(value)
            }
            Err(error) => {
                let _ = std::fs::remove_file(&self.path);
                Err(error)
            }
        }
    }
}

pub(crate) async fn export(store: &Store, file: &Path, format: ExportFormat) -> Result<()> {
    match format {
        ExportFormat::Minbar => {
            // The store streams rows in chunks; each line goes to the file as it comes.
            let mut partial = Partial::create(file)?;
            let out = &mut partial.out;
            let written = minbar_store::archive::export(store, |line| {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")
            })
            .await
            .map_err(anyhow::Error::from);
            let counts = partial.finish(file, written)?;
            let counts: Vec<String> = counts.iter().map(|(t, n)| format!("{n} {t}")).collect();
            println!("exported: {}", counts.join(", "));
            Ok(())
        }
        ExportFormat::Blogger => {
            let mut rows: Vec<Value> = Vec::new();
            minbar_store::archive::export(store, |line| {
                if let Ok(value) = serde_json::from_str::<Value>(line) {
                    rows.push(value);
                }
                Ok(())
            })
            .await?;
            let site = minbar_store::site::get(store).await?;
            let base = site
                .base_url
                .clone()
                .unwrap_or_else(|| "https://example.blogspot.com".to_owned());
            let (text, summary) = blogger_document(&rows, base.trim_end_matches('/'));
            let mut partial = Partial::create(file)?;
            let written = partial.out.write_all(text.as_bytes()).map_err(Into::into);
            partial.finish(file, written)?;
            println!("exported for Blogger: {summary}");
            Ok(())
        }
    }
}

/// `minbar import archive FILE`.
pub(crate) async fn restore(store: &Store, file: &Path) -> Result<()> {
    let opened =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let lines = std::io::BufReader::with_capacity(1 << 16, opened)
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line));
    let counts = minbar_store::archive::restore(store, lines)
        .await
        .map_err(|e| anyhow!("{}: {e}; nothing was imported", file.display()))?;
    let counts: Vec<String> = counts.iter().map(|(t, n)| format!("{n} {t}")).collect();
    println!("restored: {}", counts.join(", "));
    Ok(())
}

// Blogger's export is Atom: the feeds' escaping (which also drops what XML cannot carry) and
// time format serve it.
use minbar_web::feeds::{esc, rfc3339};

const BLOG: &str = "tag:blogger.com,1999:blog-0";
/// Blogger numbers posts, pages and comments in one space; these keep Minbar's ids apart.
const PAGE_IDS: i64 = 1_000_000_000;
const COMMENT_IDS: i64 = 2_000_000_000;

fn kind(term: &str) -> String {
    format!(
        "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#{term}'/>"
    )
}

/// The classic Blogger export of the archive `rows`, and a summary of what it holds.
fn blogger_document(rows: &[Value], base: &str) -> (String, String) {
    fn of<'a>(rows: &'a [Value], table: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        rows.iter().filter(move |r| r["table"] == table)
    }
    let text = |v: &Value| v.as_str().unwrap_or("").to_owned();
    let int = |v: &Value| v.as_i64().unwrap_or(0);
    let labels: BTreeMap<i64, String> = of(rows, "labels")
        .map(|l| (int(&l["id"]), text(&l["name"])))
        .collect();
    let mut post_labels: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for link in of(rows, "post_labels") {
        if let Some(name) = labels.get(&int(&link["label_id"])) {
            post_labels
                .entry(int(&link["post_id"]))
                .or_default()
                .push(name.clone());
        }
    }
    let mut out = String::from(
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' \
         xmlns:app='http://purl.org/atom/app#' xmlns:thr='http://purl.org/syndication/thread/1.0'>\n",
    );
    let site = of(rows, "site").next().cloned().unwrap_or(Value::Null);
    let _ = writeln!(
        out,
        "<id>{BLOG}</id>\n<title type='text'>{}</title>\n<generator>Minbar</generator>",
        esc(&text(&site["title"]))
    );
    for (key, value) in [
        ("BLOG_NAME", &site["title"]),
        ("BLOG_DESCRIPTION", &site["about"]),
    ] {
        let _ = writeln!(
            out,
            "<entry><id>{BLOG}.settings.{key}</id>{}<title type='text'>{key}</title><content type='text'>{}</content></entry>",
            kind("settings"),
            esc(&text(value))
        );
    }
    let (mut posts, mut pages, mut comments) = (0, 0, 0);
    for post in of(rows, "posts") {
        let status = text(&post["status"]);
        let id = int(&post["id"]);
        let published = post["published_at"]
            .as_i64()
            .unwrap_or_else(|| int(&post["created_at"]));
        let _ = write!(
            out,
            "<entry><id>{BLOG}.post-{id}</id><published>{}</published><updated>{}</updated>{}",
            rfc3339(published),
            rfc3339(int(&post["updated_at"])),
            kind("post")
        );
        for label in post_labels.get(&id).into_iter().flatten() {
            let _ = write!(
                out,
                "<category scheme='http://www.blogger.com/atom/ns#' term='{}'/>",
                esc(label)
            );
        }
        let _ = write!(
            out,
            "<title type='text'>{}</title><content type='html'>{}</content>\
             <link rel='alternate' type='text/html' href='{base}{}' title='{}'/>",
            esc(&text(&post["title"])),
            esc(&text(&post["body_html"])),
            esc(&text(&post["path"])),
            esc(&text(&post["title"])),
        );
        if let Some(author) = post["author_id"].as_str() {
            let _ = write!(out, "<author><name>{}</name></author>", esc(author));
        }
        if status != "published" {
            out.push_str("<app:control><app:draft>yes</app:draft></app:control>");
        }
        out.push_str("</entry>\n");
        posts += 1;
    }
    for page in of(rows, "pages") {
        let id = int(&page["id"]) + PAGE_IDS;
        let _ = writeln!(
            out,
            "<entry><id>{BLOG}.page-{id}</id><published>{}</published><updated>{}</updated>{}\
             <title type='text'>{}</title><content type='html'>{}</content>\
             <link rel='alternate' type='text/html' href='{base}/p/{}.html' title='{}'/></entry>",
            rfc3339(int(&page["created_at"])),
            rfc3339(int(&page["updated_at"])),
            kind("page"),
            esc(&text(&page["title"])),
            esc(&text(&page["body_html"])),
            esc(&text(&page["slug"])),
            esc(&text(&page["title"])),
        );
        pages += 1;
    }
    let paths: BTreeMap<i64, String> = of(rows, "posts")
        .map(|p| (int(&p["id"]), text(&p["path"])))
        .collect();
    for comment in of(rows, "comments").filter(|c| c["status"] == "published") {
        let id = int(&comment["id"]) + COMMENT_IDS;
        let post = int(&comment["post_id"]);
        let body = esc(&text(&comment["body"])).replace('\n', "&lt;br&gt;");
        let _ = write!(
            out,
            "<entry><id>{BLOG}.post-{id}</id><published>{}</published><updated>{}</updated>{}\
             <title type='text'></title><content type='html'>{body}</content>\
             <author><name>{}</name></author>\
             <thr:in-reply-to ref='{BLOG}.post-{post}' type='text/html' href='{base}{}'/>",
            rfc3339(int(&comment["created_at"])),
            rfc3339(int(&comment["created_at"])),
            kind("comment"),
            esc(&text(&comment["author_name"])),
            esc(paths.get(&post).map_or("", String::as_str)),
        );
        if let Some(parent) = comment["parent_id"].as_i64() {
            let _ = write!(
                out,
                "<link rel='related' type='application/atom+xml' href='https://www.blogger.com/feeds/0/{post}/comments/default/{}'/>",
                parent + COMMENT_IDS
            );
        }
        out.push_str("</entry>\n");
        comments += 1;
    }
    out.push_str("</feed>\n");
    (
        out,
        format!("{posts} posts, {pages} pages, {comments} comments"),
    )
}
