//! What each `<wp:comment>` becomes: a reader's comment, or the reason it is left behind
//! (pingbacks, spam, trash), and the order they are handed on in, parents before replies,
//! because whoever stores a reply needs the comment it answers stored first.

use super::Comment;
use super::autop::autop;
use super::post::wp_time;
use crate::{ImportedComment, Item};
use std::collections::HashMap;

/// Emits a post's comments after it: the ones Minbar takes, parents before replies, and a
/// skipped item for each of the others.
pub(super) fn emit_comments(
    comments: Vec<Comment>,
    post_source_id: &str,
    base: &str,
    each: &mut impl FnMut(Item),
) {
    let mut kept = Vec::new();
    for c in comments {
        match comment(c, post_source_id, base) {
            Ok(c) => kept.push(c),
            Err(what) => each(Item::Skipped { what }),
        }
    }
    for c in parents_first(kept) {
        each(Item::Comment(c));
    }
}

/// A comment, or why it is skipped.
fn comment(c: Comment, post_source_id: &str, base: &str) -> Result<ImportedComment, String> {
    match c.type_.as_str() {
        "" | "comment" => {}
        "pingback" | "trackback" => {
            return Err(format!(
                "WordPress {} (links from other sites are not imported)",
                c.type_
            ));
        }
        other => return Err(format!("WordPress comment of type {other}")),
    }
    let approved = match c.approved.as_str() {
        "1" => true,
        "spam" => return Err("WordPress comment marked spam".to_owned()),
        "trash" => return Err("WordPress comment in the trash".to_owned()),
        // "0" is waiting for moderation; anything else (`post-trashed`, set when its post went
        // to the trash) is kept for a moderator to decide too.
        _ => false,
    };
    if c.id.is_empty() {
        return Err("WordPress comment without an id".to_owned());
    }
    let parent_source_id =
        (!c.parent.is_empty() && c.parent != "0").then(|| format!("{base}/#comment-{}", c.parent));
    Ok(ImportedComment {
        source_id: format!("{base}/#comment-{}", c.id),
        post_source_id: post_source_id.to_owned(),
        parent_source_id,
        author: c.author,
        html: autop(&c.content),
        published: wp_time(&c.date_gmt).or_else(|| wp_time(&c.date)),
        approved,
    })
}

/// Orders a post's comments so that each comes after the one it answers, as whoever stores them
/// needs the parent first. A reply to a comment not imported (a pingback, spam) or caught in a
/// loop of replies becomes a comment of its own rather than pointing at nothing.
fn parents_first(mut comments: Vec<ImportedComment>) -> Vec<ImportedComment> {
    let index: HashMap<&str, usize> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.source_id.as_str(), i))
        .collect();
    let mut parents: Vec<Option<usize>> = comments
        .iter()
        .map(|c| {
            c.parent_source_id
                .as_deref()
                .and_then(|p| index.get(p).copied())
        })
        .collect();
    // Cutting the first comment of each loop met frees the rest of that loop.
    for i in 0..parents.len() {
        if depth(&parents, i).is_none() {
            parents[i] = None;
        }
    }
    let depths: Vec<usize> = (0..parents.len())
        .map(|i| depth(&parents, i).unwrap_or(0))
        .collect();
    for (c, parent) in comments.iter_mut().zip(&parents) {
        if parent.is_none() {
            c.parent_source_id = None;
        }
    }
    let mut order: Vec<(usize, ImportedComment)> = depths.into_iter().zip(comments).collect();
    // Stable: within one depth, the file's order.
    order.sort_by_key(|(depth, _)| *depth);
    order.into_iter().map(|(_, c)| c).collect()
}

/// How many replies up a comment is from a top-level one; `None` in a loop.
fn depth(parents: &[Option<usize>], from: usize) -> Option<usize> {
    let mut depth = 0;
    let mut at = from;
    while let Some(parent) = parents.get(at).copied().flatten() {
        depth += 1;
        if depth > parents.len() {
            return None;
        }
        at = parent;
    }
    Some(depth)
}
