//! API tokens in the admin: each user creates and revokes their own. A new token is shown once;
//! only its hash is kept.

use super::page;
use crate::AppState;
use crate::admin_views::{TokenItem, TokensView};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::routes::extract::{AdminForm, NoFields};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minbar_ops::Actor;
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/tokens", get(show_tokens).post(create_token))
        .route("/admin/tokens/{id}/revoke", post(revoke_token))
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    new_token: Option<String>,
) -> Result<Response, AppError> {
    let (site, layout, cookie) = super::layout(state, headers, user).await?;
    let tokens = minbar_store::users::tokens(state.store(), user.0.id).await?;
    let view = TokensView {
        layout,
        tokens: tokens
            .iter()
            .map(|t| TokenItem {
                name: t.name.clone(),
                created: state.i18n().date(&site.format_locale(), t.created_at),
                revoke_url: format!("/admin/tokens/{}/revoke", t.id),
            })
            .collect(),
        new_token,
    };
    let html = state.templates().render("admin/tokens.html", &view)?;
    Ok(page(html, StatusCode::OK, cookie))
}

async fn show_tokens(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    render(&state, &headers, &user, None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TokenForm {
    name: String,
}

async fn create_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, AppError> {
    let token =
        minbar_ops::users::create_token(state.store(), Actor::User(&user.0), None, &form.name)
            .await?;
    // Shown in this answer only, never stored: a reload will not show it again.
    render(&state, &headers, &user, Some(token)).await
}

async fn revoke_token(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(NoFields {}): AdminForm<NoFields>,
) -> Result<Response, AppError> {
    minbar_ops::users::revoke_token(state.store(), &user.0, id).await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}
