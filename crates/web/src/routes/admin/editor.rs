//! The post editor: new posts, edits, previews, revisions, and the status rules of each role.
//! An author writes and edits their own drafts and submits them for review; an editor or admin
//! publishes, schedules, features and edits anyone's posts.

use super::page;
use crate::AppState;
use crate::admin_views::{ConflictView, EditorView, RevisionRow};
use crate::auth::SignedIn;
use crate::csrf;
use crate::error::AppError;
use crate::routes::extract::{AdminForm, NoFields};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minbar_content::clock::{LocalTimeError, editor_value};
use minbar_content::{BodyFormat, Post, PostDraft, PostId, PostStatus, Role, render_body};
use minbar_ops::{Actor, OpError, Refusal};
use minbar_store::now;
use serde::Deserialize;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/posts/new", get(new_post))
        .route("/admin/posts", post(create_post))
        .route("/admin/posts/{id}/edit", get(edit_post))
        .route("/admin/posts/{id}", post(save_post))
        .route(
            "/admin/posts/{id}/revisions/{revision}/restore",
            post(restore_revision),
        )
        .route("/admin/preview", post(live_preview))
        .route("/admin/posts/{id}/discussion", post(save_discussion))
        .route("/admin/posts/autosave", post(autosave_new))
        .route("/admin/posts/{id}/autosave", post(autosave_post))
        .route("/admin/posts/{id}/presence", post(presence))
}

/// The editor's fields as the browser sends them; all default to empty so a missing field gets
/// the same clear message as an empty one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EditorForm {
    form_key: String,
    title: String,
    body: String,
    /// What the body is written in: `html` from the visual editor; empty (the plain textarea)
    /// or anything else, Markdown.
    format: String,
    /// Comma-separated (Arabic or Latin commas).
    labels: String,
    featured: Option<String>,
    status: String,
    /// `YYYY-MM-DDTHH:MM` on the site's clock, as `<input type="datetime-local">` sends it.
    publish_at: String,
    /// `preview` to see the rendered body without saving.
    action: String,
    /// For a new post: the slug of its address; made from the title when empty.
    slug: String,
    /// A summary for lists and link previews; taken from the body when empty.
    excerpt: String,
    /// An uploaded image above the post: its name, its `/media/` address or its Markdown line.
    cover: String,
    /// `ar`, `ckb`, `kmr` or `en`; empty: the site's language.
    language: String,
    /// The number of a post this one translates; empty: none (an existing link stays).
    translation_of: String,
    /// The version of the text this form started from (`store::posts::version`); a save over a
    /// newer one is refused with both versions shown. Empty for a new post.
    version: String,
}

/// The publication time the editor typed, on the site's clock; empty means now. A time the
/// clocks skip there is refused rather than moved (`clock::parse_local` has the rule).
fn parse_publish_at(zone: &jiff::tz::TimeZone, text: &str) -> Result<Option<i64>, &'static str> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match minbar_content::clock::parse_local(zone, text) {
        Ok(at) => Ok(Some(at)),
        Err(LocalTimeError::Skipped(..)) => Err("editor-error-publish-at-skipped"),
        Err(LocalTimeError::Unreadable(_)) => Err("editor-error-publish-at"),
    }
}

/// The body's format as a form names it. The plain form sends no such field for its Markdown
/// textarea, so every word but `html` means Markdown.
fn body_format(word: &str) -> BodyFormat {
    word.parse().unwrap_or(BodyFormat::Markdown)
}

fn split_labels(text: &str) -> Vec<String> {
    text.split([',', '،'])
        .map(minbar_text::collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The draft the form asks for, as every door gives it to the operations, or the message key
/// of a publication time that cannot be had.
fn draft_of(form: &EditorForm, zone: &jiff::tz::TimeZone) -> Result<PostDraft, &'static str> {
    Ok(PostDraft {
        title: form.title.clone(),
        body: form.body.clone(),
        format: body_format(&form.format),
        labels: split_labels(&form.labels),
        status: form.status.clone(),
        featured: form.featured.is_some(),
        published_at: parse_publish_at(zone, &form.publish_at)?,
        cover: form.cover.clone(),
        excerpt: form.excerpt.clone(),
        slug: form.slug.clone(),
        language: form.language.clone(),
        version: form.version.trim().parse::<i64>().ok(),
        translation_of: match form.translation_of.trim() {
            "" => None,
            id => Some(
                id.trim_start_matches('#')
                    .parse::<i64>()
                    .map_err(|_| "editor-error-translation-missing")?,
            ),
        },
    })
}

/// What a refused save shows: the message key, or the error for anything else (403, 404, 5xx).
fn refusal_key(error: OpError) -> Result<&'static str, AppError> {
    match error {
        OpError::Refused(refusal) => Ok(refusal.key()),
        other => Err(other.into()),
    }
}

struct Editing<'a> {
    post: Option<&'a Post>,
    form: &'a EditorForm,
    error: Option<&'static str>,
    preview: bool,
    /// The version someone else saved since this form was opened, shown beside the form's.
    conflict: Option<&'a Post>,
}

async fn render_editor(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    editing: Editing<'_>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (site, layout, cookie) = super::layout(state, headers, user).await?;
    let revisions = match editing.post {
        Some(post) => minbar_store::posts::revisions(state.store(), post.id).await?,
        None => Vec::new(),
    };
    let form = editing.form;
    let translations = match editing.post {
        Some(post) => {
            minbar_store::posts::translations::of(state.store(), post.id, post.translation_group)
                .await?
                .into_iter()
                .map(|t| (t.language, crate::views::encode_path(&t.path)))
                .collect()
        }
        None => Vec::new(),
    };
    let view = EditorView {
        layout,
        action: match editing.post {
            Some(post) => format!("/admin/posts/{}", post.id.0),
            None => "/admin/posts".to_owned(),
        },
        post_id: editing.post.map(|p| p.id.0),
        public_url: editing
            .post
            .filter(|p| p.status == PostStatus::Published)
            .map(|p| crate::views::encode_path(&p.path)),
        form_key: if form.form_key.is_empty() {
            csrf::random_hex(16)
        } else {
            form.form_key.chars().take(64).collect()
        },
        title: form.title.clone(),
        body: form.body.clone(),
        format: body_format(&form.format).as_str(),
        labels: form.labels.clone(),
        featured: form.featured.is_some(),
        status: form
            .status
            .parse::<PostStatus>()
            .unwrap_or(PostStatus::Draft)
            .as_str(),
        statuses: minbar_ops::posts::statuses_for(user.0.role)
            .iter()
            .map(|s| s.as_str())
            .collect(),
        can_feature: user.0.role.at_least(Role::Editor),
        publish_at: form.publish_at.clone(),
        slug: form.slug.clone(),
        excerpt: form.excerpt.clone(),
        cover: form.cover.clone(),
        cover_preview: minbar_content::draft::read_cover(&form.cover)
            .ok()
            .flatten()
            .and_then(|c| crate::views::CoverImage::new(&c))
            .map(|c| c.src),
        language: form.language.clone(),
        languages: minbar_content::LANGUAGES
            .iter()
            .map(|l| (*l, minbar_content::autonym(l)))
            .collect(),
        translation_of: form.translation_of.clone(),
        translations,
        error: editing.error,
        preview_html: editing
            .preview
            .then(|| render_body(&form.body, body_format(&form.format)).html),
        version: form.version.clone(),
        conflict: editing.conflict.map(|theirs| ConflictView {
            theirs_title: theirs.title.clone(),
            theirs_html: theirs.body_html.clone(),
            yours_title: form.title.clone(),
            yours_html: render_body(&form.body, body_format(&form.format)).html,
        }),
        revisions: revisions
            .iter()
            .map(|r| RevisionRow::new(state, &site.format_locale(), r))
            .collect(),
        discussion: editing
            .post
            .filter(|_| user.0.role.at_least(Role::Editor))
            .map(|p| p.discussion.clone()),
    };
    let html = state.templates().render("admin/editor.html", &view)?;
    Ok(page(html, status, cookie))
}

async fn new_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    let zone = minbar_store::site::get(state.store()).await?.zone();
    let form = EditorForm {
        publish_at: editor_value(&zone, now()),
        ..EditorForm::default()
    };
    let editing = Editing {
        post: None,
        form: &form,
        error: None,
        preview: false,
        conflict: None,
    };
    render_editor(&state, &headers, &user, editing, StatusCode::OK).await
}

async fn create_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    AdminForm(form): AdminForm<EditorForm>,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    let actor = Actor::User(&user.0);
    let zone = minbar_store::site::get(state.store()).await?.zone();
    let refused = match draft_of(&form, &zone) {
        Err(key) => Some(key),
        Ok(draft) if form.action == "preview" => {
            // A preview shows the text, not the refusal; a role's limits still hold.
            if let Err(error) = minbar_ops::posts::prepare(actor, &draft, true) {
                refusal_key(error)?;
            }
            None
        }
        Ok(draft) => {
            if form.form_key.is_empty() || form.form_key.len() > 64 {
                return Err(AppError::BadRequest);
            }
            match minbar_ops::posts::create(state.store(), actor, &draft, Some(&form.form_key))
                .await
            {
                Ok(created) => {
                    let saved = format!("/admin/posts/{}/edit?saved=1", created.post.id.0);
                    return Ok(Redirect::to(&saved).into_response());
                }
                Err(error) => Some(refusal_key(error)?),
            }
        }
    };
    let editing = Editing {
        post: None,
        form: &form,
        error: refused,
        preview: refused.is_none(),
        conflict: None,
    };
    let status = refused.map_or(StatusCode::OK, |_| StatusCode::UNPROCESSABLE_ENTITY);
    render_editor(&state, &headers, &user, editing, status).await
}

fn form_of(post: &Post, zone: &jiff::tz::TimeZone) -> EditorForm {
    EditorForm {
        title: post.title.clone(),
        body: post.body_source.clone(),
        format: post.body_format.as_str().to_owned(),
        labels: post
            .labels
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join("، "),
        featured: post.featured.then(|| "on".to_owned()),
        status: post.status.as_str().to_owned(),
        publish_at: post
            .published_at
            .map(|at| editor_value(zone, at))
            .unwrap_or_default(),
        // Shown only when the writer set it: an excerpt taken from the body follows the body.
        excerpt: {
            let text = minbar_content::html_to_text(&post.body_html);
            let automatic = minbar_text::excerpt(&text, minbar_content::EXCERPT_CHARS);
            if post.excerpt == automatic {
                String::new()
            } else {
                post.excerpt.clone()
            }
        },
        cover: post.cover.clone().unwrap_or_default(),
        slug: post.slug.as_str().to_owned(),
        language: post.language.clone().unwrap_or_default(),
        ..EditorForm::default()
    }
}

async fn edit_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let post = minbar_ops::posts::editable(state.store(), Actor::User(&user.0), PostId(id)).await?;
    let zone = minbar_store::site::get(state.store()).await?.zone();
    let mut form = form_of(&post, &zone);
    form.version = minbar_store::posts::version(state.store(), post.id)
        .await?
        .to_string();
    let editing = Editing {
        post: Some(&post),
        form: &form,
        error: None,
        preview: false,
        conflict: None,
    };
    render_editor(&state, &headers, &user, editing, StatusCode::OK).await
}

async fn save_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(form): AdminForm<EditorForm>,
) -> Result<Response, AppError> {
    let actor = Actor::User(&user.0);
    let mut form = form;
    let current = minbar_ops::posts::editable(state.store(), actor, PostId(id)).await?;
    let zone = minbar_store::site::get(state.store()).await?.zone();
    let mut conflict = false;
    let refused = match draft_of(&form, &zone) {
        Err(key) => Some(key),
        Ok(draft) if form.action == "preview" => {
            if let Err(error) = minbar_ops::posts::prepare(actor, &draft, false) {
                refusal_key(error)?;
            }
            None
        }
        Ok(draft) => {
            match minbar_ops::posts::update(state.store(), actor, current.id, &draft).await {
                Ok(_) => {
                    let saved = format!("/admin/posts/{id}/edit?saved=1");
                    return Ok(Redirect::to(&saved).into_response());
                }
                Err(OpError::Refused(Refusal::Stale)) => {
                    // Someone saved since this form was opened: both versions are shown, the
                    // form keeps every word typed, and saving again (now from their version)
                    // is a choice made knowingly.
                    conflict = true;
                    form.version = minbar_store::posts::version(state.store(), current.id)
                        .await?
                        .to_string();
                    Some(Refusal::Stale.key())
                }
                Err(error) => Some(refusal_key(error)?),
            }
        }
    };
    let editing = Editing {
        post: Some(&current),
        form: &form,
        error: refused,
        preview: refused.is_none(),
        conflict: conflict.then_some(&current),
    };
    let status = match (conflict, refused) {
        (true, _) => StatusCode::CONFLICT,
        (false, Some(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        (false, None) => StatusCode::OK,
    };
    render_editor(&state, &headers, &user, editing, status).await
}

async fn restore_revision(
    State(state): State<AppState>,
    user: SignedIn,
    Path((id, revision)): Path<(i64, i64)>,
    AdminForm(NoFields {}): AdminForm<NoFields>,
) -> Result<Response, AppError> {
    minbar_ops::posts::restore_revision(state.store(), Actor::User(&user.0), PostId(id), revision)
        .await?;
    Ok(Redirect::to(&format!("/admin/posts/{id}/edit?restored=1")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PreviewForm {
    body: String,
    /// As the editor's field: `html` or Markdown.
    format: String,
}

/// The body rendered and sanitized as it would be saved: the editor's live preview, and how the
/// visual editor turns a Markdown body into HTML to edit.
async fn live_preview(
    user: SignedIn,
    AdminForm(form): AdminForm<PreviewForm>,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    let html = render_body(&form.body, body_format(&form.format)).html;
    Ok(page(html, StatusCode::OK, None))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DiscussionForm {
    closed: Option<String>,
    telegram: String,
}

/// The editor's "Discussion" box: comments closed by hand, and the Telegram channel message whose
/// discussion the outside tab shows. A link that is not one comes back in the editor with the
/// reason and what was typed.
async fn save_discussion(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(form): AdminForm<DiscussionForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let actor = Actor::User(&user.0);
    let closed = form.closed.is_some();
    let saved =
        minbar_ops::posts::set_discussion(state.store(), actor, PostId(id), closed, &form.telegram)
            .await;
    let key = match saved {
        Ok(()) => return Ok(Redirect::to(&format!("/admin/posts/{id}/edit")).into_response()),
        Err(error) => refusal_key(error)?,
    };
    // The editor again, with what was typed and the reason.
    let mut post = minbar_ops::posts::editable(state.store(), actor, PostId(id)).await?;
    post.discussion = minbar_content::Discussion {
        closed,
        telegram: Some(form.telegram.chars().take(200).collect()),
    };
    let zone = minbar_store::site::get(state.store()).await?.zone();
    let mut editor_form = form_of(&post, &zone);
    editor_form.version = minbar_store::posts::version(state.store(), post.id)
        .await?
        .to_string();
    let editing = Editing {
        post: Some(&post),
        form: &editor_form,
        error: Some(key),
        preview: false,
        conflict: None,
    };
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    render_editor(&state, &headers, &user, editing, status).await
}

/// What an autosave answers the editor's script, as JSON.
#[derive(Debug, serde::Serialize, Default)]
struct Autosaved {
    /// The version now stored, for the form's next save.
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i64>,
    /// Local time of the save (`14:05`), shown beside the form.
    #[serde(skip_serializing_if = "Option::is_none")]
    saved_at: Option<String>,
    /// A new post's editor address and autosave address, once the first autosave made it.
    #[serde(skip_serializing_if = "Option::is_none")]
    edit_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    autosave_url: Option<String>,
    /// Why nothing was saved: a message key, and its sentence in the site's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

fn autosave_answer(status: StatusCode, answer: Autosaved) -> Response {
    let mut response = (status, axum::Json(answer)).into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    response
}

/// A refusal as the autosave answers it: the reason's key and sentence.
async fn autosave_refused(state: &AppState, status: StatusCode, key: &'static str) -> Response {
    let message = match minbar_store::site::get(state.store()).await {
        Ok(site) => state.i18n().message(&site.format_locale(), key, &[]),
        Err(_) => key.to_owned(),
    };
    let answer = Autosaved {
        reason: Some(key),
        message: Some(message),
        ..Autosaved::default()
    };
    autosave_answer(status, answer)
}

/// The first autosave of a new post: it is stored as a draft (whatever status the form asks
/// for, which only the writer's own save applies), once per form.
async fn autosave_new(
    State(state): State<AppState>,
    user: SignedIn,
    AdminForm(mut form): AdminForm<EditorForm>,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    if form.form_key.is_empty() || form.form_key.len() > 64 {
        return Err(AppError::BadRequest);
    }
    form.status = PostStatus::Draft.as_str().to_owned();
    let zone = minbar_store::site::get(state.store()).await?.zone();
    // Everything the answer says is known before the write: a read after its commit could
    // fail a save already on the disk.
    let at = minbar_content::clock::local(&zone, now())
        .strftime("%H:%M")
        .to_string();
    let draft = match draft_of(&form, &zone) {
        Ok(draft) => draft,
        Err(key) => {
            return Ok(autosave_refused(&state, StatusCode::UNPROCESSABLE_ENTITY, key).await);
        }
    };
    let actor = Actor::User(&user.0);
    match minbar_ops::posts::create(state.store(), actor, &draft, Some(&form.form_key)).await {
        Ok(created) => {
            let id = created.post.id;
            let answer = Autosaved {
                version: Some(0),
                saved_at: Some(at),
                edit_url: Some(format!("/admin/posts/{}/edit", id.0)),
                autosave_url: Some(format!("/admin/posts/{}/autosave", id.0)),
                ..Autosaved::default()
            };
            Ok(autosave_answer(StatusCode::OK, answer))
        }
        Err(error) => {
            let key = refusal_key(error)?;
            Ok(autosave_refused(&state, StatusCode::UNPROCESSABLE_ENTITY, key).await)
        }
    }
}

/// An autosave of a post being written: its text is saved at the status it has, only over the
/// version the form started from. A published or scheduled post changes only when its writer
/// saves (readers must not see half a sentence): the browser keeps the text meanwhile.
async fn autosave_post(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(mut form): AdminForm<EditorForm>,
) -> Result<Response, AppError> {
    let actor = Actor::User(&user.0);
    let current = minbar_ops::posts::editable(state.store(), actor, PostId(id)).await?;
    if matches!(
        current.status,
        PostStatus::Published | PostStatus::Scheduled
    ) {
        return Ok(autosave_answer(StatusCode::ACCEPTED, Autosaved::default()));
    }
    form.status = current.status.as_str().to_owned();
    form.featured = current.featured.then(|| "on".to_owned());
    let zone = minbar_store::site::get(state.store()).await?.zone();
    let at = minbar_content::clock::local(&zone, now())
        .strftime("%H:%M")
        .to_string();
    let draft = match draft_of(&form, &zone) {
        Ok(draft) => draft,
        Err(key) => {
            return Ok(autosave_refused(&state, StatusCode::UNPROCESSABLE_ENTITY, key).await);
        }
    };
    match minbar_ops::posts::update(state.store(), actor, current.id, &draft).await {
        Ok((_, version)) => {
            let answer = Autosaved {
                version: Some(version),
                saved_at: Some(at),
                ..Autosaved::default()
            };
            Ok(autosave_answer(StatusCode::OK, answer))
        }
        Err(OpError::Refused(Refusal::Stale)) => {
            Ok(autosave_refused(&state, StatusCode::CONFLICT, Refusal::Stale.key()).await)
        }
        Err(error) => {
            let key = refusal_key(error)?;
            Ok(autosave_refused(&state, StatusCode::UNPROCESSABLE_ENTITY, key).await)
        }
    }
}

/// An open editor's word that it is open; answers who else has the post open, so two people
/// editing the same post know of each other before either saves.
async fn presence(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    AdminForm(NoFields {}): AdminForm<NoFields>,
) -> Result<Response, AppError> {
    let post = minbar_ops::posts::editable(state.store(), Actor::User(&user.0), PostId(id)).await?;
    let others = minbar_store::editing::seen(state.store(), post.id, user.0.id).await?;
    let mut response = axum::Json(serde_json::json!({ "others": others })).into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
