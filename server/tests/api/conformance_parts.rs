//! The conformance walk's part for the stock page and issuing and waiting at the bay
//! (called from `openapi_conformance`, which checks every operation ran).

use reqwest::Method;
use serde_json::json;

use crate::{
    helpers::{Actor, TestApp},
    openapi_conformance::{run, Walk},
};

/// The stock page's endpoints and issuing at the bay (A03 in service at bay 1; `item` its
/// oil change).
pub(crate) async fn parts_stock(
    w: &Walk<'_>,
    app: &TestApp,
    l1: &Actor,
    l2: &Actor,
    a03: i64,
    item: i64,
) {
    use Method as M;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let (m, adv) = (Some(&manager), Some(&advisor));
    run(w, 200, "/api/v1/stock", w.req(m, M::GET, "/api/v1/stock")).await;
    run(
        w,
        401,
        "/api/v1/stock",
        w.req(None, M::GET, "/api/v1/stock"),
    )
    .await;
    run(
        w,
        403,
        "/api/v1/stock",
        w.req(Some(l1), M::GET, "/api/v1/stock"),
    )
    .await;
    let create = "/api/v1/parts";
    let wiper = json!({"code": "wiper_blade", "name_zh": "雨刮片", "name_en": "Wiper blade", "price_fen": 9800, "reorder_point": 4});
    let part = run(w, 201, create, w.req(m, M::POST, create).json(&wiper)).await;
    run(w, 409, create, w.req(m, M::POST, create).json(&wiper)).await;
    run(w, 403, create, w.req(adv, M::POST, create).json(&wiper)).await;
    run(w, 422, create, w.req(m, M::POST, create).json(&json!({"code": "Bad Code", "name_zh": "", "name_en": "x", "price_fen": -1, "reorder_point": 0}))).await;
    run(
        w,
        400,
        create,
        w.req(m, M::POST, create).json(&json!({"code": 1})),
    )
    .await;
    let id = part["id"].as_i64().unwrap();
    let update = "/api/v1/parts/{part_id}";
    let today = app::domain::store_date(chrono::Utc::now());
    run(w, 200, update, w.req(m, M::PATCH, &format!("/api/v1/parts/{id}"))
        .json(&json!({"reorder_point": 6, "on_order": 10, "expected_on": today + chrono::Duration::days(2)}))).await;
    run(
        w,
        404,
        update,
        w.req(m, M::PATCH, "/api/v1/parts/999999")
            .json(&json!({"reorder_point": 1})),
    )
    .await;
    run(
        w,
        422,
        update,
        w.req(m, M::PATCH, &format!("/api/v1/parts/{id}"))
            .json(&json!({"on_order": 3})),
    )
    .await;
    run(
        w,
        403,
        update,
        w.req(adv, M::PATCH, &format!("/api/v1/parts/{id}"))
            .json(&json!({"reorder_point": 1})),
    )
    .await;
    let receive = "/api/v1/parts/{part_id}/receipts";
    run(
        w,
        200,
        receive,
        w.req(m, M::POST, &format!("/api/v1/parts/{id}/receipts"))
            .json(&json!({"qty": 4, "received_on": today})),
    )
    .await;
    run(
        w,
        422,
        receive,
        w.req(m, M::POST, &format!("/api/v1/parts/{id}/receipts"))
            .json(&json!({"qty": 0, "received_on": today})),
    )
    .await;
    run(
        w,
        404,
        receive,
        w.req(m, M::POST, "/api/v1/parts/999999/receipts")
            .json(&json!({"qty": 1, "received_on": today})),
    )
    .await;
    run(
        w,
        401,
        receive,
        w.req(None, M::POST, &format!("/api/v1/parts/{id}/receipts"))
            .json(&json!({"qty": 1, "received_on": today})),
    )
    .await;

    let issue = "/api/v1/jobs/{job_id}/items/{item_id}/issues";
    let path = format!("/api/v1/jobs/{a03}/items/{item}/issues");
    let oil: i64 = sqlx::query_scalar("SELECT id FROM parts WHERE code = 'engine_oil_4l'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    run(
        w,
        200,
        issue,
        w.req(Some(l1), M::POST, &path)
            .json(&json!({"part_id": oil, "qty": 1, "pin": "1111"})),
    )
    .await;
    run(
        w,
        409,
        issue,
        w.req(Some(l1), M::POST, &path)
            .json(&json!({"part_id": oil, "qty": 50, "pin": "1111"})),
    )
    .await;
    run(
        w,
        422,
        issue,
        w.req(Some(l1), M::POST, &path)
            .json(&json!({"part_id": oil, "qty": 1, "pin": "9999"})),
    )
    .await;
    run(
        w,
        403,
        issue,
        w.req(Some(l2), M::POST, &path)
            .json(&json!({"part_id": oil, "qty": 1, "pin": "2222"})),
    )
    .await;
    run(
        w,
        404,
        issue,
        w.req(
            Some(l1),
            M::POST,
            &format!("/api/v1/jobs/{a03}/items/999999/issues"),
        )
        .json(&json!({"part_id": oil, "qty": 1, "pin": "1111"})),
    )
    .await;
    run(
        w,
        401,
        issue,
        w.req(None, M::POST, &path)
            .json(&json!({"part_id": oil, "qty": 1, "pin": "1111"})),
    )
    .await;
}

/// Waiting for a part (pauses A03: the walk's last step on it).
pub(crate) async fn parts_wait(w: &Walk<'_>, l1: &Actor, l2: &Actor, a03: i64, item: i64) {
    use Method as M;
    let wait = "/api/v1/jobs/{job_id}/items/{item_id}/waits";
    let path = format!("/api/v1/jobs/{a03}/items/{item}/waits");
    let oil: i64 = sqlx::query_scalar("SELECT id FROM parts WHERE code = 'engine_oil_4l'")
        .fetch_one(&w.app.pool)
        .await
        .unwrap();
    let later = app::domain::store_date(chrono::Utc::now()) + chrono::Duration::days(1);
    run(
        w,
        422,
        wait,
        w.req(Some(l1), M::POST, &path)
            .json(&json!({"part_id": oil})),
    )
    .await;
    run(
        w,
        403,
        wait,
        w.req(Some(l2), M::POST, &path)
            .json(&json!({"part_id": oil, "expected_on": later})),
    )
    .await;
    run(
        w,
        200,
        wait,
        w.req(Some(l1), M::POST, &path)
            .json(&json!({"part_id": oil, "expected_on": later})),
    )
    .await;
    run(
        w,
        401,
        wait,
        w.req(None, M::POST, &path).json(&json!({"part_id": oil})),
    )
    .await;
}
