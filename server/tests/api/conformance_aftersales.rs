//! The conformance walk's part for after-sales: the call list and a call, complaints and
//! their steps, the return job (called from `openapi_conformance`, which checks every
//! operation ran). On a server of its own, with A03 delivered.

use reqwest::{Client, Method};
use serde_json::json;

use crate::{follow_ups::a03_delivered, helpers::spawn_app, openapi_conformance::Walk};

pub(crate) async fn walk(w: &Walk<'_>) {
    use Method as M;
    let app = spawn_app().await;
    let agent = a03_delivered(&app, "morning").await;
    let washer = app.sign_in_staff("washer", "pitwall").await;
    let req = |who: Option<&Client>, method: M, path: &str| match who {
        Some(client) => client.request(method, app.url(path)),
        None => Client::new().request(method, app.url(path)),
    };
    let (a, wa) = (Some(&agent.client), Some(&washer.client));

    let list = "/api/v1/follow-ups";
    let calls = w.expect(200, list, req(a, M::GET, list)).await;
    w.expect(
        200,
        list,
        req(a, M::GET, "/api/v1/follow-ups?agent=%E5%90%B4%E4%BD%B3"),
    )
    .await;
    w.expect(401, list, req(None, M::GET, list)).await;
    w.expect(403, list, req(wa, M::GET, list)).await;
    let id = calls["tasks"][0]["id"].as_i64().unwrap();

    let one = "/api/v1/follow-ups/{id}";
    w.expect(
        200,
        one,
        req(a, M::GET, &format!("/api/v1/follow-ups/{id}")),
    )
    .await;
    w.expect(404, one, req(a, M::GET, "/api/v1/follow-ups/999999"))
        .await;
    w.expect(
        403,
        one,
        req(wa, M::GET, &format!("/api/v1/follow-ups/{id}")),
    )
    .await;
    w.expect(
        401,
        one,
        req(None, M::GET, &format!("/api/v1/follow-ups/{id}")),
    )
    .await;

    let call = "/api/v1/follow-ups/{id}/calls";
    let path = format!("/api/v1/follow-ups/{id}/calls");
    w.expect(
        422,
        call,
        req(a, M::POST, &path).json(&json!({"outcome": "reached", "expected_attempts": 0})),
    )
    .await;
    w.expect(
        400,
        call,
        req(a, M::POST, &path).json(&json!({"outcome": "maybe", "expected_attempts": 0})),
    )
    .await;
    w.expect(
        403,
        call,
        req(wa, M::POST, &path).json(&json!({"outcome": "not_reached", "expected_attempts": 0})),
    )
    .await;
    w.expect(
        404,
        call,
        req(a, M::POST, "/api/v1/follow-ups/999999/calls")
            .json(&json!({"outcome": "not_reached", "expected_attempts": 0})),
    )
    .await;
    let findings = json!({"satisfaction": "dissatisfied", "fault_fixed": "no", "comments": "还有异响", "reminder_consent": false});
    let done = w
        .expect(
            200,
            call,
            req(a, M::POST, &path)
                .json(&json!({"outcome": "reached", "expected_attempts": 0, "findings": findings})),
        )
        .await;
    w.expect(
        409,
        call,
        req(a, M::POST, &path).json(&json!({"outcome": "not_reached", "expected_attempts": 0})),
    )
    .await;
    w.expect(
        409,
        call,
        req(a, M::POST, &path).json(&json!({"outcome": "not_reached", "expected_attempts": 1})),
    )
    .await;
    let complaint = done["complaint_id"].as_i64().unwrap();

    let complaints = "/api/v1/complaints";
    w.expect(200, complaints, req(a, M::GET, complaints)).await;
    w.expect(401, complaints, req(None, M::GET, complaints))
        .await;
    w.expect(403, complaints, req(wa, M::GET, complaints)).await;
    let by_hand = json!({"channel": "phone", "category": "price", "severity": "low", "summary": "价格比报价高",
                         "customer_name": "李雷", "customer_phone": "13800138000"});
    w.expect(201, complaints, req(a, M::POST, complaints).json(&by_hand))
        .await;
    w.expect(
        422,
        complaints,
        req(a, M::POST, complaints).json(
            &json!({"channel": "phone", "category": "price", "severity": "low", "summary": ""}),
        ),
    )
    .await;
    w.expect(
        400,
        complaints,
        req(a, M::POST, complaints).json(&json!({"channel": "fax"})),
    )
    .await;
    w.expect(403, complaints, req(wa, M::POST, complaints).json(&by_hand))
        .await;

    let one = "/api/v1/complaints/{id}";
    let path = format!("/api/v1/complaints/{complaint}");
    let view = w.expect(200, one, req(a, M::GET, &path)).await;
    w.expect(404, one, req(a, M::GET, "/api/v1/complaints/999999"))
        .await;
    w.expect(403, one, req(wa, M::GET, &path)).await;

    let ret = "/api/v1/complaints/{id}/return-job";
    let path = format!("/api/v1/complaints/{complaint}/return-job");
    w.expect(201, ret, req(a, M::POST, &path)).await;
    w.expect(409, ret, req(a, M::POST, &path)).await;
    w.expect(
        404,
        ret,
        req(a, M::POST, "/api/v1/complaints/999999/return-job"),
    )
    .await;
    w.expect(403, ret, req(wa, M::POST, &path)).await;

    let kpis = "/api/v1/kpis";
    w.expect(200, kpis, req(a, M::GET, "/api/v1/kpis?period=day"))
        .await;
    w.expect(400, kpis, req(a, M::GET, "/api/v1/kpis?period=year"))
        .await;
    w.expect(
        422,
        kpis,
        req(a, M::GET, "/api/v1/kpis?from=2026-03-02&to=2026-03-01"),
    )
    .await;
    w.expect(401, kpis, req(None, M::GET, kpis)).await;
    w.expect(403, kpis, req(wa, M::GET, kpis)).await;
    let csv = "/api/v1/kpis.csv";
    w.expect(
        200,
        csv,
        req(a, M::GET, "/api/v1/kpis.csv?period=month&lang=en"),
    )
    .await;
    w.expect(403, csv, req(wa, M::GET, csv)).await;

    let steps = "/api/v1/complaints/{id}/steps";
    let path = format!("/api/v1/complaints/{complaint}/steps");
    let version = view["version"].as_i64().unwrap() + 1; // the return job's note
    w.expect(200, steps, req(a, M::POST, &path).json(&json!({"action": "note", "note": "已致电", "promise": "周六复检", "expected_version": version}))).await;
    w.expect(
        409,
        steps,
        req(a, M::POST, &path)
            .json(&json!({"action": "note", "note": "x", "expected_version": version})),
    )
    .await;
    w.expect(
        422,
        steps,
        req(a, M::POST, &path)
            .json(&json!({"action": "note", "note": " ", "expected_version": version + 1})),
    )
    .await;
    w.expect(
        400,
        steps,
        req(a, M::POST, &path)
            .json(&json!({"action": "shout", "note": "x", "expected_version": 1})),
    )
    .await;
    w.expect(
        404,
        steps,
        req(a, M::POST, "/api/v1/complaints/999999/steps")
            .json(&json!({"action": "note", "note": "x", "expected_version": 1})),
    )
    .await;
    w.expect(
        403,
        steps,
        req(wa, M::POST, &path)
            .json(&json!({"action": "note", "note": "x", "expected_version": 1})),
    )
    .await;
}
