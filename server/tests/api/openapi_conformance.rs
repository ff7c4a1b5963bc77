//! Real answers against the generated document: a walk through every operation with at
//! least one success and its main refusals, each response checked by `Spec::check`
//! (status documented, body valid against the strict schema).

use reqwest::{Client, Method, RequestBuilder};
use serde_json::{json, Value};

use crate::{
    checkins::walk_in,
    helpers::{spawn_app, Actor, TestApp},
    openapi::Spec,
};

pub(crate) struct Walk<'a> {
    pub(crate) app: &'a TestApp,
    pub(crate) spec: Spec,
}

impl Walk<'_> {
    /// Sends `request` (to `path` with its ids filled in) and checks the answer against
    /// the operation `method template`; asserts the status; returns the body.
    pub(crate) async fn expect(
        &self,
        status: u16,
        template: &str,
        request: RequestBuilder,
    ) -> Value {
        let (client, built) = request.build_split();
        let built = built.unwrap();
        let method = built.method().as_str().to_lowercase();
        let url = built.url().to_string();
        // Sent by the client it was built on: that client's cookies go along.
        let response = client.execute(built).await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{method} {url}");
        self.spec.check(&method, template, response).await
    }

    pub(crate) fn req(&self, who: Option<&Actor>, method: Method, path: &str) -> RequestBuilder {
        match who {
            Some(actor) => actor.client.request(method, self.app.url(path)),
            None => Client::new().request(method, self.app.url(path)),
        }
    }
}

/// `walk.expect`, short enough for one line per request.
pub(crate) async fn run(
    walk: &Walk<'_>,
    status: u16,
    template: &str,
    request: RequestBuilder,
) -> Value {
    walk.expect(status, template, request).await
}

#[tokio::test]
async fn every_operation_answers_as_documented() {
    let app = spawn_app().await;
    let walk = Walk {
        app: &app,
        spec: Spec::fetch(&app).await,
    };
    let w = &walk;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let lead1 = app.lead(1).await;
    let lead2 = app.lead(2).await;
    let (adv, l1, l2) = (Some(&advisor), Some(&lead1), Some(&lead2));
    use Method as M;

    // meta
    run(
        w,
        200,
        "/api/v1/health",
        w.req(None, M::GET, "/api/v1/health"),
    )
    .await;
    run(
        w,
        200,
        "/api/v1/openapi.json",
        w.req(None, M::GET, "/api/v1/openapi.json"),
    )
    .await;

    // sessions
    let s = "/api/v1/sessions";
    let fresh = app.sign_in_staff("foreman", "pitwall").await;
    run(
        w,
        200,
        s,
        w.req(None, M::POST, s)
            .json(&json!({"username": "qc", "password": "pitwall"})),
    )
    .await;
    run(
        w,
        200,
        s,
        w.req(None, M::POST, s)
            .json(&json!({"bay_id": 3, "pin": "3333"})),
    )
    .await;
    run(
        w,
        422,
        s,
        w.req(None, M::POST, s)
            .json(&json!({"username": "qc", "password": "nope"})),
    )
    .await;
    run(
        w,
        422,
        s,
        w.req(None, M::POST, s)
            .json(&json!({"bay_id": 1, "pin": "12"})),
    )
    .await;
    run(w, 400, s, w.req(None, M::POST, s).json(&json!({"user": 1}))).await;
    run(
        w,
        413,
        s,
        w.req(None, M::POST, s)
            .header("content-type", "application/json")
            .body("x".repeat(70_000)),
    )
    .await;
    run(w, 200, s, w.req(adv, M::GET, s)).await;
    run(w, 401, s, w.req(None, M::GET, s)).await;
    run(w, 200, s, w.req(Some(&fresh), M::DELETE, s)).await;
    run(w, 401, s, w.req(None, M::DELETE, s)).await;

    // the board and the kiosk
    run(w, 200, "/api/v1/bays", w.req(None, M::GET, "/api/v1/bays")).await;
    let lookup = "/api/v1/checkins/lookup";
    run(
        w,
        200,
        lookup,
        w.req(None, M::POST, lookup)
            .json(&json!({"appointment_code": "YY0001"})),
    )
    .await;
    run(
        w,
        404,
        lookup,
        w.req(None, M::POST, lookup)
            .json(&json!({"appointment_code": "YY9999"})),
    )
    .await;
    run(
        w,
        422,
        lookup,
        w.req(None, M::POST, lookup).json(&json!({})),
    )
    .await;
    let quote = "/api/v1/checkins/quote";
    run(
        w,
        200,
        quote,
        w.req(None, M::POST, quote)
            .json(&json!({"mileage_km": 19800, "package": true, "wash": true})),
    )
    .await;
    run(
        w,
        422,
        quote,
        w.req(None, M::POST, quote)
            .json(&json!({"mileage_km": 25000, "services": [9999]})),
    )
    .await;
    run(
        w,
        400,
        quote,
        w.req(None, M::POST, quote)
            .json(&json!({"mileage_km": "far"})),
    )
    .await;
    let checkins = "/api/v1/checkins";
    let body = walk_in("粤B7K3M9", "13912345678", 4_980);
    run(
        w,
        201,
        checkins,
        w.req(None, M::POST, checkins)
            .header("Idempotency-Key", "conformance-1")
            .json(&body),
    )
    .await;
    let mut unsigned = walk_in("粤B7K3M8", "13912345679", 4_980);
    unsigned["consent"] = json!(false);
    run(
        w,
        422,
        checkins,
        w.req(None, M::POST, checkins).json(&unsigned),
    )
    .await;
    run(
        w,
        400,
        checkins,
        w.req(None, M::POST, checkins)
            .header("Idempotency-Key", "k".repeat(200))
            .json(&body),
    )
    .await;
    let requests = "/api/v1/desk-requests";
    let request = run(
        w,
        201,
        requests,
        w.req(None, M::POST, requests)
            .json(&json!({"source": "kiosk", "language": "en"})),
    )
    .await;
    run(
        w,
        422,
        requests,
        w.req(None, M::POST, requests).json(&json!({"source": ""})),
    )
    .await;

    // a job and its actions
    let a03 = app.job_id("A03").await;
    let job = "/api/v1/jobs/{job_id}";
    let a03_path = format!("/api/v1/jobs/{a03}");
    run(w, 200, job, w.req(adv, M::GET, &a03_path)).await;
    run(w, 200, job, w.req(l1, M::GET, &a03_path)).await;
    run(w, 403, job, w.req(l2, M::GET, &a03_path)).await;
    run(w, 401, job, w.req(None, M::GET, &a03_path)).await;
    run(w, 404, job, w.req(adv, M::GET, "/api/v1/jobs/999999")).await;
    let actions = "/api/v1/jobs/{job_id}/actions";
    let act_path = format!("{a03_path}/actions");
    let version = app.version("A03").await;
    run(
        w,
        409,
        actions,
        w.req(l1, M::POST, &act_path)
            .json(&json!({"action": "start", "expected_version": version + 5})),
    )
    .await;
    run(
        w,
        403,
        actions,
        w.req(adv, M::POST, &act_path)
            .json(&json!({"action": "start", "expected_version": version})),
    )
    .await;
    run(
        w,
        422,
        actions,
        w.req(l1, M::POST, &act_path)
            .json(&json!({"action": "resume", "expected_version": version})),
    )
    .await;
    run(
        w,
        400,
        actions,
        w.req(l1, M::POST, &act_path)
            .json(&json!({"action": "fly", "expected_version": version})),
    )
    .await;
    run(
        w,
        200,
        actions,
        w.req(l1, M::POST, &act_path)
            .json(&json!({"action": "start", "expected_version": version})),
    )
    .await;

    // the bay's screen
    let item: i64 =
        sqlx::query_scalar("SELECT id FROM job_items WHERE job_id = ? ORDER BY id LIMIT 1")
            .bind(a03)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let check = "/api/v1/jobs/{job_id}/items/{item_id}/check";
    run(
        w,
        200,
        check,
        w.req(l1, M::POST, &format!("{a03_path}/items/{item}/check"))
            .json(&json!({"done": true})),
    )
    .await;
    run(
        w,
        404,
        check,
        w.req(l1, M::POST, &format!("{a03_path}/items/999999/check"))
            .json(&json!({"done": true})),
    )
    .await;
    run(
        w,
        403,
        check,
        w.req(l2, M::POST, &format!("{a03_path}/items/{item}/check"))
            .json(&json!({"done": true})),
    )
    .await;
    let extra = "/api/v1/jobs/{job_id}/additional-items";
    let extra_path = format!("{a03_path}/additional-items");
    let reported = run(w, 201, extra, w.req(l1, M::POST, &extra_path)
        .json(&json!({"description": "前刹车片磨损", "labor_minutes": 60, "parts": [], "safety_critical": false}))).await;
    run(
        w,
        422,
        extra,
        w.req(l1, M::POST, &extra_path)
            .json(&json!({"description": "", "labor_minutes": 60, "safety_critical": false})),
    )
    .await;
    run(
        w,
        401,
        extra,
        w.req(None, M::POST, &extra_path).json(&json!({})),
    )
    .await;
    run(w, 200, "/api/v1/parts", w.req(l1, M::GET, "/api/v1/parts")).await;
    run(
        w,
        401,
        "/api/v1/parts",
        w.req(None, M::GET, "/api/v1/parts"),
    )
    .await;
    crate::conformance_parts::parts_stock(w, &app, &lead1, &lead2, a03, item).await;

    // the desk
    let decision = "/api/v1/additional-items/{item_id}/decision";
    let new_item = reported["item_id"].as_i64().unwrap();
    let decide = |id: i64| format!("/api/v1/additional-items/{id}/decision");
    run(
        w,
        200,
        decision,
        w.req(adv, M::POST, &decide(new_item))
            .json(&json!({"approve": true, "by": "advisor"})),
    )
    .await;
    run(
        w,
        409,
        decision,
        w.req(adv, M::POST, &decide(new_item))
            .json(&json!({"approve": true, "by": "advisor"})),
    )
    .await;
    let (a01_extra, token): (i64, String) = sqlx::query_as(
        "SELECT i.id, j.tracking_token FROM job_items i JOIN jobs j ON j.id = i.job_id \
         WHERE j.ticket = 'A01' AND i.status = 'pending'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    run(
        w,
        401,
        decision,
        w.req(None, M::POST, &decide(a01_extra))
            .json(&json!({"approve": true, "by": "customer"})),
    )
    .await;
    run(
        w,
        403,
        decision,
        w.req(l2, M::POST, &decide(a01_extra))
            .json(&json!({"approve": true, "by": "customer"})),
    )
    .await;
    run(
        w,
        404,
        decision,
        w.req(None, M::POST, &decide(999_999))
            .json(&json!({"approve": true, "by": "customer", "tracking_token": token})),
    )
    .await;
    run(
        w,
        200,
        decision,
        w.req(None, M::POST, &decide(a01_extra))
            .json(&json!({"approve": true, "by": "customer", "tracking_token": token})),
    )
    .await;
    let notes = "/api/v1/jobs/{job_id}/notes";
    run(
        w,
        200,
        notes,
        w.req(adv, M::POST, &format!("{a03_path}/notes"))
            .json(&json!({"text": "左后门有轻微划痕"})),
    )
    .await;
    run(
        w,
        422,
        notes,
        w.req(adv, M::POST, &format!("{a03_path}/notes"))
            .json(&json!({"text": "  "})),
    )
    .await;
    run(
        w,
        403,
        notes,
        w.req(l1, M::POST, &format!("{a03_path}/notes"))
            .json(&json!({"text": "x"})),
    )
    .await;
    let told = "/api/v1/jobs/{job_id}/customer-told";
    run(
        w,
        200,
        told,
        w.req(adv, M::POST, &format!("{a03_path}/customer-told"))
            .json(&json!({})),
    )
    .await;
    run(
        w,
        404,
        told,
        w.req(adv, M::POST, "/api/v1/jobs/999999/customer-told")
            .json(&json!({})),
    )
    .await;
    let invoice = "/api/v1/jobs/{job_id}/invoice";
    run(
        w,
        200,
        invoice,
        w.req(adv, M::GET, &format!("{a03_path}/invoice")),
    )
    .await;
    run(
        w,
        403,
        invoice,
        w.req(l1, M::GET, &format!("{a03_path}/invoice")),
    )
    .await;
    let resolve = "/api/v1/desk-requests/{id}/resolve";
    let resolve_path = format!("/api/v1/desk-requests/{}/resolve", request["id"]);
    run(w, 200, resolve, w.req(adv, M::POST, &resolve_path)).await;
    run(w, 404, resolve, w.req(adv, M::POST, &resolve_path)).await;
    run(w, 401, resolve, w.req(None, M::POST, &resolve_path)).await;

    // live updates
    let events = "/api/v1/events/{channel}";
    run(w, 200, events, w.req(None, M::GET, "/api/v1/events/lounge")).await;
    run(
        w,
        404,
        events,
        w.req(None, M::GET, "/api/v1/events/nowhere"),
    )
    .await;
    run(w, 401, events, w.req(None, M::GET, "/api/v1/events/desk")).await;
    run(w, 403, events, w.req(l1, M::GET, "/api/v1/events/desk")).await;
    run(
        w,
        400,
        events,
        w.req(None, M::GET, "/api/v1/events/lounge")
            .header("Last-Event-ID", "soon"),
    )
    .await;
    let snapshot = "/api/v1/channel_snapshot";
    run(
        w,
        200,
        snapshot,
        w.req(None, M::POST, snapshot).form(&[("channel", "bays")]),
    )
    .await;
    run(
        w,
        401,
        snapshot,
        w.req(None, M::POST, snapshot).form(&[("channel", "desk")]),
    )
    .await;
    run(
        w,
        403,
        snapshot,
        w.req(l1, M::POST, snapshot).form(&[("channel", "desk")]),
    )
    .await;
    run(
        w,
        404,
        snapshot,
        w.req(None, M::POST, snapshot)
            .form(&[("channel", "nowhere")]),
    )
    .await;
    run(
        w,
        400,
        snapshot,
        w.req(None, M::POST, snapshot).form(&[("chan", "bays")]),
    )
    .await;

    crate::conformance_parts::parts_wait(w, &lead1, &lead2, a03, item).await;
    crate::conformance_accounts::walk(&walk).await;
    crate::conformance_aftersales::walk(&walk).await;
    crate::conformance_before_arrival::walk(&walk).await;
    crate::conformance_admin::walk(w, &app).await;

    let missed: Vec<_> = walk
        .spec
        .operations()
        .into_iter()
        .filter(|op| !walk.spec.succeeded.lock().unwrap().contains(op))
        .collect();
    assert!(
        missed.is_empty(),
        "operations never answered 2xx: {missed:?}"
    );
}
