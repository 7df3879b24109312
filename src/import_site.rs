//! `minbar import blogger|wxr FILE`: a Blogger export (classic or Takeout) or a WordPress WXR
//! export into the site, in one transaction. Blogger's addresses fit Minbar's and are kept
//! exactly; WordPress's (`/2018/10/20/hello/`, `/?p=12`) become permanent redirects to the
//! address Minbar gives the post.

use anyhow::{Context, Result, anyhow};
use indicatif::{ProgressBar, ProgressStyle};
use minbar_content::remote_images::{Photo, localize, photo_of, photos};
use minbar_content::{
    BodyFormat, CommentStatus, PostInput, PostStatus, compose_page, compose_post, html_to_text,
};
use minbar_import::{ImportedComment, ImportedPost, Item, Kind, ReadError, Status};
use minbar_store::Store;
use minbar_store::imports::{Import, Outcome};
use minbar_store::remote_images::Tried;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The export formats `minbar import` reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Format {
    Blogger,
    Wxr,
}

impl Format {
    fn read(self, source: impl std::io::BufRead, each: impl FnMut(Item)) -> Result<(), ReadError> {
        match self {
            Format::Blogger => minbar_import::blogger::read(source, each),
            Format::Wxr => minbar_import::wxr::read(source, each),
        }
    }
}

/// Addresses tried after the first when a platform's slug is already taken on the site (two
/// WordPress pages named `child` under different parents): `child-2` … `child-9`.
const MORE_ADDRESSES: u32 = 8;

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

/// The images of an export, and where the posts find the site's copies.
#[derive(Default)]
struct Images {
    /// Photo key → the site's address of its copy.
    local: HashMap<String, String>,
    /// WordPress attachment id → the address its file was served at.
    attachments: HashMap<String, String>,
    /// Whether this import brought them (`--media`); without, attachments are reported left.
    brought: bool,
}

impl Images {
    /// A body with the site's copies in place of the photos it holds.
    fn localize(&self, html: &str) -> String {
        if self.local.is_empty() {
            return html.to_owned();
        }
        localize(html, BodyFormat::Html, &self.local).unwrap_or_else(|| html.to_owned())
    }

    /// The stored name of the cover an imported post names by attachment id, read from the
    /// copy's address as the editor's cover field is.
    fn cover(&self, attachment: Option<&String>) -> Option<String> {
        let url = self.attachments.get(attachment?)?;
        let address = self.local.get(&photo_of(url)?.key)?;
        minbar_content::draft::read_cover(address).ok().flatten()
    }
}

/// `minbar import blogger|wxr FILE [--media fetch|DIR]`: with `--media`, every image the
/// export's posts, pages and attachments use is brought first (journaled, so a run started
/// again fetches nothing twice), then the posts are written pointing at the copies. Without it,
/// the photos an earlier run brought are still used, so importing again never points a post
/// back at the old host.
pub(crate) async fn import_with_media(
    data: &Path,
    store: &Store,
    file: &Path,
    format: Format,
    media: crate::cli::ImportMedia,
) -> Result<()> {
    let images = match &media.media {
        None => Images {
            local: minbar_store::remote_images::journal(store)
                .await?
                .into_iter()
                .filter_map(|(key, tried)| match tried {
                    Tried::Stored(name) => Some((key, minbar_content::media::address(&name))),
                    Tried::Failed(_) => None,
                })
                .collect(),
            ..Images::default()
        },
        Some(from) => {
            let plan = crate::media::Plan::new(data, from, &media.fetch).await?;
            let (wanted, attachments) = gather(file, format).await?;
            let result = minbar_ops::remote_media::bring(
                store,
                plan.storage.clone(),
                plan.source.clone(),
                wanted,
                &plan.options,
            )
            .await;
            plan.done();
            let brought = result.map_err(|e| anyhow!("images: {e}"))?;
            crate::media::print_brought(&brought);
            Images {
                local: brought.local,
                attachments,
                brought: true,
            }
        }
    };
    import(store, file, format, &images).await?.print();
    Ok(())
}

/// Every photo the export's posts and pages show (trashed ones aside) and every attachment,
/// each once, read in a first pass over the file.
async fn gather(file: &Path, format: Format) -> Result<(Vec<Photo>, HashMap<String, String>)> {
    let opened =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let owned = file.to_owned();
    tokio::task::spawn_blocking(move || {
        let source = std::io::BufReader::with_capacity(1 << 16, opened);
        let mut wanted: Vec<Photo> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut attachments = HashMap::new();
        let mut want = |photo: Photo| {
            if seen.insert(photo.key.clone()) {
                wanted.push(photo);
            }
        };
        format
            .read(source, |item| match item {
                Item::Post(post) if post.status != Status::Trashed => {
                    photos(&minbar_content::sanitize_html(&post.html))
                        .into_iter()
                        .for_each(&mut want);
                }
                Item::Attachment { source_id, url } => {
                    if let Some(photo) = photo_of(&url) {
                        want(photo);
                        attachments.insert(source_id, url);
                    }
                }
                _ => {}
            })
            .map_err(|e| explain(&owned, e))?;
        Ok((wanted, attachments))
    })
    .await
    .map_err(|e| anyhow!("the reader stopped: {e}"))?
}

const UNTITLED: &str = "بلا عنوان";
/// The body of a post or page the old platform kept empty (WordPress allows it; Minbar's editor
/// does not): an empty paragraph, so the post keeps its address and its comments.
const EMPTY_BODY: &str = "<p></p>";

async fn import(store: &Store, file: &Path, format: Format, images: &Images) -> Result<Summary> {
    let opened =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let size = opened.metadata().map(|m| m.len()).unwrap_or(0);
    let progress = ProgressBar::new(size);
    if let Ok(style) =
        ProgressStyle::with_template("reading {bar:40} {bytes}/{total_bytes} ({eta} left)")
    {
        progress.set_style(style);
    }
    let source = std::io::BufReader::with_capacity(1 << 16, progress.wrap_read(opened));
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Item>(256);
    // The reader streams on its own thread; the writer below keeps one transaction.
    let reader = tokio::task::spawn_blocking(move || {
        format.read(source, |item| {
            let _ = sender.blocking_send(item);
        })
    });
    let mut import = store.begin_import().await?;
    let mut summary = Summary::default();
    let mut comments: Vec<ImportedComment> = Vec::new();
    let mut site = None;
    let now = minbar_store::now();
    while let Some(item) = receiver.recv().await {
        match item {
            Item::Site { title, description } => site = Some((title, description)),
            Item::Skipped { what } => summary.skip(what),
            Item::Attachment { .. } if !images.brought => summary.skip(
                "WordPress attachment (its file is brought with --media fetch or --media DIR)",
            ),
            Item::Attachment { .. } => {}
            Item::Comment(comment) => comments.push(comment),
            Item::Post(post) => write_post(&mut import, &mut summary, post, images, now).await?,
        }
    }
    progress.finish_and_clear();
    reader
        .await
        .map_err(|e| anyhow!("the reader stopped: {e}"))?
        .map_err(|e| explain(file, e))?;
    // Comments after every post, oldest first, so each reply finds the comment it answers.
    comments.sort_by_key(|c| c.published.unwrap_or(0));
    for comment in comments {
        let Some(post_id) = import.post_id(&comment.post_source_id) else {
            if import
                .path_of("page", &comment.post_source_id)
                .await?
                .is_some()
            {
                summary.skip("comment on a page (pages here take no comments)");
            } else {
                summary.skip("comment on a post not imported (trashed or missing)");
            }
            continue;
        };
        let body = html_to_text(&comment.html);
        let author = if comment.author.trim().is_empty() {
            "Anonymous"
        } else {
            comment.author.trim()
        };
        import
            .comment(minbar_store::imports::ImportedComment {
                author: author.to_owned(),
                body: body.trim().to_owned(),
                created_at: comment.published.unwrap_or(now),
                status: if comment.approved {
                    CommentStatus::Published
                } else {
                    CommentStatus::Pending
                },
                source_id: comment.source_id,
                post_id,
                parent_source_id: comment.parent_source_id,
            })
            .await?;
    }
    let tally = import.finish_comments().await?;
    for (what, n) in [("comments", tally.comments), ("replies", tally.replies)] {
        if n > 0 {
            *summary.added.entry(what).or_default() += n;
        }
    }
    summary.unchanged += tally.unchanged;
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
    import: &mut Import,
    summary: &mut Summary,
    mut post: ImportedPost,
    images: &Images,
    now: i64,
) -> Result<()> {
    if post.status == Status::Trashed {
        summary.skip("post in the trash");
        return Ok(());
    }
    post.html = images.localize(&post.html);
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
    let (what, outcome) = if post.kind == Kind::Page {
        let Some(outcome) = write_page(import, summary, &post, &title, &text).await? else {
            return Ok(());
        };
        ("pages", outcome)
    } else {
        let cover = images.cover(post.cover.as_ref());
        let Some(outcome) = write_article(import, summary, &post, title, cover, now).await? else {
            return Ok(());
        };
        let what = match post.status {
            Status::Draft => "drafts",
            Status::Scheduled => "scheduled posts",
            _ => "posts",
        };
        (what, outcome)
    };
    summary.record(what, outcome);
    if outcome.id().is_some() && !post.old_links.is_empty() {
        let kind = if post.kind == Kind::Page {
            "page"
        } else {
            "post"
        };
        if let Some(to) = import.path_of(kind, &post.source_id).await? {
            for from in &post.old_links {
                import.redirect(from, &to).await?;
            }
        }
    }
    Ok(())
}

/// A static page, at its old slug where there was one.
async fn write_page(
    import: &mut Import,
    summary: &mut Summary,
    post: &ImportedPost,
    title: &str,
    text: &str,
) -> Result<Option<Outcome>> {
    let slug = post
        .path
        .as_deref()
        .and_then(|p| p.strip_prefix("/p/"))
        .map(|s| s.trim_end_matches(".html").to_owned())
        .or_else(|| post.slug.clone());
    let body = if text.trim().is_empty() && !post.html.contains("<img") {
        EMPTY_BODY
    } else {
        post.html.as_str()
    };
    let (mut page, _) = match compose_page(title, slug.as_deref(), body, BodyFormat::Html) {
        Ok(composed) => composed,
        Err(e) => {
            summary.skip(format!("page: {e}"));
            return Ok(None);
        }
    };
    // Blogger's old address exactly as it was (`blog-page_3`), not as Minbar would write it.
    if post.path.is_some()
        && let Some(slug) = slug.filter(|s| !s.is_empty() && !s.contains(['/', '?', '#']))
    {
        page.slug = minbar_content::Slug::from_stored(slug);
    }
    let first = page.slug.as_str().to_owned();
    let mut outcome = import.page(&post.source_id, &page).await?;
    // Only addresses Minbar made may move aside; an old exact one that is taken stays a skip.
    if post.path.is_none() {
        for n in 2..2 + MORE_ADDRESSES {
            if outcome != Outcome::PathTaken {
                break;
            }
            page.slug = minbar_content::Slug::from_stored(format!("{first}-{n}"));
            outcome = import.page(&post.source_id, &page).await?;
        }
    }
    Ok(Some(outcome))
}

/// A post, draft or scheduled post, at its old path or at one Minbar makes from its slug.
async fn write_article(
    import: &mut Import,
    summary: &mut Summary,
    post: &ImportedPost,
    title: String,
    cover: Option<String>,
    now: i64,
) -> Result<Option<Outcome>> {
    let author = match post.author.as_deref().filter(|a| !a.trim().is_empty()) {
        Some(name) => Some(import.author(name.trim()).await?),
        None => None,
    };
    let published = post.published.unwrap_or(now);
    let input = PostInput {
        title,
        body: if post.html.trim().is_empty() {
            EMPTY_BODY.to_owned()
        } else {
            post.html.clone()
        },
        format: BodyFormat::Html,
        labels: post.labels.clone(),
        featured: false,
        draft: post.status == Status::Draft,
        published_at: published,
    };
    let mut new = match compose_post(&input) {
        Ok((new, _)) => new,
        Err(e) => {
            summary.skip(format!("post: {e}"));
            return Ok(None);
        }
    };
    if post.status == Status::Scheduled && published > now {
        new.status = PostStatus::Scheduled;
    }
    new.cover = cover;
    if let Some(path) = &post.path {
        return Ok(Some(
            import.post(&post.source_id, &new, path, author).await?,
        ));
    }
    if let Some(slug) = post.slug.as_deref() {
        new.slug = minbar_content::Slug::from_title(slug, new.slug.as_str());
    }
    let base = format!("{}{}", import.month_prefix(published), new.slug.as_str());
    let mut outcome = import
        .post(&post.source_id, &new, &format!("{base}.html"), author)
        .await?;
    for n in 2..2 + MORE_ADDRESSES {
        if outcome != Outcome::PathTaken {
            break;
        }
        outcome = import
            .post(&post.source_id, &new, &format!("{base}-{n}.html"), author)
            .await?;
    }
    Ok(Some(outcome))
}
