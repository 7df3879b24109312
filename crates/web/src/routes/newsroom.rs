//! The newsroom's other admin pages: the comment moderation queue (editors), site settings and
//! user management (admins). Each checks its role in the handler and its form token.

use super::Lenient;
use super::admin::{over_https, page};
use crate::AppState;
use crate::admin_views::{
    AdminLayout, BanRow, BansView, CommentEditView, CommentsView, QueuedComment, SettingsView,
    UserRow, UsersView,
};
use crate::auth::SignedIn;
use crate::csrf;
use crate::error::AppError;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minbar_content::{CommentId, CommentStatus, Role, SettingsText, Site};
use minbar_ops::comments::Moderation;
use minbar_ops::{Actor, OpError, Refusal};
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/comments", get(show_queue))
        .route("/admin/comments/bans", get(show_bans).post(add_ban))
        .route("/admin/comments/bans/{id}/remove", post(remove_ban))
        .route(
            "/admin/comments/{id}/edit",
            get(show_comment_edit).post(edit_comment),
        )
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

/// The statuses the queue's tabs show, in order.
const QUEUE_STATUSES: [CommentStatus; 4] = [
    CommentStatus::Pending,
    CommentStatus::Spam,
    CommentStatus::Published,
    CommentStatus::Rejected,
];

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
        statuses: QUEUE_STATUSES.iter().map(|s| s.as_str()).collect(),
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
    /// Where to go back to: the queue tab the moderator was on.
    back: String,
    /// For `ban`: the range to ban.
    range: String,
}

/// The queue tab to return to: one of ours, never an outside address.
fn back_to(back: &str) -> String {
    match back.parse::<CommentStatus>() {
        Ok(status) => format!("/admin/comments?status={status}"),
        Err(_) => "/admin/comments".to_owned(),
    }
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
    let action = Moderation::parse(&action, &form.range).ok_or(AppError::NotFound)?;
    let done =
        minbar_ops::comments::moderate(state.store(), Actor::User(&user.0), CommentId(id), &action)
            .await;
    match done {
        Ok(()) => Ok(Redirect::to(&back_to(&form.back)).into_response()),
        // A ban without a range the moderator can read back: the form was not ours.
        Err(OpError::Refused(Refusal::BanRange)) => Err(AppError::BadRequest),
        Err(other) => Err(other.into()),
    }
}

async fn render_bans(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    error: Option<&'static str>,
    value: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (site, layout, cookie) = layout(state, headers, user).await?;
    let bans = minbar_store::bans::list(state.store()).await?;
    let view = BansView {
        layout,
        bans: bans
            .iter()
            .map(|b| BanRow {
                id: b.id,
                kind: b.kind.as_str(),
                shown: b.shown.clone(),
                date: state.i18n().date(&site.format_locale(), b.created_at),
            })
            .collect(),
        error,
        value,
    };
    let html = state.templates().render("admin/bans.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn show_bans(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    render_bans(&state, &headers, &user, None, String::new(), StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BanForm {
    csrf: String,
    kind: String,
    value: String,
}

async fn add_ban(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    axum::Form(form): axum::Form<BanForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    match minbar_ops::bans::add(state.store(), Actor::User(&user.0), &form.kind, &form.value).await
    {
        Ok(()) => Ok(Redirect::to("/admin/comments/bans").into_response()),
        Err(OpError::Refused(refusal)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let key = Some(refusal.key());
            render_bans(&state, &headers, &user, key, form.value, status).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn remove_ban(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<TokenForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    minbar_ops::bans::remove(state.store(), Actor::User(&user.0), id).await?;
    Ok(Redirect::to("/admin/comments/bans").into_response())
}

async fn render_comment_edit(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    id: CommentId,
    kept: Option<(String, String, &'static str)>,
) -> Result<Response, AppError> {
    let (site, layout, cookie) = layout(state, headers, user).await?;
    let queued = minbar_store::comments::queued_by_id(state.store(), id).await?;
    let comment = QueuedComment::new(state, &site.format_locale(), &queued);
    let (name, body, error, status) = match kept {
        Some((name, body, error)) => (name, body, Some(error), StatusCode::UNPROCESSABLE_ENTITY),
        None => (
            comment.author.clone(),
            comment.body.clone(),
            None,
            StatusCode::OK,
        ),
    };
    let view = CommentEditView {
        layout,
        comment,
        name,
        body,
        error,
    };
    let html = state.templates().render("admin/comment-edit.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn show_comment_edit(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    render_comment_edit(&state, &headers, &user, CommentId(id), None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CommentEditForm {
    csrf: String,
    name: String,
    body: String,
}

async fn edit_comment(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<CommentEditForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let actor = Actor::User(&user.0);
    let edited =
        minbar_ops::comments::edit(state.store(), actor, CommentId(id), &form.name, &form.body)
            .await;
    match edited {
        Ok(()) => {}
        Err(OpError::Refused(refusal)) => {
            let kept = Some((form.name, form.body, refusal.key()));
            return render_comment_edit(&state, &headers, &user, CommentId(id), kept).await;
        }
        Err(other) => return Err(other.into()),
    }
    let queued = minbar_store::comments::queued_by_id(state.store(), CommentId(id)).await?;
    Ok(Redirect::to(&back_to(queued.comment.status.as_str())).into_response())
}

/// The settings form: the token and every setting as text.
#[derive(Debug, Default, Deserialize)]
struct SettingsForm {
    #[serde(default)]
    csrf: String,
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
        comments_close_days: form.comments_close_days.clone(),
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
    axum::Form(form): axum::Form<SettingsForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
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
    axum::Form(form): axum::Form<TokenForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let removed = minbar_ops::users::remove(
        state.store(),
        Actor::User(&user.0),
        minbar_content::UserId(id),
    )
    .await;
    refused_change(&state, &headers, &user, removed).await
}
