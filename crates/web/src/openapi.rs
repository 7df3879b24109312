//! The OpenAPI document of `/api/v1`, served at `/api/v1/openapi.json`. It is written by hand
//! beside the handlers in `routes/api.rs`; schemathesis (tests/it/api.rs) checks the running
//! server against it.

/// The document, as served.
pub const DOCUMENT: &str = include_str!("../openapi.json");

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_is_json_and_names_every_route() {
        let doc: serde_json::Value = serde_json::from_str(super::DOCUMENT).unwrap();
        assert_eq!(doc["openapi"], "3.0.3");
        for path in [
            "/api/v1/search",
            "/api/v1/posts",
            "/api/v1/posts/{id}",
            "/api/v1/comments",
            "/api/v1/comments/{id}",
            "/api/v1/comments/{id}/approve",
            "/api/v1/comments/{id}/spam",
            "/api/v1/labels",
            "/api/v1/media",
            "/api/v1/pages",
            "/api/v1/pages/{slug}",
            "/api/v1/settings",
            "/api/v1/users",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} is not described");
        }
    }
}
