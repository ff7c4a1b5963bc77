//! What every response passes on its way out: security headers (CSP with a per-page
//! nonce, no sniffing, no referrer, no framing, no caching of private answers), a
//! request id, one log line per request (method, matched route template, status,
//! latency, request id: no path, so no tracking token, and no personal data), and
//! pages compressed for the browsers that accept it.

use std::time::Duration;

use axum::{
    extract::Request,
    http::{header, HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};
use tower_http::{
    compression::{predicate::SizeAbove, CompressionLayer, Predicate},
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::{MakeSpan, OnResponse, TraceLayer},
};

/// The policy of every response; a page adds its own nonce to `script-src` for the
/// inline scripts Leptos emits (the hydration loader and serialized resources).
/// `'wasm-unsafe-eval'` lets the app's own wasm compile; nothing else runs inline.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{nonce}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// For a page being rendered: its CSP carries the nonce Leptos put on its scripts.
/// Called in the page's context (does nothing outside one, e.g. for a static file).
pub fn page_csp() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(Some(&*nonce))) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Server-rendered pages go out brotli or gzip compressed when the browser accepts it
/// (a page is its screen's data, ~7–17 KB of HTML: a quarter of that on a phone's slow
/// link, before its wasm starts to download). Only pages: static files come
/// precompressed from `/pkg`, an event stream must never be buffered by an encoder, and
/// the API's answers are small and on the write path.
pub fn compress_pages<S>(router: axum::Router<S>) -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let pages = SizeAbove::new(1024).and(|_, _, headers: &http::HeaderMap, _: &_| {
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
    });
    router.layer(CompressionLayer::new().compress_when(pages))
}

/// The header layers, innermost first: a page's own CSP wins over the nonce-less one.
pub fn security_headers<S>(router: axum::Router<S>) -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let default_csp = HeaderValue::from_str(&content_security_policy(None))
        .unwrap_or(HeaderValue::from_static("default-src 'self'"));
    router
        .layer(axum::middleware::from_fn(no_store_when_private))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            default_csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // Tracking links are secrets: never hand the page's address to another site.
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}

/// API answers and pages may carry personal data: no cache keeps them. Static files
/// (wasm, JS, CSS) stay cacheable; a response that chose its own policy keeps it (the
/// event streams' `no-cache, no-transform`, the public OpenAPI document).
async fn no_store_when_private(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if (api || html) && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Request ids and the request log, outermost first: the id is set (or a sane one from
/// the client kept), the span carries it into every line of the request, the response
/// echoes it.
pub fn request_log<S>(router: axum::Router<S>) -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(RequestSpan)
                .on_response(RequestLine)
                // A 5xx is already logged where it happens (`AppError`), with its cause.
                .on_failure(()),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

#[derive(Clone, Copy)]
struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, request: &http::Request<B>) -> tracing::Span {
        let id = request
            .headers()
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .filter(|id| sane_id(id))
            .unwrap_or("-");
        // The matched route's template (`/track/{token}`), never the path itself: a
        // path may carry a tracking token, and a query anything.
        let route = match request.extensions().get::<axum::extract::MatchedPath>() {
            Some(path) => crate::metrics::template_of(path),
            None => "fallback".to_string(),
        };
        tracing::info_span!(
            "request",
            id = %id,
            method = %request.method(),
            route = %route,
        )
    }
}

#[derive(Clone, Copy)]
struct RequestLine;

impl<B> OnResponse<B> for RequestLine {
    fn on_response(self, response: &http::Response<B>, latency: Duration, _: &tracing::Span) {
        tracing::info!(
            status = response.status().as_u16(),
            latency_ms = latency.as_millis() as u64,
            "answered"
        );
    }
}

/// A client's own id is kept only if it cannot forge or garble a log line.
fn sane_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forged_request_id_is_not_logged() {
        assert!(sane_id("0b7c6a2e-1f3d-4c5e-9a8b-7c6d5e4f3a2b"));
        assert!(!sane_id("x\" status=200"));
        assert!(!sane_id(&"a".repeat(65)));
    }
}
