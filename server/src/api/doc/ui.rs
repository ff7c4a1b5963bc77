//! The browsable API docs at `/api/docs`: Swagger UI (vendored from npm's
//! `swagger-ui-dist`, see `server/assets/swagger-ui/README.md`) served from the binary,
//! so it works offline and without the site directory, reading `/api/v1/openapi.json`.

use axum::{
    http::{header, HeaderValue},
    response::IntoResponse,
    routing::get,
    Router,
};
use tower_http::compression::CompressionLayer;

const ASSETS: [(&str, &str, &[u8]); 4] = [
    (
        "/api/docs",
        "text/html; charset=utf-8",
        include_bytes!("../../../assets/swagger-ui/index.html"),
    ),
    (
        "/api/docs/init.js",
        "text/javascript",
        include_bytes!("../../../assets/swagger-ui/init.js"),
    ),
    (
        "/api/docs/swagger-ui-bundle.js",
        "text/javascript",
        include_bytes!("../../../assets/swagger-ui/swagger-ui-bundle.js"),
    ),
    (
        "/api/docs/swagger-ui.css",
        "text/css",
        include_bytes!("../../../assets/swagger-ui/swagger-ui.css"),
    ),
];

/// Swagger UI styles elements inline, so this page allows inline styles (never scripts).
const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors 'none'";

/// The docs page and its assets (compressed: the bundle is 1.7 MB raw, ~0.5 MB gzipped).
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    let router = ASSETS
        .into_iter()
        .fold(Router::new(), |router, (path, content_type, body)| {
            router.route(
                path,
                get(move || async move {
                    (
                        [
                            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                            (
                                header::CONTENT_SECURITY_POLICY,
                                HeaderValue::from_static(DOCS_CSP),
                            ),
                        ],
                        body,
                    )
                        .into_response()
                }),
            )
        });
    router.layer(CompressionLayer::new())
}
