//! Countersigning at a bay's screen: the team lead, QC inspector and washer sign their
//! steps with a PIN; the wrong person's PIN is refused, wrong PINs are rate-limited.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{expect_error, spawn_app, Actor, TestApp};

/// Bay 1's technician (马俊, signed in) has worked A03 through to quality check.
async fn worked_to_quality_check(app: &TestApp) -> (Actor, i64) {
    let tech = app.sign_in_bay(1, "1110").await;
    app.act_ok(&tech, "A03", json!({ "action": "start" })).await;
    app.finish(&tech, "A03", "").await;
    (tech, app.job_id("A03").await)
}

#[tokio::test]
async fn checks_are_countersigned_with_the_right_pin_at_the_bay() {
    let app = spawn_app().await;
    let (tech, a03) = worked_to_quality_check(&app).await;

    // The technician cannot pass the team check alone; the lead's PIN signs it.
    let version = app.version("A03").await;
    let alone = tech
        .act(
            a03,
            version,
            json!({ "action": "team_check", "passed": true }),
        )
        .await;
    expect_error(alone, StatusCode::FORBIDDEN, "forbidden").await;
    // Another team's lead is not this bay's.
    let other_lead = tech
        .act(
            a03,
            version,
            json!({ "action": "team_check", "passed": true, "pin": "2222" }),
        )
        .await;
    expect_error(other_lead, StatusCode::UNPROCESSABLE_ENTITY, "wrong_pin").await;
    // The washer's PIN is right, but not for this step.
    let washer = tech
        .act(
            a03,
            version,
            json!({ "action": "team_check", "passed": true, "pin": "8888" }),
        )
        .await;
    expect_error(washer, StatusCode::FORBIDDEN, "forbidden").await;
    assert_eq!(app.version("A03").await, version);

    let signed = app
        .act_ok(
            &tech,
            "A03",
            json!({ "action": "team_check", "passed": true, "pin": "1111" }),
        )
        .await;
    assert_eq!(signed["team_check_passed"], true);
    // QC at the bay's screen with the inspector's PIN; the timeline names the signers.
    let passed = app
        .act_ok(&tech, "A03", json!({ "action": "qc_pass", "pin": "7777" }))
        .await;
    assert_eq!(passed["stage"], "washing");
    let done = app
        .act_ok(
            &tech,
            "A03",
            json!({ "action": "finish_wash", "pin": "8888" }),
        )
        .await;
    assert_eq!(done["stage"], "ready");
    let signers: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, actor_name FROM job_timeline WHERE job_id = ? AND action IN ('team_check', 'qc_pass', 'finish_wash') ORDER BY id",
    )
    .bind(a03)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let names: Vec<&str> = signers.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["何志勇", "赵磊", "孙涛"]);

    // A PIN countersigns only from a bay's own screen: staff signed in elsewhere cannot.
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let a04 = app.job_id("A04").await;
    let from_desk = advisor
        .act(
            a04,
            app.version("A04").await,
            json!({ "action": "start", "pin": "1111" }),
        )
        .await;
    expect_error(from_desk, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn wrong_countersign_pins_are_rate_limited() {
    let app = spawn_app().await;
    let (tech, a03) = worked_to_quality_check(&app).await;
    let version = app.version("A03").await;
    let sign = |pin: &str| json!({ "action": "team_check", "passed": true, "pin": pin });
    for _ in 0..5 {
        let wrong = tech.act(a03, version, sign("4321")).await;
        expect_error(wrong, StatusCode::UNPROCESSABLE_ENTITY, "wrong_pin").await;
    }
    // Even the right PIN waits out the limit.
    let limited = tech.act(a03, version, sign("1111")).await;
    expect_error(limited, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(app.version("A03").await, version);
}
