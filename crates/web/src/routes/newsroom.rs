//! The newsroom's other admin pages: the comment moderation queue (editors), site settings and
//! user management (admins). Each checks its role in the handler and its form token.

use super::Lenient;
use super::admin::{over_https, page};
use crate::AppState;
use crate::admin_views::{
    AdminLayout, CommentsView, QueuedComment, SettingsView, UserRow, UsersView,
};
use crate::auth::{self, SignedIn};
use crate::csrf;
use crate::error::AppError;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minbar_content::{CommentId, CommentStatus, ModerationMode, OutsideComments, Role, Site};
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/comments", get(show_queue))
        .route("/admin/comments/{id}/{action}", post(moderate))
        .route("/admin/settings", get(show_settings).post(save_settings))
        .route("/admin/users", get(show_users).post(add_user))
        .route("/admin/users/{id}/role", post(change_role))
        .route("/admin/users/{id}/remove", post(remove_user))
}

async fn layout(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
) -> Result<(Site, AdminLayout, Option<axum::http::HeaderValue>), AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let (token, cookie) = csrf::form_token(&site.secret, headers, over_https(&site, headers));
    let layout = AdminLayout::new(state, &site, Some(&user.0), token);
    Ok((site, layout, cookie))
}

#[derive(Debug, Default, Deserialize)]
struct QueueQuery {
    status: Option<String>,
}

async fn show_queue(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Lenient(query): Lenient<QueueQuery>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (site, layout, cookie) = layout(&state, &headers, &user).await?;
    let status = query
        .status
        .as_deref()
        .and_then(|s| s.parse::<CommentStatus>().ok())
        .unwrap_or(CommentStatus::Pending);
    let queued = minbar_store::comments::queue(state.store(), status, 200).await?;
    let view = CommentsView {
        layout,
        status: status.as_str(),
        comments: queued
            .iter()
            .map(|q| QueuedComment::new(&state, &site.format_locale(), q))
            .collect(),
    };
    let html = state.templates().render("admin/comments.html", &view)?;
    Ok(page(html, StatusCode::OK, cookie))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TokenForm {
    csrf: String,
}

async fn moderate(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path((id, action)): Path<(i64, String)>,
    axum::Form(form): axum::Form<TokenForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let id = CommentId(id);
    match action.as_str() {
        "approve" => {
            minbar_store::comments::set_status(state.store(), id, CommentStatus::Published).await?
        }
        "spam" => {
            minbar_store::comments::set_status(state.store(), id, CommentStatus::Spam).await?
        }
        "delete" => minbar_store::comments::delete(state.store(), id).await?,
        _ => return Err(AppError::NotFound),
    }
    Ok(Redirect::to("/admin/comments").into_response())
}

/// The longest site title and about text, in characters.
const MAX_SITE_TITLE_CHARS: usize = 120;
const MAX_ABOUT_CHARS: usize = 2_000;

/// The settings as the admin's form and the API send them.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SettingsForm {
    csrf: String,
    title: String,
    about: String,
    locale: String,
    moderation: String,
    outside_comments: String,
    base_url: String,
    digits: String,
    month_names: String,
    facebook_app_id: String,
}

fn settings_view(
    layout: AdminLayout,
    form: &SettingsForm,
    error: Option<&'static str>,
) -> SettingsView {
    SettingsView {
        layout,
        title: form.title.clone(),
        about: form.about.clone(),
        locale: form.locale.clone(),
        locales: minbar_content::SUPPORTED_LOCALES.to_vec(),
        moderation: form.moderation.clone(),
        outside_comments: form.outside_comments.clone(),
        base_url: form.base_url.clone(),
        digits: form.digits.clone(),
        month_names: form.month_names.clone(),
        facebook_app_id: form.facebook_app_id.clone(),
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
    let form = SettingsForm {
        title: site.title.clone(),
        about: site.about.clone(),
        locale: site.locale.clone(),
        moderation: site.moderation.as_str().to_owned(),
        outside_comments: site
            .outside_comments
            .map(|o| o.as_str().to_owned())
            .unwrap_or_default(),
        base_url: site.base_url.clone().unwrap_or_default(),
        digits: site.style.digits.as_str().to_owned(),
        month_names: site
            .style
            .months
            .map(|m| m.as_str().to_owned())
            .unwrap_or_default(),
        facebook_app_id: site.facebook_app_id.clone().unwrap_or_default(),
        ..SettingsForm::default()
    };
    let html = state
        .templates()
        .render("admin/settings.html", &settings_view(layout, &form, None))?;
    Ok(page(html, StatusCode::OK, cookie))
}

/// Reads the settings form into the site, or says which field is wrong.
pub(super) fn read_settings(form: &SettingsForm, site: &Site) -> Result<Site, &'static str> {
    let title = minbar_text::collapse_whitespace(&form.title);
    if title.is_empty() || title.chars().count() > MAX_SITE_TITLE_CHARS {
        return Err("settings-error-title");
    }
    if form.about.chars().count() > MAX_ABOUT_CHARS {
        return Err("settings-error-about");
    }
    let locale =
        minbar_content::parse_locale(form.locale.trim()).map_err(|_| "settings-error-locale")?;
    let moderation: ModerationMode = form
        .moderation
        .parse()
        .map_err(|_| "settings-error-moderation")?;
    let outside_comments = match form.outside_comments.as_str() {
        "" | "none" => None,
        other => Some(
            other
                .parse::<OutsideComments>()
                .map_err(|_| "settings-error-outside")?,
        ),
    };
    let base_url = form.base_url.trim().trim_end_matches('/');
    let base_url = if base_url.is_empty() {
        None
    } else if (base_url.starts_with("https://") || base_url.starts_with("http://"))
        && base_url.len() <= 200
        && !base_url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<')
    {
        Some(base_url.to_owned())
    } else {
        return Err("settings-error-base-url");
    };
    Ok(Site {
        title,
        about: form.about.trim().to_owned(),
        locale: locale.to_owned(),
        moderation,
        outside_comments,
        base_url,
        secret: site.secret.clone(),
        style: minbar_content::DateStyle {
            digits: match form.digits.as_str() {
                "" => minbar_content::Digits::default(),
                other => other.parse().map_err(|_| "settings-error-digits")?,
            },
            months: match form.month_names.as_str() {
                "" | "locale" => None,
                other => Some(other.parse().map_err(|_| "settings-error-months")?),
            },
        },
        facebook_app_id: match form.facebook_app_id.trim() {
            "" => None,
            id if id.len() <= 32 && id.bytes().all(|b| b.is_ascii_digit()) => Some(id.to_owned()),
            _ => return Err("settings-error-app-id"),
        },
    })
}

async fn save_settings(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    axum::Form(form): axum::Form<SettingsForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let site = super::admin::checked_site(&state, &headers, &form.csrf).await?;
    match read_settings(&form, &site) {
        Ok(updated) => {
            minbar_store::site::save(state.store(), &updated).await?;
            Ok(Redirect::to("/admin/settings").into_response())
        }
        Err(key) => {
            let (_, layout, cookie) = layout(&state, &headers, &user).await?;
            let html = state.templates().render(
                "admin/settings.html",
                &settings_view(layout, &form, Some(key)),
            )?;
            Ok(page(html, StatusCode::UNPROCESSABLE_ENTITY, cookie))
        }
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
    csrf: String,
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
    axum::Form(form): axum::Form<UserForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let refuse = |key| {
        render_users(
            &state,
            &headers,
            &user,
            &form,
            Some(key),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let name = minbar_text::collapse_whitespace(&form.name);
    if name.is_empty() || name.chars().count() > 80 {
        return refuse("users-error-name").await;
    }
    let Some(email) = auth::normalize_email(&form.email) else {
        return refuse("users-error-email").await;
    };
    let Ok(role) = form.role.parse::<Role>() else {
        return refuse("users-error-role").await;
    };
    let password = form.password.clone();
    let hash = match tokio::task::spawn_blocking(move || auth::hash_password(&password)).await {
        Ok(Ok(hash)) => hash,
        _ => return refuse("users-error-password").await,
    };
    match minbar_store::users::insert(state.store(), &email, &name, role, &hash).await {
        Ok(_) => Ok(Redirect::to("/admin/users").into_response()),
        Err(minbar_store::StoreError::Conflict(_)) => refuse("users-error-taken").await,
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RoleForm {
    csrf: String,
    role: String,
}

async fn change_role(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<RoleForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let Ok(role) = form.role.parse::<Role>() else {
        return render_users(
            &state,
            &headers,
            &user,
            &UserForm::default(),
            Some("users-error-role"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match minbar_store::users::set_role(state.store(), minbar_content::UserId(id), role).await {
        Ok(()) => Ok(Redirect::to("/admin/users").into_response()),
        Err(minbar_store::StoreError::Conflict(_)) => {
            render_users(
                &state,
                &headers,
                &user,
                &UserForm::default(),
                Some("users-error-last-admin"),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

async fn remove_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<TokenForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    if id == user.0.id.0 {
        return render_users(
            &state,
            &headers,
            &user,
            &UserForm::default(),
            Some("users-error-self"),
            StatusCode::CONFLICT,
        )
        .await;
    }
    match minbar_store::users::remove(state.store(), minbar_content::UserId(id)).await {
        Ok(()) => Ok(Redirect::to("/admin/users").into_response()),
        Err(minbar_store::StoreError::Conflict(_)) => {
            render_users(
                &state,
                &headers,
                &user,
                &UserForm::default(),
                Some("users-error-last-admin"),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
