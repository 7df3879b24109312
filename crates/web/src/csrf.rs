//! CSRF protection without server-side sessions: a signed double-submit token.
//!
//! The browser holds a random nonce in an HttpOnly, SameSite cookie; the form carries
//! HMAC-SHA256(site secret, nonce). A cross-site page can neither read the cookie nor compute the
//! signature, and any node that shares the database (and so the secret) can check the token.

use crate::cookies;
use axum::http::{HeaderMap, HeaderValue, header};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

const NONCE_BYTES: usize = 32;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

pub use minbar_ops::secrets::random_hex;

fn mac(secret: &str, message: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(message);
    mac
}

/// The nonce in the request's cookie (by its name under `secure`), if it has a well-formed one.
pub fn nonce_from(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookies::CSRF
        .read(headers, secure)
        .filter(|value| value.len() == NONCE_BYTES * 2 && unhex(value).is_some())
}

/// A fresh nonce.
pub fn new_nonce() -> String {
    random_hex(NONCE_BYTES)
}

/// The form token for `nonce`.
pub fn token(secret: &str, nonce: &str) -> String {
    hex(&mac(secret, nonce.as_bytes()).finalize().into_bytes())
}

/// Whether `token` is the signature of `nonce`, compared in constant time.
pub fn verify(secret: &str, nonce: &str, token: &str) -> bool {
    match unhex(token) {
        Some(bytes) => mac(secret, nonce.as_bytes()).verify_slice(&bytes).is_ok(),
        None => false,
    }
}

/// The `Set-Cookie` value that gives the browser `nonce`.
pub fn cookie(nonce: &str, secure: bool) -> HeaderValue {
    cookies::CSRF.set(nonce, secure, None)
}

/// The form token for this browser, and the cookie to set when it has no nonce yet.
pub fn form_token(
    secret: &str,
    headers: &HeaderMap,
    secure: bool,
) -> (String, Option<HeaderValue>) {
    match nonce_from(headers, secure) {
        Some(nonce) => (token(secret, &nonce), None),
        None => {
            let nonce = new_nonce();
            (token(secret, &nonce), Some(cookie(&nonce, secure)))
        }
    }
}

/// Whether a submitted form carries the token for this browser's nonce.
pub fn check(secret: &str, headers: &HeaderMap, secure: bool, submitted: &str) -> bool {
    nonce_from(headers, secure).is_some_and(|nonce| verify(secret, &nonce, submitted))
}

/// A signed time for a form: `SECONDS.SIGNATURE`. The comment form carries one so the server
/// can tell how long the reader had it open, without keeping anything per reader.
pub fn stamp(secret: &str, now: i64) -> String {
    let signature = mac(secret, format!("stamp:{now}").as_bytes())
        .finalize()
        .into_bytes();
    format!("{now}.{}", hex(&signature[..16]))
}

/// The time a [`stamp`] was made, when its signature holds.
pub fn stamped_at(secret: &str, value: &str) -> Option<i64> {
    let (seconds, signature) = value.split_once('.')?;
    let at: i64 = seconds.parse().ok()?;
    let bytes = unhex(signature).filter(|b| b.len() == 16)?;
    mac(secret, format!("stamp:{at}").as_bytes())
        .verify_truncated_left(&bytes)
        .ok()
        .map(|()| at)
}

/// The `Set-Cookie` value recording `now` as the time this browser was first served the form.
/// It lives in a cookie rather than in the page so the page is the same for every reader and
/// can be cached and served as static bytes.
pub fn seen_cookie(secret: &str, now: i64, secure: bool) -> HeaderValue {
    cookies::SEEN.set(&stamp(secret, now), secure, Some(365 * 24 * 3600))
}

/// When this browser was first served the comment form, if its cookie holds a good stamp.
pub fn seen_at(secret: &str, headers: &HeaderMap, secure: bool) -> Option<i64> {
    cookies::SEEN
        .read(headers, secure)
        .and_then(|value| stamped_at(secret, &value))
}

/// Whether a form was sent from a page of this site, by the headers browsers set themselves and
/// pages cannot forge: `Sec-Fetch-Site`, else `Origin`, else `Referer`, compared with the host
/// the request was sent to. A request with none of them (an old browser, a script) is refused.
/// Public forms use this instead of a token in the page, so their pages can be cached whole;
/// signed-in forms keep their tokens as well.
pub fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host_of = |url: &str| {
        url.split_once("://")
            .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or("").to_owned())
    };
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        return host_of(origin).as_deref() == Some(host);
    }
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(host_of)
        .as_deref()
        == Some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_only_with_their_nonce_and_secret() {
        let nonce = new_nonce();
        let token = token("secret", &nonce);
        assert!(verify("secret", &nonce, &token));
        assert!(!verify("other", &nonce, &token));
        assert!(!verify("secret", &new_nonce(), &token));
        assert!(!verify("secret", &nonce, "zz"));
        assert!(!verify("secret", &nonce, ""));
    }

    #[test]
    fn nonce_is_read_from_the_cookie_header() {
        let nonce = new_nonce();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=b; minbar_csrf={nonce}")).unwrap(),
        );
        assert_eq!(nonce_from(&headers, false), Some(nonce.clone()));
        // Over HTTPS (as the proxy says) only the `__Host-` cookie is read.
        let mut https = headers.clone();
        https.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(nonce_from(&https, true), None);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("minbar_csrf=short"),
        );
        assert_eq!(nonce_from(&headers, false), None);
    }

    #[test]
    fn stamps_keep_their_time_and_refuse_forgery() {
        let stamp = stamp("secret", 1_700_000_000);
        assert_eq!(stamped_at("secret", &stamp), Some(1_700_000_000));
        assert_eq!(stamped_at("other", &stamp), None);
        let forged = stamp.replacen("1700000000", "1600000000", 1);
        assert_eq!(stamped_at("secret", &forged), None);
        assert_eq!(stamped_at("secret", "1700000000"), None);
        assert_eq!(stamped_at("secret", "x.y"), None);
    }

    #[test]
    fn same_origin_reads_what_browsers_send() {
        let with = |pairs: &[(&'static str, &'static str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_static(value));
            }
            same_origin(&headers)
        };
        assert!(with(&[("sec-fetch-site", "same-origin")]));
        assert!(!with(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://a.example")
        ]));
        assert!(with(&[
            ("host", "a.example:8080"),
            ("origin", "http://a.example:8080")
        ]));
        assert!(!with(&[
            ("host", "a.example"),
            ("origin", "http://evil.example")
        ]));
        assert!(!with(&[("host", "a.example"), ("origin", "null")]));
        assert!(with(&[
            ("host", "a.example"),
            ("referer", "https://a.example/2017/08/x.html")
        ]));
        assert!(!with(&[
            ("host", "a.example"),
            ("referer", "https://a.example.evil/x")
        ]));
        assert!(!with(&[("host", "a.example")]));
    }
}
