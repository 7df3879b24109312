//! `minbar post` and `minbar page`: writing posts and pages from the command line, listing
//! them, and taking posts off the site or back.

use crate::cli::{BodySource, PageCommand, PostCommand};
use anyhow::{Context, Result, anyhow, bail};
use minbar_content::{PostInput, compose_page, compose_post};
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
        } => {
            let store = crate::open_initialized(data, url).await?;
            let body = read_body(&body)?;
            let published_at = match published_at {
                Some(text) => text
                    .parse::<jiff::Timestamp>()
                    .with_context(|| format!("--published-at '{text}' is not an RFC 3339 time such as 2017-08-06T10:00:00Z"))?
                    .as_second(),
                None => jiff::Timestamp::now().as_second(),
            };
            let input = PostInput {
                title,
                body,
                format: format.into(),
                labels,
                featured,
                draft,
                published_at,
            };
            let (post, warnings) = compose_post(&input)?;
            report_warnings(&warnings);
            let author = minbar_store::authors::first(&store).await?;
            let post = minbar_store::posts::insert(&store, &post, author).await?;
            println!("{}", minbar_web::views::encode_path(&post.path));
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
        PostCommand::Delete { post } => {
            let store = crate::open_initialized(data, url).await?;
            let id = find_post(&store, &post).await?;
            minbar_store::posts::delete(&store, id).await?;
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
        } => {
            let store = crate::open_initialized(data, url).await?;
            let body = read_body(&body)?;
            let (page, warnings) = compose_page(&title, slug.as_deref(), &body, format.into())?;
            report_warnings(&warnings);
            let page = minbar_store::pages::insert(&store, &page).await?;
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
    minbar_store::posts::set_status(&store, id, status)
        .await
        .map_err(|e| match e {
            minbar_store::StoreError::NotFound => anyhow!("no post with id {}", id.0),
            other => other.into(),
        })?;
    eprintln!("post {} is now {status}", id.0);
    Ok(())
}
