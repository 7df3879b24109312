//! Who is asking: the session cookie and the signed-in user as an extractor, the API token's
//! user, and the role rules both doors share. Passwords, sign-in throttling and tokens are
//! operations (`minbar_ops::users`); this module only reads them off requests.

use crate::AppState;
use crate::cookies;
use crate::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use minbar_content::{Role, User};

pub use minbar_ops::users::{
    MAX_ACCOUNT_FAILURES, MAX_ADDRESS_FAILURES, SESSION_SECONDS, SignInError, warm_up,
};

/// The `Set-Cookie` value for a new session (or, with an empty token, one that ends it).
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let max_age = if token.is_empty() { 0 } else { SESSION_SECONDS };
    cookies::SESSION.set(token, secure, Some(max_age))
}

/// The session token the request's cookie holds, by the cookie's name under `secure`.
pub fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookies::SESSION.read(headers, secure)
}

/// Refuses (403) unless `user`'s role includes `role`: the one role check both doors use.
pub fn require(user: &User, role: Role) -> Result<(), AppError> {
    if user.role.at_least(role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The user of an API call, from `Authorization: Bearer <token>`; 401 without a valid one.
#[derive(Debug, Clone)]
pub struct ApiUser(pub User);

impl ApiUser {
    /// Refuses (403) unless the user's role includes `role`.
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        require(&self.0, role)
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        minbar_ops::users::token_user(state.store(), token)
            .await?
            .map(ApiUser)
            .ok_or(AppError::Unauthorized)
    }
}

/// The signed-in user. A request without a live session is sent to the sign-in page.
#[derive(Debug, Clone)]
pub struct SignedIn(pub User);

impl SignedIn {
    /// Refuses (403) unless the user's role includes `role`.
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        require(&self.0, role)
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        session_user(state, &parts.headers)
            .await?
            .map(SignedIn)
            .ok_or(AppError::SignInRequired)
    }
}

/// The user whose live session the request's cookie names, if any.
pub async fn session_user(state: &AppState, headers: &HeaderMap) -> Result<Option<User>, AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let secure = cookies::over_https(site.base_url.as_deref(), headers);
    match session_token(headers, secure) {
        Some(token) => Ok(minbar_ops::users::session_user(state.store(), &token).await?),
        None => Ok(None),
    }
}
