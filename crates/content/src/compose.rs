//! Turning what an editor gives (a title, a body, labels) into a post or page ready to store.

use crate::{BodyFormat, EXCERPT_CHARS, Label, NewPage, NewPost, PostStatus, Slug, render_body};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// What is wrong with a post or page an editor wrote.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("the title is empty")]
    EmptyTitle,
    #[error("the title is longer than {MAX_TITLE_CHARS} characters")]
    TitleTooLong,
    #[error("the body is empty")]
    EmptyBody,
}

/// A post as an editor wrote it.
#[derive(Debug, Clone)]
pub struct PostInput {
    pub title: String,
    pub body: String,
    pub format: BodyFormat,
    pub labels: Vec<String>,
    pub featured: bool,
    pub draft: bool,
    /// Unix seconds.
    pub published_at: i64,
}

fn check_title(title: &str) -> Result<String, ContentError> {
    let title = minbar_text::collapse_whitespace(&title.replace('\0', ""));
    if title.is_empty() {
        return Err(ContentError::EmptyTitle);
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(ContentError::TitleTooLong);
    }
    Ok(title)
}

/// A body as every engine can store it: PostgreSQL's text holds no NUL, which no writer means;
/// it becomes U+FFFD, as Markdown and HTML parsers show it anyway. (Titles and labels drop it.)
fn storable_body(body: &str) -> String {
    body.replace('\0', "\u{FFFD}")
}

/// Renders the body and gathers the labels: those given, then every hashtag of the title and of
/// the body's text, each once by normalized key. Returns the post and the editor's warnings.
pub fn compose_post(input: &PostInput) -> Result<(NewPost, Vec<&'static str>), ContentError> {
    let title = check_title(&input.title)?;
    let body = storable_body(&input.body);
    if body.trim().is_empty() {
        return Err(ContentError::EmptyBody);
    }
    let rendered = render_body(&body, input.format);
    let mut labels: Vec<Label> = Vec::new();
    let given = input.labels.iter().map(|l| Label::new(l));
    let tags = minbar_text::hashtags(&title)
        .into_iter()
        .chain(minbar_text::hashtags(&rendered.text))
        .map(|t| Label::new(&t.name));
    for label in given.chain(tags) {
        if !label.key.is_empty() && !labels.iter().any(|l| l.key == label.key) {
            labels.push(label);
        }
    }
    let post = NewPost {
        slug: Slug::from_title(&title, "post"),
        excerpt: minbar_text::excerpt(&rendered.text, EXCERPT_CHARS),
        title,
        body_source: body,
        body_format: input.format,
        body_html: rendered.html,
        body_text: rendered.text,
        status: if input.draft {
            PostStatus::Draft
        } else {
            PostStatus::Published
        },
        featured: input.featured,
        published_at: input.published_at,
        labels,
        cover: None,
        language: None,
        translation_of: None,
    };
    Ok((post, rendered.warnings))
}

/// A static page: its slug comes from `slug` when given, else from the title.
pub fn compose_page(
    title: &str,
    slug: Option<&str>,
    body: &str,
    format: BodyFormat,
) -> Result<(NewPage, Vec<&'static str>), ContentError> {
    let title = check_title(title)?;
    let body = storable_body(body);
    if body.trim().is_empty() {
        return Err(ContentError::EmptyBody);
    }
    let rendered = render_body(&body, format);
    let page = NewPage {
        slug: Slug::from_title(slug.unwrap_or(&title), "page"),
        title,
        body_source: body,
        body_format: format,
        body_html: rendered.html,
        language: None,
    };
    Ok((page, rendered.warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(title: &str, body: &str) -> PostInput {
        PostInput {
            title: title.into(),
            body: body.into(),
            format: BodyFormat::Markdown,
            labels: vec!["سوريا".into(), "#قسد".into()],
            featured: false,
            draft: false,
            published_at: 0,
        }
    }

    #[test]
    fn nothing_holds_a_nul_that_postgresql_cannot_store() {
        let mut hostile = input("\0عنوان\0", "نص\0 #وسم");
        hostile.labels = vec!["\0سوريا".into()];
        let (post, _) = compose_post(&hostile).unwrap();
        assert_eq!(post.title, "عنوان");
        assert_eq!(post.body_source, "نص\u{FFFD} #وسم");
        assert!(!post.body_html.contains('\0') && !post.excerpt.contains('\0'));
        assert!(
            post.labels
                .iter()
                .all(|l| !l.name.contains('\0') && !l.key.contains('\0'))
        );
        assert_eq!(post.labels[0].name, "سوريا");
        let (page, _) = compose_page("\0صفحة", None, "\0نص", BodyFormat::Html).unwrap();
        assert_eq!(
            (page.title.as_str(), page.body_source.as_str()),
            ("صفحة", "\u{FFFD}نص")
        );
    }

    #[test]
    fn labels_come_from_flags_title_and_body_once_each() {
        let (post, warnings) =
            compose_post(&input("تنسيق بين #قسد و #النظام.", "نص عن #الرقة و #الرقه")).unwrap();
        let names: Vec<&str> = post.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["سوريا", "قسد", "النظام", "الرقة"]);
        assert!(warnings.is_empty());
        assert_eq!(post.slug.as_str(), "تنسيق-بين-قسد-و-النظام");
    }

    #[test]
    fn empty_titles_and_bodies_are_refused() {
        assert_eq!(
            compose_post(&input("  ", "نص")).err(),
            Some(ContentError::EmptyTitle)
        );
        assert_eq!(
            compose_post(&input("عنوان", " \n")).err(),
            Some(ContentError::EmptyBody)
        );
        let long = "ب".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(
            compose_post(&input(&long, "نص")).err(),
            Some(ContentError::TitleTooLong)
        );
    }

    #[test]
    fn hashtags_inside_link_addresses_are_not_labels() {
        let (post, _) = compose_post(&PostInput {
            labels: vec![],
            ..input("عنوان", "[رابط](https://example.org/#frag) و #وسم")
        })
        .unwrap();
        let names: Vec<&str> = post.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["وسم"]);
    }
}
