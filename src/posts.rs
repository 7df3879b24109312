//! `minbar post` and `minbar page`: writing posts and pages from the command line, listing
//! them, and taking posts off the site or back.

use crate::cli::{BodySource, PageCommand, PostCommand};
use crate::site::error_of;
use anyhow::{Context, Result, anyhow, bail};
use minbar_content::PostDraft;
use minbar_ops::{Actor, OpError};
use minbar_store::Store;
use std::path::Path;

pub(crate) async fn run(data: &Path, url: Option<&str>, command: PostCommand) -> Result<()> {
    match command {
        PostCommand::New {
            title,
            body,
            format,
            labels,
            featured,
            draft,
            published_at,
            language,
            translation_of,
        } => {
            let store = crate::open_initialized(data, url).await?;
            let body = read_body(&body)?;
            let published_at = match published_at {
                Some(text) => Some(published_at_of(&store, &text).await?),
                None => None,
            };
            let draft = PostDraft {
                title,
                body,
                format: format.into(),
                labels,
                status: if draft { "draft" } else { "published" }.to_owned(),
                featured,
                published_at,
                language: language.unwrap_or_default(),
                translation_of,
                ..PostDraft::default()
            };
            let created = minbar_ops::posts::create(&store, Actor::Operator, &draft, None)
                .await
                .map_err(error_of)?;
            report_warnings(&created.warnings);
            println!("{}", minbar_web::views::encode_path(&created.post.path));
            Ok(())
        }
        PostCommand::List => {
            let store = crate::open_initialized(data, url).await?;
            for post in minbar_store::posts::list_all(&store).await? {
                let date = post
                    .published_at
                    .and_then(|t| jiff::Timestamp::from_second(t).ok())
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                let featured = if post.featured { "featured" } else { "-" };
                println!(
                    "{}\t{}\t{featured}\t{date}\t{}\t{}",
                    post.id, post.status, post.path, post.title
                );
            }
            Ok(())
        }
        PostCommand::ImportJsonl { file } => {
            let store = crate::open_initialized(data, url).await?;
            let summary = crate::import::import_jsonl(&store, &file).await?;
            for (line, reason) in &summary.skipped {
                eprintln!("line {line}: skipped: {reason}");
            }
            println!(
                "loaded {} posts, skipped {} lines",
                summary.loaded,
                summary.skipped.len()
            );
            crate::search::update_after_load(data, &store).await
        }
        PostCommand::Unpublish { post } => {
            set_post_status(data, url, &post, minbar_content::PostStatus::Draft).await
        }
        PostCommand::Publish { post } => {
            set_post_status(data, url, &post, minbar_content::PostStatus::Published).await
        }
        PostCommand::Note {
            post,
            kind,
            placement,
            text,
        } => {
            let store = crate::open_initialized(data, url).await?;
            let id = find_post(&store, &post).await?;
            let note = (kind.as_str(), placement.as_str(), text.as_str());
            minbar_ops::posts::add_note(&store, Actor::Operator, id, note)
                .await
                .map_err(error_of)?;
            eprintln!("{kind} added to post {}", id.0);
            Ok(())
        }
        PostCommand::Delete { post } => {
            let store = crate::open_initialized(data, url).await?;
            let id = find_post(&store, &post).await?;
            minbar_ops::posts::delete(&store, Actor::Operator, id)
                .await
                .map_err(|e| match e {
                    OpError::NotFound => anyhow!("no post with id {}", id.0),
                    other => error_of(other),
                })?;
            eprintln!("post {} deleted", id.0);
            Ok(())
        }
    }
}

pub(crate) async fn run_page(data: &Path, url: Option<&str>, command: PageCommand) -> Result<()> {
    match command {
        PageCommand::New {
            title,
            slug,
            body,
            format,
            language,
        } => {
            let store = crate::open_initialized(data, url).await?;
            let body = read_body(&body)?;
            let draft = minbar_ops::pages::PageDraft {
                title,
                slug: slug.unwrap_or_default(),
                body,
                format: format.into(),
                language: language.unwrap_or_default(),
            };
            let (page, warnings) = minbar_ops::pages::create(&store, Actor::Operator, &draft)
                .await
                .map_err(error_of)?;
            report_warnings(&warnings);
            println!(
                "{}",
                minbar_web::views::encode_path(&format!("/p/{}.html", page.slug.as_str()))
            );
            Ok(())
        }
    }
}

/// The body from `--body` or `--body-file`; a file must exist, be UTF-8 and not be empty, and
/// the error names it.
fn read_body(source: &BodySource) -> Result<String> {
    if let Some(body) = &source.body {
        if body.trim().is_empty() {
            bail!("--body is empty");
        }
        return Ok(body.clone());
    }
    let path = source
        .body_file
        .as_ref()
        .ok_or_else(|| anyhow!("give --body or --body-file"))?;
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read body file {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        anyhow!(
            "body file {} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            error.utf8_error().valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        bail!("body file {} is empty", path.display());
    }
    Ok(text)
}

fn report_warnings(warnings: &[&str]) {
    for warning in warnings {
        let text = match *warning {
            "warning-html-removed" => {
                "some HTML was removed (scripts, styles, frames or event handlers are not allowed)"
            }
            other => other,
        };
        eprintln!("warning: {text}");
    }
}

/// A post named on the command line by its id or its path (encoded or not).
async fn find_post(store: &Store, post: &str) -> Result<minbar_content::PostId> {
    if let Ok(id) = post.trim().parse::<i64>() {
        return Ok(minbar_content::PostId(id));
    }
    let path = percent_encoding::percent_decode_str(post.trim()).decode_utf8_lossy();
    minbar_store::posts::id_by_path(store, &path)
        .await?
        .ok_or_else(|| anyhow!("no post at {path} (see `minbar post list`)"))
}

async fn set_post_status(
    data: &Path,
    url: Option<&str>,
    post: &str,
    status: minbar_content::PostStatus,
) -> Result<()> {
    let store = crate::open_initialized(data, url).await?;
    let id = find_post(&store, post).await?;
    minbar_ops::posts::set_status(&store, Actor::Operator, id, status)
        .await
        .map_err(|e| match e {
            OpError::NotFound => anyhow!("no post with id {}", id.0),
            other => error_of(other),
        })?;
    eprintln!("post {} is now {status}", id.0);
    Ok(())
}

/// `--published-at`: an RFC 3339 time, or a local time on the site's clock, read by the same
/// rule as the editor's field (a time the clocks skip is refused).
async fn published_at_of(store: &minbar_store::Store, text: &str) -> Result<i64> {
    if let Ok(time) = text.parse::<jiff::Timestamp>() {
        return Ok(time.as_second());
    }
    let zone = minbar_store::site::get(store).await?.zone();
    minbar_content::clock::parse_local(&zone, text).map_err(|error| match error {
        minbar_content::clock::LocalTimeError::Unreadable(_) => anyhow::anyhow!(
            "--published-at '{text}' is neither an RFC 3339 time such as \
             2017-08-06T10:00:00Z nor a time on the site's clock such as 2017-08-06 13:00"
        ),
        skipped => anyhow::anyhow!("--published-at: {skipped}"),
    })
}
