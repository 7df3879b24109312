//! Posts: written, changed, published or scheduled, restored from a revision, closed to
//! comments, deleted; and the role rules of all of it. Authors write drafts and submit them for
//! review; editors and admins also schedule, publish, feature and change anyone's posts.

use crate::{Actor, OpError, Refusal};
use minbar_content::comment_checks::telegram_message;
use minbar_content::{
    Discussion, NewPost, Post, PostDraft, PostId, PostStatus, Role, compose_draft,
    draft::read_status,
};
use minbar_store::Store;

/// The statuses a role may give a post: authors write drafts and submit them for review;
/// editors and admins also schedule and publish.
pub fn statuses_for(role: Role) -> Vec<PostStatus> {
    if role.at_least(Role::Editor) {
        vec![
            PostStatus::Draft,
            PostStatus::Review,
            PostStatus::Scheduled,
            PostStatus::Published,
        ]
    } else {
        vec![PostStatus::Draft, PostStatus::Review]
    }
}

/// Whether `actor` may give a post `status` and the featured flag `featured`.
pub fn may_set(actor: Actor<'_>, status: PostStatus, featured: bool) -> bool {
    match actor {
        Actor::Operator => true,
        Actor::User(user) => {
            statuses_for(user.role).contains(&status)
                && (!featured || user.role.at_least(Role::Editor))
        }
    }
}

/// Whether `actor` may change a post with `status` written by `author`: editors any post,
/// authors only their own while it is a draft or in review.
pub fn may_edit(actor: Actor<'_>, status: PostStatus, author: Option<i64>) -> bool {
    match actor {
        Actor::Operator => true,
        Actor::User(user) => {
            user.role.at_least(Role::Editor)
                || (author == Some(user.author_id)
                    && matches!(status, PostStatus::Draft | PostStatus::Review))
        }
    }
}

/// Checks a draft against the actor's role and the rules of a post, and composes it, without
/// storing anything (the editor's preview runs this too). A status or flag the role may not set
/// is refused outright, not quietly changed; a scheduled time already past publishes.
pub fn prepare(
    actor: Actor<'_>,
    draft: &PostDraft,
    new: bool,
) -> Result<(NewPost, Vec<&'static str>), OpError> {
    let status = read_status(&draft.status).map_err(Refusal::Draft)?;
    if !may_set(actor, status, draft.featured) {
        return Err(OpError::Forbidden);
    }
    let now = crate::now();
    let published_at = draft.published_at.unwrap_or(now);
    let status = if status == PostStatus::Scheduled && published_at <= now {
        PostStatus::Published
    } else {
        status
    };
    Ok(compose_draft(draft, status, published_at, new).map_err(Refusal::Draft)?)
}

/// What [`create`] made.
#[derive(Debug)]
pub struct Created {
    /// The post as stored (its path unencoded).
    pub post: Post,
    /// What the editor should be told (HTML that was dropped).
    pub warnings: Vec<&'static str>,
}

/// Writes a new post. With a `form_key`, a second submission of the same form returns the post
/// the first one made instead of writing it twice.
pub async fn create(
    store: &Store,
    actor: Actor<'_>,
    draft: &PostDraft,
    form_key: Option<&str>,
) -> Result<Created, OpError> {
    actor.require(Role::Author)?;
    let (post, warnings) = prepare(actor, draft, true)?;
    let author = match actor {
        Actor::User(user) => Some(user.author_id),
        Actor::Operator => minbar_store::authors::first(store).await?,
    };
    let post = match form_key {
        Some(key) => {
            let (stored, _) = minbar_store::posts::insert_once(store, &post, author, key).await?;
            stored
        }
        None => minbar_store::posts::insert(store, &post, author).await?,
    };
    Ok(Created { post, warnings })
}

/// The post, if `actor` may change it.
pub async fn editable(store: &Store, actor: Actor<'_>, id: PostId) -> Result<Post, OpError> {
    let (post, author) = minbar_store::posts::for_editing(store, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if may_edit(actor, post.status, author) {
        Ok(post)
    } else {
        Err(OpError::Forbidden)
    }
}

/// The post as its writers see it: anyone signed in may read a published post, others only
/// whoever may change them.
pub async fn read(store: &Store, actor: Actor<'_>, id: PostId) -> Result<Post, OpError> {
    let (post, author) = minbar_store::posts::for_editing(store, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if post.status == PostStatus::Published || may_edit(actor, post.status, author) {
        Ok(post)
    } else {
        Err(OpError::Forbidden)
    }
}

/// Replaces a post's text and settings with `draft`; the version replaced is kept as a
/// revision. The address never changes. A draft naming the version it started from is refused
/// ([`Refusal::Stale`]) when someone saved since. Returns the post and its new version.
pub async fn update(
    store: &Store,
    actor: Actor<'_>,
    id: PostId,
    draft: &PostDraft,
) -> Result<(Post, i64), OpError> {
    let current = editable(store, actor, id).await?;
    let (post, _) = prepare(actor, draft, false)?;
    let by = actor.user().map(|u| u.id);
    Ok(minbar_store::posts::update_at_version(store, current.id, &post, by, draft.version).await?)
}

/// Puts the text of an earlier revision back; status, cover and featured flag stay as they are.
pub async fn restore_revision(
    store: &Store,
    actor: Actor<'_>,
    id: PostId,
    revision: i64,
) -> Result<(), OpError> {
    let current = editable(store, actor, id).await?;
    let revision = minbar_store::posts::revisions(store, current.id)
        .await?
        .into_iter()
        .find(|r| r.id == revision)
        .ok_or(OpError::NotFound)?;
    let draft = PostDraft {
        title: revision.title.clone(),
        body: revision.body_source.clone(),
        format: revision.body_format,
        labels: revision.labels.clone(),
        featured: current.featured,
        published_at: Some(current.published_at.unwrap_or_else(crate::now)),
        ..PostDraft::default()
    };
    let (mut post, _) = compose_draft(
        &draft,
        current.status,
        draft.published_at.unwrap_or(0),
        false,
    )
    .map_err(Refusal::Draft)?;
    post.cover = current.cover.clone();
    let by = actor.user().map(|u| u.id);
    minbar_store::posts::update(store, current.id, &post, by).await?;
    Ok(())
}

/// Publishes a post or takes it off the site (it becomes a draft).
pub async fn set_status(
    store: &Store,
    actor: Actor<'_>,
    id: PostId,
    status: PostStatus,
) -> Result<(), OpError> {
    let post = editable(store, actor, id).await?;
    if !may_set(actor, status, post.featured) {
        return Err(OpError::Forbidden);
    }
    Ok(minbar_store::posts::set_status(store, id, status).await?)
}

/// Deletes a post and its comments (editors).
pub async fn delete(store: &Store, actor: Actor<'_>, id: PostId) -> Result<(), OpError> {
    actor.require(Role::Editor)?;
    Ok(minbar_store::posts::delete(store, id).await?)
}

/// Closes or opens a post's comments and names its Telegram discussion (editors): a channel
/// message as `channel/123` or its `t.me` link, or nothing.
pub async fn set_discussion(
    store: &Store,
    actor: Actor<'_>,
    id: PostId,
    closed: bool,
    telegram: &str,
) -> Result<(), OpError> {
    actor.require(Role::Editor)?;
    let post = editable(store, actor, id).await?;
    let telegram = match telegram.trim() {
        "" => None,
        text => Some(telegram_message(text).ok_or(Refusal::Telegram)?),
    };
    let discussion = Discussion { closed, telegram };
    Ok(minbar_store::posts::set_discussion(store, post.id, &discussion).await?)
}

/// The posts `actor` works on, newest first: authors see their own, editors everyone's.
pub async fn list(
    store: &Store,
    actor: Actor<'_>,
    status: Option<PostStatus>,
    title: &str,
    limit: i64,
    offset: i64,
) -> Result<minbar_store::posts::Listing, OpError> {
    actor.require(Role::Author)?;
    let author = match actor {
        Actor::User(user) if !user.role.at_least(Role::Editor) => Some(user.author_id),
        _ => None,
    };
    let filter = minbar_store::posts::AdminFilter {
        status,
        author_id: author,
        title,
    };
    Ok(minbar_store::posts::list_for_admin(store, &filter, limit, offset).await?)
}

/// Adds a dated correction or update to a published post (editors): shown at the top or the
/// bottom of the article and on the corrections page; the post's modification time moves.
pub async fn add_note(
    store: &Store,
    actor: Actor<'_>,
    id: PostId,
    note: (&str, &str, &str),
) -> Result<minbar_content::notes::PostNote, OpError> {
    actor.require(Role::Editor)?;
    let (kind, placement, text) = note;
    let checked =
        minbar_content::notes::check_note(kind, placement, text).map_err(Refusal::Note)?;
    let post = editable(store, actor, id).await?;
    if post.status != PostStatus::Published {
        return Err(Refusal::Note(minbar_content::notes::NoteError::NotPublished).into());
    }
    let author = actor.user().map(|u| u.author_id);
    Ok(minbar_store::notes::add(store, id, (checked.0, checked.1, &checked.2), author).await?)
}
