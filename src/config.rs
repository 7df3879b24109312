//! `--config minbar.toml`: every flag of every command, settable in one file that all commands
//! (and all nodes) share. A setting's name is its flag's (`database-url`, `trusted-proxy`,
//! `admin-listen`; `_` may stand for `-`); a flag given more than once takes a list.
//!
//! Precedence, highest first: the command line, the `MINBAR_*` environment variables (each flag
//! names its own), the file, the defaults. Clap keeps the first two; this module reads the file
//! and adds, for the command being run, each setting that neither gave, then clap parses again.
//! A setting no command knows is an error naming it, so a typo is not silently ignored; one
//! that belongs to another command (`listen` while running `init`) is left alone.

use anyhow::{Context, Result, bail};
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::Path;

/// Parses the command line, with the configuration file's settings where it names one.
pub(crate) fn parse() -> Result<crate::cli::Cli> {
    parse_from(std::env::args_os().collect())
}

pub(crate) fn parse_from(args: Vec<OsString>) -> Result<crate::cli::Cli> {
    let command = crate::cli::Cli::command();
    let matches = command.clone().get_matches_from(args.clone());
    let Some(file) = matches.get_one::<std::path::PathBuf>("config") else {
        return Ok(crate::cli::Cli::from_arg_matches(&matches)?);
    };
    let settings = read(file)?;
    let known = known_settings(&command);
    if let Some(unknown) = settings.keys().find(|k| !known.contains(&flag_name(k))) {
        bail!(
            "{}: unknown setting '{unknown}' (settings are the flags' names, such as database-url, listen or trusted-proxy)",
            file.display()
        );
    }
    // The settings for the command being run: its own flags and the global ones.
    let (mut extra, leaf) = (Vec::new(), leaf_matches(&matches));
    let scope = scope_of(&command, &matches);
    for (key, value) in &settings {
        let name = flag_name(key);
        let Some(arg) = scope.iter().find(|a| a.get_long() == Some(name.as_str())) else {
            continue;
        };
        let id = arg.get_id().as_str();
        let given = [leaf, &matches].into_iter().any(|m| {
            m.try_contains_id(id).is_ok()
                && matches!(
                    m.value_source(id),
                    Some(ValueSource::CommandLine | ValueSource::EnvVariable)
                )
        });
        if given {
            continue;
        }
        for value in values(file, key, value)? {
            extra.push(OsString::from(format!("--{name}")));
            extra.push(OsString::from(value));
        }
    }
    if extra.is_empty() {
        return Ok(crate::cli::Cli::from_arg_matches(&matches)?);
    }
    let mut args = args;
    // Before a `--` that ends the flags, if any; at the end otherwise.
    let at = args.iter().position(|a| a == "--").unwrap_or(args.len());
    args.splice(at..at, extra);
    let matches = command
        .try_get_matches_from(args)
        .with_context(|| format!("in {}", file.display()))?;
    Ok(crate::cli::Cli::from_arg_matches(&matches)?)
}

fn read(file: &Path) -> Result<toml::Table> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the configuration file {}", file.display()))?;
    text.parse::<toml::Table>()
        .with_context(|| format!("{} is not valid TOML", file.display()))
}

/// The flag a setting's name stands for.
fn flag_name(key: &str) -> String {
    key.replace('_', "-")
}

/// A setting's values as the command line would give them.
fn values(file: &Path, key: &str, value: &toml::Value) -> Result<Vec<String>> {
    let one = |value: &toml::Value| match value {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(n) => Ok(n.to_string()),
        toml::Value::Float(x) => Ok(x.to_string()),
        toml::Value::Boolean(b) => Ok(b.to_string()),
        _ => bail!(
            "{}: the setting '{key}' must be a string, a number or a list of them",
            file.display()
        ),
    };
    match value {
        toml::Value::Array(items) => items.iter().map(one).collect(),
        other => Ok(vec![one(other)?]),
    }
}

/// Every long flag of every command (where a setting may belong).
fn known_settings(command: &clap::Command) -> BTreeSet<String> {
    let mut known: BTreeSet<String> = command
        .get_arguments()
        .filter_map(|a| a.get_long().map(str::to_owned))
        .collect();
    for sub in command.get_subcommands() {
        known.extend(known_settings(sub));
    }
    known.remove("config");
    known
}

/// The innermost subcommand's matches.
fn leaf_matches(matches: &ArgMatches) -> &ArgMatches {
    match matches.subcommand() {
        Some((_, sub)) => leaf_matches(sub),
        None => matches,
    }
}

/// The flags that apply to the command being run: the global ones and its own.
fn scope_of(command: &clap::Command, matches: &ArgMatches) -> Vec<clap::Arg> {
    let mut scope: Vec<clap::Arg> = command.get_arguments().cloned().collect();
    let (mut command, mut matches) = (command, matches);
    while let Some((name, sub_matches)) = matches.subcommand() {
        let Some(sub) = command.find_subcommand(name) else {
            break;
        };
        scope.extend(sub.get_arguments().cloned());
        command = sub;
        matches = sub_matches;
    }
    scope
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn config(text: &str) -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("minbar.toml");
        std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
        let path = file.display().to_string();
        (dir, path)
    }

    #[test]
    fn the_file_fills_what_the_command_line_leaves() {
        let (_dir, file) = config(
            "database_url = \"postgres://db.internal/minbar\"\nlisten = \"0.0.0.0:8080\"\n\
             trusted-proxy = [\"10.0.0.1\", \"10.0.0.2\"]\ndrain-seconds = 7\n",
        );
        let cli = parse_from(args(&[
            "minbar",
            "--config",
            &file,
            "serve",
            "--listen",
            "127.0.0.1:9",
        ]))
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            cli.database_url.as_deref(),
            Some("postgres://db.internal/minbar")
        );
        let crate::cli::Command::Serve(serve) = cli.command else {
            panic!("not serve")
        };
        assert_eq!(serve.listen, "127.0.0.1:9", "the command line wins");
        assert_eq!(serve.trusted_proxies, vec!["10.0.0.1", "10.0.0.2"]);
        assert_eq!(serve.drain_seconds, 7);
    }

    #[test]
    fn settings_of_other_commands_are_left_alone_and_typos_are_refused() {
        let (_dir, file) = config("listen = \"0.0.0.0:8080\"\n");
        assert!(parse_from(args(&["minbar", "--config", &file, "jobs"])).is_ok());
        let (_dir, file) = config("lisen = \"0.0.0.0:8080\"\n");
        let error = parse_from(args(&["minbar", "--config", &file, "jobs"]))
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default();
        assert!(error.contains("unknown setting 'lisen'"), "{error}");
        let (_dir, file) = config("drain-seconds = \"soon\"\n");
        let error = parse_from(args(&["minbar", "--config", &file, "serve"]))
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default();
        assert!(
            error.contains("soon") && error.contains("minbar.toml"),
            "{error}"
        );
    }
}
