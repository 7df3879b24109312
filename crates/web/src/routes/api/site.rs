//! The rest of the site through the API: labels, static pages, media uploads, settings and
//! accounts (admins).

use super::read_json;
use crate::AppState;
use crate::auth::ApiUser;
use crate::error::AppError;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use minbar_content::SettingsText;
use minbar_content::{BodyFormat, Role};
use minbar_ops::Actor;
use serde::{Deserialize, Serialize};

pub(super) fn router() -> Router<AppState> {
    Router::new()
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
    let row = minbar_ops::media::upload(state.store(), state.media(), Actor::User(&user.0), file)
        .await
        .map_err(|e| match e {
            minbar_ops::OpError::Refused(minbar_ops::Refusal::Image(
                minbar_ops::media::ImageRefusal::TooLarge,
            )) => AppError::PayloadTooLarge,
            other => other.into(),
        })?;
    let url = minbar_content::media::address(&row.name);
    Ok((
        StatusCode::CREATED,
        Json(MediaJson {
            markdown: format!("![]({url})"),
            name: row.name,
            url,
            width: u32::try_from(row.width).unwrap_or(0),
            height: u32::try_from(row.height).unwrap_or(0),
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
    /// `ar`, `ckb`, `kmr` or `en`; the site's language when absent.
    #[serde(default)]
    language: Option<String>,
}

impl PageBody {
    fn draft(&self) -> minbar_ops::pages::PageDraft {
        minbar_ops::pages::PageDraft {
            title: self.title.clone(),
            slug: self.slug.clone().unwrap_or_default(),
            body: self.body.clone(),
            format: BodyFormat::Markdown,
            language: self.language.clone().unwrap_or_default(),
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

async fn get_settings(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<SettingsText>, AppError> {
    let site = minbar_ops::settings::show(state.store(), Actor::User(&user.0)).await?;
    Ok(Json(SettingsText::of(&site)))
}

async fn put_settings(
    State(state): State<AppState>,
    user: ApiUser,
    body: Bytes,
) -> Result<Json<SettingsText>, AppError> {
    user.require(Role::Admin)?;
    let text: SettingsText = read_json(&body)?;
    let updated = minbar_ops::settings::change(state.store(), Actor::User(&user.0), &text).await?;
    Ok(Json(SettingsText::of(&updated)))
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
