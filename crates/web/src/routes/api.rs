//! The JSON API under `/api/v1`, for mobile apps and scripts: posts, comments, labels and media,
//! authenticated by per-user tokens (`Authorization: Bearer mbt_…`), with the same role rules as
//! the admin. Errors are JSON (`{"error": status, "message": …}`); the document describing all of
//! it is at `/api/v1/openapi.json`.

use super::Lenient;
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::AppError;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use minbar_content::{
    BodyFormat, CommentId, CommentStatus, Post, PostDraft, PostId, PostStatus, Role,
};
use minbar_ops::Actor;
use minbar_ops::comments::Moderation;
use serde::{Deserialize, Serialize};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/posts", get(list_posts).post(create_post))
        .route(
            "/api/v1/posts/{id}",
            get(get_post).put(update_post).delete(delete_post),
        )
        .route("/api/v1/comments", get(list_comments))
        .route("/api/v1/comments/{id}/approve", post(approve_comment))
        .route("/api/v1/comments/{id}/spam", post(spam_comment))
        .route(
            "/api/v1/comments/{id}",
            axum::routing::delete(delete_comment),
        )
        .route("/api/v1/labels", get(list_labels))
        .route("/api/v1/pages", get(list_pages).post(create_page))
        .route("/api/v1/pages/{slug}", get(get_page).put(update_page))
        .route("/api/v1/settings", get(get_settings).put(put_settings))
        .route("/api/v1/users", get(list_users).post(add_user))
        .route(
            "/api/v1/media",
            post(upload_media).layer(DefaultBodyLimit::max(
                minbar_media::MAX_UPLOAD_BYTES + 64 * 1024,
            )),
        )
}

/// Posts per page of `GET /api/v1/posts`.
const PER_PAGE: i64 = 20;

/// A JSON body read leniently: a body that is not the JSON expected is a 422 saying why, never
/// the framework's plain-text rejection.
fn read_json<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, AppError> {
    serde_json::from_slice(body)
        .map_err(|e| AppError::Invalid(format!("the body is not valid: {e}")))
}

/// A post as the API shows it.
#[derive(Debug, Serialize)]
struct PostJson {
    id: i64,
    path: String,
    title: String,
    body: String,
    status: &'static str,
    featured: bool,
    labels: Vec<String>,
    /// RFC 3339, UTC.
    published_at: Option<String>,
    cover: Option<String>,
    excerpt: String,
}

fn rfc3339(at: i64) -> Option<String> {
    jiff::Timestamp::from_second(at).ok().map(|t| t.to_string())
}

impl PostJson {
    fn new(post: &Post) -> Self {
        PostJson {
            id: post.id.0,
            path: crate::views::encode_path(&post.path),
            title: post.title.clone(),
            body: post.body_source.clone(),
            status: post.status.as_str(),
            featured: post.featured,
            labels: post.labels.iter().map(|l| l.name.clone()).collect(),
            published_at: post.published_at.and_then(rfc3339),
            cover: post.cover.as_ref().map(|c| format!("/media/{c}")),
            excerpt: post.excerpt.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
struct PostSummaryJson {
    id: i64,
    path: String,
    title: String,
    status: &'static str,
    published_at: Option<String>,
}

#[derive(Debug, Serialize)]
struct PostPage {
    total: i64,
    page: i64,
    per_page: i64,
    posts: Vec<PostSummaryJson>,
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    status: Option<String>,
    page: Option<String>,
    /// Words the title must contain.
    q: Option<String>,
}

async fn list_posts(
    State(state): State<AppState>,
    user: ApiUser,
    Lenient(query): Lenient<ListQuery>,
) -> Result<Json<PostPage>, AppError> {
    let status = match query.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            s.parse::<PostStatus>()
                .map_err(|e| AppError::Invalid(e.to_string()))?,
        ),
    };
    let page = query
        .page
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .filter(|p| (1..=10_000).contains(p))
        .unwrap_or(1);
    let title = query.q.as_deref().unwrap_or("");
    let offset = (page - 1) * PER_PAGE;
    let listing = minbar_ops::posts::list(
        state.store(),
        Actor::User(&user.0),
        status,
        title,
        PER_PAGE,
        offset,
    )
    .await?;
    Ok(Json(PostPage {
        total: listing.total,
        page,
        per_page: PER_PAGE,
        posts: listing
            .posts
            .iter()
            .map(|p| PostSummaryJson {
                id: p.id.0,
                path: crate::views::encode_path(&p.path),
                title: p.title.clone(),
                status: p.status.as_str(),
                published_at: p.published_at.and_then(rfc3339),
            })
            .collect(),
    }))
}

/// What a client sends to write a post.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PostBody {
    title: String,
    /// Markdown.
    body: String,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    featured: bool,
    /// RFC 3339; now when absent.
    #[serde(default)]
    published_at: Option<String>,
    /// The name (or `/media/` address) of an uploaded image shown above the post.
    #[serde(default)]
    cover: Option<String>,
    /// A summary; taken from the body when absent.
    #[serde(default)]
    excerpt: Option<String>,
    /// For a new post: the slug of its address.
    #[serde(default)]
    slug: Option<String>,
}

impl PostBody {
    /// The draft this body asks for, as every door gives it to the operations.
    fn draft(self) -> Result<PostDraft, AppError> {
        let published_at = match self.published_at.as_deref() {
            None => None,
            Some(text) => Some(
                text.parse::<jiff::Timestamp>()
                    .map_err(|_| {
                        AppError::Invalid(format!("published_at {text:?} is not an RFC 3339 time"))
                    })?
                    .as_second(),
            ),
        };
        Ok(PostDraft {
            title: self.title,
            body: self.body,
            format: BodyFormat::Markdown,
            labels: self.labels,
            status: self.status.unwrap_or_default(),
            featured: self.featured,
            published_at,
            cover: self.cover.unwrap_or_default(),
            excerpt: self.excerpt.unwrap_or_default(),
            slug: self.slug.unwrap_or_default(),
        })
    }
}

async fn create_post(
    State(state): State<AppState>,
    user: ApiUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let draft = read_json::<PostBody>(&body)?.draft()?;
    let created =
        minbar_ops::posts::create(state.store(), Actor::User(&user.0), &draft, None).await?;
    let stored = minbar_ops::posts::read(state.store(), Actor::User(&user.0), created.id).await?;
    Ok((StatusCode::CREATED, Json(PostJson::new(&stored))).into_response())
}

async fn get_post(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<PostJson>, AppError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let post = minbar_ops::posts::read(state.store(), Actor::User(&user.0), PostId(id)).await?;
    Ok(Json(PostJson::new(&post)))
}

async fn update_post(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<PostJson>, AppError> {
    let id = PostId(id.parse::<i64>().map_err(|_| AppError::NotFound)?);
    let actor = Actor::User(&user.0);
    minbar_ops::posts::editable(state.store(), actor, id).await?;
    let draft = read_json::<PostBody>(&body)?.draft()?;
    let updated = minbar_ops::posts::update(state.store(), actor, id, &draft).await?;
    Ok(Json(PostJson::new(&updated)))
}

async fn delete_post(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    user.require(Role::Editor)?;
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    minbar_ops::posts::delete(state.store(), Actor::User(&user.0), PostId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize)]
struct CommentJson {
    id: i64,
    post_id: i64,
    post_title: String,
    author: String,
    body: String,
    status: &'static str,
    created_at: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct CommentQuery {
    status: Option<String>,
}

async fn list_comments(
    State(state): State<AppState>,
    user: ApiUser,
    Lenient(query): Lenient<CommentQuery>,
) -> Result<Json<Vec<CommentJson>>, AppError> {
    user.require(Role::Editor)?;
    let status = match query.status.as_deref() {
        None | Some("") => CommentStatus::Pending,
        Some(s) => s
            .parse()
            .map_err(|e: minbar_content::ParseValueError| AppError::Invalid(e.to_string()))?,
    };
    let queued = minbar_store::comments::queue(state.store(), status, 200).await?;
    Ok(Json(
        queued
            .into_iter()
            .map(|q| CommentJson {
                id: q.comment.id.0,
                post_id: q.comment.post_id.0,
                post_title: q.post_title,
                author: q.comment.author_name,
                body: q.comment.body,
                status: q.comment.status.as_str(),
                created_at: rfc3339(q.comment.created_at),
            })
            .collect(),
    ))
}

async fn moderate_comment(
    state: &AppState,
    user: &ApiUser,
    id: &str,
    action: Moderation,
) -> Result<StatusCode, AppError> {
    user.require(Role::Editor)?;
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    minbar_ops::comments::moderate(state.store(), Actor::User(&user.0), CommentId(id), &action)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn approve_comment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    moderate_comment(&state, &user, &id, Moderation::Approve).await
}

async fn spam_comment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    moderate_comment(&state, &user, &id, Moderation::Spam).await
}

async fn delete_comment(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    moderate_comment(&state, &user, &id, Moderation::Delete).await
}

#[derive(Debug, Serialize)]
struct LabelJson {
    name: String,
    key: String,
    posts: i64,
    url: String,
}

async fn list_labels(
    State(state): State<AppState>,
    _user: ApiUser,
) -> Result<Json<Vec<LabelJson>>, AppError> {
    let labels = minbar_store::labels::all_with_counts(state.store()).await?;
    Ok(Json(
        labels
            .into_iter()
            .map(|(label, posts)| LabelJson {
                url: crate::views::label_url(&label.name),
                name: label.name,
                key: label.key,
                posts,
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize)]
struct MediaJson {
    name: String,
    url: String,
    width: u32,
    height: u32,
    /// What to put in a post's Markdown.
    markdown: String,
}

async fn upload_media(
    State(state): State<AppState>,
    user: ApiUser,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    // A body that is not multipart at all is refused in JSON like every other API error.
    let mut multipart = multipart.map_err(|e| AppError::Invalid(e.body_text()))?;
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(bytes) => file = Some(bytes.to_vec()),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(AppError::PayloadTooLarge);
                }
                Err(e) => return Err(AppError::Invalid(e.body_text())),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(AppError::PayloadTooLarge);
            }
            Err(e) => return Err(AppError::Invalid(e.body_text())),
        }
    }
    let file = file.ok_or_else(|| AppError::Invalid("no `file` part".to_owned()))?;
    let processed =
        minbar_ops::media::upload(state.store(), state.media(), Actor::User(&user.0), file)
            .await
            .map_err(|e| match e {
                minbar_ops::OpError::Refused(minbar_ops::Refusal::Image(
                    minbar_ops::media::ImageRefusal::TooLarge,
                )) => AppError::PayloadTooLarge,
                other => other.into(),
            })?;
    let url = format!("/media/{}", processed.name());
    Ok((
        StatusCode::CREATED,
        Json(MediaJson {
            markdown: format!("![]({url})"),
            name: processed.name().to_owned(),
            url,
            width: processed.width,
            height: processed.height,
        }),
    )
        .into_response())
}

/// A static page as the API shows it.
#[derive(Debug, Serialize)]
struct PageJson {
    slug: String,
    path: String,
    title: String,
    body: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageBody {
    title: String,
    /// Markdown.
    body: String,
    /// For a new page; made from the title when absent. A page's slug never changes.
    #[serde(default)]
    slug: Option<String>,
}

impl PageBody {
    fn draft(&self) -> minbar_ops::pages::PageDraft {
        minbar_ops::pages::PageDraft {
            title: self.title.clone(),
            slug: self.slug.clone().unwrap_or_default(),
            body: self.body.clone(),
            format: BodyFormat::Markdown,
        }
    }
}

async fn page_json(state: &AppState, slug: &str) -> Result<PageJson, AppError> {
    let (title, body) = minbar_store::pages::source(state.store(), slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PageJson {
        path: crate::views::encode_path(&format!("/p/{slug}.html")),
        slug: slug.to_owned(),
        title,
        body,
    })
}

async fn list_pages(
    State(state): State<AppState>,
    _user: ApiUser,
) -> Result<Json<Vec<PageJson>>, AppError> {
    let mut pages = Vec::new();
    for (slug, _) in minbar_store::pages::list(state.store()).await? {
        pages.push(page_json(&state, &slug).await?);
    }
    Ok(Json(pages))
}

async fn get_page(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(slug): Path<String>,
) -> Result<Json<PageJson>, AppError> {
    Ok(Json(page_json(&state, &slug).await?))
}

async fn create_page(
    State(state): State<AppState>,
    user: ApiUser,
    body: Bytes,
) -> Result<Response, AppError> {
    let body: PageBody = read_json(&body)?;
    let (stored, _) =
        minbar_ops::pages::create(state.store(), Actor::User(&user.0), &body.draft()).await?;
    Ok((
        StatusCode::CREATED,
        Json(page_json(&state, stored.slug.as_str()).await?),
    )
        .into_response())
}

async fn update_page(
    State(state): State<AppState>,
    user: ApiUser,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Json<PageJson>, AppError> {
    user.require(Role::Editor)?;
    let body: PageBody = read_json(&body)?;
    minbar_ops::pages::update(state.store(), Actor::User(&user.0), &slug, &body.draft()).await?;
    Ok(Json(page_json(&state, &slug).await?))
}

/// The site's settings as the API shows and takes them (admins).
#[derive(Debug, Serialize)]
struct SettingsJson {
    title: String,
    about: String,
    locale: String,
    moderation: &'static str,
    outside_comments: &'static str,
    base_url: String,
    digits: &'static str,
    month_names: &'static str,
    facebook_app_id: String,
    comments_close_days: String,
}

impl SettingsJson {
    fn new(site: &minbar_content::Site) -> Self {
        SettingsJson {
            title: site.title.clone(),
            about: site.about.clone(),
            locale: site.locale.clone(),
            moderation: site.moderation.as_str(),
            outside_comments: site.outside_comments.map_or("none", |o| o.as_str()),
            base_url: site.base_url.clone().unwrap_or_default(),
            digits: site.style.digits.as_str(),
            month_names: site.style.months.map_or("locale", |m| m.as_str()),
            facebook_app_id: site.facebook_app_id.clone().unwrap_or_default(),
            comments_close_days: site
                .comments_close_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }
}

async fn get_settings(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<SettingsJson>, AppError> {
    let site = minbar_ops::settings::show(state.store(), Actor::User(&user.0)).await?;
    Ok(Json(SettingsJson::new(&site)))
}

async fn put_settings(
    State(state): State<AppState>,
    user: ApiUser,
    body: Bytes,
) -> Result<Json<SettingsJson>, AppError> {
    user.require(Role::Admin)?;
    let text: minbar_content::SettingsText = read_json(&body)?;
    let updated = minbar_ops::settings::change(state.store(), Actor::User(&user.0), &text).await?;
    Ok(Json(SettingsJson::new(&updated)))
}

#[derive(Debug, Serialize)]
struct UserJson {
    id: i64,
    name: String,
    email: String,
    role: &'static str,
}

impl UserJson {
    fn new(user: &minbar_content::User) -> Self {
        UserJson {
            id: user.id.0,
            name: user.name.clone(),
            email: user.email.clone(),
            role: user.role.as_str(),
        }
    }
}

async fn list_users(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Vec<UserJson>>, AppError> {
    Ok(Json(
        minbar_ops::users::list(state.store(), Actor::User(&user.0))
            .await?
            .iter()
            .map(UserJson::new)
            .collect(),
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUserBody {
    name: String,
    email: String,
    role: String,
    password: String,
}

async fn add_user(
    State(state): State<AppState>,
    user: ApiUser,
    body: Bytes,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let body: NewUserBody = read_json(&body)?;
    let new = minbar_ops::users::NewUser {
        name: body.name,
        email: body.email,
        role: body.role,
        password: body.password,
    };
    let added = minbar_ops::users::add(state.store(), Actor::User(&user.0), &new).await?;
    Ok((StatusCode::CREATED, Json(UserJson::new(&added))).into_response())
}

async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        crate::openapi::DOCUMENT,
    )
        .into_response()
}
