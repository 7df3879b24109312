//! Static pages in the admin (editors): the list, a new page, and editing one. A page keeps its
//! slug, so `/p/<slug>.html` links never break.

use super::page;
use crate::AppState;
use crate::admin_views::{PageEditorView, PageRow, PagesView};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::routes::extract::AdminForm;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use minbar_content::{BodyFormat, Role};
use minbar_ops::pages::PageDraft;
use minbar_ops::{Actor, OpError};
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/pages", get(list_pages).post(create_page))
        .route("/admin/pages/new", get(new_page))
        .route("/admin/pages/{slug}/edit", get(edit_page).post(save_page))
}

async fn list_pages(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (_, layout, cookie) = super::layout(&state, &headers, &user).await?;
    let pages = minbar_store::pages::list(state.store()).await?;
    let view = PagesView {
        layout,
        pages: pages
            .into_iter()
            .map(|(slug, title)| PageRow {
                public_url: crate::views::encode_path(&format!("/p/{slug}.html")),
                edit_url: format!("/admin/pages/{}/edit", crate::views::encode_path(&slug)),
                title,
            })
            .collect(),
    };
    let html = state.templates().render("admin/pages.html", &view)?;
    Ok(page(html, StatusCode::OK, cookie))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PageForm {
    title: String,
    slug: String,
    body: String,
    /// `ar`, `ckb`, `kmr` or `en`; empty: the site's language (or the page's own, when editing).
    language: String,
}

async fn render_editor(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    slug: Option<&str>,
    form: &PageForm,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (_, layout, cookie) = super::layout(state, headers, user).await?;
    let view = PageEditorView {
        layout,
        action: match slug {
            Some(slug) => format!("/admin/pages/{}/edit", crate::views::encode_path(slug)),
            None => "/admin/pages".to_owned(),
        },
        editing: slug.is_some(),
        title: form.title.clone(),
        slug: form.slug.clone(),
        body: form.body.clone(),
        language: form.language.clone(),
        languages: minbar_content::LANGUAGES
            .iter()
            .map(|l| (*l, minbar_content::autonym(l)))
            .collect(),
        error,
    };
    let html = state.templates().render("admin/page-editor.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn new_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    render_editor(
        &state,
        &headers,
        &user,
        None,
        &PageForm::default(),
        None,
        StatusCode::OK,
    )
    .await
}

async fn create_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    AdminForm(form): AdminForm<PageForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let created =
        minbar_ops::pages::create(state.store(), Actor::User(&user.0), &draft_of(&form)).await;
    match created {
        Ok(_) => Ok(Redirect::to("/admin/pages").into_response()),
        Err(OpError::Refused(refusal)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_editor(
                &state,
                &headers,
                &user,
                None,
                &form,
                Some(refusal.key()),
                status,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// The page the form asks for, as every door gives it to the operations.
fn draft_of(form: &PageForm) -> PageDraft {
    PageDraft {
        title: form.title.clone(),
        slug: form.slug.clone(),
        body: form.body.clone(),
        format: BodyFormat::Markdown,
        language: form.language.clone(),
    }
}

async fn edit_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (title, body) = minbar_store::pages::source(state.store(), &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let language = minbar_store::pages::by_slug(state.store(), &slug)
        .await?
        .and_then(|p| p.language)
        .unwrap_or_default();
    let form = PageForm {
        title,
        slug: slug.clone(),
        body,
        language,
    };
    render_editor(
        &state,
        &headers,
        &user,
        Some(&slug),
        &form,
        None,
        StatusCode::OK,
    )
    .await
}

async fn save_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(slug): Path<String>,
    AdminForm(form): AdminForm<PageForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let saved =
        minbar_ops::pages::update(state.store(), Actor::User(&user.0), &slug, &draft_of(&form))
            .await;
    match saved {
        Ok(()) => Ok(Redirect::to("/admin/pages").into_response()),
        Err(OpError::Refused(refusal)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let key = Some(refusal.key());
            render_editor(&state, &headers, &user, Some(&slug), &form, key, status).await
        }
        Err(other) => Err(other.into()),
    }
}
