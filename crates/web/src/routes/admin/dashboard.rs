//! The dashboard: what needs the newsroom's attention first (posts waiting for review, comments
//! waiting, posts going out in the next day, jobs that failed), then the newest posts with their
//! comment counts and the writer's own drafts to continue.

use super::page;
use super::session::STATUSES;
use crate::AppState;
use crate::admin_views::{AdminPostRow, DashboardView, JobRow, StatusCount};
use crate::auth::SignedIn;
use crate::error::AppError;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use minbar_content::{CommentStatus, PostStatus, Role};
use minbar_store::posts::{AdminFilter, Selection};

/// Rows each list of the dashboard shows at most.
const ROWS: i64 = 8;
/// How far ahead the dashboard looks for scheduled posts, in seconds.
const SCHEDULED_AHEAD: i64 = 24 * 3600;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/", get(dashboard))
}

async fn dashboard(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: SignedIn,
) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    let (site, layout, cookie) = super::layout(&state, &headers, &user).await?;
    let store = state.store();
    let locale = site.format_locale();
    let rows = |posts: &[minbar_content::PostSummary]| -> Vec<AdminPostRow> {
        posts
            .iter()
            .map(|p| AdminPostRow::new(&state, &locale, p))
            .collect()
    };
    let editor = user.0.role.at_least(Role::Editor);
    let counts = minbar_store::posts::count_by_status(store).await?;
    let (pending, review, scheduled) = if editor {
        let review = AdminFilter {
            status: Some(PostStatus::Review),
            author_id: None,
            title: "",
        };
        let scheduled = AdminFilter {
            status: Some(PostStatus::Scheduled),
            ..review
        };
        let soon = minbar_store::now() + SCHEDULED_AHEAD;
        let mut scheduled = minbar_store::posts::list_for_admin(store, &scheduled, 100, 0)
            .await?
            .posts;
        scheduled.retain(|p| p.published_at.is_some_and(|t| t <= soon));
        scheduled.sort_by_key(|p| p.published_at);
        scheduled.truncate(ROWS as usize);
        (
            minbar_store::comments::count_by_status(store, CommentStatus::Pending).await?,
            rows(
                &minbar_store::posts::list_for_admin(store, &review, ROWS, 0)
                    .await?
                    .posts,
            ),
            rows(&scheduled),
        )
    } else {
        (0, Vec::new(), Vec::new())
    };
    let jobs: Vec<JobRow> = if user.0.role.at_least(Role::Admin) {
        minbar_store::jobs::list(store)
            .await?
            .iter()
            .map(|job| JobRow::new(job, &site.zone()))
            .collect()
    } else {
        Vec::new()
    };
    let newest = minbar_store::posts::list_selected(store, &Selection::default(), ROWS, 0).await?;
    let drafts = AdminFilter {
        status: Some(PostStatus::Draft),
        author_id: Some(user.0.author_id),
        title: "",
    };
    let drafts = minbar_store::posts::list_for_admin(store, &drafts, ROWS, 0).await?;
    let view = DashboardView {
        layout,
        counts: STATUSES
            .iter()
            .map(|status| StatusCount {
                status: status.as_str(),
                count: counts
                    .iter()
                    .find(|(s, _)| s == status)
                    .map_or(0, |(_, n)| *n),
                url: format!("/admin/posts?status={}", status.as_str()),
            })
            .collect(),
        pending_comments: pending,
        failed_jobs: jobs.iter().filter(|j| j.failures > 0).count(),
        jobs,
        review,
        scheduled,
        newest: rows(&newest.posts),
        drafts: rows(&drafts.posts),
    };
    let html = state.templates().render("admin/dashboard.html", &view)?;
    Ok(page(html, StatusCode::OK, cookie))
}
