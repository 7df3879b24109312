//! The one error type of the web front, and the middleware that renders it as a page.
//!
//! A handler returns `Err(AppError)`; [`AppError::into_response`] picks the status and tags the
//! response with the page to show. [`render_error_pages`] then renders that page in the site's
//! language with the full layout. A 5xx page says nothing about the cause: the cause is logged
//! in the request's span.

use crate::AppState;
use crate::views::ErrorView;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use minbar_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// A form came without a valid CSRF token.
    #[error("forbidden")]
    Forbidden,
    #[error("bad request")]
    BadRequest,
    #[error("payload too large")]
    PayloadTooLarge,
    /// `minbar init` has not been run on this database.
    #[error("site not initialized")]
    NotInitialized,
    #[error("store: {0}")]
    Store(#[source] StoreError),
    #[error("render: {0}")]
    Render(#[from] minijinja::Error),
    #[error("search: {0}")]
    Search(#[source] minbar_search::SearchError),
    /// The page needs a signed-in user: the browser is sent to the sign-in page.
    #[error("sign-in required")]
    SignInRequired,
    /// An API call without a valid token.
    #[error("unauthorized")]
    Unauthorized,
    /// A JSON body the API cannot use, with the reason.
    #[error("invalid request: {0}")]
    Invalid(String),
    /// Media storage failed; the cause is logged, never shown.
    #[error("media storage: {0}")]
    Storage(String),
    /// The database cannot be reached just now: 503 with `Retry-After`, never a hang.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] StoreError),
    /// The disk (database or media) is full: 507, and writes work again once space is freed.
    #[error("storage full: {0}")]
    Full(String),
    /// An operation refused its input: the API answers with the sentence and the message key.
    #[error("refused: {0}")]
    Refused(minbar_ops::Refusal),
}

impl From<minbar_search::SearchError> for AppError {
    fn from(error: minbar_search::SearchError) -> Self {
        match error {
            minbar_search::SearchError::Store(error) => error.into(),
            other => AppError::Search(other),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::NotInitialized => AppError::NotInitialized,
            full @ StoreError::Full(_) => AppError::Full(full.to_string()),
            down @ StoreError::Unavailable(_) => AppError::Unavailable(down),
            other => AppError::Store(other),
        }
    }
}

impl From<minbar_ops::OpError> for AppError {
    fn from(error: minbar_ops::OpError) -> Self {
        match error {
            minbar_ops::OpError::Forbidden => AppError::Forbidden,
            minbar_ops::OpError::NotFound => AppError::NotFound,
            minbar_ops::OpError::Refused(refusal) => AppError::Refused(refusal),
            minbar_ops::OpError::Store(error) => error.into(),
            minbar_ops::OpError::Storage(cause) => AppError::Storage(cause),
            minbar_ops::OpError::StorageFull(cause) => AppError::Full(cause),
        }
    }
}

/// The reason an API call was refused, carried to the JSON error body.
#[derive(Debug, Clone)]
pub struct ErrorMessage {
    pub message: String,
    /// The refusal's message key, when an operation refused.
    pub reason: Option<&'static str>,
}

/// Marks a response whose body the error middleware must render, with the message keys of its
/// title and text.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub keys: (&'static str, &'static str),
}

impl ErrorPage {
    /// The page for `status` with the usual words for it.
    pub fn of(status: StatusCode) -> Self {
        ErrorPage {
            status,
            keys: crate::views::error_keys(status),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::SignInRequired => StatusCode::SEE_OTHER,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            // A save over someone else's newer one: the request was fine, the state moved.
            AppError::Refused(minbar_ops::Refusal::Stale) => StatusCode::CONFLICT,
            AppError::Invalid(_) | AppError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::NotInitialized | AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Full(_) => StatusCode::INSUFFICIENT_STORAGE,
            AppError::Store(_)
            | AppError::Render(_)
            | AppError::Search(_)
            | AppError::Storage(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The page shown for this error: by status, except where one status has several causes.
    fn page(&self) -> ErrorPage {
        match self {
            AppError::Unavailable(_) => ErrorPage {
                status: StatusCode::SERVICE_UNAVAILABLE,
                keys: ("error-unavailable-title", "error-unavailable-body"),
            },
            AppError::Full(_) => ErrorPage {
                status: StatusCode::INSUFFICIENT_STORAGE,
                keys: ("error-full-title", "error-full-body"),
            },
            other => ErrorPage::of(other.status()),
        }
    }
}

/// Seconds a client is asked to wait before trying again after a 503 or 507.
const RETRY_AFTER_SECONDS: &str = "5";

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::SignInRequired = self {
            return axum::response::Redirect::to("/admin/login").into_response();
        }
        let status = self.status();
        let said = match &self {
            AppError::Invalid(message) => Some((message.clone(), None)),
            AppError::Refused(refusal) => Some((refusal.to_string(), Some(refusal.key()))),
            _ => None,
        };
        if let Some((message, reason)) = said {
            // The API's refusals: the message says which field is wrong, the reason is the
            // stable key of the same refusal in the admin.
            let mut response = (status, message.clone()).into_response();
            response.extensions_mut().insert(ErrorPage::of(status));
            response
                .extensions_mut()
                .insert(ErrorMessage { message, reason });
            return response;
        }
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let page = self.page();
        let mut response = status.into_response();
        if matches!(status.as_u16(), 503 | 507) {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
        }
        response.extensions_mut().insert(page);
        response
    }
}

/// Replaces the empty body of a tagged error response with the localized error page.
pub async fn render_error_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let reading = matches!(*request.method(), Method::GET | Method::HEAD);
    let uri = request.uri().clone();
    let response = next.run(request).await;
    let Some(&ErrorPage { status, keys }) = response.extensions().get::<ErrorPage>() else {
        return response;
    };
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    // An address the site had on the platform it came from: send the reader on for good.
    if status == StatusCode::NOT_FOUND && reading && !api {
        match crate::routes::compat::old_address(&state, &uri).await {
            Ok(Some(target)) => return crate::routes::compat::moved_permanently(&target),
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "redirect lookup failed"),
        }
    }
    if api {
        // API clients get JSON: a stable code, and the reason where there is one.
        let said = response.extensions().get::<ErrorMessage>();
        let message = said
            .map(|m| m.message.clone())
            .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
        let mut body = serde_json::json!({ "error": status.as_u16(), "message": message });
        if let Some(reason) = said.and_then(|m| m.reason) {
            body["reason"] = serde_json::Value::from(reason);
        }
        let mut answer = (status, axum::Json(body)).into_response();
        if let Some(retry_after) = retry_after {
            answer
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after);
        }
        return answer;
    }
    // A 503 means the database is away or not set up: asking it for the settings would only
    // make the reader wait for a second time-out.
    let settings = if status == StatusCode::SERVICE_UNAVAILABLE {
        Err(StoreError::NotInitialized)
    } else {
        minbar_store::site::get(state.store()).await
    };
    let html = match settings {
        Ok(site) => {
            let view = ErrorView::new(&state, &site, keys);
            state.templates().render("error.html", &view)
        }
        // Without settings (or with the database away) there is no layout to fill in.
        Err(_) => state.templates().render_bare_error(keys),
    };
    match html {
        Ok(html) => {
            let mut page = (status, Html(html)).into_response();
            page.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            if let Some(retry_after) = retry_after {
                page.headers_mut().insert(header::RETRY_AFTER, retry_after);
            }
            page
        }
        Err(error) => {
            tracing::error!(%error, "error page failed to render");
            status.into_response()
        }
    }
}
