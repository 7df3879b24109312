//! The site's settings: a single row written by `minbar init`.

use crate::error::parse_stored;
use crate::outbox::{self, Action, Entity};
use crate::{Result, Store, StoreError};
use minbar_content::{DateStyle, MonthNames, OutsideComments, Site};
use sqlx::Row;

/// The site's settings, or [`StoreError::NotInitialized`] before `minbar init`.
pub async fn get(store: &Store) -> Result<Site> {
    let row = sqlx::query(
        "SELECT title, about, locale, moderation, outside_comments, base_url, secret, digits, month_names,
                facebook_app_id, comments_close_days, time_zone, hijri_adjust FROM site WHERE id = 1",
    )
    .fetch_optional(store.reads())
    .await?
    .ok_or(StoreError::NotInitialized)?;
    let outside: Option<String> = row.try_get("outside_comments")?;
    Ok(Site {
        title: row.try_get("title")?,
        about: row.try_get("about")?,
        locale: row.try_get("locale")?,
        moderation: parse_stored("moderation mode", row.try_get("moderation")?)?,
        outside_comments: outside
            .map(|o| parse_stored::<OutsideComments>("outside comment provider", o))
            .transpose()?,
        base_url: row.try_get("base_url")?,
        secret: row.try_get("secret")?,
        style: DateStyle {
            digits: parse_stored("digits", row.try_get("digits")?)?,
            months: row
                .try_get::<Option<String>, _>("month_names")?
                .map(|m| parse_stored::<MonthNames>("month names", m))
                .transpose()?,
            hijri: row
                .try_get::<Option<i64>, _>("hijri_adjust")?
                .and_then(|d| i8::try_from(d).ok()),
        },
        facebook_app_id: row.try_get("facebook_app_id")?,
        comments_close_days: row
            .try_get::<Option<i64>, _>("comments_close_days")?
            .and_then(|d| u32::try_from(d).ok()),
        time_zone: row.try_get("time_zone")?,
    })
}

/// The site's time zone as stored (UTC before `minbar init`): what a post's path is filed by.
pub(crate) async fn zone(store: &Store) -> Result<jiff::tz::TimeZone> {
    let name: Option<String> = sqlx::query_scalar("SELECT time_zone FROM site WHERE id = 1")
        .fetch_optional(store.pool())
        .await?;
    Ok(name
        .and_then(|n| minbar_content::clock::zone(&n))
        .unwrap_or(jiff::tz::TimeZone::UTC))
}

/// Whether `minbar init` has been run.
pub async fn exists(store: &Store) -> Result<bool> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM site")
        .fetch_one(store.pool())
        .await?;
    Ok(count > 0)
}

/// Writes the settings, creating the row or replacing it, and records the change in the outbox
/// (every page shows the site's title).
pub async fn save(store: &Store, site: &Site) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    sqlx::query(
        "INSERT INTO site (id, title, about, locale, moderation, outside_comments, base_url, secret,
                           updated_at, digits, month_names, facebook_app_id, comments_close_days,
                           time_zone, hijri_adjust)
         VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, about = excluded.about,
           locale = excluded.locale, moderation = excluded.moderation,
           outside_comments = excluded.outside_comments, base_url = excluded.base_url,
           secret = excluded.secret, updated_at = excluded.updated_at,
           digits = excluded.digits, month_names = excluded.month_names,
           facebook_app_id = excluded.facebook_app_id,
           comments_close_days = excluded.comments_close_days,
           time_zone = excluded.time_zone, hijri_adjust = excluded.hijri_adjust",
    )
    .bind(&site.title)
    .bind(&site.about)
    .bind(&site.locale)
    .bind(site.moderation.as_str())
    .bind(site.outside_comments.map(|o| o.as_str()))
    .bind(site.base_url.as_deref())
    .bind(&site.secret)
    .bind(crate::now())
    .bind(site.style.digits.as_str())
    .bind(site.style.months.map(|m| m.as_str()))
    .bind(site.facebook_app_id.as_deref())
    .bind(site.comments_close_days.map(i64::from))
    .bind(&site.time_zone)
    .bind(site.style.hijri.map(i64::from))
    .execute(&mut *tx)
    .await?;
    outbox::append(&mut tx, Entity::Site, 1, Action::Update, None).await?;
    tx.commit().await?;
    Ok(())
}
