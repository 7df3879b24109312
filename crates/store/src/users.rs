//! Users (the newsroom's accounts), their sessions, and failed sign-ins.
//!
//! Passwords arrive here already hashed, and session tokens as their hashes: the database never
//! holds a secret that would let someone in if it leaked.

use crate::error::{conflict_as, parse_stored};
use crate::{Result, Store, StoreError};
use minbar_content::{Role, User, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

fn user(row: &AnyRow) -> Result<User> {
    Ok(User {
        id: UserId(row.try_get("id")?),
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: parse_stored("role", row.try_get("role")?)?,
        author_id: row.try_get("author_id")?,
    })
}

const USER_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.author_id";

/// Adds a user signing posts as the author of the same name. `email` must be lowercased.
pub async fn insert(
    store: &Store,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &str,
) -> Result<User> {
    let author_id = crate::authors::ensure(store, name).await?;
    let now = crate::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, name, role, password_hash, author_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(author_id)
    .bind(now)
    .fetch_one(store.pool())
    .await
    .map_err(conflict_as("a user with this e-mail"))?;
    Ok(User {
        id: UserId(id),
        email: email.to_owned(),
        name: name.to_owned(),
        role,
        author_id,
    })
}

/// Every user, in the order they were added.
pub async fn list(store: &Store) -> Result<Vec<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(store.pool())
        .await?;
    rows.iter().map(user).collect()
}

/// The user signing in as `email` (lowercased) and their password hash.
pub async fn credentials(store: &Store, email: &str) -> Result<Option<(User, String)>> {
    let sql = format!("SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(email)
        .fetch_optional(store.pool())
        .await?;
    row.map(|row| Ok((user(&row)?, row.try_get("password_hash")?)))
        .transpose()
}

/// Replaces a user's password hash and ends every session they had.
pub async fn set_password(store: &Store, email: &str, password_hash: &str) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE email = $3 RETURNING id",
    )
    .bind(password_hash)
    .bind(crate::now())
    .bind(email)
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or(StoreError::NotFound)?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a session by the hash of its token.
pub async fn start_session(
    store: &Store,
    token_hash: &str,
    user: UserId,
    expires_at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(crate::now())
    .bind(expires_at)
    .execute(store.pool())
    .await?;
    Ok(())
}

/// The user of a live session, by the hash of its token.
pub async fn session_user(store: &Store, token_hash: &str) -> Result<Option<User>> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(token_hash)
        .bind(crate::now())
        .fetch_optional(store.pool())
        .await?;
    row.as_ref().map(user).transpose()
}

/// Ends a session on the server, whatever the browser keeps.
pub async fn end_session(store: &Store, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1 OR expires_at <= $2")
        .bind(token_hash)
        .bind(crate::now())
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Records a failed sign-in under each of `keys` (an account, an address).
pub async fn record_failure(store: &Store, keys: &[&str]) -> Result<()> {
    let now = crate::now();
    let mut tx = store.pool().begin().await?;
    for key in keys {
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(*key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How many sign-ins failed under `key` since `since` (Unix seconds).
pub async fn failures_since(store: &Store, key: &str, since: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
            .bind(key)
            .bind(since)
            .fetch_one(store.pool())
            .await?,
    )
}

/// Forgets failures older than `before`, and those under `key` after a good sign-in.
pub async fn clear_failures(store: &Store, key: &str, before: i64) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1 OR at < $2")
        .bind(key)
        .bind(before)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// An API token as its owner sees it listed (the token itself is shown once, at creation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
}

/// Records a new API token by its hash.
pub async fn add_token(store: &Store, token_hash: &str, user: UserId, name: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(name)
    .bind(crate::now())
    .execute(store.pool())
    .await?;
    Ok(())
}

/// A user's API tokens, newest first.
pub async fn tokens(store: &Store, user: UserId) -> Result<Vec<TokenRow>> {
    let rows = sqlx::query(
        "SELECT id, name, created_at FROM api_tokens WHERE user_id = $1 ORDER BY id DESC",
    )
    .bind(user.0)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(TokenRow {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

/// Revokes one of a user's tokens.
pub async fn revoke_token(store: &Store, user: UserId, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user.0)
        .execute(store.pool())
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The user an API token belongs to, by the token's hash.
pub async fn token_user(store: &Store, token_hash: &str) -> Result<Option<User>> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(token_hash)
        .fetch_optional(store.pool())
        .await?;
    row.as_ref().map(user).transpose()
}

/// Refuses (Conflict) a change that would leave the site without an admin; run inside the
/// change's transaction, before it commits.
async fn keeps_an_admin(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<()> {
    let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin'")
        .fetch_one(&mut **tx)
        .await?;
    if admins == 0 {
        return Err(StoreError::Conflict("the last admin"));
    }
    Ok(())
}

/// Changes a user's role. Refuses (Conflict) to leave the site without an admin.
pub async fn set_role(store: &Store, id: UserId, role: Role) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let changed = sqlx::query("UPDATE users SET role = $1, updated_at = $2 WHERE id = $3")
        .bind(role.as_str())
        .bind(crate::now())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    keeps_an_admin(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a user, their sessions and tokens; their posts stay, signed as before. Refuses
/// (Conflict) to remove the last admin.
pub async fn remove(store: &Store, id: UserId) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    for sql in [
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM api_tokens WHERE user_id = $1",
        "UPDATE post_revisions SET saved_by = NULL WHERE saved_by = $1",
        "UPDATE media SET uploaded_by = NULL WHERE uploaded_by = $1",
    ] {
        sqlx::query(sql).bind(id.0).execute(&mut *tx).await?;
    }
    let removed = sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    keeps_an_admin(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
