//! Feeds of posts, labels, authors, pages and comments, at Minbar's own addresses (`/atom.xml`,
//! `/rss.xml`, `/feed.json`) and at every address Blogger gave them, so a site that moves keeps
//! its subscribers: `/feeds/posts/default` and `/feeds/posts/summary` (with `alt=rss|json`,
//! `start-index`, `max-results`), `/feeds/posts/default/-/LABEL`, `/feeds/comments/default`,
//! `/feeds/POSTID/comments/default`, `/feeds/pages/default`.

use super::{base_url, cacheable};
use crate::AppState;
use crate::cache::Tag;
use crate::error::AppError;
use crate::feeds::{Entry, Feed, FeedFormat, esc as escape, write};
use crate::routes::extract::Lenient;
use crate::views::{encode_path, label_url};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use minbar_content::notes::{NotePlacement, PostNote};
use minbar_content::{Label, PostId, Site};
use minbar_store::posts::{InLanguage, Selection};
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/atom.xml", get(atom_xml))
        .route("/rss.xml", get(rss_xml))
        .route("/feed.json", get(feed_json))
        .route("/feeds/posts/{variant}", get(posts_feed))
        .route("/ar/feeds/posts/{variant}", get(language_feed))
        .route("/ckb/feeds/posts/{variant}", get(language_feed))
        .route("/kmr/feeds/posts/{variant}", get(language_feed))
        .route("/en/feeds/posts/{variant}", get(language_feed))
        .route("/feeds/posts/{variant}/-/{label}", get(label_feed))
        .route("/feeds/authors/{name}/{variant}", get(author_feed))
        .route("/feeds/pages/{variant}", get(pages_feed))
        .route("/feeds/comments/{variant}", get(site_comments_feed))
        .route("/feeds/{post}/comments/{variant}", get(post_comments_feed))
}

/// The newest items a feed holds when the reader does not ask for a number.
const DEFAULT_ITEMS: i64 = 25;
/// The most a reader may ask for at once (Blogger allowed 500; a page of 150 whole posts is
/// already a few megabytes).
const MAX_ITEMS: i64 = 150;
/// The furthest into the past a feed pages.
const MAX_START: i64 = 1_000_000;

/// Blogger's feed parameters. Every field is optional text: what cannot be read is ignored.
#[derive(Debug, Default, Deserialize)]
struct FeedParams {
    alt: Option<String>,
    #[serde(rename = "start-index")]
    start_index: Option<String>,
    #[serde(rename = "max-results")]
    max_results: Option<String>,
}

impl FeedParams {
    /// How many items, and the offset of the first (`start-index` is 1-based).
    fn window(&self) -> (i64, i64) {
        let number = |v: &Option<String>| v.as_deref().and_then(|v| v.trim().parse::<i64>().ok());
        let limit = number(&self.max_results)
            .unwrap_or(DEFAULT_ITEMS)
            .clamp(1, MAX_ITEMS);
        let offset = number(&self.start_index).unwrap_or(1).clamp(1, MAX_START) - 1;
        (limit, offset)
    }

    fn format(&self) -> FeedFormat {
        FeedFormat::from_alt(self.alt.as_deref())
    }
}

/// `default` feeds carry whole posts, `summary` feeds excerpts only; nothing else exists.
fn whole(variant: &str) -> Result<bool, AppError> {
    match variant {
        "default" => Ok(true),
        "summary" => Ok(false),
        _ => Err(AppError::NotFound),
    }
}

/// What every feed shares: the site, its base URL, and how the feed was asked for.
struct Request<'a> {
    state: &'a AppState,
    site: Site,
    base: String,
    headers: &'a HeaderMap,
    format: FeedFormat,
    /// The path and query of this feed, for its `self` link.
    self_path: String,
    /// The language of the feed's posts (empty: the site's own).
    language: &'static str,
}

impl<'a> Request<'a> {
    async fn new(
        state: &'a AppState,
        headers: &'a HeaderMap,
        format: FeedFormat,
        self_path: String,
    ) -> Result<Request<'a>, AppError> {
        let site = minbar_store::site::get(state.store()).await?;
        let base = base_url(&site, headers);
        Ok(Request {
            state,
            site,
            base,
            headers,
            format,
            self_path,
            language: "",
        })
    }

    /// The posts of the feed's language: the site's own (with those naming none) or another.
    fn language_selection(&self) -> Selection<'static> {
        let language = match self.language {
            "" => InLanguage {
                tag: minbar_content::parse_language(self.site.language()).unwrap_or("ar"),
                main: true,
            },
            other => InLanguage {
                tag: other,
                main: false,
            },
        };
        Selection {
            language: Some(language),
            ..Selection::default()
        }
    }

    /// A feed at the address it was asked at, in the format `alt=` asks for.
    async fn asked(
        state: &'a AppState,
        headers: &'a HeaderMap,
        uri: &axum::http::Uri,
        params: &FeedParams,
    ) -> Result<Request<'a>, AppError> {
        Request::new(
            state,
            headers,
            params.format(),
            self_path(uri.path(), uri.query()),
        )
        .await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, encode_path(path))
    }

    /// Sends the feed, or 304 when the reader has this version already.
    /// `tags` are what the cache forgets it by: `lists` (posts) and, for comments, `comments`.
    fn send(self, title: String, home_path: &str, entries: Vec<Entry>, tags: &[Tag]) -> Response {
        let updated = entries.iter().map(|e| e.updated).max().unwrap_or(0);
        let feed = Feed {
            title,
            subtitle: self.site.about.clone(),
            home_url: format!("{}{}", self.base, home_path),
            self_url: format!("{}{}", self.base, self.self_path),
            lang: match self.language {
                "" => self.site.locale.clone(),
                other => other.to_owned(),
            },
            updated,
            entries,
        };
        let body = write(&feed, self.format);
        cacheable(
            self.headers,
            self.format.content_type(),
            body,
            updated,
            tags,
        )
    }

    async fn posts(
        self,
        title: String,
        home_path: &str,
        selection: Selection<'_>,
        params: &FeedParams,
        whole: bool,
    ) -> Result<Response, AppError> {
        let (limit, offset) = params.window();
        let posts =
            minbar_store::posts::feed(self.state.store(), &selection, limit, offset).await?;
        let ids: Vec<PostId> = posts.iter().map(|p| p.id).collect();
        let notes = minbar_store::notes::for_posts(self.state.store(), &ids).await?;
        let entries = posts
            .into_iter()
            .map(|post| {
                let content_html = whole.then(|| self.with_notes(&post, &notes));
                let url = self.url(&post.path);
                let published = post.published_at.unwrap_or(post.updated_at);
                Entry {
                    id: url.clone(),
                    title: post.title,
                    url,
                    published,
                    updated: post.updated_at.max(published),
                    author: post.author,
                    categories: post.labels.into_iter().map(|l| l.name).collect(),
                    summary: post.excerpt,
                    content_html,
                }
            })
            .collect();
        Ok(self.send(title, home_path, entries, &[Tag::Lists]))
    }

    /// A post's body with its corrections and updates where the page shows them, so a feed
    /// reader sees the change the entry's new `updated` time announces.
    fn with_notes(&self, post: &minbar_content::Post, notes: &[(PostId, PostNote)]) -> String {
        let locale = self
            .site
            .format_locale_in(post.language.as_deref().unwrap_or(""));
        let box_of = |note: &PostNote| {
            let label = self
                .state
                .i18n()
                .message(&locale, &format!("note-{}", note.kind), &[]);
            let date = self.state.i18n().date(&locale, note.created_at);
            format!(
                "<p><strong>{}</strong> ({}): {}</p>",
                escape(&label),
                escape(&date),
                escape(&note.body)
            )
        };
        let mine = || {
            notes
                .iter()
                .filter(|(id, _)| *id == post.id)
                .map(|(_, n)| n)
        };
        let mut html = String::new();
        for note in mine().filter(|n| n.placement == NotePlacement::Top) {
            html.push_str(&box_of(note));
        }
        html.push_str(&post.body_html);
        for note in mine().filter(|n| n.placement == NotePlacement::Bottom) {
            html.push_str(&box_of(note));
        }
        html
    }

    async fn comments(
        self,
        title: String,
        home_path: &str,
        post: Option<PostId>,
        params: &FeedParams,
    ) -> Result<Response, AppError> {
        let (limit, offset) = params.window();
        let comments =
            minbar_store::comments::feed(self.state.store(), post, limit, offset).await?;
        let locale = self.site.format_locale();
        let entries = comments
            .into_iter()
            .map(|c| {
                let post_url = self.url(&c.post_path);
                let url = format!("{post_url}#c{}", c.comment.id.0);
                let title = self.state.i18n().message(
                    &locale,
                    "feed-comment-title",
                    &[
                        (
                            "author",
                            crate::i18n::Arg::Text(c.comment.author_name.clone()),
                        ),
                        ("post", crate::i18n::Arg::Text(c.post_title.clone())),
                    ],
                );
                Entry {
                    id: url.clone(),
                    title,
                    url,
                    published: c.comment.created_at,
                    updated: c.comment.created_at,
                    author: Some(c.comment.author_name),
                    categories: Vec::new(),
                    summary: c.comment.body.clone(),
                    content_html: None,
                }
            })
            .collect();
        Ok(self.send(title, home_path, entries, &[Tag::Comments, Tag::Lists]))
    }
}

/// This request's path and query, for a feed's `self` link.
fn self_path(path: &str, query: Option<&str>) -> String {
    match query.filter(|q| !q.is_empty() && q.len() <= 500) {
        Some(q) => format!("{}?{}", encode_path(path), encode_path(q)),
        None => encode_path(path),
    }
}

async fn site_feed(
    state: &AppState,
    headers: &HeaderMap,
    format: FeedFormat,
    path: &str,
    params: &FeedParams,
) -> Result<Response, AppError> {
    let request = Request::new(state, headers, format, path.to_owned()).await?;
    let title = request.site.title.clone();
    let selection = request.language_selection();
    request.posts(title, "/", selection, params, true).await
}

async fn atom_xml(
    State(state): State<AppState>,
    headers: HeaderMap,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    site_feed(&state, &headers, FeedFormat::Atom, "/atom.xml", &params).await
}

async fn rss_xml(
    State(state): State<AppState>,
    headers: HeaderMap,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    site_feed(&state, &headers, FeedFormat::Rss, "/rss.xml", &params).await
}

async fn feed_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    site_feed(&state, &headers, FeedFormat::Json, "/feed.json", &params).await
}

async fn posts_feed(
    State(state): State<AppState>,
    Path(variant): Path<String>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    let whole = whole(&variant)?;
    let request = Request::asked(&state, &headers, &uri, &params).await?;
    let title = request.site.title.clone();
    let selection = request.language_selection();
    request.posts(title, "/", selection, &params, whole).await
}

/// `/ckb/feeds/posts/default`: the posts in one language, as `/ckb/` lists them.
async fn language_feed(
    State(state): State<AppState>,
    Path(variant): Path<String>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    let whole = whole(&variant)?;
    let language = super::lists::language_in_path(&uri);
    let mut request = Request::asked(&state, &headers, &uri, &params).await?;
    if language == request.site.language() {
        let main = format!("/feeds/posts/{variant}");
        return Ok(crate::routes::compat::moved_permanently(&main));
    }
    request.language = language;
    let title = format!(
        "{} ({})",
        request.site.title,
        minbar_content::autonym(language)
    );
    let selection = request.language_selection();
    let home = format!("/{language}/");
    request.posts(title, &home, selection, &params, whole).await
}

async fn label_feed(
    State(state): State<AppState>,
    Path((variant, name)): Path<(String, String)>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    let whole = whole(&variant)?;
    let key = Label::new(&name).key;
    let label = minbar_store::labels::by_key(state.store(), &key)
        .await?
        .ok_or(AppError::NotFound)?;
    let request = Request::asked(&state, &headers, &uri, &params).await?;
    let title = format!("{} – {}", request.site.title, label.name);
    let selection = Selection {
        label_key: Some(&key),
        ..Selection::default()
    };
    request
        .posts(title, &label_url(&label.name), selection, &params, whole)
        .await
}

async fn author_feed(
    State(state): State<AppState>,
    Path((name, variant)): Path<(String, String)>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    let whole = whole(&variant)?;
    if !minbar_store::authors::exists(state.store(), &name).await? {
        return Err(AppError::NotFound);
    }
    let request = Request::asked(&state, &headers, &uri, &params).await?;
    let title = format!("{} – {}", request.site.title, name);
    let selection = Selection {
        author: Some(&name),
        ..Selection::default()
    };
    request.posts(title, "/", selection, &params, whole).await
}

async fn pages_feed(
    State(state): State<AppState>,
    Path(variant): Path<String>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    let whole = whole(&variant)?;
    let request = Request::asked(&state, &headers, &uri, &params).await?;
    let (limit, offset) = params.window();
    let pages = minbar_store::pages::all(state.store()).await?;
    let entries = pages
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .map(|page| {
            let url = request.url(&format!("/p/{}.html", page.slug.as_str()));
            let text = minbar_content::html_to_text(&page.body_html);
            Entry {
                id: url.clone(),
                title: page.title,
                url,
                published: page.updated_at,
                updated: page.updated_at,
                author: None,
                categories: Vec::new(),
                summary: minbar_text::excerpt(&text, 300),
                content_html: whole.then_some(page.body_html),
            }
        })
        .collect();
    let title = request.site.title.clone();
    // Pages change only with the layout, which clears everything: no tags.
    Ok(request.send(title, "/", entries, &[]))
}

async fn site_comments_feed(
    State(state): State<AppState>,
    Path(variant): Path<String>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    whole(&variant)?;
    let request = Request::asked(&state, &headers, &uri, &params).await?;
    let locale = request.site.format_locale();
    let title = state.i18n().message(
        &locale,
        "feed-comments-title",
        &[("site", crate::i18n::Arg::Text(request.site.title.clone()))],
    );
    request.comments(title, "/", None, &params).await
}

/// A post's comments: `POSTID` is the post's id on Blogger for imported posts (old feed
/// addresses keep working), else its id here.
async fn post_comments_feed(
    State(state): State<AppState>,
    Path((post, variant)): Path<(String, String)>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Lenient(params): Lenient<FeedParams>,
) -> Result<Response, AppError> {
    whole(&variant)?;
    if post.is_empty() || post.len() > 40 || !post.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::NotFound);
    }
    let store = state.store();
    let id = match minbar_store::imports::imported_id(store, "post", &post).await? {
        Some(id) => id,
        None => post.parse::<i64>().map_err(|_| AppError::NotFound)?,
    };
    let found = minbar_store::posts::published_path(store, PostId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let (path, post_title) = found;
    let request = Request::asked(&state, &headers, &uri, &params).await?;
    let locale = request.site.format_locale();
    let title = state.i18n().message(
        &locale,
        "feed-post-comments-title",
        &[("post", crate::i18n::Arg::Text(post_title))],
    );
    let home = encode_path(&path);
    request
        .comments(title, &home, Some(PostId(id)), &params)
        .await
}
