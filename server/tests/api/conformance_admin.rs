//! The conformance walk's part for the admin screens: bays, their outages, the catalogue,
//! the labour rate and the schedule (called from `openapi_conformance`, which checks
//! every operation ran).

use reqwest::Method;
use serde_json::json;

use crate::{
    helpers::TestApp,
    openapi_conformance::{run, Walk},
};

/// The admin endpoints: a success and the refusals of each.
pub(crate) async fn walk(w: &Walk<'_>, app: &TestApp) {
    use Method as M;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let advisor = app.sign_in_staff("advisor2", "pitwall").await;
    let (mgr, adv) = (Some(&manager), Some(&advisor));
    let now = chrono::Utc::now();
    let bay = crate::admin_bays::bay_body("Bay 1 · Express");
    let bays = "/api/v1/admin/bays";
    run(w, 200, bays, w.req(mgr, M::GET, bays)).await;
    run(w, 401, bays, w.req(None, M::GET, bays)).await;
    run(w, 403, bays, w.req(adv, M::GET, bays)).await;
    run(w, 201, bays, w.req(mgr, M::POST, bays).json(&bay)).await;
    run(w, 422, bays, w.req(mgr, M::POST, bays).json(&json!({"name_zh": "", "name_en": "", "team_name": "", "skills": [], "opens_at": "", "closes_at": ""}))).await;
    run(
        w,
        400,
        bays,
        w.req(mgr, M::POST, bays).json(&json!({"name_zh": 1})),
    )
    .await;
    let one = "/api/v1/admin/bays/{bay_id}";
    run(
        w,
        200,
        one,
        w.req(mgr, M::PUT, "/api/v1/admin/bays/1").json(&bay),
    )
    .await;
    run(
        w,
        404,
        one,
        w.req(mgr, M::PUT, "/api/v1/admin/bays/99").json(&bay),
    )
    .await;
    let outages = "/api/v1/admin/bays/{bay_id}/outages";
    let outage = json!({"from": now, "to": now + chrono::Duration::hours(2), "reason": "lift"});
    let out = run(
        w,
        201,
        outages,
        w.req(mgr, M::POST, "/api/v1/admin/bays/1/outages")
            .json(&outage),
    )
    .await;
    run(
        w,
        422,
        outages,
        w.req(mgr, M::POST, "/api/v1/admin/bays/1/outages")
            .json(&json!({"from": now, "to": now, "reason": "x"})),
    )
    .await;
    let end = "/api/v1/admin/bays/{bay_id}/outages/{outage_id}";
    let id = out["out_of_service"][0]["id"].as_i64().unwrap();
    run(
        w,
        200,
        end,
        w.req(
            mgr,
            M::DELETE,
            &format!("/api/v1/admin/bays/1/outages/{id}"),
        ),
    )
    .await;
    run(
        w,
        404,
        end,
        w.req(
            mgr,
            M::DELETE,
            &format!("/api/v1/admin/bays/1/outages/{id}"),
        ),
    )
    .await;

    let catalogue = "/api/v1/admin/catalogue";
    let cat = run(w, 200, catalogue, w.req(mgr, M::GET, catalogue)).await;
    run(w, 403, catalogue, w.req(adv, M::GET, catalogue)).await;
    let items = "/api/v1/admin/catalogue/items";
    let item = json!({"code": "wiper_blades", "name_zh": "更换雨刮片", "name_en": "Wipers", "labor_minutes": 15, "skill": "quick_service", "part_id": null, "part_qty": 0});
    let created = run(w, 201, items, w.req(mgr, M::POST, items).json(&item)).await;
    run(w, 422, items, w.req(mgr, M::POST, items).json(&item)).await;
    let one_item = "/api/v1/admin/catalogue/items/{item_id}";
    let mut edit = cat["items"][0].clone();
    edit["labor_minutes"] = json!(25);
    let path = format!("/api/v1/admin/catalogue/items/{}", created["id"]);
    run(w, 200, one_item, w.req(mgr, M::PUT, &path).json(&item)).await;
    run(
        w,
        404,
        one_item,
        w.req(mgr, M::PUT, "/api/v1/admin/catalogue/items/9999")
            .json(&item),
    )
    .await;
    let rate = "/api/v1/admin/labour-rate";
    run(
        w,
        200,
        rate,
        w.req(mgr, M::PUT, rate)
            .json(&json!({"labour_rate_fen_per_hour": 30_000})),
    )
    .await;
    run(
        w,
        422,
        rate,
        w.req(mgr, M::PUT, rate)
            .json(&json!({"labour_rate_fen_per_hour": 0})),
    )
    .await;
    run(
        w,
        401,
        rate,
        w.req(None, M::PUT, rate)
            .json(&json!({"labour_rate_fen_per_hour": 0})),
    )
    .await;

    let schedules = "/api/v1/admin/schedules";
    let all = run(w, 200, schedules, w.req(mgr, M::GET, schedules)).await;
    let han = json!({"fuel_type": "electric", "model_family": "汉", "packages": [{"km": 10_000, "name_zh": "1万", "name_en": "10k", "free": false, "item_ids": [1]}]});
    let made = run(w, 201, schedules, w.req(mgr, M::POST, schedules).json(&han)).await;
    run(w, 422, schedules, w.req(mgr, M::POST, schedules).json(&han)).await;
    let one_schedule = "/api/v1/admin/schedules/{schedule_id}";
    let path = format!("/api/v1/admin/schedules/{}", made["id"]);
    run(w, 200, one_schedule, w.req(mgr, M::PUT, &path).json(&han)).await;
    run(
        w,
        404,
        one_schedule,
        w.req(mgr, M::PUT, "/api/v1/admin/schedules/999")
            .json(&json!({"fuel_type": "hybrid", "model_family": "X", "packages": []})),
    )
    .await;
    assert!(
        all["schedules"].as_array().is_some_and(|s| s.len() == 3),
        "{all}"
    );
}
