//! Labels (hashtags included): identity by normalized key, shown as first written.

use crate::{Result, Store, StoreError};
use minbar_content::Label;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};
use std::collections::HashMap;

/// The label with normalized key `key`, if any post ever carried it.
pub async fn by_key(store: &Store, key: &str) -> Result<Option<Label>> {
    let row = sqlx::query("SELECT name, key FROM labels WHERE key = $1")
        .bind(key)
        .fetch_optional(store.reads())
        .await?;
    row.map(label).transpose()
}

/// The labels of a post, inside a transaction.
pub(crate) async fn for_post_in(tx: &mut Transaction<'_, Any>, post_id: i64) -> Result<Vec<Label>> {
    let rows = sqlx::query(FOR_POST)
        .bind(post_id)
        .fetch_all(&mut **tx)
        .await?;
    rows.into_iter().map(label).collect()
}

const FOR_POST: &str =
    "SELECT l.name, l.key FROM labels l JOIN post_labels pl ON pl.label_id = l.id
     WHERE pl.post_id = $1 ORDER BY pl.position";

fn label(row: sqlx::any::AnyRow) -> Result<Label> {
    Ok(Label {
        name: row.try_get("name")?,
        key: row.try_get("key")?,
    })
}

/// The labels of each of `post_ids`, in the order each post gave them.
pub async fn for_posts(store: &Store, post_ids: &[i64]) -> Result<HashMap<i64, Vec<Label>>> {
    let mut labels: HashMap<i64, Vec<Label>> = HashMap::new();
    if post_ids.is_empty() {
        return Ok(labels);
    }
    // Only numbered placeholders are spliced into this statement, never input.
    let sql = format!(
        "SELECT pl.post_id, l.name, l.key FROM labels l JOIN post_labels pl ON pl.label_id = l.id
         WHERE pl.post_id IN ({}) ORDER BY pl.post_id, pl.position",
        crate::placeholders(1, post_ids.len())
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for id in post_ids {
        query = query.bind(*id);
    }
    for row in query.fetch_all(store.reads()).await? {
        labels
            .entry(row.try_get("post_id")?)
            .or_default()
            .push(Label {
                name: row.try_get("name")?,
                key: row.try_get("key")?,
            });
    }
    Ok(labels)
}

/// Attaches `labels` to a post, creating the labels not seen before. A label keeps the spelling
/// it was first written with.
pub(crate) async fn attach(
    tx: &mut Transaction<'_, Any>,
    post_id: i64,
    labels: &[Label],
) -> Result<()> {
    if labels.is_empty() {
        return Ok(());
    }
    // Three statements whatever the number of labels: imports attach tens of thousands.
    let pairs: Vec<String> = (0..labels.len())
        .map(|i| format!("({})", crate::placeholders(i * 2 + 1, 2)))
        .collect();
    let mut insert = sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO labels (key, name) VALUES {} ON CONFLICT (key) DO NOTHING",
        pairs.join(", ")
    )));
    for label in labels {
        insert = insert.bind(label.key.clone()).bind(label.name.clone());
    }
    insert.execute(&mut **tx).await?;
    let mut select = sqlx::query_as::<_, (i64, String)>(AssertSqlSafe(format!(
        "SELECT id, key FROM labels WHERE key IN ({})",
        crate::placeholders(1, labels.len())
    )));
    for label in labels {
        select = select.bind(label.key.clone());
    }
    let ids: HashMap<String, i64> = select
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .map(|(id, key)| (key, id))
        .collect();
    let triples: Vec<String> = (0..labels.len())
        .map(|i| format!("({})", crate::placeholders(i * 3 + 1, 3)))
        .collect();
    let mut link = sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO post_labels (post_id, label_id, position) VALUES {}
         ON CONFLICT (post_id, label_id) DO NOTHING",
        triples.join(", ")
    )));
    for (position, label) in labels.iter().enumerate() {
        let label_id = ids.get(&label.key).copied().ok_or(StoreError::NotFound)?;
        link = link.bind(post_id).bind(label_id).bind(position as i64);
    }
    link.execute(&mut **tx).await?;
    Ok(())
}

/// Every label with how many published posts carry it, most used first.
pub async fn all_with_counts(store: &Store) -> Result<Vec<(Label, i64)>> {
    let rows = sqlx::query(
        "SELECT l.name, l.key, COUNT(p.id) AS n FROM labels l
         JOIN post_labels pl ON pl.label_id = l.id
         JOIN posts p ON p.id = pl.post_id AND p.status = 'published'
         GROUP BY l.id, l.name, l.key ORDER BY n DESC, l.key",
    )
    .fetch_all(store.reads())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                Label {
                    name: row.try_get("name")?,
                    key: row.try_get("key")?,
                },
                row.try_get("n")?,
            ))
        })
        .collect()
}
