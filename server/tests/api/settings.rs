//! `PITWALL_PUBLIC_URL` and `PITWALL_TZ` reach the screens: every page carries them in
//! its head for the browser to read at hydration (the kiosk's QR code, store times),
//! and the server's own clock follows the zone.

use reqwest::StatusCode;

use crate::{binary::Binary, helpers::spawn_app};

fn meta(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("<meta name=\"{name}\" content=\""))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let end = start + rest[start..].find('"')?;
    Some(rest[start..end].to_string())
}

#[tokio::test]
async fn by_default_pages_carry_utc_plus_8_and_no_public_address() {
    let app = spawn_app().await;
    for page in ["/kiosk", "/lounge", "/no-such-page"] {
        let html = reqwest::get(app.url(page))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(
            meta(&html, "pitwall-tz").as_deref(),
            Some("+08:00"),
            "{page}"
        );
        assert_eq!(meta(&html, "pitwall-public-url"), None, "{page}");
    }
}

#[tokio::test]
async fn configured_pages_carry_the_public_address_and_the_store_zone() {
    let server = Binary::start(&[
        ("PITWALL_PUBLIC_URL", "https://service.example-store.cn/"),
        ("PITWALL_TZ", "-05:00"),
    ])
    .await;
    for page in ["/kiosk", "/desk", "/no-such-page"] {
        let response = reqwest::get(server.url(page)).await.unwrap();
        assert_ne!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let html = response.text().await.unwrap();
        assert_eq!(
            meta(&html, "pitwall-tz").as_deref(),
            Some("-05:00"),
            "{page}"
        );
        assert_eq!(
            meta(&html, "pitwall-public-url").as_deref(),
            Some("https://service.example-store.cn"),
            "{page}"
        );
    }
    let log = server.stop().await.join("\n");
    assert!(!log.contains("PITWALL_PUBLIC_URL is not set"), "{log}");
}

#[tokio::test]
async fn without_a_public_address_the_server_warns_once() {
    let server = Binary::start(&[]).await;
    reqwest::get(server.url("/kiosk")).await.unwrap();
    let lines = server.stop().await;
    let warnings = lines
        .iter()
        .filter(|l| l.contains("WARN") && l.contains("PITWALL_PUBLIC_URL is not set"))
        .count();
    assert_eq!(warnings, 1, "{lines:#?}");
}
