//! `minbar user`: the newsroom's accounts. Passwords are read from standard input, never from
//! the command line, where other users of the machine and the shell's history could see them.

use crate::site::error_of;
use anyhow::{Context, Result, anyhow, bail};
use clap::{Subcommand, ValueEnum};
use minbar_content::Role;
use minbar_ops::users::NewUser;
use minbar_ops::{Actor, OpError};
use minbar_store::Store;
use std::io::BufRead;

#[derive(Subcommand)]
pub(crate) enum UserCommand {
    /// Add an account; its password is read from standard input (one line).
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Set a new password (read from standard input); ends the user's sessions.
    Passwd { email: String },
    /// List the accounts.
    List,
    /// Create an API token for a user and print it (it is shown only once).
    Token {
        email: String,
        /// What the token is for, e.g. "mobile app".
        #[arg(long, default_value = "command line")]
        name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum RoleArg {
    Admin,
    Editor,
    Author,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Editor => Role::Editor,
            RoleArg::Author => Role::Author,
        }
    }
}

fn read_password() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        bail!("no password on standard input: pipe it in, e.g. `minbar user add … < password.txt`");
    }
    Ok(password)
}

/// An error about the account with `email`, naming it when there is none.
fn account_error(error: OpError, email: &str) -> anyhow::Error {
    match error {
        OpError::NotFound => anyhow!("no user with the e-mail {email} (see `minbar user list`)"),
        other => error_of(other),
    }
}

pub(crate) async fn run(store: &Store, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add { name, email, role } => {
            let new = NewUser {
                name,
                email,
                role: Role::from(role).as_str().to_owned(),
                password: read_password()?,
            };
            let user = minbar_ops::users::add(store, Actor::Operator, &new)
                .await
                .map_err(error_of)?;
            eprintln!("added {} <{}> as {}", user.name, user.email, user.role);
        }
        UserCommand::Passwd { email } => {
            let password = read_password()?;
            let email = minbar_ops::users::set_password(store, Actor::Operator, &email, &password)
                .await
                .map_err(|e| account_error(e, &email))?;
            eprintln!("password changed for {email}; their sessions are ended");
        }
        UserCommand::Token { email, name } => {
            let token =
                minbar_ops::users::create_token(store, Actor::Operator, Some(&email), &name)
                    .await
                    .map_err(|e| account_error(e, &email))?;
            println!("{token}");
        }
        UserCommand::List => {
            for user in minbar_ops::users::list(store, Actor::Operator)
                .await
                .map_err(error_of)?
            {
                println!(
                    "{}\t{}\t{}\t{}",
                    user.id.0, user.role, user.email, user.name
                );
            }
        }
    }
    Ok(())
}
