//! Security headers on every answer (a page, the API, an error) and a CSP whose nonce is
//! the one on the page's inline scripts (the request log: `logs.rs`).

use std::io::Read;

use reqwest::{header::HeaderMap, Client, StatusCode};

use crate::helpers::spawn_app;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

/// The headers every answer carries, whatever it is.
fn assert_hardened(what: &str, headers: &HeaderMap) {
    assert_eq!(
        header(headers, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(header(headers, "referrer-policy"), "no-referrer", "{what}");
    assert_eq!(header(headers, "x-frame-options"), "DENY", "{what}");
    let csp = header(headers, "content-security-policy");
    for directive in [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
    ] {
        assert!(csp.contains(directive), "{what}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert!(headers.contains_key("x-request-id"), "{what}");
}

/// The nonce of the CSP's `script-src`.
fn nonce_of(csp: &str) -> String {
    let start = csp.find("'nonce-").expect("a nonce in script-src") + "'nonce-".len();
    let end = start + csp[start..].find('\'').unwrap();
    csp[start..end].to_string()
}

#[tokio::test]
async fn a_page_allows_exactly_its_own_inline_scripts() {
    let app = spawn_app().await;
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let response = Client::new().get(app.url("/lounge")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        assert_hardened("/lounge", &headers);
        assert_eq!(header(&headers, "cache-control"), "no-store");
        let csp = header(&headers, "content-security-policy");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
        let nonce = nonce_of(csp);
        let html = response.text().await.unwrap();
        let mut inline = 0;
        for tag in html.split("<script").skip(1) {
            let open = &tag[..tag.find('>').unwrap()];
            if open.contains("src=") {
                continue;
            }
            inline += 1;
            assert!(
                open.contains(&format!("nonce=\"{nonce}\"")),
                "an inline script the CSP blocks: <script{open}>"
            );
        }
        assert!(inline > 0, "the hydration loader is inline");
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a fresh nonce for every page");
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_accept_it_and_the_api_is_not() {
    let app = spawn_app().await;
    let client = Client::new();
    let get = |path: &str, encoding: &str| {
        client
            .get(app.url(path))
            .header("accept-encoding", encoding)
            .send()
    };
    let plain = get("/lounge", "identity").await.unwrap();
    assert_eq!(plain.headers().get("content-encoding"), None);
    let html = plain.text().await.unwrap();
    assert!(html.contains("</html>"));

    let gzipped = get("/lounge", "gzip").await.unwrap();
    assert_eq!(gzipped.status(), StatusCode::OK);
    assert_eq!(header(gzipped.headers(), "content-encoding"), "gzip");
    assert!(header(gzipped.headers(), "vary").contains("accept-encoding"));
    assert_hardened("a compressed page", gzipped.headers());
    let body = gzipped.bytes().await.unwrap();
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(body.as_ref())
        .read_to_string(&mut unpacked)
        .unwrap();
    assert!(unpacked.contains("</html>"), "the whole page, decompressed");
    assert!(
        body.len() * 2 < html.len(),
        "{} bytes compressed against {} plain",
        body.len(),
        html.len()
    );

    let brotli = get("/kiosk", "br").await.unwrap();
    assert_eq!(header(brotli.headers(), "content-encoding"), "br");

    // The API answers as it is (small answers on the write path).
    let bays = get("/api/v1/bays", "gzip, br").await.unwrap();
    assert_eq!(bays.status(), StatusCode::OK);
    assert_eq!(bays.headers().get("content-encoding"), None);
}

#[tokio::test]
async fn api_answers_and_errors_are_hardened_and_never_cached() {
    let app = spawn_app().await;
    let client = Client::new();
    let bays = client.get(app.url("/api/v1/bays")).send().await.unwrap();
    assert_eq!(bays.status(), StatusCode::OK);
    assert_hardened("/api/v1/bays", bays.headers());
    assert_eq!(header(bays.headers(), "cache-control"), "no-store");

    let missing = client.get(app.url("/api/v1/nothing")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_hardened("an API 404", missing.headers());
    assert_eq!(header(missing.headers(), "cache-control"), "no-store");

    let refused = client
        .post(app.url("/api/v1/sessions"))
        .json(&serde_json::json!({ "username": "advisor", "password": "wrong" }))
        .send()
        .await
        .unwrap();
    assert!(refused.status().is_client_error());
    assert_hardened("a refused sign-in", refused.headers());
    assert_eq!(header(refused.headers(), "cache-control"), "no-store");

    let no_page = client.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(no_page.status(), StatusCode::NOT_FOUND);
    assert_hardened("the 404 page", no_page.headers());

    // The event streams keep their own policy (proxies must not buffer or transform).
    let lounge = app.stream("lounge").await;
    assert_hardened("the lounge stream", &lounge.headers);
    assert_eq!(
        header(&lounge.headers, "cache-control"),
        "no-cache, no-transform"
    );
}
