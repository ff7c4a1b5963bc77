//! The demo store's passwords and PINs are published in the README: a new store gets
//! them only when asked (`PITWALL_DEMO=1`), never by default.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::{helpers::new_client, store_failures::serve};

/// Signs in with `body` on a fresh client; returns the status and whether the client
/// then holds a session.
async fn try_sign_in(base: &str, body: Value) -> (StatusCode, bool) {
    let client = new_client();
    let status = client
        .post(format!("{base}/api/v1/sessions"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status();
    let me = client
        .get(format!("{base}/api/v1/sessions"))
        .send()
        .await
        .unwrap();
    (status, me.status() == StatusCode::OK)
}

#[tokio::test]
async fn a_new_store_without_settings_accepts_no_demo_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let config = server::Config {
        db_path: dir.path().join("pitwall.db"),
        ..Default::default()
    };
    let base = serve(config).await;
    for body in [
        json!({ "username": "manager", "password": "pitwall" }),
        json!({ "username": "advisor", "password": "pitwall" }),
        json!({ "bay_id": 1, "pin": "1111" }),
    ] {
        let (status, signed_in) = try_sign_in(&base, body.clone()).await;
        assert!(status.is_client_error(), "{body} answered {status}");
        assert!(!signed_in, "{body} opened a session");
    }
}

#[tokio::test]
async fn the_demo_store_is_there_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let config = server::Config {
        db_path: dir.path().join("pitwall.db"),
        seed_demo: true,
        ..Default::default()
    };
    let base = serve(config).await;
    let (status, signed_in) = try_sign_in(
        &base,
        json!({ "username": "manager", "password": "pitwall" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(signed_in);
}
