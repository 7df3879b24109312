//! End-to-end tests through the doors a user uses: the `minbar` command line and HTTP against a
//! real `minbar serve` on a free port.

// A test that cannot go on should stop right there, with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod api;
mod backup;
mod browser;
mod build;
mod cache;
mod calendar;
mod cli;
mod cluster;
mod comments;
mod conflicts;
mod crash;
mod dashboard;
mod diskfull;
mod editor;
mod embeds;
mod feeds;
mod forms;
mod harness;
mod hostile;
mod import;
mod iofaults;
mod languages;
mod media;
mod moderation;
mod notes;
mod objects;
mod operate;
mod outage;
mod reference;
mod remote_media;
mod replica;
mod roles;
mod scaleout;
mod search;
mod sessions;
mod settings;
mod story;
mod validate;
