//! A published post's corrections and updates: the list of those made and the form to add one
//! (editors), at `/admin/posts/{id}/notes`.

use super::{layout, page};
use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::routes::extract::AdminForm;
use crate::views::NoteView;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use minbar_content::{PostId, Role};
use minbar_ops::{Actor, OpError};
use serde::{Deserialize, Serialize};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/posts/{id}/notes", get(show_notes).post(add_note))
}

/// The form's fields; empty ones get the same clear message as missing ones.
#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
struct NoteForm {
    kind: String,
    placement: String,
    body: String,
}

#[derive(Debug, Serialize)]
struct NotesView {
    layout: crate::admin_views::AdminLayout,
    post_id: i64,
    post_title: String,
    post_url: String,
    notes: Vec<NoteView>,
    form: NoteForm,
    max_chars: usize,
    error: Option<&'static str>,
    added: bool,
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    id: i64,
    form: NoteForm,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let post = minbar_ops::posts::editable(state.store(), Actor::User(&user.0), PostId(id)).await?;
    let (site, layout, cookie) = layout(state, headers, user).await?;
    let locale = site.format_locale();
    let notes = minbar_store::notes::for_post(state.store(), post.id)
        .await?
        .iter()
        .map(|n| NoteView::new(state, &locale, n))
        .collect();
    let view = NotesView {
        layout,
        post_id: id,
        post_title: post.title.clone(),
        post_url: crate::views::encode_path(&post.path),
        notes,
        form,
        max_chars: minbar_content::notes::MAX_NOTE_CHARS,
        error,
        added: false,
    };
    let html = state.templates().render("admin/notes.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn show_notes(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    render(
        &state,
        &headers,
        &user,
        id,
        NoteForm::default(),
        None,
        StatusCode::OK,
    )
    .await
}

async fn add_note(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(form): AdminForm<NoteForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let note = (
        form.kind.as_str(),
        form.placement.as_str(),
        form.body.as_str(),
    );
    match minbar_ops::posts::add_note(state.store(), Actor::User(&user.0), PostId(id), note).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/posts/{id}/notes")).into_response()),
        Err(OpError::Refused(refusal)) => {
            let key = refusal.key();
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&state, &headers, &user, id, form, Some(key), status).await
        }
        Err(other) => Err(other.into()),
    }
}
