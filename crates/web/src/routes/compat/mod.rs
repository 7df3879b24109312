//! The addresses of the platforms a site came from, in one place: Blogger's monthly archives
//! (`/2017_08_01_archive.html`), and every old address an import recorded (WordPress's
//! `/2018/10/20/slug/`, `/?p=12`, `/?page_id=3`), answered with a permanent redirect. The
//! recorded ones are looked up when a reading request would otherwise be a 404 (the error
//! path) and on the home page's WordPress queries; both call [`old_address`].
//! Blogger's own feed and label addresses are Minbar's addresses too, so they live with the
//! public pages.

use crate::AppState;
use crate::error::AppError;
use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use minbar_store::StoreError;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/{file}", get(blogger_archive))
}

/// Blogger's monthly archive address, `/2017_08_01_archive.html`, is today's `/2017/08/`.
async fn blogger_archive(Path(file): Path<String>) -> Result<Response, AppError> {
    let month = file
        .strip_suffix("_01_archive.html")
        .and_then(|ym| ym.split_once('_'))
        .filter(|(y, m)| {
            y.len() == 4 && m.len() == 2 && y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
        });
    match month {
        Some((year, month)) => Ok(moved_permanently(&format!("/{year}/{month}/"))),
        None => Err(AppError::NotFound),
    }
}

/// 301 to `target`: the status search engines and feed readers know best for "moved for good"
/// (axum's own permanent redirect is 308, which some older clients do not follow).
pub(crate) fn moved_permanently(target: &str) -> Response {
    match header::HeaderValue::from_str(target) {
        Ok(location) => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Where an imported site's old address lives now. Redirects are keyed by
/// [`minbar_content::redirect_key`]; an address with a query is looked up with it first
/// (WordPress's `/?p=12`), then by its path alone (Blogger's `?m=1` forms of a post's path).
pub(crate) async fn old_address(
    state: &AppState,
    uri: &axum::http::Uri,
) -> Result<Option<String>, StoreError> {
    // Keyed as the importers recorded them, by the same function: an old link with `%2F` in
    // a segment, doubled slashes or lower-case escapes is found whatever the browser sent.
    let path = minbar_content::redirect_key(uri.path(), None);
    if path.len() > 2_000 {
        return Ok(None);
    }
    let store = state.store();
    if let Some(query) = uri.query().filter(|q| !q.is_empty() && q.len() <= 200) {
        let with_query = minbar_content::redirect_key(uri.path(), Some(query));
        if let Some(target) = minbar_store::redirects::target(store, &with_query).await? {
            return Ok(Some(crate::views::encode_path(&target)));
        }
    }
    Ok(minbar_store::redirects::target(store, &path)
        .await?
        .map(|t| crate::views::encode_path(&t)))
}
