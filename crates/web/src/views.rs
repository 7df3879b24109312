//! View models: one plain struct per page, with every value ready to display (localized dates,
//! encoded URLs). Templates receive these and nothing else.

use crate::AppState;
use crate::i18n::direction_of;
use axum::http::StatusCode;
use minbar_content::{Comment, MAX_COMMENT_CHARS, MAX_COMMENT_NAME_CHARS, Post, PostSummary, Site};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;

/// Characters encoded in a path: everything but unreserved ASCII and `/`. Non-ASCII (Arabic
/// letters) is always encoded, as UTF-8.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\'')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'|');
/// A single path segment: as [`PATH`], and `/` too.
const SEGMENT: &AsciiSet = &PATH.add(b'/');
/// A query value: as [`SEGMENT`], and the query's own delimiters.
const COMPONENT: &AsciiSet = &SEGMENT
    .add(b'&')
    .add(b'=')
    .add(b'+')
    .add(b':')
    .add(b';')
    .add(b',')
    .add(b'@')
    .add(b'$')
    .add(b'!')
    .add(b'(')
    .add(b')')
    .add(b'*');

/// A stored (unencoded) path as it goes into a link.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// A label's page: `/search/label/<name>`, the hosted service's own path.
pub fn label_url(name: &str) -> String {
    format!("/search/label/{}", utf8_percent_encode(name, SEGMENT))
}

fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// What every page shares: language, direction, the site's name and about text, navigation.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub lang: String,
    pub dir: &'static str,
    pub site_title: String,
    pub about: String,
    pub pages: Vec<Link>,
    /// The featured posts widget, shown beside every page but the home page, which leads with it.
    pub featured: Vec<PostCard>,
    pub asset_version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub url: String,
    pub title: String,
}

impl Layout {
    pub fn new(
        state: &AppState,
        site: &Site,
        pages: Vec<(String, String)>,
        featured: &[PostSummary],
    ) -> Self {
        Layout {
            lang: site.locale.clone(),
            dir: direction_of(&site.locale),
            site_title: site.title.clone(),
            about: site.about.clone(),
            pages: pages
                .into_iter()
                .map(|(slug, title)| Link {
                    url: encode_path(&format!("/p/{slug}.html")),
                    title,
                })
                .collect(),
            featured: featured
                .iter()
                .map(|p| PostCard::new(state, &site.format_locale(), p))
                .collect(),
            asset_version: state.templates().asset_version().to_owned(),
        }
    }
}

/// A post in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PostCard {
    pub url: String,
    pub title: String,
    pub excerpt: String,
    pub date: String,
    pub date_iso: String,
    /// Comments readers can see.
    pub comments: i64,
}

impl PostCard {
    pub fn new(state: &AppState, locale: &str, post: &PostSummary) -> Self {
        let (date, date_iso) = dates(state, locale, post.published_at);
        PostCard {
            url: encode_path(&post.path),
            title: post.title.clone(),
            excerpt: post.excerpt.clone(),
            date,
            date_iso,
            comments: post.comments,
        }
    }
}

fn dates(state: &AppState, locale: &str, at: Option<i64>) -> (String, String) {
    match at {
        Some(at) => (state.i18n().date(locale, at), iso_date(at)),
        None => (String::new(), String::new()),
    }
}

/// `2017-08-06` for a `<time datetime>`.
fn iso_date(unix_seconds: i64) -> String {
    jiff::Timestamp::from_second(unix_seconds)
        .map(|t| jiff::tz::Offset::UTC.to_datetime(t).date().to_string())
        .unwrap_or_default()
}

/// Where a list is, and the links to its neighbours.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub newer_url: Option<String>,
    pub older_url: Option<String>,
    /// Message keys of the two links: lists go by date, search results by rank.
    pub newer_key: &'static str,
    pub older_key: &'static str,
}

impl Pager {
    /// `base` is the list's own encoded URL; pages after the first add `page=N` to its query.
    /// Search results page this way: a static mirror cannot answer them anyway.
    pub fn new(base: &str, page: i64, per_page: i64, total: i64) -> Self {
        let separator = if base.contains('?') { '&' } else { '?' };
        Self::linking(page, per_page, total, |n| {
            if n == 1 {
                base.to_owned()
            } else {
                format!("{base}{separator}page={n}")
            }
        })
    }

    /// A list of posts at the encoded `base`: pages after the first are paths
    /// ([`crate::addresses::list_page`], `/page/2/`), which a static mirror holds as files. A
    /// list asked with the hosted service's parameters (`base` has a query) keeps `page=N` in
    /// its query beside them.
    pub fn for_list(base: &str, page: i64, per_page: i64, total: i64) -> Self {
        if base.contains('?') {
            return Self::new(base, page, per_page, total);
        }
        Self::linking(page, per_page, total, |n| {
            crate::addresses::list_page(base, n)
        })
    }

    /// Page `page` of `total` items, `per_page` to a page, with `url` giving page N's link.
    fn linking(page: i64, per_page: i64, total: i64, url: impl Fn(i64) -> String) -> Self {
        let pages = crate::addresses::page_count(total, per_page);
        Pager {
            page,
            pages,
            total,
            newer_url: (page > 1).then(|| url(page - 1)),
            older_url: (page < pages).then(|| url(page + 1)),
            newer_key: "newer-posts",
            older_key: "older-posts",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub layout: Layout,
    pub posts: Vec<PostCard>,
    pub pager: Pager,
}

/// The search page: the form, then a hint, or the count and a page of results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    pub layout: Layout,
    pub query: String,
    pub heading: String,
    /// Nothing to search for yet: show how to search.
    pub hint: bool,
    /// The query was cut to this many characters.
    pub truncated_to: Option<usize>,
    pub total: usize,
    pub results: Vec<SearchResultView>,
    pub pager: Pager,
    /// The longest query the form accepts.
    pub max_chars: usize,
}

/// One search result. The HTML fields come escaped from the search crate, with `<mark>` around
/// the words that matched.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResultView {
    pub url: String,
    pub title_html: String,
    pub snippet_html: String,
    pub date: String,
    pub date_iso: String,
}

impl SearchResultView {
    pub fn new(state: &AppState, locale: &str, found: &minbar_search::Found) -> Self {
        let (date, date_iso) = dates(state, locale, Some(found.published_at));
        SearchResultView {
            url: encode_path(&found.path),
            title_html: found.title_html.clone(),
            snippet_html: found.snippet_html.clone(),
            date,
            date_iso,
        }
    }
}

/// A label page or a monthly archive.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub layout: Layout,
    pub heading: String,
    pub posts: Vec<PostCard>,
    pub pager: Pager,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub layout: Layout,
    pub page: PageBody,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageBody {
    pub title: String,
    pub body_html: String,
}

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
        let (srcset, width, height) = parsed.srcset("/media/")?;
        Some(CoverImage {
            src: format!("/media/{name}"),
            srcset,
            width,
            height,
        })
    }
}

impl PostBody {
    pub fn new(state: &AppState, locale: &str, post: &Post) -> Self {
        let (date, date_iso) = dates(state, locale, post.published_at);
        PostBody {
            url: encode_path(&post.path),
            cover: post.cover.as_deref().and_then(CoverImage::new),
            title: post.title.clone(),
            title_parts: title_parts(&post.title),
            body_html: post.body_html.clone(),
            excerpt: post.excerpt.clone(),
            date,
            date_iso,
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

/// The outside comment provider's tab: what to load, only once the reader opens it, and where
/// a reader without JavaScript can read the same conversation.
#[derive(Debug, Clone, Serialize)]
pub struct OutsideView {
    pub provider: &'static str,
    pub src: String,
    /// Where the same conversation can be read outside the page, when the provider has one.
    pub link: Option<String>,
}

impl OutsideView {
    /// Facebook's comments plugin for `page_url`, under the newsroom's app when it has one.
    pub fn facebook(page_url: &str, app_id: Option<&str>) -> Self {
        let app = app_id
            .filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
            .map(|id| format!("&appId={id}"))
            .unwrap_or_default();
        OutsideView {
            provider: "facebook",
            src: format!(
                "https://www.facebook.com/plugins/comments.php?href={}&numposts=10&width=500{app}",
                encode_component(page_url)
            ),
            link: None,
        }
    }

    /// The discussion under a Telegram channel message, `channel/123` as the editor set it
    /// (checked again here, since it is spliced into an address).
    pub fn telegram(message: &str) -> Option<Self> {
        let message = valid_telegram_message(message)?;
        Some(OutsideView {
            provider: "telegram",
            src: format!("https://t.me/{message}?embed=1&discussion=1&comments_limit=20"),
            link: Some(format!("https://t.me/{message}")),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: i64,
    pub author_name: String,
    pub body: String,
    pub date: String,
    pub date_iso: String,
    /// 0 for a comment, 1 for a reply, 2 for a reply to a reply.
    pub depth: usize,
    /// Written by a member of the newsroom.
    pub staff: bool,
    pub edited: bool,
    /// This comment's own address, on the page of comments it is on.
    pub permalink: String,
    /// Where a reader without JavaScript goes to answer it; none once comments are closed.
    pub reply_url: Option<String>,
}

impl CommentView {
    /// `post_url` is the post's encoded path; `open` says whether replies are taken.
    pub fn new(
        state: &AppState,
        locale: &str,
        placed: &minbar_content::comments::Placed<'_>,
        post_url: &str,
        open: bool,
    ) -> Self {
        let comment = placed.comment;
        let (date, date_iso) = dates(state, locale, Some(comment.created_at));
        let page = comments_page_url(post_url, placed.page);
        CommentView {
            id: comment.id.0,
            author_name: comment.author_name.clone(),
            body: comment.body.clone(),
            date,
            date_iso,
            depth: placed.depth,
            staff: comment.staff,
            edited: comment.edited_at.is_some(),
            permalink: format!("{page}#comment-{}", comment.id),
            reply_url: open.then(|| {
                let separator = if page.contains('?') { '&' } else { '?' };
                format!("{page}{separator}reply={}#comment-form", comment.id)
            }),
        }
    }
}

/// The address of page `page` of a post's comments; the first is the post itself.
fn comments_page_url(post_url: &str, page: usize) -> String {
    if page <= 1 {
        post_url.to_owned()
    } else {
        format!("{post_url}?comments={page}")
    }
}

/// `channel/123` from what an editor pasted: that form itself, or a `t.me` link to the message.
/// A channel name is 5–32 letters, digits and underscores, starting with a letter.
pub fn valid_telegram_message(input: &str) -> Option<String> {
    let input = input.trim();
    let rest = [
        "https://t.me/",
        "http://t.me/",
        "t.me/",
        "https://telegram.me/",
    ]
    .iter()
    .find_map(|prefix| input.strip_prefix(prefix))
    .unwrap_or(input);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (channel, number) = rest.trim_end_matches('/').split_once('/')?;
    let channel_ok = (5..=32).contains(&channel.len())
        && channel.starts_with(|c: char| c.is_ascii_alphabetic())
        && channel
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let number_ok =
        !number.is_empty() && number.len() <= 12 && number.bytes().all(|b| b.is_ascii_digit());
    (channel_ok && number_ok).then(|| format!("{channel}/{number}"))
}

/// The comment form's values, kept when it is shown again with an error.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CommentFormView {
    pub name: String,
    pub email: String,
    pub body: String,
    /// A message key, such as `error-comment-too-long`.
    pub error: Option<&'static str>,
    /// The number the error names, if any (a limit, or seconds to wait).
    pub error_max: Option<i64>,
    /// The comment being answered, and its writer's name.
    pub parent: Option<i64>,
    pub replying_to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    pub name: usize,
    pub body: usize,
}

pub const LIMITS: Limits = Limits {
    name: MAX_COMMENT_NAME_CHARS,
    body: MAX_COMMENT_CHARS,
};

/// Where a post's comments stand.
#[derive(Debug, Clone, Serialize)]
pub struct CommentsView {
    /// Comments readers can see, on every page.
    pub count: usize,
    /// The comments on the page shown.
    pub shown: Vec<CommentView>,
    pub page: usize,
    pub pages: usize,
    pub newer_url: Option<String>,
    pub older_url: Option<String>,
    /// Whether the form is there.
    pub open: bool,
    /// The Atom feed of this post's comments.
    pub feed_url: String,
}

impl CommentsView {
    /// Page `page` (from 1, clamped) of `comments`, arranged in threads.
    pub fn new(
        state: &AppState,
        locale: &str,
        post: &Post,
        comments: &[Comment],
        page: usize,
        open: bool,
    ) -> Self {
        let placed = minbar_content::comments::threads(comments);
        let pages = minbar_content::comments::pages(&placed);
        let page = page.clamp(1, pages);
        let post_url = encode_path(&post.path);
        CommentsView {
            count: comments.len(),
            shown: placed
                .iter()
                .filter(|p| p.page == page)
                .map(|p| CommentView::new(state, locale, p, &post_url, open))
                .collect(),
            page,
            pages,
            newer_url: (page > 1).then(|| comments_page_url(&post_url, page - 1) + "#comments"),
            older_url: (page < pages).then(|| comments_page_url(&post_url, page + 1) + "#comments"),
            open,
            feed_url: format!("/feeds/{}/comments/default", post.id),
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
        let locale = &site.format_locale();
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
        let language = site.locale.split('-').next().unwrap_or("ar").to_owned();
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
        if let Some(image) = &image {
            json_ld["image"] = serde_json::json!([image]);
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
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorView {
    pub layout: Layout,
    pub title_key: &'static str,
    pub body_key: &'static str,
}

impl ErrorView {
    pub fn new(state: &AppState, site: &Site, status: StatusCode) -> Self {
        let (title_key, body_key) = error_keys(status);
        ErrorView {
            layout: Layout::new(state, site, Vec::new(), &[]),
            title_key,
            body_key,
        }
    }
}

/// The message keys of the error page for `status`.
pub fn error_keys(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("error-400-title", "error-400-body"),
        403 => ("error-403-title", "error-403-body"),
        404 => ("error-404-title", "error-404-body"),
        413 => ("error-413-title", "error-413-body"),
        503 => ("error-503-title", "error-503-body"),
        _ => ("error-500-title", "error-500-body"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_paths_are_percent_encoded() {
        assert_eq!(
            encode_path("/2017/08/قسد-1.html"),
            "/2017/08/%D9%82%D8%B3%D8%AF-1.html"
        );
        assert_eq!(label_url("a/b c"), "/search/label/a%2Fb%20c");
    }

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
    fn pager_links_neighbours() {
        let pager = Pager::new("/", 2, 10, 25);
        assert_eq!(pager.pages, 3);
        assert_eq!(pager.newer_url.as_deref(), Some("/"));
        assert_eq!(pager.older_url.as_deref(), Some("/?page=3"));
        assert_eq!(Pager::new("/", 1, 10, 0).pages, 1);
    }

    #[test]
    fn list_pagers_link_paths_unless_asked_with_a_query() {
        let pager = Pager::for_list("/", 2, 10, 25);
        assert_eq!(pager.newer_url.as_deref(), Some("/"));
        assert_eq!(pager.older_url.as_deref(), Some("/page/3/"));
        let month = Pager::for_list("/2017/08/", 1, 10, 11);
        assert_eq!(month.older_url.as_deref(), Some("/2017/08/page/2/"));
        let label = Pager::for_list("/search/label/%D9%82", 3, 10, 30);
        assert_eq!(
            label.newer_url.as_deref(),
            Some("/search/label/%D9%82/page/2/")
        );
        assert_eq!(label.older_url, None);
        let hosted = Pager::for_list("/search/label/x?max-results=5", 1, 5, 11);
        assert_eq!(
            hosted.older_url.as_deref(),
            Some("/search/label/x?max-results=5&page=2")
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
