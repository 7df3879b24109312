//! Posts in several languages: a post's translations share a `translation_group` (the id of the
//! first post of the group), at most one post per language. A post with no language is in the
//! site's; the site's language is read in the same transaction as the link.

use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use minbar_content::{PostId, TranslationError};
use sqlx::{Any, Row, Transaction};

/// The site's language (the first part of its locale), or `ar` before `minbar init`.
async fn site_language_in(tx: &mut Transaction<'_, Any>) -> Result<String> {
    let locale: Option<String> = sqlx::query_scalar("SELECT locale FROM site WHERE id = 1")
        .fetch_optional(&mut **tx)
        .await?;
    Ok(locale
        .as_deref()
        .map(minbar_content::language_of)
        .unwrap_or("ar")
        .to_owned())
}

/// Joins post `id` to the translations of `other`, refusing a missing post, a post in the same
/// language and a language the group already has. Every post of the group is recorded as
/// changed, since each page lists the others.
pub(crate) async fn link_in(tx: &mut Transaction<'_, Any>, id: i64, other: i64) -> Result<()> {
    let site_language = site_language_in(tx).await?;
    let language_of = |row: &sqlx::any::AnyRow| -> Result<String> {
        Ok(row
            .try_get::<Option<String>, _>("language")?
            .unwrap_or_else(|| site_language.clone()))
    };
    let refuse = |e| Err(StoreError::Translation(e));
    let this = sqlx::query("SELECT language, translation_group FROM posts WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    let language = language_of(&this)?;
    let Some(target) = sqlx::query("SELECT language, translation_group FROM posts WHERE id = $1")
        .bind(other)
        .fetch_optional(&mut **tx)
        .await?
    else {
        return refuse(TranslationError::Missing(other));
    };
    if other == id || language_of(&target)? == language {
        return refuse(TranslationError::SameLanguage(other, language));
    }
    let group: i64 = target
        .try_get::<Option<i64>, _>("translation_group")?
        .unwrap_or(other);
    let members = sqlx::query(
        "SELECT id, language FROM posts WHERE (translation_group = $1 OR id = $1) AND id <> $2",
    )
    .bind(group)
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    for member in &members {
        if language_of(member)? == language {
            return refuse(TranslationError::Taken(other, language));
        }
    }
    sqlx::query("UPDATE posts SET translation_group = $1 WHERE id = $1 OR id = $2 OR id = $3")
        .bind(group)
        .bind(id)
        .bind(other)
        .execute(&mut **tx)
        .await?;
    for member in members {
        let member: i64 = member.try_get("id")?;
        let path: String = sqlx::query_scalar("SELECT path FROM posts WHERE id = $1")
            .bind(member)
            .fetch_one(&mut **tx)
            .await?;
        outbox::append(tx, Entity::Post, member, Action::Update, Some(&path)).await?;
    }
    Ok(())
}

/// Records every other post of `id`'s group as changed: their pages link to it by its title,
/// and only while it is published.
pub(crate) async fn touch_group_in(tx: &mut Transaction<'_, Any>, id: i64) -> Result<()> {
    let others = sqlx::query(
        "SELECT o.id, o.path FROM posts p JOIN posts o ON o.translation_group = p.translation_group
         WHERE p.id = $1 AND o.id <> $1",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    for row in others {
        let (other, path): (i64, String) = (row.try_get("id")?, row.try_get("path")?);
        outbox::append(tx, Entity::Post, other, Action::Update, Some(&path)).await?;
    }
    Ok(())
}

/// The published members of translation groups, as `(group, language, path)`, for the
/// sitemap's alternates; a post naming no language is in the site's.
pub async fn groups(store: &Store, groups: &[i64]) -> Result<Vec<(i64, String, String)>> {
    let mut members = Vec::new();
    for group in groups {
        let rows = sqlx::query(
            "SELECT p.language, p.path, s.locale FROM posts p LEFT JOIN site s ON s.id = 1
             WHERE p.translation_group = $1 AND p.status = 'published' ORDER BY p.id",
        )
        .bind(group)
        .fetch_all(store.reads())
        .await?;
        for row in rows {
            let locale: Option<String> = row.try_get("locale")?;
            let language = row
                .try_get::<Option<String>, _>("language")?
                .unwrap_or_else(|| {
                    minbar_content::language_of(locale.as_deref().unwrap_or("ar")).to_owned()
                });
            members.push((*group, language, row.try_get("path")?));
        }
    }
    Ok(members)
}

/// A published translation of a post, as its page links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub id: PostId,
    /// The language it is written in (the site's when it names none).
    pub language: String,
    pub path: String,
    pub title: String,
}

/// The published posts that translate post `id` (not itself), by language.
pub async fn of(store: &Store, id: PostId, group: Option<i64>) -> Result<Vec<Translation>> {
    let Some(group) = group else {
        return Ok(Vec::new());
    };
    let rows = sqlx::query(
        "SELECT p.id, p.language, p.path, p.title, s.locale FROM posts p
         LEFT JOIN site s ON s.id = 1
         WHERE p.translation_group = $1 AND p.id <> $2 AND p.status = 'published'
         ORDER BY p.id",
    )
    .bind(group)
    .bind(id.0)
    .fetch_all(store.reads())
    .await?;
    rows.into_iter()
        .map(|row| {
            let locale: Option<String> = row.try_get("locale")?;
            let language = row
                .try_get::<Option<String>, _>("language")?
                .unwrap_or_else(|| {
                    minbar_content::language_of(locale.as_deref().unwrap_or("ar")).to_owned()
                });
            Ok(Translation {
                id: PostId(row.try_get("id")?),
                language,
                path: row.try_get("path")?,
                title: row.try_get("title")?,
            })
        })
        .collect()
}
