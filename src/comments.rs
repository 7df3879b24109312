//! `minbar comment`: the moderation queue from the command line, through the same operation as
//! the admin's queue and the API.

use crate::cli::CommentCommand;
use crate::site::error_of;
use anyhow::{Context, Result};
use minbar_content::{CommentId, CommentStatus};
use minbar_ops::Actor;
use minbar_ops::comments::Moderation;
use std::path::Path;

pub(crate) async fn run(data: &Path, url: Option<&str>, command: CommentCommand) -> Result<()> {
    let store = crate::open_initialized(data, url).await?;
    let (id, action, done) = match command {
        CommentCommand::List { status } => {
            let status: CommentStatus = status.parse()?;
            for c in minbar_store::comments::list_by_status(&store, status).await? {
                let body = c.body.replace('\n', " ");
                println!("{}\tpost {}\t{}\t{}", c.id, c.post_id, c.author_name, body);
            }
            return Ok(());
        }
        CommentCommand::Approve { id } => (id, Moderation::Approve, "published"),
        CommentCommand::Spam { id } => (id, Moderation::Spam, "marked as spam"),
        CommentCommand::Reject { id } => (id, Moderation::Reject, "rejected"),
        CommentCommand::Delete { id } => (id, Moderation::Delete, "deleted"),
    };
    minbar_ops::comments::moderate(&store, Actor::Operator, CommentId(id), &action)
        .await
        .map_err(error_of)
        .with_context(|| format!("comment {id}"))?;
    eprintln!("comment {id} {done}");
    Ok(())
}
