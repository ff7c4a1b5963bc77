//! Staff and technicians managed by a manager: a new technician's PIN signs in at their
//! bay, a deactivated one's no longer does, PINs are unique per team, a reset password
//! must be changed first, the last manager stays, and every change is on the audit trail.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{expect_error, new_client, spawn_app, TestApp};

async fn sign_in_status(app: &TestApp, body: Value) -> StatusCode {
    new_client()
        .post(app.url("/api/v1/sessions"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_new_technician_signs_in_with_their_pin_until_deactivated() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let r = manager
        .post(
            "/api/v1/admin/technicians",
            json!({"name": "孙伟", "bay_id": 2, "pin": "4826"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let tech: Value = r.json().await.unwrap();
    assert!(
        tech.get("pin").is_none() && !tech.to_string().contains("4826"),
        "the PIN is never shown: {tech}"
    );

    // The PIN signs in at bay 2 only.
    assert_eq!(
        sign_in_status(&app, json!({"bay_id": 1, "pin": "4826"})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let at_bay = app.sign_in_bay(2, "4826").await;
    assert_eq!(at_bay.name, "孙伟");
    assert_eq!(
        at_bay.get("/api/v1/sessions").await.status(),
        StatusCode::OK
    );

    // Deactivated: the session ends and the PIN no longer signs in.
    let id = tech["id"].as_i64().unwrap();
    let r = manager
        .client
        .patch(app.url(&format!("/api/v1/admin/technicians/{id}")))
        .json(&json!({"active": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        at_bay.get("/api/v1/sessions").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in_status(&app, json!({"bay_id": 2, "pin": "4826"})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Still listed (the timeline keeps the name), as inactive.
    let accounts = manager.get_json("/api/v1/admin/accounts").await;
    let listed = accounts["technicians"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == json!(id))
        .cloned();
    assert_eq!(listed.map(|t| t["active"].clone()), Some(json!(false)));
    let audited = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE subject = 'technician' AND subject_id = {id}"
        ))
        .await;
    assert_eq!(audited, 2, "created and deactivated, each recorded");
}

#[tokio::test]
async fn a_pin_is_unique_on_its_team_and_refused_when_guessable() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let add = |bay: i64, pin: &str| json!({"name": "新人", "bay_id": bay, "pin": pin});
    let r = manager
        .post("/api/v1/admin/technicians", add(3, "3330"))
        .await;
    let error = expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    assert!(
        error["error"]["fields"]["pin"]
            .as_str()
            .unwrap()
            .contains("already"),
        "{error}"
    );
    let r = manager
        .post("/api/v1/admin/technicians", add(3, "9999"))
        .await;
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let before = app.scalar("SELECT COUNT(*) FROM technicians").await;
    assert_eq!(
        manager
            .post("/api/v1/admin/technicians", add(1, "3851"))
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM technicians").await,
        before + 1
    );
}

#[tokio::test]
async fn only_a_manager_manages_accounts() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let r = advisor
        .post("/api/v1/admin/staff", json!({"username": "mole", "display_name": "Mole", "role": "manager", "password": "sneaky2026pass"}))
        .await;
    expect_error(r, StatusCode::FORBIDDEN, "forbidden").await;
    let r = new_client()
        .get(app.url("/api/v1/admin/accounts"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM staff WHERE username = 'mole'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_reset_password_must_be_changed_before_anything_else() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let advisor_id = app
        .scalar("SELECT id FROM staff WHERE username = 'advisor'")
        .await;
    let old_session = app.sign_in_staff("advisor", "pitwall").await;
    let r = manager
        .client
        .put(app.url(&format!("/api/v1/admin/staff/{advisor_id}/password")))
        .json(&json!({"password": "weak"}))
        .send()
        .await
        .unwrap();
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let r = manager
        .client
        .put(app.url(&format!("/api/v1/admin/staff/{advisor_id}/password")))
        .json(&json!({"password": "temporary2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        old_session.get("/api/v1/bays").await.status(),
        StatusCode::OK,
        "the board is public"
    );
    assert_eq!(
        old_session.get("/api/v1/sessions").await.status(),
        StatusCode::UNAUTHORIZED,
        "old sessions end"
    );
    assert_eq!(
        sign_in_status(&app, json!({"username": "advisor", "password": "pitwall"})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let advisor = app.sign_in_staff("advisor", "temporary2026").await;
    let a03 = app.job_id("A03").await;
    let r = advisor.get(&format!("/api/v1/jobs/{a03}")).await;
    expect_error(r, StatusCode::FORBIDDEN, "password_change_required").await;
    let r = advisor
        .post(
            "/api/v1/sessions/password",
            json!({"current": "temporary2026", "new": "temporary2026"}),
        )
        .await;
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let r = advisor
        .post(
            "/api/v1/sessions/password",
            json!({"current": "temporary2026", "new": "myownchoice26"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        advisor.get(&format!("/api/v1/jobs/{a03}")).await.status(),
        StatusCode::OK
    );
    app.sign_in_staff("advisor", "myownchoice26").await;
}

#[tokio::test]
async fn the_last_manager_stays_and_a_deactivated_account_cannot_sign_in() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let me = app
        .scalar("SELECT id FROM staff WHERE username = 'manager'")
        .await;
    let patch = |id: i64, body: Value| {
        manager
            .client
            .patch(app.url(&format!("/api/v1/admin/staff/{id}")))
            .json(&body)
            .send()
    };
    expect_error(
        patch(me, json!({"active": false})).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    expect_error(
        patch(me, json!({"role": "advisor"})).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
    )
    .await;
    let washer = app
        .scalar("SELECT id FROM staff WHERE username = 'washer'")
        .await;
    assert_eq!(
        patch(washer, json!({"active": false}))
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        sign_in_status(&app, json!({"username": "washer", "password": "pitwall"})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM staff WHERE username = 'washer'")
            .await,
        1,
        "never deleted"
    );
}
