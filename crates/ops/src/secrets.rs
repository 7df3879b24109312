//! Random values and one-way digests: session and API tokens, the site's signing key, the
//! keyed hash that recognizes a returning commenter without keeping their address.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The prefix of API tokens, so a leaked one is easy to recognize and search for.
pub const API_TOKEN_PREFIX: &str = "mbt_";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Random bytes as hex, from the operating system.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // The OS generator failing is not something a request can recover from; an all-zero value
    // would be guessable, so refuse to go on.
    if let Err(error) = getrandom::fill(&mut buf) {
        panic!("the operating system's random generator failed: {error}");
    }
    hex(&buf)
}

/// A new API token: the prefix and 32 random bytes in hex.
pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", random_hex(32))
}

/// What the database keeps of a session or API token: its SHA-256, so a leaked table opens
/// nothing.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A keyed hash of a commenter's e-mail address: lets moderation recognize a returning
/// commenter while the database never holds the address.
pub fn commenter_key(secret: &str, email: &str) -> String {
    let email = email.trim().to_lowercase();
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(format!("commenter:{email}").as_bytes());
    hex(&mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commenter_keys_ignore_case_and_space() {
        assert_eq!(
            commenter_key("s", " Reader@Example.org "),
            commenter_key("s", "reader@example.org")
        );
        assert_ne!(commenter_key("s", "a@b"), commenter_key("t", "a@b"));
    }

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let token = new_api_token();
        assert!(token.starts_with(API_TOKEN_PREFIX));
        assert_eq!(token.len(), API_TOKEN_PREFIX.len() + 64);
        assert_ne!(token, new_api_token());
        assert_eq!(token_hash(&token).len(), 64);
    }
}
