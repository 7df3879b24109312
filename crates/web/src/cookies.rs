//! The site's cookies: their names, their attributes and how they are read back, in one place.
//!
//! Over HTTPS every cookie is `Secure` and takes the `__Host-` prefix. Browsers accept such a
//! cookie only with `Secure`, `Path=/` and no `Domain`, so a page on a sibling subdomain or on
//! plain HTTP cannot plant or overwrite it: nobody can hand a newsroom's editor a session or a
//! form nonce of their choosing (fixation by cookie tossing). Over HTTPS only the prefixed name
//! is read, for the same reason. Every cookie is `HttpOnly` and `SameSite=Lax`.

use axum::http::{HeaderMap, HeaderValue, header};

/// One of the site's cookies, by its plain name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cookie(&'static str);

/// The signed-in session's token.
pub const SESSION: Cookie = Cookie("minbar_session");
/// The nonce admin form tokens are signed over (see `csrf`).
pub const CSRF: Cookie = Cookie("minbar_csrf");
/// When this browser was first served the comment form (see `csrf::stamp`).
pub const SEEN: Cookie = Cookie("minbar_seen");

/// The prefix browsers keep for cookies set over HTTPS for this host alone.
const HOST_PREFIX: &str = "__Host-";

impl Cookie {
    /// The name the cookie has in a browser reached over HTTPS (`secure`) or not.
    pub fn name(self, secure: bool) -> String {
        if secure {
            format!("{HOST_PREFIX}{}", self.0)
        } else {
            self.0.to_owned()
        }
    }

    /// The cookie's value in the request, by the name it has under `secure`. A request the
    /// proxy says came over HTTPS is read by the prefixed name only; one that came straight
    /// over plain HTTP to a site whose address is https:// (an operator on the server's own
    /// port) falls back to the plain name, where a planted cookie gains nothing a plain-HTTP
    /// attacker did not have already.
    pub fn read(self, headers: &HeaderMap, secure: bool) -> Option<String> {
        if secure {
            let prefixed = self.read_named(headers, &self.name(true));
            if prefixed.is_some() || proxied_https(headers) {
                return prefixed;
            }
        }
        self.read_named(headers, self.0)
    }

    fn read_named(self, headers: &HeaderMap, name: &str) -> Option<String> {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, value)| value.to_owned())
    }

    /// The `Set-Cookie` value giving the browser `value`, kept for `max_age` seconds or, with
    /// `None`, until the browser closes. An empty value with `Some(0)` removes the cookie.
    pub fn set(self, value: &str, secure: bool, max_age: Option<i64>) -> HeaderValue {
        let name = self.name(secure);
        let max_age = max_age.map_or(String::new(), |s| format!("; Max-Age={s}"));
        let secure = if secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{name}={value}; Path=/; HttpOnly; SameSite=Lax{max_age}{secure}"
        ))
        // Values are hex or our own stamps, so this only guards against a future caller.
        .unwrap_or_else(|_| HeaderValue::from_static("minbar_invalid=; Path=/; Max-Age=0"))
    }
}

/// Whether the browser reached us over HTTPS: the site's address says so, or the proxy in front
/// does. Trusting the proxy's header can only make cookies stricter, never looser.
pub fn over_https(base_url: Option<&str>, headers: &HeaderMap) -> bool {
    base_url.is_some_and(|u| u.starts_with("https://")) || proxied_https(headers)
}

/// Whether the proxy in front says this request came over HTTPS.
fn proxied_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookie(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
        headers
    }

    #[test]
    fn https_cookies_are_host_only_and_secure() {
        let set = SESSION.set("abc", true, Some(60));
        assert_eq!(
            set.to_str().unwrap(),
            "__Host-minbar_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
        let plain = CSRF.set("n", false, None);
        assert_eq!(
            plain.to_str().unwrap(),
            "minbar_csrf=n; Path=/; HttpOnly; SameSite=Lax"
        );
    }

    #[test]
    fn over_https_only_the_prefixed_cookie_counts() {
        let mut tossed = with_cookie("minbar_session=planted; other=1");
        tossed.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(SESSION.read(&tossed, true), None);
        assert_eq!(SESSION.read(&tossed, false).as_deref(), Some("planted"));
        let real = with_cookie("minbar_session=planted; __Host-minbar_session=real");
        assert_eq!(SESSION.read(&real, true).as_deref(), Some("real"));
        // Straight over plain HTTP to an https:// site, the plain name still counts.
        let direct = with_cookie("minbar_session=plain");
        assert_eq!(SESSION.read(&direct, true).as_deref(), Some("plain"));
    }

    #[test]
    fn https_is_the_sites_address_or_the_proxys_word() {
        let none = HeaderMap::new();
        assert!(over_https(Some("https://news.example"), &none));
        assert!(!over_https(Some("http://news.example"), &none));
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-proto", HeaderValue::from_static("HTTPS"));
        assert!(over_https(None, &proxied));
    }
}
