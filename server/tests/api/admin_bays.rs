//! `/api/v1/admin/bays…` (issue 16): only a manager edits bays; bad input changes
//! nothing; every change leaves an audit row and reaches the board live; a bay out of
//! service is shown so and suggested to nobody.

use app::domain::suggest_bay;
use app::model::{bay_loads, BayBoard};
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{expect_error, spawn_app, Actor, TestApp};

pub fn bay_body(name_en: &str) -> Value {
    json!({
        "name_zh": "1号工位 快速保养", "name_en": name_en, "team_name": "快保组",
        "skills": ["quick_service"], "opens_at": "07:30", "closes_at": "19:00"
    })
}

async fn send(
    actor: &Actor,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = actor.client.request(method, actor.url(path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("admin request")
}

/// The public workshop board.
pub async fn board_of(app: &TestApp, path: &str) -> Value {
    let answer = crate::helpers::new_client()
        .get(app.url(path))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    answer.json().await.unwrap()
}

pub async fn audit_rows(
    app: &TestApp,
    subject: &str,
) -> Vec<(String, String, Option<i64>, String)> {
    sqlx::query_as("SELECT actor_name, action, subject_id, detail FROM audit_log WHERE subject = ? ORDER BY id")
        .bind(subject)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn only_a_manager_reaches_the_admin_endpoints() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let lead = app.lead(1).await;
    let anonymous = crate::helpers::new_client();
    let paths = [
        (reqwest::Method::GET, "/api/v1/admin/bays"),
        (reqwest::Method::POST, "/api/v1/admin/bays"),
        (reqwest::Method::PUT, "/api/v1/admin/bays/1"),
        (reqwest::Method::POST, "/api/v1/admin/bays/1/outages"),
        (reqwest::Method::DELETE, "/api/v1/admin/bays/1/outages/1"),
        (reqwest::Method::GET, "/api/v1/admin/catalogue"),
        (reqwest::Method::POST, "/api/v1/admin/catalogue/items"),
        (reqwest::Method::PUT, "/api/v1/admin/catalogue/items/1"),
        (reqwest::Method::PUT, "/api/v1/admin/labour-rate"),
        (reqwest::Method::GET, "/api/v1/admin/schedules"),
        (reqwest::Method::POST, "/api/v1/admin/schedules"),
        (reqwest::Method::PUT, "/api/v1/admin/schedules/1"),
    ];
    for (method, path) in paths {
        let answer = anonymous
            .request(method.clone(), app.url(path))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        expect_error(answer, StatusCode::UNAUTHORIZED, "unauthenticated").await;
        for who in [&advisor, &lead] {
            let answer = send(who, method.clone(), path, Some(json!({}))).await;
            expect_error(answer, StatusCode::FORBIDDEN, "forbidden").await;
        }
    }
    assert_eq!(app.scalar("SELECT COUNT(*) FROM audit_log").await, 0);
}

#[tokio::test]
async fn a_bay_edit_is_audited_and_reaches_the_board_live() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let mut bays = app.stream("bays").await;
    bays.snapshot().await;

    let answer = send(
        &manager,
        reqwest::Method::PUT,
        "/api/v1/admin/bays/1",
        Some(bay_body("Bay 1 · Express")),
    )
    .await;
    assert_eq!(answer.status(), StatusCode::OK);
    let bay: Value = answer.json().await.unwrap();
    assert_eq!(
        (bay["name_en"].as_str(), bay["opens_at"].as_str()),
        (Some("Bay 1 · Express"), Some("07:30"))
    );

    let frame = bays.frame().await;
    assert_eq!(frame.event, "bay", "{frame:?}");
    assert_eq!(frame.json()["name_en"], "Bay 1 · Express");
    assert_eq!(frame.json()["closes_at"], "19:00");

    let rows = audit_rows(&app, "bay").await;
    assert_eq!(rows.len(), 1);
    let (actor, action, id, detail) = &rows[0];
    assert_eq!(
        (actor.as_str(), action.as_str(), *id),
        ("周婷", "update", Some(1))
    );
    let detail: Value = serde_json::from_str(detail).unwrap();
    assert_eq!(detail["before"]["name_en"], "Bay 1 · Quick service");
    assert_eq!(detail["after"]["name_en"], "Bay 1 · Express");

    // A new bay joins the board.
    let mut new = bay_body("Bay 7 · Quick service");
    new["skills"] = json!(["quick_service", "ev"]);
    let answer = send(
        &manager,
        reqwest::Method::POST,
        "/api/v1/admin/bays",
        Some(new),
    )
    .await;
    assert_eq!(answer.status(), StatusCode::CREATED);
    let created: Value = answer.json().await.unwrap();
    let board = board_of(&app, "/api/v1/bays").await;
    assert!(board["bays"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["id"] == created["id"] && b["skills"] == json!(["quick_service", "ev"])));
}

#[tokio::test]
async fn bad_bay_input_is_refused_field_by_field_and_changes_nothing() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let before = board_of(&app, "/api/v1/bays").await;
    let events = app.events_count().await;
    let bad = json!({
        "name_zh": " ", "name_en": "x".repeat(61), "team_name": "快保组",
        "skills": ["quick_service", "teleport"], "opens_at": "8am", "closes_at": "18:00"
    });
    let answer = send(
        &manager,
        reqwest::Method::PUT,
        "/api/v1/admin/bays/1",
        Some(bad),
    )
    .await;
    let body = expect_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let fields: Vec<&String> = body["error"]["fields"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(fields, ["name_en", "name_zh", "opens_at", "skills"]);
    let late = json!({ "name_zh": "甲", "name_en": "A", "team_name": "T", "skills": [], "opens_at": "18:00", "closes_at": "08:00" });
    let answer = send(
        &manager,
        reqwest::Method::PUT,
        "/api/v1/admin/bays/1",
        Some(late),
    )
    .await;
    let body = expect_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let fields: Vec<&String> = body["error"]["fields"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(fields, ["closes_at", "skills"]);
    let now = Utc::now();
    let backwards = json!({ "from": now + Duration::hours(2), "to": now + Duration::hours(1), "reason": "lift" });
    let answer = send(
        &manager,
        reqwest::Method::POST,
        "/api/v1/admin/bays/1/outages",
        Some(backwards),
    )
    .await;
    expect_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    let no_reason = json!({ "from": now, "to": now + Duration::hours(1), "reason": "" });
    let answer = send(
        &manager,
        reqwest::Method::POST,
        "/api/v1/admin/bays/1/outages",
        Some(no_reason),
    )
    .await;
    let body = expect_error(answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
    assert!(body["error"]["fields"]["reason"].is_string(), "{body}");
    let good = json!({ "from": now, "to": now + Duration::hours(1), "reason": "lift" });
    let answer = send(
        &manager,
        reqwest::Method::POST,
        "/api/v1/admin/bays/99/outages",
        Some(good),
    )
    .await;
    expect_error(answer, StatusCode::NOT_FOUND, "not_found").await;

    assert_eq!(board_of(&app, "/api/v1/bays").await, before);
    assert_eq!(app.events_count().await, events);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM audit_log").await, 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM bay_outages").await, 0);
}

/// The bay the board's dispatch (the shared domain code) suggests for work needing
/// `skill`, given the bays as the public board shows them.
fn suggestion(board: &Value, skill: &str) -> Option<i64> {
    let bays: Vec<BayBoard> = serde_json::from_value(board["bays"].clone()).unwrap();
    let infos: Vec<_> = bays.iter().map(|b| b.bay.clone()).collect();
    let loads = bay_loads(&infos, &[], Utc::now());
    suggest_bay(&loads, &[skill]).map(|b| b.bay_id)
}

#[tokio::test]
async fn a_bay_out_of_service_shows_so_and_is_suggested_to_nobody() {
    let app = spawn_app().await;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    // Bay 4 is the only one with the alignment skill: alignment work goes there.
    let board = board_of(&app, "/api/v1/bays").await;
    assert_eq!(suggestion(&board, "alignment"), Some(4));

    let now = Utc::now();
    let outage = json!({ "from": now - Duration::minutes(5), "to": now + Duration::hours(3), "reason": "举升机检修" });
    let answer = send(
        &manager,
        reqwest::Method::POST,
        "/api/v1/admin/bays/4/outages",
        Some(outage),
    )
    .await;
    assert_eq!(answer.status(), StatusCode::CREATED);
    let bay: Value = answer.json().await.unwrap();
    let outage_id = bay["out_of_service"][0]["id"].as_i64().unwrap();
    assert_eq!(bay["out_of_service"][0]["reason"], "举升机检修");

    let board = board_of(&app, "/api/v1/bays").await;
    let bay4 = board["bays"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == 4)
        .unwrap();
    assert_eq!(bay4["out_of_service"][0]["reason"], "举升机检修");
    assert_eq!(suggestion(&board, "alignment"), None);
    assert_eq!(
        suggestion(&board, "general_repair").map(|b| b != 4),
        Some(true)
    );

    // A period still to come does not take the bay out yet.
    let answer = send(
        &manager,
        reqwest::Method::DELETE,
        &format!("/api/v1/admin/bays/4/outages/{outage_id}"),
        None,
    )
    .await;
    assert_eq!(answer.status(), StatusCode::OK);
    let later = json!({ "from": now + Duration::hours(5), "to": now + Duration::hours(6), "reason": "保养" });
    let answer = send(
        &manager,
        reqwest::Method::POST,
        "/api/v1/admin/bays/4/outages",
        Some(later),
    )
    .await;
    assert_eq!(answer.status(), StatusCode::CREATED);
    let board = board_of(&app, "/api/v1/bays").await;
    assert_eq!(suggestion(&board, "alignment"), Some(4));
    let actions: Vec<String> = audit_rows(&app, "bay")
        .await
        .into_iter()
        .map(|r| r.1)
        .collect();
    assert_eq!(
        actions,
        ["out_of_service", "back_in_service", "out_of_service"]
    );
}
