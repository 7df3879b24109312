//! The signed-in side: sign in and out and the post list. Every handler that
//! changes something checks the form token, and every handler checks the role it needs.

use super::{over_https, page};
use crate::AppState;
use crate::admin_views::{AdminLayout, AdminPostRow, PostListView, SignInView};
use crate::auth::{SignInError, SignedIn};
use crate::error::AppError;
use crate::routes::extract::{AdminForm, NoFields};
use crate::{auth, csrf};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minbar_content::{PostStatus, Role};
use serde::Deserialize;

use crate::routes::extract::{ClientAddress, Lenient};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/login", get(show_sign_in).post(sign_in))
        .route("/admin/logout", post(sign_out))
        .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
        .route("/admin/posts", get(list_posts))
}

async fn render_sign_in(
    state: &AppState,
    headers: &HeaderMap,
    email: String,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let (token, cookie) = csrf::form_token(&site.secret, headers, over_https(&site, headers));
    let view = SignInView {
        layout: AdminLayout::new(state, &site, None, token),
        email,
        error,
    };
    let html = state.templates().render("admin/login.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn show_sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    render_sign_in(&state, &headers, String::new(), None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SignInForm {
    email: String,
    password: String,
}

async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
    AdminForm(form): AdminForm<SignInForm>,
) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    match minbar_ops::users::sign_in(state.store(), &form.email, &form.password, address).await? {
        Ok(token) => {
            // A session the browser already held (perhaps one handed to it) ends here: the
            // signed-in browser holds only the new token.
            if let Some(old) = auth::session_token(&headers, over_https(&site, &headers)) {
                minbar_ops::users::sign_out(state.store(), &old).await?;
            }
            let mut response = Redirect::to("/admin/").into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                auth::session_cookie(&token, over_https(&site, &headers)),
            );
            Ok(response)
        }
        Err(error) => {
            let (key, status) = match error {
                SignInError::BadCredentials => ("signin-failed", StatusCode::UNAUTHORIZED),
                SignInError::TooManyAttempts => ("signin-throttled", StatusCode::TOO_MANY_REQUESTS),
            };
            let email: String = form.email.chars().take(254).collect();
            render_sign_in(&state, &headers, email, Some(key), status).await
        }
    }
}

async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    AdminForm(NoFields {}): AdminForm<NoFields>,
) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    if let Some(token) = auth::session_token(&headers, over_https(&site, &headers)) {
        minbar_ops::users::sign_out(state.store(), &token).await?;
    }
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        auth::session_cookie("", over_https(&site, &headers)),
    );
    Ok(response)
}

pub(super) const STATUSES: [PostStatus; 4] = [
    PostStatus::Draft,
    PostStatus::Review,
    PostStatus::Scheduled,
    PostStatus::Published,
];

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    status: Option<String>,
    q: Option<String>,
}

async fn list_posts(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Lenient(query): Lenient<ListQuery>,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    let (site, layout, cookie) = super::layout(&state, &headers, &user).await?;
    let status = query
        .status
        .as_deref()
        .and_then(|s| s.parse::<PostStatus>().ok());
    // Authors see their own posts; editors and admins see everyone's.
    let title: String = query.q.as_deref().unwrap_or("").chars().take(200).collect();
    let actor = minbar_ops::Actor::User(&user.0);
    let listing = minbar_ops::posts::list(state.store(), actor, status, &title, 100, 0).await?;
    let locale = site.format_locale();
    let view = PostListView {
        layout,
        status: status.map_or("", PostStatus::as_str),
        query: title.clone(),
        statuses: STATUSES.iter().map(|s| s.as_str()).collect(),
        posts: listing
            .posts
            .iter()
            .map(|p| AdminPostRow::new(&state, &locale, p))
            .collect(),
        total: listing.total,
    };
    let html = state.templates().render("admin/posts.html", &view)?;
    Ok(page(html, StatusCode::OK, cookie))
}
