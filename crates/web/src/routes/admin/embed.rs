//! The visual editor's question "can this link be embedded?", answered by the one rule the
//! public pages use (`content::embed`), so the editor never guesses differently from the site.

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::routes::extract::Lenient;
use axum::Json;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use minbar_content::Role;
use minbar_content::embed::Embed;
use serde::Deserialize;

/// Longer addresses are not a post's: refused without parsing.
const MAX_URL: usize = 2048;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/embed.json", get(check))
}

#[derive(Debug, Default, Deserialize)]
struct EmbedQuery {
    url: Option<String>,
}

/// `{"embed": {"service", "name", "url"}}` (`url`: the post's own address, which the editor
/// writes into the text) for an embeddable post, `{"embed": null}` for anything else: a "no" is
/// an answer, not a missing page (which a browser would report as an error).
async fn check(user: SignedIn, Lenient(query): Lenient<EmbedQuery>) -> Result<Response, AppError> {
    user.require(Role::Author)?;
    let found = query
        .url
        .as_deref()
        .filter(|u| u.len() <= MAX_URL)
        .and_then(Embed::of_url);
    let embed = found.map(|embed| {
        serde_json::json!({
            "service": embed.service.as_str(),
            "name": embed.service.name(),
            "url": embed.post_url(),
        })
    });
    let mut response = Json(serde_json::json!({ "embed": embed })).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
