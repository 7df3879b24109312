//! Schema migrations, one SQL file per engine per version, embedded in the binary.
//!
//! sqlx's migrator needs its macros or files on disk at run time; a single binary with two
//! engines is simpler served by this short list and a `schema_migrations` table.

use crate::{Engine, Result, Store};
use sqlx::Executor;

struct Migration {
    version: i64,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sqlite: include_str!("../migrations/0001_initial.sqlite.sql"),
        postgres: include_str!("../migrations/0001_initial.postgres.sql"),
    },
    Migration {
        version: 2,
        sqlite: include_str!("../migrations/0002_body_text.sqlite.sql"),
        postgres: include_str!("../migrations/0002_body_text.postgres.sql"),
    },
    Migration {
        version: 3,
        sqlite: include_str!("../migrations/0003_users.sqlite.sql"),
        postgres: include_str!("../migrations/0003_users.postgres.sql"),
    },
    Migration {
        version: 4,
        sqlite: include_str!("../migrations/0004_revisions.sqlite.sql"),
        postgres: include_str!("../migrations/0004_revisions.postgres.sql"),
    },
    Migration {
        version: 5,
        sqlite: include_str!("../migrations/0005_media.sqlite.sql"),
        postgres: include_str!("../migrations/0005_media.postgres.sql"),
    },
    Migration {
        version: 6,
        sqlite: include_str!("../migrations/0006_api_tokens.sqlite.sql"),
        postgres: include_str!("../migrations/0006_api_tokens.postgres.sql"),
    },
    Migration {
        version: 7,
        sqlite: include_str!("../migrations/0007_date_style.sqlite.sql"),
        postgres: include_str!("../migrations/0007_date_style.postgres.sql"),
    },
    Migration {
        version: 8,
        sqlite: include_str!("../migrations/0008_cover.sqlite.sql"),
        postgres: include_str!("../migrations/0008_cover.postgres.sql"),
    },
    Migration {
        version: 9,
        sqlite: include_str!("../migrations/0009_import_sources.sqlite.sql"),
        postgres: include_str!("../migrations/0009_import_sources.postgres.sql"),
    },
    Migration {
        version: 10,
        sqlite: include_str!("../migrations/0010_redirects.sqlite.sql"),
        postgres: include_str!("../migrations/0010_redirects.postgres.sql"),
    },
    Migration {
        version: 11,
        sqlite: include_str!("../migrations/0011_comment_moderation.sqlite.sql"),
        postgres: include_str!("../migrations/0011_comment_moderation.postgres.sql"),
    },
    Migration {
        version: 12,
        sqlite: include_str!("../migrations/0012_featured_index.sqlite.sql"),
        postgres: include_str!("../migrations/0012_featured_index.postgres.sql"),
    },
    Migration {
        version: 13,
        sqlite: include_str!("../migrations/0013_jobs.sqlite.sql"),
        postgres: include_str!("../migrations/0013_jobs.postgres.sql"),
    },
    Migration {
        version: 14,
        sqlite: include_str!("../migrations/0014_languages.sqlite.sql"),
        postgres: include_str!("../migrations/0014_languages.postgres.sql"),
    },
    Migration {
        version: 15,
        sqlite: include_str!("../migrations/0015_post_notes.sqlite.sql"),
        postgres: include_str!("../migrations/0015_post_notes.postgres.sql"),
    },
    Migration {
        version: 16,
        sqlite: include_str!("../migrations/0016_editing.sqlite.sql"),
        postgres: include_str!("../migrations/0016_editing.postgres.sql"),
    },
    Migration {
        version: 17,
        sqlite: include_str!("../migrations/0017_list_index.sqlite.sql"),
        postgres: include_str!("../migrations/0017_list_index.postgres.sql"),
    },
    Migration {
        version: 18,
        sqlite: include_str!("../migrations/0018_remote_images.sqlite.sql"),
        postgres: include_str!("../migrations/0018_remote_images.postgres.sql"),
    },
];

/// The newest migration this version knows.
pub const KNOWN: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Applies every migration the database has not seen, each in its own transaction.
pub(crate) async fn run(store: &Store) -> Result<()> {
    store
        .pool()
        .execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )
        .await?;
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations")
        .fetch_all(store.pool())
        .await?;
    // A newer version migrated this database: its nodes may rely on what this one would not
    // keep (new columns it never fills, rows it does not know). Refuse rather than guess.
    if let Some(&found) = applied.iter().max().filter(|&&v| v > KNOWN) {
        return Err(crate::StoreError::SchemaNewer {
            found,
            known: KNOWN,
        });
    }
    for migration in MIGRATIONS {
        if applied.contains(&migration.version) {
            continue;
        }
        let sql = match store.engine() {
            Engine::Sqlite => migration.sqlite,
            Engine::Postgres => migration.postgres,
        };
        let mut tx = store.pool().begin().await?;
        tx.execute(sqlx::raw_sql(sql)).await?;
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
            .bind(migration.version)
            .bind(crate::now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(version = migration.version, "applied migration");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database a newer version migrated is refused, naming the migration it found, and is
    /// left as it was.
    #[tokio::test]
    async fn a_schema_newer_than_this_version_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Store::open(dir.path(), None)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(store.schema_version().await.ok(), Some(KNOWN));
        sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)")
            .bind(KNOWN + 1)
            .execute(store.pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        store.close().await;
        let refused = Store::open(dir.path(), None).await.err();
        let said = refused
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            matches!(refused, Some(crate::StoreError::SchemaNewer { found, known }) if found == KNOWN + 1 && known == KNOWN),
            "{said}"
        );
        assert!(said.contains(&format!("migration {}", KNOWN + 1)), "{said}");
    }
}
