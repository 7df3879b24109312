//! `minbar user`: the newsroom's accounts. Passwords are read from standard input, never from
//! the command line, where other users of the machine and the shell's history could see them.

use anyhow::{Context, Result, anyhow, bail};
use clap::{Subcommand, ValueEnum};
use minbar_content::Role;
use minbar_store::{Store, StoreError};
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

/// The longest name, in characters.
const MAX_NAME_CHARS: usize = 80;

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

pub(crate) async fn run(store: &Store, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add { name, email, role } => {
            let name = minbar_text::collapse_whitespace(&name);
            if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
                bail!("--name must have 1 to {MAX_NAME_CHARS} characters");
            }
            let email = minbar_web::auth::normalize_email(&email)
                .ok_or_else(|| anyhow!("--email '{email}' is not an e-mail address"))?;
            let hash = minbar_web::auth::hash_password(&read_password()?)?;
            let user = minbar_store::users::insert(store, &email, &name, role.into(), &hash)
                .await
                .map_err(|e| match e {
                    StoreError::Conflict(_) => {
                        anyhow!("there is already a user with the e-mail {email}")
                    }
                    other => other.into(),
                })?;
            eprintln!("added {} <{}> as {}", user.name, user.email, user.role);
        }
        UserCommand::Passwd { email } => {
            let email = minbar_web::auth::normalize_email(&email)
                .ok_or_else(|| anyhow!("'{email}' is not an e-mail address"))?;
            let hash = minbar_web::auth::hash_password(&read_password()?)?;
            minbar_store::users::set_password(store, &email, &hash)
                .await
                .map_err(|e| match e {
                    StoreError::NotFound => {
                        anyhow!("no user with the e-mail {email} (see `minbar user list`)")
                    }
                    other => other.into(),
                })?;
            eprintln!("password changed for {email}; their sessions are ended");
        }
        UserCommand::Token { email, name } => {
            let email = minbar_web::auth::normalize_email(&email)
                .ok_or_else(|| anyhow!("'{email}' is not an e-mail address"))?;
            let (user, _) = minbar_store::users::credentials(store, &email)
                .await?
                .ok_or_else(|| {
                    anyhow!("no user with the e-mail {email} (see `minbar user list`)")
                })?;
            let name: String = minbar_text::collapse_whitespace(&name)
                .chars()
                .take(80)
                .collect();
            let token = minbar_web::auth::new_api_token();
            minbar_store::users::add_token(
                store,
                &minbar_web::auth::token_hash(&token),
                user.id,
                &name,
            )
            .await?;
            println!("{token}");
        }
        UserCommand::List => {
            for user in minbar_store::users::list(store).await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    user.id.0, user.role, user.email, user.name
                );
            }
        }
    }
    Ok(())
}
