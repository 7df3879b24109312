//! The signed-in newsroom's pages: sign-in and the dashboard (`session`), the post editor,
//! whether a link can be embedded (`embed`), a published post's corrections and updates
//! (`notes`), static pages, media, the comment queue and bans, site settings and users, API
//! tokens. Every handler checks the role it needs (the operations check it again), every
//! state-changing form arrives as an [`AdminForm`](super::extract::AdminForm) whose token is
//! already checked, and every page is kept out of shared caches.

mod comments;
mod dashboard;
mod editor;
mod embed;
mod media;
mod notes;
mod pages;
mod session;
mod settings;
mod tokens;

use crate::AppState;
use crate::admin_views::AdminLayout;
use crate::auth::SignedIn;
use crate::error::AppError;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use minbar_content::Site;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .merge(session::router())
        .merge(dashboard::router())
        .merge(editor::router())
        .merge(embed::router())
        .merge(pages::router())
        .merge(notes::router())
        .merge(media::router())
        .merge(comments::router())
        .merge(settings::router())
        .merge(tokens::router())
}

/// The site, the layout of a signed-in page and the cookie its form token may need.
pub(super) async fn layout(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
) -> Result<(Site, AdminLayout, Option<HeaderValue>), AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let (token, cookie) =
        crate::csrf::form_token(&site.secret, headers, over_https(&site, headers));
    let layout = AdminLayout::new(state, &site, Some(&user.0), token);
    Ok((site, layout, cookie))
}

/// Whether the browser reached us over HTTPS (see `cookies::over_https`).
pub(super) fn over_https(site: &Site, headers: &HeaderMap) -> bool {
    crate::cookies::over_https(site.base_url.as_deref(), headers)
}

/// Renders an admin page, setting the form-token cookie when the browser has none, and keeping
/// every signed-in page out of shared caches.
pub(super) fn page(
    html: String,
    status: StatusCode,
    cookie: Option<header::HeaderValue>,
) -> Response {
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    if let Some(cookie) = cookie {
        headers.append(header::SET_COOKIE, cookie);
    }
    response
}
