//! The post editor: new posts, edits, previews, revisions, and the status rules of each role.
//! An author writes and edits their own drafts and submits them for review; an editor or admin
//! publishes, schedules, features and edits anyone's posts.

use super::admin::{over_https, page};
use crate::AppState;
use crate::admin_views::{AdminLayout, EditorView, RevisionRow};
use crate::auth::SignedIn;
use crate::csrf;
use crate::error::AppError;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minbar_content::{
    BodyFormat, ContentError, Post, PostId, PostInput, PostStatus, Role, compose_post, render_body,
};
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
}

/// The editor's fields as the browser sends them; all default to empty so a missing field gets
/// the same clear message as an empty one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EditorForm {
    csrf: String,
    form_key: String,
    title: String,
    body: String,
    /// Comma-separated (Arabic or Latin commas).
    labels: String,
    featured: Option<String>,
    status: String,
    /// `YYYY-MM-DDTHH:MM`, UTC, as `<input type="datetime-local">` sends it.
    publish_at: String,
    /// `preview` to see the rendered body without saving.
    action: String,
    /// For a new post: the slug of its address; made from the title when empty.
    slug: String,
    /// A summary for lists and link previews; taken from the body when empty.
    excerpt: String,
    /// An uploaded image above the post: its name, its `/media/` address or its Markdown line.
    cover: String,
}

/// The longest excerpt an editor may write, in characters.
const MAX_EXCERPT_CHARS: usize = 300;

/// Reads the cover field: empty, or one of our uploads' full-size copies (as a name, an
/// address or a Markdown line, whatever the writer pasted).
fn read_cover(text: &str) -> Result<Option<String>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let name = text
        .trim_start_matches("![](")
        .trim_end_matches(')')
        .trim_start_matches("/media/");
    match minbar_content::media::MediaName::parse(name) {
        Some(parsed) if parsed.size.is_some() => Ok(Some(name.to_owned())),
        _ => Err("editor-error-cover"),
    }
}

/// The optional fields of a post, as the editor's form or the API sends them.
pub(super) struct Extras<'a> {
    pub cover: &'a str,
    pub excerpt: &'a str,
    /// Used only for a new post: an address never changes.
    pub slug: &'a str,
}

/// Applies the optional fields to a composed post, or says which one is wrong.
pub(super) fn apply_extras(
    post: &mut minbar_content::NewPost,
    extras: &Extras<'_>,
    new: bool,
) -> Result<(), &'static str> {
    post.cover = read_cover(extras.cover)?;
    let excerpt = minbar_text::collapse_whitespace(extras.excerpt);
    if excerpt.chars().count() > MAX_EXCERPT_CHARS {
        return Err("editor-error-excerpt");
    }
    if !excerpt.is_empty() {
        post.excerpt = excerpt;
    }
    if new && !extras.slug.trim().is_empty() {
        post.slug = minbar_content::Slug::from_title(extras.slug, "post");
    }
    Ok(())
}

use crate::auth::statuses_for as allowed_statuses;

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn parse_publish_at(text: &str) -> Option<i64> {
    let civil: jiff::civil::DateTime = text.trim().parse().ok()?;
    jiff::tz::Offset::UTC
        .to_timestamp(civil)
        .ok()
        .map(|t| t.as_second())
}

fn format_publish_at(at: i64) -> String {
    jiff::Timestamp::from_second(at)
        .map(|t| {
            jiff::tz::Offset::UTC
                .to_datetime(t)
                .strftime("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

fn split_labels(text: &str) -> Vec<String> {
    text.split([',', '،'])
        .map(minbar_text::collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect()
}

/// What the form asks for, checked against the role: a status or a feature flag the role may
/// not set is refused outright (403), not quietly changed.
fn requested(form: &EditorForm, user: &SignedIn) -> Result<(PostStatus, bool, i64), AppError> {
    let status = form
        .status
        .parse::<PostStatus>()
        .unwrap_or(PostStatus::Draft);
    let featured = form.featured.is_some();
    if !crate::auth::may_set(user.0.role, status, featured) {
        return Err(AppError::Forbidden);
    }
    let publish_at = parse_publish_at(&form.publish_at).unwrap_or_else(now);
    // A time already past makes a scheduled post a published one.
    let status = if status == PostStatus::Scheduled && publish_at <= now() {
        PostStatus::Published
    } else {
        status
    };
    Ok((status, featured, publish_at))
}

struct Editing<'a> {
    post: Option<&'a Post>,
    form: &'a EditorForm,
    error: Option<&'static str>,
    preview: bool,
}

async fn render_editor(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    editing: Editing<'_>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let (token, cookie) = csrf::form_token(&site.secret, headers, over_https(&site, headers));
    let revisions = match editing.post {
        Some(post) => minbar_store::posts::revisions(state.store(), post.id).await?,
        None => Vec::new(),
    };
    let form = editing.form;
    let view = EditorView {
        layout: AdminLayout::new(state, &site, Some(&user.0), token),
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
        labels: form.labels.clone(),
        featured: form.featured.is_some(),
        status: form
            .status
            .parse::<PostStatus>()
            .unwrap_or(PostStatus::Draft)
            .as_str(),
        statuses: allowed_statuses(user.0.role)
            .iter()
            .map(|s| s.as_str())
            .collect(),
        can_feature: user.0.role.at_least(Role::Editor),
        publish_at: form.publish_at.clone(),
        slug: form.slug.clone(),
        excerpt: form.excerpt.clone(),
        cover: form.cover.clone(),
        cover_preview: read_cover(&form.cover)
            .ok()
            .flatten()
            .and_then(|c| crate::views::CoverImage::new(&c))
            .map(|c| c.src),
        error: editing.error,
        preview_html: editing
            .preview
            .then(|| render_body(&form.body, BodyFormat::Markdown).html),
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
    let form = EditorForm {
        publish_at: format_publish_at(now()),
        ..EditorForm::default()
    };
    let editing = Editing {
        post: None,
        form: &form,
        error: None,
        preview: false,
    };
    render_editor(&state, &headers, &user, editing, StatusCode::OK).await
}

/// The message key saying what is wrong with a post or page an editor wrote.
pub(super) fn content_error_key(error: &ContentError) -> &'static str {
    match error {
        ContentError::EmptyTitle => "editor-error-empty-title",
        ContentError::TitleTooLong => "editor-error-long-title",
        ContentError::EmptyBody => "editor-error-empty-body",
    }
}

/// What a submitted editor form turns into: the post to save, or the key of the message saying
/// which field is wrong. A status or flag the role may not set is refused (403) before.
fn build_post(
    form: &EditorForm,
    user: &SignedIn,
    new: bool,
) -> Result<Result<minbar_content::NewPost, &'static str>, AppError> {
    let (status, featured, publish_at) = requested(form, user)?;
    let input = PostInput {
        title: form.title.clone(),
        body: form.body.clone(),
        format: BodyFormat::Markdown,
        labels: split_labels(&form.labels),
        featured,
        draft: true,
        published_at: publish_at,
    };
    let mut post = match compose_post(&input) {
        Ok((post, _)) => post,
        Err(error) => return Ok(Err(content_error_key(&error))),
    };
    post.status = status;
    let extras = Extras {
        cover: &form.cover,
        excerpt: &form.excerpt,
        slug: &form.slug,
    };
    Ok(apply_extras(&mut post, &extras, new).map(|()| post))
}

async fn create_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    axum::Form(form): axum::Form<EditorForm>,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let built = build_post(&form, &user, true)?;
    if form.action == "preview" || built.is_err() {
        let preview = form.action == "preview";
        let editing = Editing {
            post: None,
            form: &form,
            error: if preview { None } else { built.err() },
            preview,
        };
        let status = if preview {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return render_editor(&state, &headers, &user, editing, status).await;
    }
    let Ok(post) = built else {
        return Err(AppError::BadRequest);
    };
    if form.form_key.is_empty() || form.form_key.len() > 64 {
        return Err(AppError::BadRequest);
    }
    let (id, _new) = minbar_store::posts::insert_once(
        state.store(),
        &post,
        Some(user.0.author_id),
        &form.form_key,
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/posts/{}/edit?saved=1", id.0)).into_response())
}

/// The post and whether `user` may change it: editors may change any post, authors only their
/// own while it is a draft or in review.
async fn editable(state: &AppState, user: &SignedIn, id: i64) -> Result<Post, AppError> {
    let (post, author) = minbar_store::posts::for_editing(state.store(), PostId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    if user.0.role.at_least(Role::Editor) {
        return Ok(post);
    }
    let own = author == Some(user.0.author_id);
    let open = matches!(post.status, PostStatus::Draft | PostStatus::Review);
    if own && open {
        Ok(post)
    } else {
        Err(AppError::Forbidden)
    }
}

fn form_of(post: &Post) -> EditorForm {
    EditorForm {
        title: post.title.clone(),
        body: post.body_source.clone(),
        labels: post
            .labels
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join("، "),
        featured: post.featured.then(|| "on".to_owned()),
        status: post.status.as_str().to_owned(),
        publish_at: post.published_at.map(format_publish_at).unwrap_or_default(),
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
        ..EditorForm::default()
    }
}

async fn edit_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let post = editable(&state, &user, id).await?;
    let form = form_of(&post);
    let editing = Editing {
        post: Some(&post),
        form: &form,
        error: None,
        preview: false,
    };
    render_editor(&state, &headers, &user, editing, StatusCode::OK).await
}

async fn save_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<EditorForm>,
) -> Result<Response, AppError> {
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let current = editable(&state, &user, id).await?;
    let built = build_post(&form, &user, false)?;
    if form.action == "preview" || built.is_err() {
        let preview = form.action == "preview";
        let editing = Editing {
            post: Some(&current),
            form: &form,
            error: if preview { None } else { built.err() },
            preview,
        };
        let status = if preview {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return render_editor(&state, &headers, &user, editing, status).await;
    }
    let Ok(post) = built else {
        return Err(AppError::BadRequest);
    };
    minbar_store::posts::update(state.store(), current.id, &post, Some(user.0.id)).await?;
    Ok(Redirect::to(&format!("/admin/posts/{id}/edit?saved=1")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TokenForm {
    csrf: String,
}

async fn restore_revision(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    Path((id, revision)): Path<(i64, i64)>,
    axum::Form(form): axum::Form<TokenForm>,
) -> Result<Response, AppError> {
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let current = editable(&state, &user, id).await?;
    let revision = minbar_store::posts::revisions(state.store(), current.id)
        .await?
        .into_iter()
        .find(|r| r.id == revision)
        .ok_or(AppError::NotFound)?;
    let input = PostInput {
        title: revision.title.clone(),
        body: revision.body_source.clone(),
        format: revision.body_format,
        labels: revision.labels.clone(),
        featured: current.featured,
        draft: true,
        published_at: current.published_at.unwrap_or_else(now),
    };
    let (mut post, _) = compose_post(&input).map_err(|_| AppError::BadRequest)?;
    post.status = current.status;
    post.cover = current.cover.clone();
    minbar_store::posts::update(state.store(), current.id, &post, Some(user.0.id)).await?;
    Ok(Redirect::to(&format!("/admin/posts/{id}/edit?restored=1")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PreviewForm {
    csrf: String,
    body: String,
}

/// The body rendered and sanitized as it would be saved: the editor's live preview.
async fn live_preview(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
    axum::Form(form): axum::Form<PreviewForm>,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let html = render_body(&form.body, BodyFormat::Markdown).html;
    Ok(page(html, StatusCode::OK, None))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DiscussionForm {
    csrf: String,
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
    axum::Form(form): axum::Form<DiscussionForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    super::admin::checked_site(&state, &headers, &form.csrf).await?;
    let mut post = editable(&state, &user, id).await?;
    let closed = form.closed.is_some();
    let telegram = match form.telegram.trim() {
        "" => Some(None),
        text => crate::views::valid_telegram_message(text).map(Some),
    };
    let Some(telegram) = telegram else {
        post.discussion = minbar_content::Discussion {
            closed,
            telegram: Some(form.telegram.chars().take(200).collect()),
        };
        let editor_form = form_of(&post);
        let editing = Editing {
            post: Some(&post),
            form: &editor_form,
            error: Some("discussion-error-telegram"),
            preview: false,
        };
        return render_editor(
            &state,
            &headers,
            &user,
            editing,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let discussion = minbar_content::Discussion { closed, telegram };
    minbar_store::posts::set_discussion(state.store(), post.id, &discussion).await?;
    Ok(Redirect::to(&format!("/admin/posts/{id}/edit")).into_response())
}
