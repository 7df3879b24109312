//! A post's comments as its page shows them: threads paged, each comment with its permalink and
//! reply link, the form and its limits, and the outside provider's tab.

use super::layout::dates;
use super::urls::{encode_component, encode_path};
use crate::AppState;
use minbar_content::{Comment, FormatLocale, MAX_COMMENT_CHARS, MAX_COMMENT_NAME_CHARS, Post};
use serde::Serialize;

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
        let message = minbar_content::comment_checks::telegram_message(message)?;
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
        locale: &FormatLocale,
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
        locale: &FormatLocale,
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
