//! A post as a person asks for it from any door (the admin's editor, the API, `minbar post
//! new`), and the one set of rules that turns it into a post to store: title and body, status,
//! labels, cover, excerpt and slug. Who may ask for what is the operations' business
//! (`minbar_ops::posts`); this module checks only what the text itself must hold.

use crate::compose::{ContentError, PostInput, compose_post};
use crate::model::{BodyFormat, NewPost, ParseValueError, PostId, PostStatus, Slug};

/// The longest excerpt a writer may give, in characters.
pub const MAX_EXCERPT_CHARS: usize = 300;
/// The most labels a post may be given by name (hashtags in the text come on top).
pub const MAX_LABELS: usize = 50;

/// A post as asked for. Empty optional fields take their defaults.
#[derive(Debug, Clone)]
pub struct PostDraft {
    pub title: String,
    pub body: String,
    pub format: BodyFormat,
    pub labels: Vec<String>,
    /// A [`PostStatus`] word; empty means a draft.
    pub status: String,
    pub featured: bool,
    /// Unix seconds; `None` means now.
    pub published_at: Option<i64>,
    /// An uploaded image above the post: its name, its `/media/` address or its Markdown line.
    pub cover: String,
    /// A summary for lists and link previews; taken from the body when empty.
    pub excerpt: String,
    /// For a new post, the slug of its address; made from the title when empty.
    pub slug: String,
    /// The language it is written in (`ar`, `ckb`, `kmr`, `en`); empty means the site's.
    pub language: String,
    /// A post this one translates (or is translated by): both then link to each other.
    pub translation_of: Option<i64>,
    /// The version of the text the writer started from (see `store::posts::version`): a save
    /// over a newer one is refused. `None`: no check (the command line, old scripts).
    pub version: Option<i64>,
}

impl Default for PostDraft {
    fn default() -> Self {
        PostDraft {
            title: String::new(),
            body: String::new(),
            format: BodyFormat::Markdown,
            labels: Vec::new(),
            status: String::new(),
            featured: false,
            published_at: None,
            cover: String::new(),
            excerpt: String::new(),
            slug: String::new(),
            language: String::new(),
            translation_of: None,
            version: None,
        }
    }
}

/// What is wrong with a draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Status(ParseValueError),
    #[error("at most {MAX_LABELS} labels")]
    TooManyLabels,
    #[error("cover is not an uploaded image")]
    Cover,
    #[error("excerpt is longer than {MAX_EXCERPT_CHARS} characters")]
    ExcerptTooLong,
    #[error(transparent)]
    Language(ParseValueError),
}

impl DraftError {
    /// The key of the message the editor shows.
    pub fn key(&self) -> &'static str {
        match self {
            DraftError::Content(ContentError::EmptyTitle) => "editor-error-empty-title",
            DraftError::Content(ContentError::TitleTooLong) => "editor-error-long-title",
            DraftError::Content(ContentError::EmptyBody) => "editor-error-empty-body",
            DraftError::Status(_) => "editor-error-status",
            DraftError::TooManyLabels => "editor-error-labels",
            DraftError::Cover => "editor-error-cover",
            DraftError::ExcerptTooLong => "editor-error-excerpt",
            DraftError::Language(_) => "editor-error-language",
        }
    }
}

/// The status asked for: a [`PostStatus`] word, or a draft when empty.
pub fn read_status(text: &str) -> Result<PostStatus, DraftError> {
    match text.trim() {
        "" => Ok(PostStatus::Draft),
        word => word.parse().map_err(DraftError::Status),
    }
}

/// Reads a language field: empty (the site's language), or one of [`crate::LANGUAGES`].
pub fn read_language(text: &str) -> Result<Option<String>, DraftError> {
    match text.trim() {
        "" => Ok(None),
        tag => crate::parse_language(tag)
            .map(|l| Some(l.to_owned()))
            .map_err(DraftError::Language),
    }
}

/// Reads the cover field: empty, or one of our uploads' full-size copies (as a name, an
/// address or a Markdown line, whatever the writer pasted).
pub fn read_cover(text: &str) -> Result<Option<String>, DraftError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let name = text
        .trim_start_matches("![](")
        .trim_end_matches(')')
        .trim_start_matches("/media/");
    match crate::media::MediaName::parse(name) {
        Some(parsed) if parsed.size.is_some() => Ok(Some(name.to_owned())),
        _ => Err(DraftError::Cover),
    }
}

/// Turns a draft into the post to store, at `status` and published at `published_at`, with
/// the editor's warnings. The slug is taken only for a `new` post: an address never changes.
pub fn compose_draft(
    draft: &PostDraft,
    status: PostStatus,
    published_at: i64,
    new: bool,
) -> Result<(NewPost, Vec<&'static str>), DraftError> {
    if draft.labels.len() > MAX_LABELS {
        return Err(DraftError::TooManyLabels);
    }
    let (mut post, warnings) = compose_post(&PostInput {
        title: draft.title.clone(),
        body: draft.body.clone(),
        format: draft.format,
        labels: draft.labels.clone(),
        featured: draft.featured,
        draft: true,
        published_at,
    })?;
    post.status = status;
    post.cover = read_cover(&draft.cover)?;
    let excerpt = minbar_text::collapse_whitespace(&draft.excerpt.replace('\0', ""));
    if excerpt.chars().count() > MAX_EXCERPT_CHARS {
        return Err(DraftError::ExcerptTooLong);
    }
    if !excerpt.is_empty() {
        post.excerpt = excerpt;
    }
    if new && !draft.slug.trim().is_empty() {
        post.slug = Slug::from_title(&draft.slug, "post");
    }
    post.language = read_language(&draft.language)?;
    post.translation_of = draft.translation_of.map(PostId);
    Ok((post, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> PostDraft {
        PostDraft {
            title: "خبر".into(),
            body: "نص".into(),
            ..PostDraft::default()
        }
    }

    fn check(change: impl Fn(&mut PostDraft), expected: Result<(), &str>) {
        let mut draft = draft();
        change(&mut draft);
        let got = compose_draft(&draft, PostStatus::Draft, 0, true)
            .map(|_| ())
            .map_err(|e| e.key());
        assert_eq!(got, expected, "{draft:?}");
    }

    #[test]
    fn every_rule_of_a_draft_names_its_field() {
        check(|_| {}, Ok(()));
        check(|d| d.title = " ".into(), Err("editor-error-empty-title"));
        check(|d| d.body = " ".into(), Err("editor-error-empty-body"));
        check(
            |d| d.labels = vec!["و".into(); MAX_LABELS + 1],
            Err("editor-error-labels"),
        );
        check(
            |d| d.cover = "/etc/passwd".into(),
            Err("editor-error-cover"),
        );
        check(
            |d| d.excerpt = "م".repeat(MAX_EXCERPT_CHARS + 1),
            Err("editor-error-excerpt"),
        );
        assert_eq!(read_status(""), Ok(PostStatus::Draft));
        assert_eq!(
            read_status("live").map_err(|e| e.key()),
            Err("editor-error-status")
        );
    }

    #[test]
    fn the_slug_is_chosen_only_for_a_new_post() {
        let mut d = draft();
        d.slug = "عنوان آخر".into();
        let (new, _) = compose_draft(&d, PostStatus::Draft, 0, true).unwrap();
        let (old, _) = compose_draft(&d, PostStatus::Draft, 0, false).unwrap();
        assert_eq!(new.slug.as_str(), "عنوان-آخر");
        assert_ne!(old.slug.as_str(), new.slug.as_str());
    }
}
