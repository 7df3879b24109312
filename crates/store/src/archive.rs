//! The Minbar archive: everything a site publishes, as JSON Lines, so a newsroom can leave with
//! all of it and come back to an empty site with nothing lost.
//!
//! One line per row, tables in a fixed order, rows by key, each table's columns listed once
//! below. Posts, pages, comments, labels, revisions and media keep their ids, so restoring an
//! archive and exporting again gives the same bytes. Authors travel by name (an empty site
//! already has the author `init` made). Accounts, sessions, tokens and the signing secret stay
//! behind: they belong to one installation, and password hashes should not travel in a file.

use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use serde_json::{Map, Value};
use sqlx::{AssertSqlSafe, Row};

/// The first line of every archive; the number changes when the layout does.
pub const HEADER: &str = r#"{"minbar_archive":1}"#;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Type {
    Int,
    Text,
    /// `posts.author_id`, written as the author's name.
    AuthorName,
}

struct Table {
    name: &'static str,
    /// The ordering key, and whether the table's `id` comes from a sequence.
    order: &'static str,
    sequence: bool,
    columns: &'static [(&'static str, Type)],
}

use Type::{AuthorName, Int, Text};

/// Every archived table, parents before children.
const TABLES: &[Table] = &[
    Table {
        name: "site",
        order: "id",
        sequence: false,
        columns: &[
            ("title", Text),
            ("about", Text),
            ("locale", Text),
            ("moderation", Text),
            ("outside_comments", Text),
            ("base_url", Text),
            ("digits", Text),
            ("month_names", Text),
            ("facebook_app_id", Text),
            ("comments_close_days", Int),
            ("time_zone", Text),
            ("hijri_adjust", Int),
        ],
    },
    Table {
        name: "labels",
        order: "id",
        sequence: true,
        columns: &[("id", Int), ("key", Text), ("name", Text)],
    },
    Table {
        name: "posts",
        order: "id",
        sequence: true,
        columns: &[
            ("id", Int),
            ("path", Text),
            ("slug", Text),
            ("title", Text),
            ("body_source", Text),
            ("body_format", Text),
            ("body_html", Text),
            ("body_text", Text),
            ("excerpt", Text),
            ("status", Text),
            ("featured", Int),
            ("published_at", Int),
            ("created_at", Int),
            ("updated_at", Int),
            ("author_id", AuthorName),
            ("cover", Text),
            ("comments_closed", Int),
            ("telegram_post", Text),
            ("language", Text),
            ("translation_group", Int),
        ],
    },
    Table {
        name: "post_labels",
        order: "post_id, position, label_id",
        sequence: false,
        columns: &[("post_id", Int), ("label_id", Int), ("position", Int)],
    },
    Table {
        name: "post_revisions",
        order: "id",
        sequence: true,
        columns: &[
            ("id", Int),
            ("post_id", Int),
            ("title", Text),
            ("body_source", Text),
            ("body_format", Text),
            ("labels", Text),
            ("saved_at", Int),
        ],
    },
    Table {
        name: "pages",
        order: "id",
        sequence: true,
        columns: &[
            ("id", Int),
            ("slug", Text),
            ("title", Text),
            ("body_source", Text),
            ("body_format", Text),
            ("body_html", Text),
            ("created_at", Int),
            ("updated_at", Int),
            ("language", Text),
        ],
    },
    Table {
        name: "post_notes",
        order: "id",
        sequence: true,
        columns: &[
            ("id", Int),
            ("post_id", Int),
            ("kind", Text),
            ("placement", Text),
            ("body", Text),
            ("created_at", Int),
            ("author_id", AuthorName),
        ],
    },
    Table {
        name: "comments",
        order: "id",
        sequence: true,
        columns: &[
            ("id", Int),
            ("post_id", Int),
            ("parent_id", Int),
            ("author_name", Text),
            ("author_key", Text),
            ("body", Text),
            ("status", Text),
            ("created_at", Int),
            ("ip", Text),
            ("spam_score", Int),
            ("spam_reasons", Text),
            ("fingerprint", Text),
            ("edited_at", Int),
        ],
    },
    Table {
        name: "comment_bans",
        order: "id",
        sequence: true,
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("value", Text),
            ("shown", Text),
            ("created_at", Int),
        ],
    },
    Table {
        name: "media",
        order: "id",
        sequence: true,
        columns: &[
            ("id", Int),
            ("name", Text),
            ("content_type", Text),
            ("width", Int),
            ("height", Int),
            ("bytes", Int),
            ("created_at", Int),
        ],
    },
    Table {
        name: "redirects",
        order: "from_path",
        sequence: false,
        columns: &[("from_path", Text), ("to_path", Text)],
    },
    Table {
        name: "import_sources",
        order: "kind, source_id",
        sequence: false,
        columns: &[("kind", Text), ("source_id", Text), ("entity_id", Int)],
    },
];

/// Rows read per query while exporting, so memory stays flat however large the site.
const CHUNK: i64 = 500;

/// How many rows of each table an export wrote or a restore read.
pub type Counts = Vec<(&'static str, u64)>;

/// Writes the archive of the whole site, one line at a time, to `line`.
pub async fn export(
    store: &Store,
    mut line: impl FnMut(&str) -> std::io::Result<()>,
) -> Result<Counts> {
    line(HEADER).map_err(io)?;
    let mut counts = Vec::new();
    for table in TABLES {
        let select: Vec<String> = table
            .columns
            .iter()
            .map(|(name, kind)| match kind {
                AuthorName => {
                    format!("(SELECT a.name FROM authors a WHERE a.id = t.{name}) AS {name}")
                }
                _ => format!("t.{name}"),
            })
            .collect();
        let mut written = 0u64;
        let mut offset = 0i64;
        loop {
            let sql = format!(
                "SELECT {} FROM {} t ORDER BY {} LIMIT $1 OFFSET $2",
                select.join(", "),
                table.name,
                table
                    .order
                    .split(", ")
                    .map(|c| format!("t.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(CHUNK)
                .bind(offset)
                .fetch_all(store.pool())
                .await?;
            if rows.is_empty() {
                break;
            }
            offset += rows.len() as i64;
            for row in rows {
                let mut object = Map::new();
                object.insert("table".into(), Value::from(table.name));
                for (name, kind) in table.columns {
                    let value = match kind {
                        Int => row
                            .try_get::<Option<i64>, _>(*name)?
                            .map_or(Value::Null, Value::from),
                        Text | AuthorName => row
                            .try_get::<Option<String>, _>(*name)?
                            .map_or(Value::Null, Value::from),
                    };
                    object.insert((*name).into(), value);
                }
                line(&Value::Object(object).to_string()).map_err(io)?;
                written += 1;
            }
        }
        counts.push((table.name, written));
    }
    Ok(counts)
}

fn io(error: std::io::Error) -> StoreError {
    StoreError::Invalid(format!("cannot write the archive: {error}"))
}

/// Why a line of an archive cannot be restored.
fn bad(line: usize, why: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("line {line}: {why}"))
}

/// Restores an archive into an empty site, in one transaction: a bad line leaves nothing.
/// `lines` yields each line with its 1-based number.
pub async fn restore(
    store: &Store,
    lines: impl Iterator<Item = (usize, std::io::Result<String>)>,
) -> Result<Counts> {
    let mut tx = store.pool().begin().await?;
    for table in ["posts", "pages", "comments", "labels"] {
        let rows: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(&mut *tx)
            .await?;
        if rows > 0 {
            return Err(StoreError::Invalid(format!(
                "an archive is restored into an empty site, and this one has {table}"
            )));
        }
    }
    let mut counts: Vec<(&'static str, u64)> = TABLES.iter().map(|t| (t.name, 0)).collect();
    let mut saw_header = false;
    for (number, text) in lines {
        let text = text.map_err(|e| bad(number, e))?;
        if text.trim().is_empty() {
            continue;
        }
        if !saw_header {
            if text.trim() != HEADER {
                return Err(bad(
                    number,
                    "this is not a Minbar archive (its first line is not the archive header)",
                ));
            }
            saw_header = true;
            continue;
        }
        let value: Value = serde_json::from_str(&text).map_err(|e| bad(number, e))?;
        let name = value["table"]
            .as_str()
            .ok_or_else(|| bad(number, "no table"))?;
        let index = TABLES
            .iter()
            .position(|t| t.name == name)
            .ok_or_else(|| bad(number, format!("unknown table {name}")))?;
        restore_row(&mut tx, &TABLES[index], &value, number).await?;
        counts[index].1 += 1;
    }
    if !saw_header {
        return Err(StoreError::Invalid("the archive is empty".into()));
    }
    if store.engine() == crate::Engine::Postgres {
        // Rows came with their ids; the next new row must not collide with them.
        for table in TABLES.iter().filter(|t| t.sequence) {
            sqlx::query(AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE((SELECT MAX(id) FROM {0}), 0) + 1, false)",
                table.name
            )))
            .execute(&mut *tx)
            .await?;
        }
    }
    outbox::append(&mut tx, Entity::Site, 0, Action::Restore, None).await?;
    tx.commit().await?;
    Ok(counts)
}

async fn restore_row(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    table: &Table,
    value: &Value,
    number: usize,
) -> Result<()> {
    let mut binds: Vec<Value> = Vec::with_capacity(table.columns.len());
    for (name, kind) in table.columns {
        let field = value.get(*name).cloned().unwrap_or(Value::Null);
        let field = match (kind, field) {
            (_, Value::Null) => Value::Null,
            (Int, Value::Number(n)) if n.is_i64() => Value::Number(n),
            (Text, Value::String(s)) => Value::String(s),
            (AuthorName, Value::String(author)) => {
                let id = author_id(tx, &author).await?;
                Value::from(id)
            }
            _ => {
                return Err(bad(
                    number,
                    format!("{}.{name} has the wrong type", table.name),
                ));
            }
        };
        binds.push(field);
    }
    let names: Vec<&str> = table.columns.iter().map(|(n, _)| *n).collect();
    let sql = if table.name == "site" {
        let sets: Vec<String> = names
            .iter()
            .enumerate()
            // An archive written before a setting existed keeps the restored site's own.
            .map(|(i, n)| match *n {
                "time_zone" => format!("{n} = COALESCE(${}, {n})", i + 1),
                _ => format!("{n} = ${}", i + 1),
            })
            .collect();
        format!("UPDATE site SET {} WHERE id = 1", sets.join(", "))
    } else {
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            names.join(", "),
            crate::placeholders(1, names.len())
        )
    };
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for (bind, (_, kind)) in binds.into_iter().zip(table.columns) {
        query = match (bind, kind) {
            (Value::Null, Text) => query.bind(None::<String>),
            (Value::Null, _) => query.bind(None::<i64>),
            (Value::String(s), _) => query.bind(s),
            (Value::Number(n), _) => query.bind(n.as_i64()),
            _ => query.bind(None::<i64>),
        };
    }
    query
        .execute(&mut **tx)
        .await
        .map_err(|e| bad(number, format!("{}: {e}", table.name)))?;
    if table.name == "posts"
        && let Some(id) = value["id"].as_i64()
    {
        outbox::append(tx, Entity::Post, id, Action::Insert, value["path"].as_str()).await?;
    }
    Ok(())
}

async fn author_id(tx: &mut sqlx::Transaction<'static, sqlx::Any>, name: &str) -> Result<i64> {
    if let Some(id) = sqlx::query_scalar::<_, i64>("SELECT id FROM authors WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok(id);
    }
    Ok(
        sqlx::query_scalar("INSERT INTO authors (name, created_at) VALUES ($1, $2) RETURNING id")
            .bind(name)
            .bind(crate::now())
            .fetch_one(&mut **tx)
            .await?,
    )
}
