//! `minbar init` and `minbar site`: the site's settings from the command line, through the same
//! operation and the same rules as the admin's settings form and the API.

use crate::cli::{InitArgs, SiteCommand};
use anyhow::{Result, anyhow};
use clap::ValueEnum;
use minbar_content::{SettingsError, SettingsText};
use minbar_ops::{Actor, OpError, Refusal};
use minbar_store::Store;
use std::path::Path;

/// Creates the site, or sets the settings `init` names on an existing one.
pub(crate) async fn init(data: &Path, url: Option<&str>, args: InitArgs) -> Result<()> {
    let store = Store::open(data, url).await?;
    let flag = |value: Option<clap::builder::PossibleValue>| {
        value.map(|v| v.get_name().to_owned()).unwrap_or_default()
    };
    let moderation = flag(args.moderation.to_possible_value());
    let outside = flag(args.outside_comments.to_possible_value());
    let done = minbar_ops::settings::initialize(&store, |text: &mut SettingsText| {
        text.title = args.title.clone();
        text.about = args.about.clone();
        text.locale = args.locale.clone();
        text.moderation = moderation;
        text.outside_comments = outside;
        text.base_url = args.base_url.clone().unwrap_or_default();
        if let Some(days) = args.close_comments_after {
            text.comments_close_days = days.to_string();
        }
        if let Some(zone) = &args.time_zone {
            text.time_zone = zone.clone();
        }
        if args.hijri {
            text.hijri = "on".to_owned();
            text.hijri_adjust = args.hijri_adjust.clone().unwrap_or_default();
        }
        if let Some(digits) = &args.digits {
            text.digits = digits.clone();
        }
        Ok(())
    })
    .await
    .map_err(init_error)?;
    let verb = if done.created { "created" } else { "updated" };
    eprintln!(
        "{verb} site '{}' ({})",
        done.site.title,
        crate::describe_location(data, url)
    );
    store.close().await;
    Ok(())
}

/// A refusal of `init`, named by the flag that caused it.
fn init_error(error: OpError) -> anyhow::Error {
    let OpError::Refused(Refusal::Settings(refusal)) = error else {
        return error_of(error);
    };
    let flag = match &refusal {
        SettingsError::TitleEmpty => return anyhow!("--title is empty: the site needs a name"),
        SettingsError::TitleTooLong => "--title",
        SettingsError::About => "--about",
        SettingsError::Locale(_) => "--locale",
        SettingsError::BaseUrl(_) => "--base-url",
        SettingsError::CloseDays(_) => "--close-comments-after",
        SettingsError::TimeZone(_) => "--time-zone",
        SettingsError::Hijri(_) | SettingsError::HijriAdjust(_) => "--hijri-adjust",
        SettingsError::Digits(_) => "--digits",
        _ => return error_of(OpError::Refused(Refusal::Settings(refusal))),
    };
    anyhow!("{flag}: {refusal} ({})", refusal.key())
}

/// An operation's error as the command line says it: a refusal with its sentence and the key
/// the admin shows for it, so both doors name the same reason.
pub(crate) fn error_of(error: OpError) -> anyhow::Error {
    match error {
        OpError::Refused(refusal) => anyhow!("{refusal} ({})", refusal.key()),
        other => other.into(),
    }
}

pub(crate) async fn run(store: &Store, command: SiteCommand) -> Result<()> {
    match command {
        SiteCommand::Zones => {
            for name in minbar_content::clock::zone_names() {
                println!("{name}");
            }
        }
        SiteCommand::Show => {
            let site = minbar_ops::settings::show(store, Actor::Operator)
                .await
                .map_err(error_of)?;
            let text = SettingsText::of(&site);
            for (key, value) in text.fields() {
                println!("{key}\t{}", value.replace('\n', " "));
            }
        }
        SiteCommand::Set { key, value } => {
            minbar_ops::settings::set(store, Actor::Operator, &[(key.clone(), value)])
                .await
                .map_err(error_of)?;
            eprintln!("{key} changed");
        }
    }
    Ok(())
}
