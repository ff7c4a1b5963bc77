//! The screens' static files under `/pkg` (the wasm pieces, their JS glue, the CSS):
//! served from the `.br` or `.gz` copy the release build wrote beside each file
//! (`cargo leptos build --release --precompress`) to browsers that accept it. Files
//! whose names carry their content hash (`hash-files`) are cached for a year; any
//! other file is revalidated. Event streams are never compressed (they are not files).

use std::path::Path;

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::{self, Next},
    response::Response,
};
use tower_http::services::ServeDir;

/// A year, never revalidated: the name changes when the content does.
const HASHED: &str = "public, max-age=31536000, immutable";
/// Cached, but checked before use (the name stays when the content changes).
const UNHASHED: &str = "public, no-cache";

/// `/pkg`: the precompressed copy when the browser accepts it, else the file itself.
pub fn pkg_service(site_root: &str) -> axum::Router {
    let files = ServeDir::new(Path::new(site_root).join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    axum::Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_content_named(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let policy = if hashed { HASHED } else { UNHASHED };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Whether the build that made this binary left the hashed names beside it.
pub fn hash_file_beside_binary(options: &leptos::config::LeptosOptions) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
        .is_some_and(|file| file.is_file())
}

/// `pitwall.<hash>.wasm`: cargo-leptos's content hash is a dot-separated segment of
/// 16 or more base64url characters before the extension (not the all-underscore
/// placeholder an unhashed build leaves in the split loader's name).
pub fn is_content_named(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts = name.split('.').rev();
    let (Some(_ext), Some(hash), Some(_stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() >= 16
        && hash.bytes().any(|b| b.is_ascii_alphanumeric())
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::is_content_named;

    #[test]
    fn only_names_with_a_content_hash_are_cached_for_good() {
        assert!(is_content_named("/pitwall.Xq3lQk0vZ8a9Bc1dEf2GhA.wasm"));
        assert!(is_content_named("/__wasm_split.Xq3lQk0vZ8a9Bc1dEf2GhA.js"));
        assert!(!is_content_named("/pitwall.wasm"));
        assert!(!is_content_named("/pitwall.css"));
        assert!(!is_content_named("/__wasm_split.______________________.js"));
        assert!(!is_content_named("/chunk_13.wasm"));
    }
}
