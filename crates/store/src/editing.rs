//! Who has a post open in the editor: each open editor says so every few seconds, and hears who
//! else did within the last [`FRESH_SECONDS`]. Shared through the database, so people on
//! different nodes see each other.

use crate::{Result, Store};
use minbar_content::{PostId, UserId};

/// How long a word from an open editor counts.
pub const FRESH_SECONDS: i64 = 45;

/// Records that `user` has post `id` open now, and returns the names of the others who said
/// so within [`FRESH_SECONDS`], clearing what is older.
pub async fn seen(store: &Store, id: PostId, user: UserId) -> Result<Vec<String>> {
    let now = crate::now();
    let mut tx = store.pool().begin().await?;
    sqlx::query(
        "INSERT INTO editing (post_id, user_id, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (post_id, user_id) DO UPDATE SET seen_at = excluded.seen_at",
    )
    .bind(id.0)
    .bind(user.0)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM editing WHERE seen_at < $1")
        .bind(now - FRESH_SECONDS)
        .execute(&mut *tx)
        .await?;
    let others: Vec<String> = sqlx::query_scalar(
        "SELECT u.name FROM editing e JOIN users u ON u.id = e.user_id
         WHERE e.post_id = $1 AND e.user_id <> $2 ORDER BY u.name",
    )
    .bind(id.0)
    .bind(user.0)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(others)
}
