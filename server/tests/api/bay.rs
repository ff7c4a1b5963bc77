//! The bay touchscreen's API: the checklist gate on finishing, additional work reported
//! pending, queue placement and the labour clock. (Countersigning with a PIN:
//! `countersign.rs`; two screens starting one job at once: `actions.rs`.)

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{expect_error, spawn_app, TestApp};

/// (version, stage, items' statuses) as stored: what a refused request must not change.
async fn state(app: &TestApp, ticket: &str) -> (i64, String, String) {
    sqlx::query_as(
        "SELECT j.version, j.stage, COALESCE(group_concat(i.status || ':' || COALESCE(i.not_done_note, ''), ','), '')
         FROM jobs j LEFT JOIN job_items i ON i.job_id = j.id WHERE j.ticket = ? GROUP BY j.id",
    )
    .bind(ticket)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn item_ids(app: &TestApp, ticket: &str) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT i.id FROM job_items i JOIN jobs j ON j.id = i.job_id WHERE j.ticket = ? ORDER BY i.id",
    )
    .bind(ticket)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn finishing_needs_every_item_settled_and_the_self_check() {
    let app = spawn_app().await;
    let tech = app.sign_in_bay(1, "1110").await;
    let a03 = app.job_id("A03").await;
    let items = item_ids(&app, "A03").await;
    assert_eq!(items.len(), 2);

    // Ticks are refused before work starts.
    let early = tech
        .check_item(a03, items[0], json!({ "done": true }))
        .await;
    expect_error(
        early,
        StatusCode::UNPROCESSABLE_ENTITY,
        "illegal_transition",
    )
    .await;

    app.act_ok(&tech, "A03", json!({ "action": "start" })).await;
    // An item of another job is not this job's: not found, and nothing changes.
    let a04_item = item_ids(&app, "A04").await[0];
    let a04 = state(&app, "A04").await;
    let elsewhere = tech
        .check_item(a03, a04_item, json!({ "done": true }))
        .await;
    expect_error(elsewhere, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(state(&app, "A04").await, a04);

    let finish = json!({ "action": "finish_work", "self_check": true });
    let before = state(&app, "A03").await;
    let refused = tech.act(a03, before.0, finish.clone()).await;
    expect_error(
        refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "checklist_incomplete",
    )
    .await;
    assert_eq!(state(&app, "A03").await, before);

    let ticked = tech
        .check_item(a03, items[0], json!({ "done": true }))
        .await;
    assert_eq!(ticked.status(), StatusCode::OK);
    let job: Value = ticked.json().await.unwrap();
    assert_eq!(job["items"][0]["status"], "done");
    assert_eq!(job["version"], json!(before.0 + 1));
    let refused = tech.act(a03, before.0 + 1, finish.clone()).await;
    expect_error(
        refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "checklist_incomplete",
    )
    .await;

    // The other item was not done, and the technician says why.
    let skipped = tech
        .check_item(
            a03,
            items[1],
            json!({ "done": false, "note": "滤芯型号不符，已告知前台" }),
        )
        .await;
    assert_eq!(skipped.status(), StatusCode::OK);
    let version = app.version("A03").await;
    let unchecked = tech
        .act(a03, version, json!({ "action": "finish_work" }))
        .await;
    let body = expect_error(
        unchecked,
        StatusCode::UNPROCESSABLE_ENTITY,
        "self_check_required",
    )
    .await;
    assert!(body["error"]["fields"]["self_check"].is_string());
    let job = app.act_ok(&tech, "A03", finish).await;
    assert_eq!(job["stage"], "quality_check");
    assert_eq!(job["items"][1]["not_done_note"], "滤芯型号不符，已告知前台");
}

#[tokio::test]
async fn additional_work_is_recorded_pending_with_its_parts_and_price() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    let a03 = app.job_id("A03").await;
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    let mut bay = app.stream("bay/1").await;
    bay.snapshot().await;
    let path = format!("/api/v1/jobs/{a03}/additional-items");

    let before = state(&app, "A03").await;
    for (body, field) in [
        (
            json!({ "description": "  ", "labor_minutes": 30, "safety_critical": true }),
            "description",
        ),
        (
            json!({ "description": "更换前刹车片", "labor_minutes": 0, "safety_critical": true }),
            "labor_minutes",
        ),
        (
            json!({ "description": "更换前刹车片", "labor_minutes": 60, "safety_critical": true,
                    "parts": [{ "part_id": 9999, "qty": 1 }] }),
            "parts",
        ),
        (
            json!({ "description": "更换前刹车片", "labor_minutes": 60, "safety_critical": true,
                    "parts": [{ "part_id": 10, "qty": 0 }] }),
            "parts",
        ),
    ] {
        let response = lead.post(&path, body.clone()).await;
        let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid").await;
        assert!(
            error["error"]["fields"][field].is_string(),
            "{body}: {error}"
        );
        assert_eq!(state(&app, "A03").await, before, "{body}");
    }
    let wrong_type = lead
        .post(
            &path,
            json!({ "description": "x", "labor_minutes": "soon", "safety_critical": true }),
        )
        .await;
    expect_error(wrong_type, StatusCode::BAD_REQUEST, "bad_request").await;

    // Front brake pads (part 10, ¥580) and brake fluid (part 6, ¥88): 60 min at ¥300/h.
    let response = lead
        .post(
            &path,
            json!({ "description": "前刹车片磨损到极限，建议更换", "labor_minutes": 60, "safety_critical": true,
                    "parts": [{ "part_id": 10, "qty": 1 }, { "part_id": 6, "qty": 2 }] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let job = &created["job"];
    let item = job["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == created["item_id"])
        .unwrap()
        .clone();
    assert_eq!(item["status"], "pending");
    assert_eq!(item["kind"], "additional");
    assert_eq!(item["safety_critical"], true);
    assert_eq!(item["labor_fen"], 30_000);
    assert_eq!(item["parts_fen"], 58_000 + 2 * 8_800);
    let parts: Vec<_> = item["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["code"].clone(), p["qty"].clone()))
        .collect();
    assert_eq!(
        parts,
        [
            (json!("brake_fluid_1l"), json!(2)),
            (json!("front_brake_pad_set"), json!(1))
        ]
    );
    assert!(job["flags"]
        .as_array()
        .unwrap()
        .contains(&json!("awaiting_approval")));
    assert_eq!(job["version"], json!(before.0 + 1));

    // The bay hears of it, and the item is not work to tick until approved.
    let frame = bay.frame().await;
    assert_eq!(frame.event, "job");
    assert_eq!(frame.json()["flags"], job["flags"]);
    let tick = lead
        .check_item(a03, item["id"].as_i64().unwrap(), json!({ "done": true }))
        .await;
    assert_eq!(tick.status(), StatusCode::NOT_FOUND);
    app.finish(&lead, "A03", "").await;

    // Another bay's technician may not report work on this car.
    let other = app.lead(2).await;
    let refused = other
        .post(
            &path,
            json!({ "description": "x", "labor_minutes": 5, "safety_critical": false }),
        )
        .await;
    expect_error(refused, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn the_foreman_reorders_a_queue_and_moves_a_job_between_bays() {
    let app = spawn_app().await;
    let foreman = app.sign_in_staff("foreman", "pitwall").await;
    let mut board = app.stream("bays").await;
    board.snapshot().await;
    let queue = |bay: i64| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT ticket FROM jobs WHERE bay_id = ? AND stage = 'queued' ORDER BY queue_pos",
            )
            .bind(bay)
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(queue(1).await, ["A03", "A04"]);
    app.act_ok(
        &foreman,
        "A04",
        json!({ "action": "assign", "bay_id": 1, "position": 1 }),
    )
    .await;
    assert_eq!(queue(1).await, ["A04", "A03"]);
    // The car pushed back is announced too, so every board shows the new order.
    let a03 = app.job_id("A03").await;
    let frames = board
        .frames_until_quiet(std::time::Duration::from_millis(800))
        .await;
    assert!(frames.iter().any(|f| f.event == "job"
        && f.json()["id"] == json!(a03)
        && f.json()["queue_pos"] == json!(2)));

    // A05 (unassigned) goes to the front of bay 3's queue; then A04 moves to bay 2.
    app.act_ok(
        &foreman,
        "A05",
        json!({ "action": "assign", "bay_id": 3, "position": 1 }),
    )
    .await;
    assert_eq!(queue(3).await, ["A05"]);
    app.act_ok(&foreman, "A04", json!({ "action": "assign", "bay_id": 2 }))
        .await;
    assert_eq!(queue(1).await, ["A03"]);
    assert_eq!(queue(2).await.last().map(String::as_str), Some("A04"));
    // A technician may not dispatch.
    let lead = app.lead(1).await;
    let refused = lead
        .act(
            a03,
            app.version("A03").await,
            json!({ "action": "assign", "bay_id": 2 }),
        )
        .await;
    expect_error(refused, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn the_labour_clock_runs_only_in_service_and_names_the_technician() {
    let app = spawn_app().await;
    let tech = app.sign_in_bay(1, "1110").await;
    let job = app.act_ok(&tech, "A03", json!({ "action": "start" })).await;
    assert!(job["labour"]["running_since"].is_string(), "{job}");
    assert_eq!(job["labour"]["running_by"], "马俊");
    let job = app
        .act_ok(
            &tech,
            "A03",
            json!({ "action": "pause", "reason": "awaiting_parts" }),
        )
        .await;
    assert!(job["labour"]["running_since"].is_null());
    assert_eq!(job["labour"]["by_person"][0]["name"], "马俊");
    // The public board sees the clock without names.
    let board: Value = reqwest::get(app.url("/api/v1/bays"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bay1 = &board["bays"][0];
    assert_eq!(bay1["current_job"]["ticket"], "A03");
    assert!(bay1["current_job"]["labour"]["worked_seconds"].is_i64());
    assert!(bay1["current_job"]["labour"]["by_person"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(bay1["current_job"]["labour"]["running_by"].is_null());
}
