//! The post page: the post itself (title with its hashtags linked, cover image), share links,
//! and what search engines and social networks read from it.

use super::comments::{CommentFormView, CommentsView, LIMITS, Limits, OutsideView};
use super::layout::{Layout, Link, dates, hijri_date};
use super::urls::{encode_component, encode_path, label_url};
use crate::AppState;
use minbar_content::{Comment, FormatLocale, Post, Site};
use serde::Serialize;

/// A piece of a title: plain text, or a hashtag linking to its label page.
#[derive(Debug, Clone, Serialize)]
pub struct TitlePart {
    pub text: String,
    pub url: Option<String>,
}

/// Splits a title around its hashtags, so the template can link each one.
pub fn title_parts(title: &str) -> Vec<TitlePart> {
    let mut parts = Vec::new();
    let mut last = 0;
    for span in minbar_text::hashtag_spans(title) {
        if span.start > last {
            parts.push(TitlePart {
                text: title[last..span.start].to_owned(),
                url: None,
            });
        }
        parts.push(TitlePart {
            text: title[span.start..span.end].to_owned(),
            url: Some(label_url(&span.tag.name)),
        });
        last = span.end;
    }
    if last < title.len() {
        parts.push(TitlePart {
            text: title[last..].to_owned(),
            url: None,
        });
    }
    parts
}

#[derive(Debug, Clone, Serialize)]
pub struct PostBody {
    pub url: String,
    /// The cover image, when the post has one.
    pub cover: Option<CoverImage>,
    pub title: String,
    pub title_parts: Vec<TitlePart>,
    pub body_html: String,
    pub excerpt: String,
    pub date: String,
    pub date_iso: String,
    /// The Hijri date beside it, when the site shows Hijri dates.
    pub hijri: Option<String>,
    pub author: Option<String>,
    pub labels: Vec<Link>,
}

/// An uploaded image shown above a post: every copy in `srcset`, its size to reserve the space.
#[derive(Debug, Clone, Serialize)]
pub struct CoverImage {
    pub src: String,
    pub srcset: String,
    pub width: u32,
    pub height: u32,
}

impl CoverImage {
    /// From the stored name of an upload's full-size copy; `None` for anything else.
    pub fn new(name: &str) -> Option<Self> {
        let parsed = minbar_content::media::MediaName::parse(name)?;
        let (srcset, width, height) = parsed.srcset(minbar_content::media::PREFIX)?;
        Some(CoverImage {
            src: minbar_content::media::address(name),
            srcset,
            width,
            height,
        })
    }
}

impl PostBody {
    pub fn new(state: &AppState, locale: &FormatLocale, post: &Post) -> Self {
        let (date, date_iso) = dates(state, locale, post.published_at);
        let hijri = hijri_date(state, locale, post.published_at);
        PostBody {
            url: encode_path(&post.path),
            cover: post.cover.as_deref().and_then(CoverImage::new),
            title: post.title.clone(),
            title_parts: title_parts(&post.title),
            body_html: post.body_html.clone(),
            excerpt: post.excerpt.clone(),
            date,
            date_iso,
            hijri,
            author: post.author.clone(),
            labels: post
                .labels
                .iter()
                .map(|l| Link {
                    url: label_url(&l.name),
                    title: l.name.clone(),
                })
                .collect(),
        }
    }
}

/// Share links that need no script from anyone: plain links to each service's share address.
#[derive(Debug, Clone, Serialize)]
pub struct ShareLinks {
    pub url: String,
    pub whatsapp: String,
    pub telegram: String,
    pub facebook: String,
    pub x: String,
}

impl ShareLinks {
    /// `page_url` is the absolute, encoded address of the page.
    pub fn new(page_url: &str, title: &str) -> Self {
        let url = encode_component(page_url);
        let text = encode_component(title);
        ShareLinks {
            url: page_url.to_owned(),
            whatsapp: format!("https://wa.me/?text={text}%20{url}"),
            telegram: format!("https://t.me/share/url?url={url}&text={text}"),
            facebook: format!("https://www.facebook.com/sharer/sharer.php?u={url}"),
            x: format!("https://x.com/intent/post?url={url}&text={text}"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    pub layout: Layout,
    pub post: PostBody,
    pub share: ShareLinks,
    pub comments: CommentsView,
    pub outside: Option<OutsideView>,
    pub form: CommentFormView,
    /// A message key shown above the comments, such as `comment-pending`.
    pub notice: Option<&'static str>,
    pub limits: Limits,
    pub seo: SeoView,
    /// The post in other languages, linked in the page and as `hreflang` alternates.
    pub translations: Vec<TranslationLink>,
    /// Its corrections and updates, oldest first; each says where it is shown.
    pub notes: Vec<super::NoteView>,
}

/// A link to a post's translation.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationLink {
    /// Its language tag, for `hreflang` and `lang`.
    pub lang: String,
    pub dir: &'static str,
    /// The language's name in itself (`کوردی (سۆرانی)`).
    pub name: &'static str,
    pub title: String,
    /// The absolute address, as alternates want it.
    pub url: String,
}

impl TranslationLink {
    pub fn new(base: &str, translation: &minbar_store::posts::translations::Translation) -> Self {
        TranslationLink {
            dir: minbar_content::direction_of(&translation.language),
            name: minbar_content::autonym(&translation.language),
            lang: translation.language.clone(),
            title: translation.title.clone(),
            url: format!("{base}{}", encode_path(&translation.path)),
        }
    }
}

/// What a post page shows of its comments: all published ones, the page of them asked for, and
/// whether new ones are taken.
pub struct CommentsShown<'a> {
    pub all: &'a [Comment],
    pub page: usize,
    pub open: bool,
}

impl PostView {
    /// The post page of `post` on a site whose public address is `base`, with its published
    /// `comments`; the form is empty and there is no notice. Nothing in it depends on the
    /// reader, so the page can be cached whole.
    pub fn new(
        state: &AppState,
        site: &Site,
        layout: Layout,
        post: &Post,
        comments: CommentsShown<'_>,
        base: &str,
    ) -> Self {
        let locale = &site.format_locale_in(post.language.as_deref().unwrap_or(""));
        let url = format!("{base}{}", encode_path(&post.path));
        let body = PostBody::new(state, locale, post);
        let seo = SeoView::article(site, base, &url, post, &body);
        PostView {
            layout,
            post: body,
            share: ShareLinks::new(&url, &post.title),
            comments: CommentsView::new(
                state,
                locale,
                post,
                comments.all,
                comments.page,
                comments.open,
            ),
            outside: site.outside_comments.and_then(|provider| match provider {
                minbar_content::OutsideComments::Facebook => {
                    Some(OutsideView::facebook(&url, site.facebook_app_id.as_deref()))
                }
                minbar_content::OutsideComments::Telegram => post
                    .discussion
                    .telegram
                    .as_deref()
                    .and_then(OutsideView::telegram),
            }),
            form: CommentFormView::default(),
            notice: None,
            limits: LIMITS,
            seo,
            translations: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What search engines and social networks read from a post page: OpenGraph and Twitter card
/// values, and a schema.org `NewsArticle` (written with `tojson`, which escapes `<`, so no
/// text can close the script element it sits in).
#[derive(Debug, Clone, Serialize)]
pub struct SeoView {
    pub url: String,
    pub site_name: String,
    /// `ar_AR`-style, as OpenGraph wants it.
    pub og_locale: String,
    /// An absolute address of the cover, when there is one.
    pub image: Option<String>,
    /// RFC 3339 times, as schema.org and OpenGraph want them.
    pub published_iso: String,
    pub modified_iso: String,
    pub json_ld: serde_json::Value,
}

impl SeoView {
    pub fn article(site: &Site, base: &str, url: &str, post: &Post, body: &PostBody) -> Self {
        let image = body.cover.as_ref().map(|c| format!("{base}{}", c.src));
        let published_iso = crate::feeds::rfc3339(post.published_at.unwrap_or(post.updated_at));
        let modified_iso = crate::feeds::rfc3339(post.updated_at);
        let language = post
            .language
            .clone()
            .unwrap_or_else(|| site.language().to_owned());
        let og_locale = match language.as_str() {
            "ar" => "ar_AR".to_owned(),
            "en" => "en_US".to_owned(),
            other => other.to_owned(),
        };
        let author = match &post.author {
            Some(name) => serde_json::json!([{ "@type": "Person", "name": name }]),
            None => serde_json::json!([{ "@type": "Organization", "name": site.title }]),
        };
        let mut json_ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": post.title.chars().take(110).collect::<String>(),
            "description": post.excerpt,
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": published_iso,
            "dateModified": modified_iso,
            "inLanguage": language,
            "author": author,
            "publisher": { "@type": "Organization", "name": site.title, "url": format!("{base}/") },
            "keywords": post.labels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        });
        // The cover, then every photo of the text with its caption and its photographer's
        // credit (`ImageObject.creditText`).
        let mut images: Vec<serde_json::Value> =
            image.iter().map(|i| serde_json::json!(i)).collect();
        for figure in minbar_content::figures::figures(&post.body_html) {
            let url = if figure.src.starts_with('/') {
                format!("{base}{}", figure.src)
            } else {
                figure.src
            };
            let mut object = serde_json::json!({ "@type": "ImageObject", "url": url });
            if !figure.caption.is_empty() {
                object["caption"] = serde_json::json!(figure.caption);
            }
            if let Some(credit) = figure.credit {
                object["creditText"] = serde_json::json!(credit);
            }
            images.push(object);
        }
        if !images.is_empty() {
            json_ld["image"] = serde_json::Value::Array(images);
        }
        SeoView {
            url: url.to_owned(),
            site_name: site.title.clone(),
            og_locale,
            image,
            published_iso,
            modified_iso,
            json_ld,
        }
    }

    /// Adds the post's corrections as schema.org `CorrectionComment`s, as search engines read
    /// them; an update changes only `dateModified`, which the store already moved.
    pub fn add_corrections(&mut self, notes: &[minbar_content::notes::PostNote]) {
        let corrections: Vec<serde_json::Value> = notes
            .iter()
            .filter(|n| n.kind == minbar_content::notes::NoteKind::Correction)
            .map(|n| {
                serde_json::json!({
                    "@type": "CorrectionComment",
                    "text": n.body,
                    "datePublished": crate::feeds::rfc3339(n.created_at),
                })
            })
            .collect();
        if !corrections.is_empty() {
            self.json_ld["correction"] = serde_json::Value::Array(corrections);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_split_around_hashtags() {
        let parts = title_parts("تنسيق بين #قسد و #النظام. تمهيدا");
        let texts: Vec<(&str, bool)> = parts
            .iter()
            .map(|p| (p.text.as_str(), p.url.is_some()))
            .collect();
        assert_eq!(
            texts,
            [
                ("تنسيق بين ", false),
                ("#قسد", true),
                (" و ", false),
                ("#النظام", true),
                (". تمهيدا", false)
            ]
        );
    }

    #[test]
    fn share_links_encode_the_address() {
        let links = ShareLinks::new("https://example.org/2017/08/%D9%82.html", "عنوان & شيء");
        assert!(links.whatsapp.starts_with("https://wa.me/?text=%D8%B9"));
        assert!(
            links
                .telegram
                .contains("url=https%3A%2F%2Fexample.org%2F2017%2F08%2F%25D9%2582.html")
        );
        assert!(links.x.contains("%26"));
    }
}
