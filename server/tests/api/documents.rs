//! Documents the server serves besides the API's JSON: the server-rendered screens,
//! which must embed the event id their snapshot reflects (the OpenAPI document: `openapi`).

use serde_json::json;

use crate::helpers::spawn_app;

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
