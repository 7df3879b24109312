//! Site settings and the newsroom's accounts (admins): every setting with the same rules as
//! the API and `minbar site set`, adding people, changing roles, removing accounts.

use super::{layout, page};
use crate::AppState;
use crate::admin_views::{AdminLayout, SettingsView, UserRow, UsersView};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::routes::extract::{AdminForm, NoFields};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minbar_content::{Role, SettingsText};
use minbar_ops::{Actor, OpError, Refusal};
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/settings", get(show_settings).post(save_settings))
        .route("/admin/users", get(show_users).post(add_user))
        .route("/admin/users/{id}/role", post(change_role))
        .route("/admin/users/{id}/remove", post(remove_user))
}

/// The settings form: the token and every setting as text.
#[derive(Debug, Default, Deserialize)]
struct SettingsForm {
    #[serde(default)]
    #[serde(flatten)]
    settings: SettingsText,
}

fn settings_view(
    layout: AdminLayout,
    form: &SettingsText,
    error: Option<&'static str>,
) -> SettingsView {
    SettingsView {
        layout,
        settings: form.clone(),
        locales: minbar_content::SUPPORTED_LOCALES.to_vec(),
        zones: minbar_content::clock::zone_names(),
        error,
    }
}

async fn show_settings(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let (site, layout, cookie) = layout(&state, &headers, &user).await?;
    let form = SettingsText::of(&site);
    let html = state
        .templates()
        .render("admin/settings.html", &settings_view(layout, &form, None))?;
    Ok(page(html, StatusCode::OK, cookie))
}

async fn save_settings(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    AdminForm(form): AdminForm<SettingsForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    match minbar_ops::settings::change(state.store(), Actor::User(&user.0), &form.settings).await {
        Ok(_) => Ok(Redirect::to("/admin/settings").into_response()),
        Err(OpError::Refused(refusal)) => {
            let (_, layout, cookie) = layout(&state, &headers, &user).await?;
            let html = state.templates().render(
                "admin/settings.html",
                &settings_view(layout, &form.settings, Some(refusal.key())),
            )?;
            Ok(page(html, StatusCode::UNPROCESSABLE_ENTITY, cookie))
        }
        Err(other) => Err(other.into()),
    }
}

async fn render_users(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    form: &UserForm,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (_, layout, cookie) = layout(state, headers, user).await?;
    let users = minbar_store::users::list(state.store()).await?;
    let view = UsersView {
        layout,
        users: users.iter().map(UserRow::new).collect(),
        name: form.name.clone(),
        email: form.email.clone(),
        role: form.role.clone(),
        error,
    };
    let html = state.templates().render("admin/users.html", &view)?;
    Ok(page(html, status, cookie))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct UserForm {
    name: String,
    email: String,
    role: String,
    password: String,
}

async fn show_users(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    render_users(
        &state,
        &headers,
        &user,
        &UserForm::default(),
        None,
        StatusCode::OK,
    )
    .await
}

async fn add_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    AdminForm(form): AdminForm<UserForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let new = minbar_ops::users::NewUser {
        name: form.name.clone(),
        email: form.email.clone(),
        role: form.role.clone(),
        password: form.password.clone(),
    };
    match minbar_ops::users::add(state.store(), Actor::User(&user.0), &new).await {
        Ok(_) => Ok(Redirect::to("/admin/users").into_response()),
        Err(OpError::Refused(refusal)) => {
            let status = refused_status(&refusal);
            render_users(&state, &headers, &user, &form, Some(refusal.key()), status).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The status of an account change refused: a conflict with the accounts as they are (the last
/// admin, one's own account) or a field to correct.
fn refused_status(refusal: &Refusal) -> StatusCode {
    match refusal {
        Refusal::LastAdmin | Refusal::RemoveSelf => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The users page again after a refused change of an existing account.
async fn refused_change(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    result: Result<(), OpError>,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(Redirect::to("/admin/users").into_response()),
        Err(OpError::Refused(refusal)) => {
            let status = refused_status(&refusal);
            let form = UserForm::default();
            render_users(state, headers, user, &form, Some(refusal.key()), status).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RoleForm {
    role: String,
}

async fn change_role(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(form): AdminForm<RoleForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let changed = minbar_ops::users::set_role(
        state.store(),
        Actor::User(&user.0),
        minbar_content::UserId(id),
        &form.role,
    )
    .await;
    refused_change(&state, &headers, &user, changed).await
}

async fn remove_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(_): AdminForm<NoFields>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let removed = minbar_ops::users::remove(
        state.store(),
        Actor::User(&user.0),
        minbar_content::UserId(id),
    )
    .await;
    refused_change(&state, &headers, &user, removed).await
}
