//! Media: uploading images in the admin, and serving the stored files at `/media/NAME`.

use super::admin::{over_https, page};
use crate::AppState;
use crate::admin_views::{AdminLayout, MediaItem, MediaView};
use crate::auth::SignedIn;
use crate::csrf;
use crate::error::AppError;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use minbar_content::Role;
use minbar_media::{MAX_UPLOAD_BYTES, MediaName};
use minbar_ops::media::ImageRefusal;
use minbar_ops::{Actor, OpError, Refusal};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/media",
            get(list_media)
                .post(upload)
                // The one route that takes large bodies: an image plus the form around it.
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .route("/media/{name}", get(serve_file))
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let (token, cookie) = csrf::form_token(&site.secret, headers, over_https(&site, headers));
    let items = minbar_store::media::recent(state.store(), 60).await?;
    let view = MediaView {
        layout: AdminLayout::new(state, &site, Some(&user.0), token),
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
    super::admin::checked_site(&state, &headers, &token).await?;
    let file = file.unwrap_or_default();
    let uploaded =
        minbar_ops::media::upload(state.store(), state.media(), Actor::User(&user.0), file).await;
    match uploaded {
        Ok(_) => Ok(Redirect::to("/admin/media").into_response()),
        Err(OpError::Refused(Refusal::Image(refusal))) => {
            let status = status_of(&refusal);
            render(&state, &headers, &user, Some(refusal.key()), status).await
        }
        Err(OpError::Storage(_)) => {
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            render(&state, &headers, &user, Some("media-error-storage"), status).await
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
        render(state, headers, user, Some("media-error-too-large"), status).await
    } else {
        render(
            state,
            headers,
            user,
            Some("media-error-damaged"),
            StatusCode::BAD_REQUEST,
        )
        .await
    }
}

async fn serve_file(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, AppError> {
    let parsed = MediaName::parse(&name).ok_or(AppError::NotFound)?;
    let bytes = state.media().get(&name).ok_or(AppError::NotFound)?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(parsed.kind.content_type()),
    );
    // Names change with content, so a file never changes under its name.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
