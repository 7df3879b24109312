//! The site's settings: created by `minbar init`, changed by admins through the admin's form,
//! `PUT /api/v1/settings` and `minbar site set`, every door checked by
//! [`minbar_content::check_settings`].

use crate::{Actor, OpError};
use minbar_content::{Role, SettingsText, Site, check_settings};
use minbar_store::Store;

/// The settings, for an admin.
pub async fn show(store: &Store, actor: Actor<'_>) -> Result<Site, OpError> {
    actor.require(Role::Admin)?;
    Ok(minbar_store::site::get(store).await?)
}

/// Replaces every setting with `text`, checked; returns the site as saved.
pub async fn change(store: &Store, actor: Actor<'_>, text: &SettingsText) -> Result<Site, OpError> {
    actor.require(Role::Admin)?;
    let current = minbar_store::site::get(store).await?;
    save(store, text, &current.secret).await
}

/// Checks `text` and saves it as the site's settings, with the signing `secret` it keeps.
async fn save(store: &Store, text: &SettingsText, secret: &str) -> Result<Site, OpError> {
    let site = check_settings(text, secret).map_err(crate::Refusal::from)?;
    minbar_store::site::save(store, &site).await?;
    Ok(site)
}

/// Changes the settings named in `pairs` (name, value), keeping the others.
pub async fn set(
    store: &Store,
    actor: Actor<'_>,
    pairs: &[(String, String)],
) -> Result<Site, OpError> {
    actor.require(Role::Admin)?;
    let current = minbar_store::site::get(store).await?;
    let mut text = SettingsText::of(&current);
    for (key, value) in pairs {
        text.set(key, value).map_err(crate::Refusal::from)?;
    }
    save(store, &text, &current.secret).await
}

/// What [`initialize`] did.
#[derive(Debug)]
pub struct Initialized {
    pub site: Site,
    /// Whether the site was new (else its settings were updated).
    pub created: bool,
}

/// Creates the site (`minbar init`), or, on a site that exists, applies `change` to its current
/// settings. The signing secret is made once and kept across re-runs, or every reader's open
/// form would stop working.
pub async fn initialize(
    store: &Store,
    change: impl FnOnce(&mut SettingsText) -> Result<(), minbar_content::SettingsError>,
) -> Result<Initialized, OpError> {
    let existing = minbar_store::site::get(store).await.ok();
    let mut text = existing.as_ref().map(SettingsText::of).unwrap_or_default();
    change(&mut text).map_err(crate::Refusal::from)?;
    let secret = existing
        .as_ref()
        .map(|s| s.secret.clone())
        .unwrap_or_else(|| crate::secrets::random_hex(32));
    let site = save(store, &text, &secret).await?;
    minbar_store::authors::ensure(store, &site.title).await?;
    Ok(Initialized {
        site,
        created: existing.is_none(),
    })
}
