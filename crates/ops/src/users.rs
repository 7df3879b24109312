//! The newsroom's accounts: adding people, their roles and passwords, signing in (argon2id,
//! throttled), and the API tokens each user makes for themselves.

use crate::secrets::{new_api_token, random_hex, token_hash};
use crate::{Actor, OpError, Refusal};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use minbar_content::{Role, User, UserId};
use minbar_store::{Store, StoreError};
use std::sync::OnceLock;

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted, in bytes: hashing cost must not depend on what an attacker sends.
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 14 * 24 * 3600;
/// Failed sign-ins, within [`FAILURE_WINDOW`] seconds, after which an account is refused.
pub const MAX_ACCOUNT_FAILURES: i64 = 5;
/// Failed sign-ins from one address, within the window, after which it is refused.
pub const MAX_ADDRESS_FAILURES: i64 = 20;
/// The window over which failures count, in seconds.
pub const FAILURE_WINDOW: i64 = 15 * 60;
/// The longest name of an API token, in characters.
const MAX_TOKEN_NAME_CHARS: usize = 80;

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

/// Hashes off the async workers: argon2 takes tens of milliseconds of CPU on purpose.
async fn hash_in_background(password: &str) -> Result<String, OpError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| Refusal::Password(PasswordError::Hash("interrupted".to_owned())))?
        .map_err(|e| OpError::Refused(Refusal::Password(e)))
}

/// A hash no password matches, verified when the account is unknown so that the answer takes
/// as long as for a known account with a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        Argon2::default()
            .hash_password(random_hex(32).as_bytes())
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

fn checked_email(email: &str) -> Result<String, Refusal> {
    normalize_email(email).ok_or_else(|| Refusal::Email(email.trim().chars().take(254).collect()))
}

/// A new account as a person typed it.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub name: String,
    pub email: String,
    pub role: String,
    pub password: String,
}

/// Adds an account (admins).
pub async fn add(store: &Store, actor: Actor<'_>, new: &NewUser) -> Result<User, OpError> {
    actor.require(Role::Admin)?;
    let name = minbar_text::collapse_whitespace(&new.name);
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(Refusal::UserName.into());
    }
    let email = checked_email(&new.email)?;
    let role = new.role.trim().parse::<Role>().map_err(Refusal::Role)?;
    let hash = hash_in_background(&new.password).await?;
    match minbar_store::users::insert(store, &email, &name, role, &hash).await {
        Err(StoreError::Conflict(_)) => Err(Refusal::EmailTaken(email).into()),
        other => Ok(other?),
    }
}

/// The accounts (admins).
pub async fn list(store: &Store, actor: Actor<'_>) -> Result<Vec<User>, OpError> {
    actor.require(Role::Admin)?;
    Ok(minbar_store::users::list(store).await?)
}

/// Gives an account another role; the last admin keeps theirs.
pub async fn set_role(
    store: &Store,
    actor: Actor<'_>,
    id: UserId,
    role: &str,
) -> Result<(), OpError> {
    actor.require(Role::Admin)?;
    let role = role.trim().parse::<Role>().map_err(Refusal::Role)?;
    match minbar_store::users::set_role(store, id, role).await {
        Err(StoreError::Conflict(_)) => Err(Refusal::LastAdmin.into()),
        other => Ok(other?),
    }
}

/// Removes an account; nobody removes their own, and the last admin stays.
pub async fn remove(store: &Store, actor: Actor<'_>, id: UserId) -> Result<(), OpError> {
    actor.require(Role::Admin)?;
    if actor.user().is_some_and(|user| user.id == id) {
        return Err(Refusal::RemoveSelf.into());
    }
    match minbar_store::users::remove(store, id).await {
        Err(StoreError::Conflict(_)) => Err(Refusal::LastAdmin.into()),
        other => Ok(other?),
    }
}

/// Sets a new password for the account with `email` (the operator); ends its sessions.
pub async fn set_password(
    store: &Store,
    actor: Actor<'_>,
    email: &str,
    password: &str,
) -> Result<String, OpError> {
    actor.require(Role::Admin)?;
    let email = checked_email(email)?;
    let hash = hash_in_background(password).await?;
    minbar_store::users::set_password(store, &email, &hash).await?;
    Ok(email)
}

/// Why a sign-in failed. Unknown accounts and wrong passwords are one case on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInError {
    BadCredentials,
    TooManyAttempts,
}

/// Checks an e-mail and password; on success starts a session and returns its token.
pub async fn sign_in(
    store: &Store,
    email: &str,
    password: &str,
    address: Option<std::net::IpAddr>,
) -> Result<Result<String, SignInError>, OpError> {
    let email = normalize_email(email).unwrap_or_default();
    let account_key = format!("account:{email}");
    let address_key = address.map(|a| format!("address:{a}"));
    let since = crate::now() - FAILURE_WINDOW;
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
    let token = random_hex(32);
    minbar_store::users::start_session(
        store,
        &token_hash(&token),
        user.id,
        crate::now() + SESSION_SECONDS,
    )
    .await?;
    Ok(Ok(token))
}

/// Ends the session whose token a browser holds.
pub async fn sign_out(store: &Store, token: &str) -> Result<(), OpError> {
    Ok(minbar_store::users::end_session(store, &token_hash(token)).await?)
}

/// Creates an API token for the acting user (or, for the operator, the user with `email`) and
/// returns it: it is shown once, only its hash is kept.
pub async fn create_token(
    store: &Store,
    actor: Actor<'_>,
    email: Option<&str>,
    name: &str,
) -> Result<String, OpError> {
    let owner = match (actor, email) {
        (Actor::User(user), _) => user.id,
        (Actor::Operator, Some(email)) => {
            let email = checked_email(email)?;
            let (user, _) = minbar_store::users::credentials(store, &email)
                .await?
                .ok_or(OpError::NotFound)?;
            user.id
        }
        (Actor::Operator, None) => return Err(OpError::NotFound),
    };
    let name: String = minbar_text::collapse_whitespace(name)
        .chars()
        .take(MAX_TOKEN_NAME_CHARS)
        .collect();
    let name = if name.is_empty() {
        "API".to_owned()
    } else {
        name
    };
    let token = new_api_token();
    minbar_store::users::add_token(store, &token_hash(&token), owner, &name).await?;
    Ok(token)
}

/// Revokes one of the acting user's tokens.
pub async fn revoke_token(store: &Store, user: &User, id: i64) -> Result<(), OpError> {
    Ok(minbar_store::users::revoke_token(store, user.id, id).await?)
}

/// The user an API token belongs to, if it is a live one.
pub async fn token_user(store: &Store, token: &str) -> Result<Option<User>, OpError> {
    let plausible = token.starts_with(crate::secrets::API_TOKEN_PREFIX)
        && token.len() == crate::secrets::API_TOKEN_PREFIX.len() + 64;
    if !plausible {
        return Ok(None);
    }
    Ok(minbar_store::users::token_user(store, &token_hash(token)).await?)
}

/// The user whose live session `token` is, if any.
pub async fn session_user(store: &Store, token: &str) -> Result<Option<User>, OpError> {
    if token.len() != 64 {
        return Ok(None);
    }
    Ok(minbar_store::users::session_user(store, &token_hash(token)).await?)
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
