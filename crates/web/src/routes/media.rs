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
use minbar_media::{MAX_UPLOAD_BYTES, MediaError, MediaName};

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

/// What went wrong with an upload: the message key and the status.
fn refusal(error: &MediaError) -> (&'static str, StatusCode) {
    match error {
        MediaError::NotAnImage => ("media-error-not-image", StatusCode::UNSUPPORTED_MEDIA_TYPE),
        MediaError::TooLarge => ("media-error-too-large", StatusCode::PAYLOAD_TOO_LARGE),
        MediaError::TooManyPixels(_) => (
            "media-error-too-many-pixels",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        MediaError::Damaged(_) => ("media-error-damaged", StatusCode::UNPROCESSABLE_ENTITY),
        MediaError::Io(..) => ("media-error-storage", StatusCode::INTERNAL_SERVER_ERROR),
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
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return render(
            &state,
            &headers,
            &user,
            Some("media-error-no-file"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    // Decoding and encoding take CPU time: keep them off the async workers.
    match store_upload(&state, file, user.0.id).await? {
        Ok(_) => {}
        Err(error) => {
            let (key, status) = refusal(&error);
            return render(&state, &headers, &user, Some(key), status).await;
        }
    }
    Ok(Redirect::to("/admin/media").into_response())
}

/// Processes an upload, stores every copy and records it: what the admin's form and the API
/// share. The outer error is the database's; the inner says why the image was refused.
pub(super) async fn store_upload(
    state: &AppState,
    file: Vec<u8>,
    uploaded_by: minbar_content::UserId,
) -> Result<Result<minbar_media::Processed, MediaError>, AppError> {
    // Decoding and encoding take CPU time: keep them off the async workers.
    let processed = tokio::task::spawn_blocking(move || minbar_media::process(&file))
        .await
        .map_err(|_| AppError::BadRequest)?;
    let processed = match processed {
        Ok(processed) => processed,
        Err(error) => return Ok(Err(error)),
    };
    for encoded in &processed.files {
        if let Err(error) = state.media().put(&encoded.name, &encoded.bytes) {
            tracing::error!(%error, "storing an upload failed");
            return Ok(Err(error));
        }
    }
    let row = minbar_store::media::MediaRow {
        name: processed.name().to_owned(),
        content_type: processed.kind.content_type().to_owned(),
        width: i64::from(processed.width),
        height: i64::from(processed.height),
        bytes: processed.files.first().map_or(0, |f| f.bytes.len() as i64),
        created_at: jiff::Timestamp::now().as_second(),
    };
    minbar_store::media::insert(state.store(), &row, Some(uploaded_by)).await?;
    Ok(Ok(processed))
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
