//! The extractors the route tree shares: who the client is ([`ClientAddress`]), a query read
//! without failing ([`Lenient`]), and an admin form whose CSRF token is checked before the
//! handler runs ([`AdminForm`]), so no handler can forget the check.

use crate::AppState;
use crate::error::AppError;
use axum::extract::{FromRequest, Request};
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;

/// The address a request came from: the socket's peer, or, when the peer is one of the proxies
/// `serve` was told to trust, the nearest address in `X-Forwarded-For` that is not one of them.
/// Requests driven in-process have none. A client cannot choose its address by sending the
/// header, since it is read only from trusted proxies.
pub(crate) struct ClientAddress(pub Option<std::net::IpAddr>);

impl axum::extract::FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|axum::extract::ConnectInfo(addr)| addr.ip());
        Ok(ClientAddress(peer.map(|peer| {
            client_behind(peer, &parts.headers, state.trusted_proxies())
        })))
    }
}

/// Walks `X-Forwarded-For` from the nearest hop back while the hop is a trusted proxy.
fn client_behind(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[ipnet::IpNet],
) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        match hop.trim().parse::<std::net::IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

/// A query string read leniently: invalid UTF-8 is replaced and a repeated name keeps its first
/// value, so that no hand-edited or mangled link gets a bare 400 from the framework. Every field
/// of `T` must be an optional string.
pub(crate) struct Lenient<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Lenient<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, AppError> {
        let mut fields = serde_json::Map::new();
        let query = parts.uri.query().unwrap_or("");
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            fields
                .entry(name.into_owned())
                .or_insert(serde_json::Value::String(value.into_owned()));
        }
        serde_json::from_value(serde_json::Value::Object(fields))
            .map(Lenient)
            .map_err(|_| AppError::BadRequest)
    }
}

/// An admin form whose token was checked against this browser's nonce and the site's secret;
/// every state-changing admin handler takes one (or, for multipart uploads, calls
/// [`check_token`]). A missing or wrong token is a 403 before the handler runs.
pub(crate) struct AdminForm<T>(pub T);

/// A form with nothing but its token (a button: sign out, revoke, remove).
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct NoFields {}

/// The token every admin form carries, beside its own fields.
#[derive(serde::Deserialize)]
struct WithToken<T> {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: T,
}

impl<T> FromRequest<AppState> for AdminForm<T>
where
    T: DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, AppError> {
        let headers = request.headers().clone();
        let axum::Form(WithToken { csrf, form }) =
            axum::Form::<WithToken<T>>::from_request(request, state)
                .await
                .map_err(|rejection| match rejection.status() {
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                    _ => AppError::BadRequest,
                })?;
        check_token(state, &headers, &csrf).await?;
        Ok(AdminForm(form))
    }
}

/// Checks a form's token against this browser's nonce; `Forbidden` when it does not match.
pub(crate) async fn check_token(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
) -> Result<(), AppError> {
    let site = minbar_store::site::get(state.store()).await?;
    let secure = crate::cookies::over_https(site.base_url.as_deref(), headers);
    if crate::csrf::check(&site.secret, headers, secure, token) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies() {
        let trusted = vec![crate::parse_range("10.0.0.0/8").unwrap()];
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("198.51.100.1, 203.0.113.5, 10.0.0.2"),
        );
        let peer = "10.0.0.1".parse().unwrap();
        // Behind two trusted hops, the first untrusted address from the right is the reader.
        assert_eq!(
            client_behind(peer, &headers, &trusted),
            "203.0.113.5".parse::<std::net::IpAddr>().unwrap()
        );
        // A reader talking to us directly cannot choose its address with the header.
        let direct = "192.0.2.9".parse().unwrap();
        assert_eq!(client_behind(direct, &headers, &trusted), direct);
        assert_eq!(client_behind(peer, &headers, &[]), peer);
    }
}
