//! `minbar import blogger FILE`: a Blogger export (classic or Takeout) into the site, in one
//! transaction, keeping every post's and page's old address.

use anyhow::{Context, Result, anyhow};
use minbar_content::{BodyFormat, PostInput, compose_page, compose_post, html_to_text};
use minbar_import::{ImportedComment, ImportedPost, Item, Kind, ReadError, Status};
use minbar_store::Store;
use minbar_store::imports::Outcome;
use std::collections::BTreeMap;
use std::path::Path;

/// What an import did, for the summary the command prints.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub added: BTreeMap<&'static str, u64>,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: BTreeMap<String, u64>,
}

impl Summary {
    fn skip(&mut self, why: impl Into<String>) {
        *self.skipped.entry(why.into()).or_default() += 1;
    }

    fn record(&mut self, what: &'static str, outcome: Outcome) {
        match outcome {
            Outcome::Added(_) => *self.added.entry(what).or_default() += 1,
            Outcome::Updated(_) => self.updated += 1,
            Outcome::Unchanged(_) => self.unchanged += 1,
            Outcome::PathTaken => self.skip(format!("{what}: its old address is taken by another")),
        }
    }

    pub(crate) fn print(&self) {
        let added: Vec<String> = self.added.iter().map(|(k, n)| format!("{n} {k}")).collect();
        println!(
            "imported: {}; updated {}, unchanged {}",
            if added.is_empty() {
                "nothing new".to_owned()
            } else {
                added.join(", ")
            },
            self.updated,
            self.unchanged
        );
        for (why, n) in &self.skipped {
            println!("skipped {n}: {why}");
        }
    }
}

/// Line and column (1-based) of byte `offset` in `file`, for error messages people can use.
fn line_and_column(file: &Path, offset: u64) -> (usize, usize) {
    let bytes = std::fs::read(file).unwrap_or_default();
    let upto = &bytes[..(offset as usize).min(bytes.len())];
    let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
    let start = upto.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&upto[start..]).chars().count() + 1;
    (line, column)
}

fn explain(file: &Path, error: ReadError) -> anyhow::Error {
    match error {
        ReadError::Malformed { offset, message } => {
            let (line, column) = line_and_column(file, offset);
            anyhow!(
                "{} is not well-formed at line {line}, column {column}: {message}; nothing was imported",
                file.display()
            )
        }
        ReadError::Entities { offset } | ReadError::UnknownEntity { offset, .. } => {
            let (line, column) = line_and_column(file, offset);
            anyhow!(
                "{} uses XML entities at line {line}, column {column}, which exports never do; it was refused and nothing was imported",
                file.display()
            )
        }
        other => anyhow!("{}: {other}", file.display()),
    }
}

const UNTITLED: &str = "بلا عنوان";

pub(crate) async fn import_blogger(store: &Store, file: &Path) -> Result<Summary> {
    let opened =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Item>(256);
    // The reader streams on its own thread; the writer below keeps one transaction.
    let reader = tokio::task::spawn_blocking(move || {
        minbar_import::blogger::read(std::io::BufReader::with_capacity(1 << 16, opened), |item| {
            let _ = sender.blocking_send(item);
        })
    });
    let mut import = store.begin_import().await?;
    let mut summary = Summary::default();
    let mut comments: Vec<ImportedComment> = Vec::new();
    let mut site = None;
    let now = jiff::Timestamp::now().as_second();
    while let Some(item) = receiver.recv().await {
        match item {
            Item::Site { title, description } => site = Some((title, description)),
            Item::Skipped { what } => summary.skip(what),
            Item::Comment(comment) => comments.push(comment),
            Item::Post(post) => write_post(&mut import, &mut summary, post, now).await?,
        }
    }
    reader
        .await
        .map_err(|e| anyhow!("the reader stopped: {e}"))?
        .map_err(|e| explain(file, e))?;
    // Comments after every post, oldest first, so each reply finds the comment it answers.
    comments.sort_by_key(|c| c.published.unwrap_or(0));
    for comment in comments {
        let Some(post_id) = import.post_id(&comment.post_source_id).await? else {
            summary.skip("comment on a post not imported (trashed or missing)");
            continue;
        };
        let parent = match &comment.parent_source_id {
            Some(parent) => import.comment_id(parent).await?,
            None => None,
        };
        let body = html_to_text(&comment.html);
        let author = if comment.author.trim().is_empty() {
            "Anonymous"
        } else {
            comment.author.trim()
        };
        let outcome = import
            .comment(
                &comment.source_id,
                post_id,
                parent,
                author,
                body.trim(),
                comment.published.unwrap_or(now),
            )
            .await?;
        let what = if parent.is_some() {
            "replies"
        } else {
            "comments"
        };
        summary.record(what, outcome);
    }
    import.commit().await?;
    if let Some((title, description)) = site.filter(|(t, _)| !t.trim().is_empty()) {
        let mut settings = minbar_store::site::get(store).await?;
        settings.title = title.trim().to_owned();
        if let Some(description) = description {
            settings.about = html_to_text(&description).trim().to_owned();
        }
        minbar_store::site::save(store, &settings).await?;
    }
    Ok(summary)
}

async fn write_post(
    import: &mut minbar_store::imports::Import,
    summary: &mut Summary,
    post: ImportedPost,
    now: i64,
) -> Result<()> {
    if post.status == Status::Trashed {
        summary.skip("post in the trash");
        return Ok(());
    }
    let text = html_to_text(&post.html);
    let title = if post.title.trim().is_empty() {
        let first = minbar_text::excerpt(&text, 60);
        if first.is_empty() {
            UNTITLED.to_owned()
        } else {
            first
        }
    } else {
        post.title.clone()
    };
    if post.kind == Kind::Page {
        let slug = post
            .path
            .as_deref()
            .and_then(|p| p.strip_prefix("/p/"))
            .map(|s| s.trim_end_matches(".html").to_owned());
        let body = if text.trim().is_empty() {
            " "
        } else {
            post.html.as_str()
        };
        return match compose_page(&title, slug.as_deref(), body, BodyFormat::Html) {
            Ok((mut page, _)) => {
                // The old address exactly as it was (`blog-page_3`), not as Minbar would write it.
                if let Some(slug) = slug.filter(|s| !s.is_empty() && !s.contains(['/', '?', '#'])) {
                    page.slug = minbar_content::Slug::from_stored(slug);
                }
                let outcome = import.page(&post.source_id, &page).await?;
                summary.record("pages", outcome);
                Ok(())
            }
            Err(e) => {
                summary.skip(format!("page: {e}"));
                Ok(())
            }
        };
    }
    let author = match post.author.as_deref().filter(|a| !a.trim().is_empty()) {
        Some(name) => Some(import.author(name.trim()).await?),
        None => None,
    };
    let published = post.published.unwrap_or(now);
    let input = PostInput {
        title,
        body: post.html.clone(),
        format: BodyFormat::Html,
        labels: post.labels.clone(),
        featured: false,
        draft: post.status == Status::Draft,
        published_at: published,
    };
    let new = match compose_post(&input) {
        Ok((new, _)) => new,
        Err(e) => {
            summary.skip(format!("post: {e}"));
            return Ok(());
        }
    };
    let path = post.path.clone().unwrap_or_else(|| {
        format!(
            "{}{}.html",
            minbar_store::posts::month_prefix(published),
            new.slug.as_str()
        )
    });
    let outcome = import.post(&post.source_id, &new, &path, author).await?;
    summary.record(
        if post.status == Status::Draft {
            "drafts"
        } else {
            "posts"
        },
        outcome,
    );
    Ok(())
}
