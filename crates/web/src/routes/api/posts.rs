//! Posts through the API: listed, read, written, changed and deleted under the writer's role.

use super::{PER_PAGE, read_json, rfc3339};
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::AppError;
use crate::routes::extract::Lenient;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use minbar_content::{BodyFormat, Post, PostDraft, PostId, PostStatus, Role};
use minbar_ops::Actor;
use serde::{Deserialize, Serialize};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/posts", get(list_posts).post(create_post))
        .route(
            "/api/v1/posts/{id}",
            get(get_post).put(update_post).delete(delete_post),
        )
        .route("/api/v1/posts/{id}/notes", axum::routing::post(add_note))
}

/// A correction or update to add to a published post.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteBody {
    /// `correction` (the default) or `update`.
    #[serde(default)]
    kind: String,
    /// `top` (the default) or `bottom`.
    #[serde(default)]
    placement: String,
    /// Plain text.
    body: String,
}

/// A note as the API shows it.
#[derive(Debug, Serialize)]
struct NoteJson {
    id: i64,
    kind: &'static str,
    placement: &'static str,
    body: String,
    created_at: Option<String>,
}

async fn add_note(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let id = PostId(id.parse::<i64>().map_err(|_| AppError::NotFound)?);
    let note = read_json::<NoteBody>(&body)?;
    let added = minbar_ops::posts::add_note(
        state.store(),
        Actor::User(&user.0),
        id,
        (&note.kind, &note.placement, &note.body),
    )
    .await?;
    let json = NoteJson {
        id: added.id,
        kind: added.kind.as_str(),
        placement: added.placement.as_str(),
        body: added.body,
        created_at: rfc3339(added.created_at),
    };
    Ok((StatusCode::CREATED, Json(json)).into_response())
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
    /// The language it is written in; `null`: the site's.
    language: Option<String>,
    /// The version of its text: give it back when changing the post, so a save over someone
    /// else's newer one is refused.
    version: i64,
}

impl PostJson {
    /// The post as stored, with the version of its text read from the store.
    async fn of(state: &AppState, post: &Post) -> Result<Self, AppError> {
        let version = minbar_store::posts::version(state.store(), post.id).await?;
        Ok(PostJson::new(post, version))
    }

    fn new(post: &Post, version: i64) -> Self {
        PostJson {
            id: post.id.0,
            path: crate::views::encode_path(&post.path),
            title: post.title.clone(),
            body: post.body_source.clone(),
            status: post.status.as_str(),
            featured: post.featured,
            labels: post.labels.iter().map(|l| l.name.clone()).collect(),
            published_at: post.published_at.and_then(rfc3339),
            cover: post.cover.as_deref().map(minbar_content::media::address),
            excerpt: post.excerpt.clone(),
            language: post.language.clone(),
            version,
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
    /// `ar`, `ckb`, `kmr` or `en`; the site's language when absent.
    #[serde(default)]
    language: Option<String>,
    /// The id of a post this one translates.
    #[serde(default)]
    translation_of: Option<i64>,
    /// When changing a post: the `version` it was read at; a newer save since is refused (409).
    #[serde(default)]
    version: Option<i64>,
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
            language: self.language.unwrap_or_default(),
            translation_of: self.translation_of,
            version: self.version,
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
    // A new post has no earlier version; nothing is read after the commit.
    let json = PostJson::new(&created.post, 0);
    Ok((StatusCode::CREATED, Json(json)).into_response())
}

async fn get_post(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<PostJson>, AppError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let post = minbar_ops::posts::read(state.store(), Actor::User(&user.0), PostId(id)).await?;
    Ok(Json(PostJson::of(&state, &post).await?))
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
    let (updated, version) = minbar_ops::posts::update(state.store(), actor, id, &draft).await?;
    Ok(Json(PostJson::new(&updated, version)))
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
