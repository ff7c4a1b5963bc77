//! Documents the server serves besides the API's JSON: the OpenAPI description and the
//! server-rendered screens, which must embed the event id their snapshot reflects.

use reqwest::{header, StatusCode};
use serde_json::{json, Value};

use crate::helpers::spawn_app;

#[tokio::test]
async fn openapi_describes_every_route() {
    let app = spawn_app().await;
    let response = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let doc: Value = response.json().await.unwrap();
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with('3')),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().expect("paths");
    // Paths may be written in full or relative to a `/api/v1` server URL.
    let operation = |route: &str, method: &str| {
        paths
            .iter()
            .find(|(path, _)| *path == route || format!("/api/v1{path}") == route)
            .and_then(|(_, item)| item.get(method))
            .is_some()
    };
    let routes = [
        ("/api/v1/health", "get"),
        ("/api/v1/sessions", "post"),
        ("/api/v1/sessions", "get"),
        ("/api/v1/sessions", "delete"),
        ("/api/v1/bays", "get"),
        ("/api/v1/checkins", "post"),
        ("/api/v1/checkins/lookup", "post"),
        ("/api/v1/checkins/quote", "post"),
        ("/api/v1/desk-requests", "post"),
        ("/api/v1/jobs/{job_id}", "get"),
        ("/api/v1/jobs/{job_id}/actions", "post"),
        ("/api/v1/jobs/{job_id}/items/{item_id}/check", "post"),
        ("/api/v1/jobs/{job_id}/additional-items", "post"),
        ("/api/v1/parts", "get"),
        ("/api/v1/additional-items/{item_id}/decision", "post"),
        ("/api/v1/jobs/{job_id}/notes", "post"),
        ("/api/v1/jobs/{job_id}/customer-told", "post"),
        ("/api/v1/jobs/{job_id}/invoice", "get"),
        ("/api/v1/desk-requests/{id}/resolve", "post"),
        ("/api/v1/events/{channel}", "get"),
    ];
    let missing: Vec<_> = routes
        .iter()
        .filter(|(route, method)| !operation(route, method))
        .collect();
    assert!(missing.is_empty(), "not described: {missing:?}");
}

/// The number after the first `last_event_id` in `html`, however the page escapes it.
fn embedded_last_event_id(html: &str) -> Option<i64> {
    let after = &html[html.find("last_event_id")? + "last_event_id".len()..];
    let digits: String = after
        .trim_start_matches(['"', '\\', ':', ' '])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[tokio::test]
async fn a_rendered_screen_embeds_the_event_id_of_its_snapshot() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let newest = app.max_event_id().await;
    assert!(newest > 0);

    for (page, channel) in [("/lounge", "lounge"), ("/bays", "bays")] {
        let html = reqwest::get(app.url(page))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let embedded = embedded_last_event_id(&html)
            .unwrap_or_else(|| panic!("{page} embeds no last_event_id"));
        let snapshot = app.stream(channel).await.snapshot().await;
        assert_eq!((embedded, snapshot.id), (newest, newest), "{page}");
    }
}
