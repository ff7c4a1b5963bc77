//! The first start of a store without demo data: no account, staff pages lead to the
//! setup, the setup asks for the code from the log and runs once only.

use reqwest::{redirect::Policy, Client, StatusCode};
use serde_json::{json, Value};

use crate::{helpers::new_client, store_failures::serve};

const CODE: &str = "TEST-CODE-2026";

async fn new_store() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let config = server::Config {
        db_path: dir.path().join("pitwall.db"),
        setup_code: Some(CODE.into()),
        ..Default::default()
    };
    let base = serve(config).await;
    (dir, base)
}

fn setup_body(code: &str, password: &str) -> Value {
    json!({
        "setup_code": code, "store_name": "星辰汽车4S店", "desk_phone": "020-8888 6666",
        "timezone": "+08:00", "labour_rate_fen_per_hour": 32000,
        "manager_username": "Wang.Li", "manager_name": "王丽", "password": password,
    })
}

#[tokio::test]
async fn staff_pages_lead_to_the_setup_until_it_is_done_and_customer_pages_do_not() {
    let (_dir, base) = new_store().await;
    let client = Client::builder().redirect(Policy::none()).build().unwrap();
    for page in [
        "/desk",
        "/bays",
        "/bay/1",
        "/admin",
        "/admin/staff",
        "/parts",
        "/desk/jobs/1",
    ] {
        let r = client.get(format!("{base}{page}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{page}");
        assert_eq!(r.headers()["location"], "/setup", "{page}");
    }
    for page in ["/kiosk", "/lounge", "/setup"] {
        let r = client.get(format!("{base}{page}")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{page}");
    }
    let status: Value = client
        .get(format!("{base}/api/v1/setup"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status, json!({ "needed": true }));

    let manager = new_client();
    let r = manager
        .post(format!("{base}/api/v1/setup"))
        .json(&setup_body(CODE, "workshop2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let who: Value = r.json().await.unwrap();
    assert_eq!(who["role"], "manager");
    assert_eq!(who["name"], "王丽");
    // Signed in by the setup: the manager's session works at once.
    let me = manager
        .get(format!("{base}/api/v1/sessions"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);

    let r = client.get(format!("{base}/desk")).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "the desk is the desk once set up"
    );
    let status: Value = client
        .get(format!("{base}/api/v1/setup"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status, json!({ "needed": false }));

    // The username was folded; the password signs in.
    let again = new_client();
    let r = again
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "username": "wang.li", "password": "workshop2026" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_setup_runs_once_only() {
    let (_dir, base) = new_store().await;
    let first = new_client()
        .post(format!("{base}/api/v1/setup"))
        .json(&setup_body(CODE, "workshop2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let mut body = setup_body(CODE, "takeover2026");
    body["manager_username"] = json!("intruder");
    let second = new_client()
        .post(format!("{base}/api/v1/setup"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let error: Value = second.json().await.unwrap();
    assert_eq!(error["error"]["code"], "already_set_up");
    let intruder = new_client()
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({ "username": "intruder", "password": "takeover2026" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        intruder.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no second manager was made"
    );
}

#[tokio::test]
async fn a_wrong_code_or_a_weak_password_is_refused_and_changes_nothing() {
    let (_dir, base) = new_store().await;
    let client = new_client();
    let r = client
        .post(format!("{base}/api/v1/setup"))
        .json(&setup_body("WRONG-CODE-1", "workshop2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = r.json().await.unwrap();
    assert!(
        error["error"]["fields"]["setup_code"].is_string(),
        "{error}"
    );

    let mut bad = setup_body(CODE, "pitwall");
    bad["timezone"] = json!("Asia/Shanghai");
    bad["labour_rate_fen_per_hour"] = json!(0);
    let r = client
        .post(format!("{base}/api/v1/setup"))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = r.json().await.unwrap();
    for field in ["password", "timezone", "labour_rate_fen_per_hour"] {
        assert!(
            error["error"]["fields"][field].is_string(),
            "{field}: {error}"
        );
    }
    let status: Value = client
        .get(format!("{base}/api/v1/setup"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status, json!({ "needed": true }), "still to be set up");
}
