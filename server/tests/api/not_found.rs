//! An address that names nothing is "no such page" with a 404, in the screen's
//! language: an unknown path, and a screen's id that is not a number (`/bay/abc` is not
//! bay 0), for every screen that takes one.

use reqwest::{Client, StatusCode};

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_malformed_id_or_an_unknown_path_is_not_found_not_a_made_up_screen() {
    let app = spawn_app().await;
    let client = Client::new();
    for path in [
        "/bay/abc",
        "/bay/0",
        "/bay/-1",
        "/bay/1.5",
        "/desk/jobs/abc",
        "/desk/jobs/0",
        "/desk/jobs/abc/invoice",
        "/no/such/screen",
    ] {
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains("data-testid=\"not-found\""), "{path}: {html}");
        assert!(
            html.contains("没有这个页面"),
            "{path}: in Chinese by default"
        );
        assert!(
            !html.contains("bay/0"),
            "{path}: no channel for a made-up bay"
        );
    }
    let english = client
        .get(app.url("/bay/abc?lang=en"))
        .send()
        .await
        .unwrap();
    assert!(english
        .text()
        .await
        .unwrap()
        .contains("There is no such page"));

    // A well-formed id still opens its screen.
    let bay = client.get(app.url("/bay/1")).send().await.unwrap();
    assert_eq!(bay.status(), StatusCode::OK);
    assert!(!bay
        .text()
        .await
        .unwrap()
        .contains("data-testid=\"not-found\""));
}
