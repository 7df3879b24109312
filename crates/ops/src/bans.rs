//! Banned address ranges and words (editors): a banned range's comments are refused, a banned
//! word sends a comment to spam (matched after Arabic normalization).

use crate::{Actor, OpError, Refusal};
use minbar_content::{BanKind, Role};
use minbar_store::Store;

/// The longest banned word or phrase, in characters.
pub const MAX_BAN_WORD_CHARS: usize = 100;

/// An address range as typed (`203.0.113.0/24`, `2001:db8::/48`, or one address), or `None`.
pub fn parse_range(text: &str) -> Option<ipnet::IpNet> {
    let text = text.trim();
    if let Ok(net) = text.parse::<ipnet::IpNet>() {
        return Some(net.trunc());
    }
    text.parse::<std::net::IpAddr>()
        .ok()
        .map(ipnet::IpNet::from)
}

/// Bans an address range or a word; `kind` is `address` or `word`.
pub async fn add(store: &Store, actor: Actor<'_>, kind: &str, value: &str) -> Result<(), OpError> {
    actor.require(Role::Editor)?;
    let shown = minbar_text::collapse_whitespace(&minbar_text::neutralize(value));
    let (kind, key) = match kind.parse::<BanKind>() {
        Ok(BanKind::Address) => {
            let net = parse_range(&shown).ok_or(Refusal::BanRange)?;
            (BanKind::Address, net.to_string())
        }
        Ok(BanKind::Word) => {
            let key = minbar_text::normalize(&shown);
            if key.trim().is_empty() || shown.chars().count() > MAX_BAN_WORD_CHARS {
                return Err(Refusal::BanWord.into());
            }
            (BanKind::Word, key)
        }
        Err(_) => return Err(Refusal::BanWord.into()),
    };
    // An address is shown as its canonical range; a word as the moderator typed it.
    let shown = if kind == BanKind::Address {
        key.clone()
    } else {
        shown
    };
    Ok(minbar_store::bans::add(store, kind, &key, &shown).await?)
}

/// Lifts a ban.
pub async fn remove(store: &Store, actor: Actor<'_>, id: i64) -> Result<(), OpError> {
    actor.require(Role::Editor)?;
    Ok(minbar_store::bans::remove(store, id).await?)
}
