//! Signing in: password hashes (argon2id), sessions kept in the database (so every node knows
//! them), the signed-in user as an extractor, roles, and slowing down password guessing.

use crate::AppState;
use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use minbar_content::{PostStatus, Role, User};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "minbar_session";

/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 14 * 24 * 3600;

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The longest password accepted, in bytes: hashing cost must not depend on what an attacker sends.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Failed sign-ins, within [`FAILURE_WINDOW`] seconds, after which an account is refused.
pub const MAX_ACCOUNT_FAILURES: i64 = 5;
/// Failed sign-ins from one address, within the window, after which it is refused.
pub const MAX_ADDRESS_FAILURES: i64 = 20;
/// The window over which failures count, in seconds.
pub const FAILURE_WINDOW: i64 = 15 * 60;

/// What is wrong with a password someone chose.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("the password must have at most {MAX_PASSWORD_BYTES} bytes")]
    TooLong,
    #[error("the password could not be hashed: {0}")]
    Hash(String),
}

/// Hashes a new password with argon2id (a fresh random salt, the crate's recommended costs).
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(PasswordError::TooLong);
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// A hash no password matches, verified when the account is unknown so that the answer takes
/// as long as for a known account with a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let random = crate::csrf::random_hex(32);
        Argon2::default()
            .hash_password(random.as_bytes())
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Computes the decoy hash now, so that the first unknown account to sign in is not told apart
/// by the time its first use would take.
pub fn warm_up() {
    let _ = decoy_hash();
}

/// Whether `password` matches `hash`. Never panics; a malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// The sign-in form of an e-mail address: trimmed and lowercased; `None` when it cannot be one.
pub fn normalize_email(email: &str) -> Option<String> {
    let email = email.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let ok = !local.is_empty()
        && !domain.is_empty()
        && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(email)
}

/// What the database keeps of a session token: its SHA-256, so a leaked table opens nothing.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub use crate::csrf::cookie_value;

/// The `Set-Cookie` value for a new session (or, with an empty token, one that ends it).
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = if token.is_empty() { 0 } else { SESSION_SECONDS };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("minbar_session=; Path=/; Max-Age=0"))
}

/// Why a sign-in failed. Unknown accounts and wrong passwords are one case on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInError {
    BadCredentials,
    TooManyAttempts,
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// Checks an e-mail and password; on success starts a session and returns its token.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    address: Option<std::net::IpAddr>,
) -> Result<Result<String, SignInError>, AppError> {
    let store = state.store();
    let email = normalize_email(email).unwrap_or_default();
    let account_key = format!("account:{email}");
    let address_key = address.map(|a| format!("address:{a}"));
    let since = now() - FAILURE_WINDOW;
    let mut throttled = minbar_store::users::failures_since(store, &account_key, since).await?
        >= MAX_ACCOUNT_FAILURES;
    if let Some(key) = &address_key {
        throttled |=
            minbar_store::users::failures_since(store, key, since).await? >= MAX_ADDRESS_FAILURES;
    }
    if throttled {
        return Ok(Err(SignInError::TooManyAttempts));
    }
    let found = if email.is_empty() {
        None
    } else {
        minbar_store::users::credentials(store, &email).await?
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (None, decoy_hash().to_owned()),
    };
    let password = password.to_owned();
    // Argon2 takes tens of milliseconds of CPU on purpose: keep it off the async workers.
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let Some(user) = user.filter(|_| matches) else {
        let mut keys = vec![account_key.as_str()];
        keys.extend(address_key.as_deref());
        minbar_store::users::record_failure(store, &keys).await?;
        return Ok(Err(SignInError::BadCredentials));
    };
    minbar_store::users::clear_failures(store, &account_key, since).await?;
    let token = crate::csrf::random_hex(32);
    minbar_store::users::start_session(
        store,
        &token_hash(&token),
        user.id,
        now() + SESSION_SECONDS,
    )
    .await?;
    Ok(Ok(token))
}

/// Refuses (403) unless `user`'s role includes `role`: the one role check both doors use.
pub fn require(user: &User, role: Role) -> Result<(), AppError> {
    if user.role.at_least(role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

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

/// Whether `role` may give a post `status` and the featured flag `featured`.
pub fn may_set(role: Role, status: PostStatus, featured: bool) -> bool {
    statuses_for(role).contains(&status) && (!featured || role.at_least(Role::Editor))
}

/// Whether `user` may change a post with `status` written by `author`: editors any post,
/// authors only their own while it is a draft or in review.
pub fn may_edit(user: &User, status: PostStatus, author: Option<i64>) -> bool {
    user.role.at_least(Role::Editor)
        || (author == Some(user.author_id)
            && matches!(status, PostStatus::Draft | PostStatus::Review))
}

/// The prefix of API tokens, so a leaked one is easy to recognize and search for.
pub const API_TOKEN_PREFIX: &str = "mbt_";

/// A new API token: the prefix and 32 random bytes in hex.
pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", crate::csrf::random_hex(32))
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
            .filter(|t| t.starts_with(API_TOKEN_PREFIX) && t.len() == API_TOKEN_PREFIX.len() + 64)
            .ok_or(AppError::Unauthorized)?;
        minbar_store::users::token_user(state.store(), &token_hash(token))
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
    match cookie_value(headers, SESSION_COOKIE).filter(|t| t.len() == 64) {
        Some(token) => {
            Ok(minbar_store::users::session_user(state.store(), &token_hash(&token)).await?)
        }
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let hash = hash_password("كلمة سر طويلة جدا").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("كلمة سر طويلة جدا", &hash));
        assert!(!verify_password("كلمة سر طويلة جدًا", &hash));
        assert!(!verify_password("x", "not a hash"));
        assert_eq!(hash_password("short"), Err(PasswordError::TooShort));
        assert_eq!(
            hash_password(&"a".repeat(2000)),
            Err(PasswordError::TooLong)
        );
        assert!(!verify_password("anything at all", decoy_hash()));
    }

    #[test]
    fn emails_are_keyed_lowercase() {
        assert_eq!(
            normalize_email("  Rami@Example.ORG "),
            Some("rami@example.org".into())
        );
        assert_eq!(normalize_email("no-at-sign"), None);
        assert_eq!(normalize_email("a b@c"), None);
        assert_eq!(normalize_email("@c"), None);
    }
}
