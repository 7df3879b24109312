//! Media in the admin: the uploads page and uploading an image (authors and up). The visual
//! editor uploads through the same route asking for JSON (`Accept: application/json`), and lists
//! earlier uploads for its picker from `/admin/media.json`.

use super::page;
use crate::AppState;
use crate::admin_views::{MediaItem, MediaView};
use crate::auth::SignedIn;
use crate::error::AppError;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, http::header};
use minbar_content::Role;
use minbar_media::MAX_UPLOAD_BYTES;
use minbar_ops::media::ImageRefusal;
use minbar_ops::{Actor, OpError, Refusal};

/// How many earlier uploads the media page and the editor's picker list, newest first.
const RECENT: i64 = 60;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/media",
            get(list_media)
                .post(upload)
                // The one route that takes large bodies: an image plus the form around it.
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .route("/admin/media.json", get(list_media_json))
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (_, layout, cookie) = super::layout(state, headers, user).await?;
    let items = minbar_store::media::recent(state.store(), RECENT).await?;
    let view = MediaView {
        layout,
        items: items.iter().map(MediaItem::new).collect(),
        error,
        max_megabytes: MAX_UPLOAD_BYTES / (1024 * 1024),
    };
    let html = state.templates().render("admin/media.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn list_media(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    render(&state, &headers, &user, None, StatusCode::OK).await
}

/// The editor's picker: the newest uploads as plain data, `{"items": [{name, url, thumb_url,
/// width, height}]}`.
async fn list_media_json(
    State(state): State<AppState>,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    let items = minbar_store::media::recent(state.store(), RECENT).await?;
    let items: Vec<MediaItem> = items.iter().map(MediaItem::new).collect();
    let mut response = Json(serde_json::json!({ "items": items })).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// Whether the request asks for a JSON answer (the visual editor's upload) rather than a page.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// A refused upload: the media page with the message, or for the editor `{"error": key}` (the
/// editor's template holds each key's words).
async fn refuse(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    key: &'static str,
    status: StatusCode,
) -> Result<Response, AppError> {
    if wants_json(headers) {
        return Ok((status, Json(serde_json::json!({ "error": key }))).into_response());
    }
    render(state, headers, user, Some(key), status).await
}

/// The status an image refusal is answered with.
fn status_of(refusal: &ImageRefusal) -> StatusCode {
    match refusal {
        ImageRefusal::NotAnImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ImageRefusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    let Ok(mut multipart) = multipart else {
        return too_large_or_bad(&state, &headers, &user, StatusCode::BAD_REQUEST).await;
    };
    let mut token = String::new();
    let mut file: Option<Vec<u8>> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return too_large_or_bad(&state, &headers, &user, error.status()).await,
        };
        // The browser's file name is never used: names come from the content.
        match field.name() {
            Some("csrf") => token = field.text().await.unwrap_or_default(),
            Some("file") => match field.bytes().await {
                Ok(bytes) => file = Some(bytes.to_vec()),
                Err(error) => {
                    return too_large_or_bad(&state, &headers, &user, error.status()).await;
                }
            },
            _ => {}
        }
    }
    crate::routes::extract::check_token(&state, &headers, &token).await?;
    let file = file.unwrap_or_default();
    let uploaded =
        minbar_ops::media::upload(state.store(), state.media(), Actor::User(&user.0), file).await;
    match uploaded {
        Ok(row) if wants_json(&headers) => {
            let name = &row.name;
            let answer =
                serde_json::json!({ "name": name, "url": minbar_content::media::address(name) });
            Ok(Json(answer).into_response())
        }
        Ok(_) => Ok(Redirect::to("/admin/media").into_response()),
        Err(OpError::Refused(Refusal::Image(refusal))) => {
            let status = status_of(&refusal);
            refuse(&state, &headers, &user, refusal.key(), status).await
        }
        Err(OpError::Storage(_)) => {
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            refuse(&state, &headers, &user, "media-error-storage", status).await
        }
        Err(OpError::StorageFull(_)) => {
            let status = StatusCode::INSUFFICIENT_STORAGE;
            refuse(&state, &headers, &user, "media-error-full", status).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn too_large_or_bad(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    status: StatusCode,
) -> Result<Response, AppError> {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        refuse(state, headers, user, "media-error-too-large", status).await
    } else {
        let status = StatusCode::BAD_REQUEST;
        refuse(state, headers, user, "media-error-damaged", status).await
    }
}
