//! The conformance walk's part for the setup, staff and technician accounts and the
//! password change (called from `openapi_conformance`, which checks every operation ran).

use reqwest::{Client, Method as M};
use serde_json::{json, Value};

use crate::{helpers::new_client, openapi_conformance::Walk, store_failures::serve};

pub(crate) async fn walk(w: &Walk<'_>) {
    let app = w.app;
    let manager = app.sign_in_staff("manager", "pitwall").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let (mgr, adv) = (Some(&manager), Some(&advisor));

    // setup: the demo store is set up; a new store (another server) takes it once.
    let setup = "/api/v1/setup";
    w.expect(200, setup, w.req(None, M::GET, setup)).await;
    let body = json!({
        "setup_code": "WALK-CODE-2026", "store_name": "Walk Motors", "desk_phone": "020-1234 5678",
        "timezone": "+08:00", "labour_rate_fen_per_hour": 30000, "manager_username": "walker",
        "manager_name": "Walker", "password": "conformance2026",
    });
    w.expect(409, setup, w.req(None, M::POST, setup).json(&body))
        .await;
    let dir = tempfile::tempdir().unwrap();
    let fresh = serve(server::Config {
        db_path: dir.path().join("pitwall.db"),
        setup_code: Some("WALK-CODE-2026".into()),
        ..Default::default()
    })
    .await;
    let url = format!("{fresh}{setup}");
    let mut wrong = body.clone();
    wrong["setup_code"] = json!("NOPE-NOPE-0000");
    w.expect(422, setup, Client::new().post(&url).json(&wrong))
        .await;
    w.expect(
        400,
        setup,
        Client::new().post(&url).json(&json!({"store_name": 1})),
    )
    .await;
    w.expect(200, setup, new_client().post(&url).json(&body))
        .await;

    // accounts
    let list = "/api/v1/admin/accounts";
    let accounts = w.expect(200, list, w.req(mgr, M::GET, list)).await;
    assert!(accounts["staff"].as_array().is_some_and(|s| !s.is_empty()));
    w.expect(401, list, w.req(None, M::GET, list)).await;
    w.expect(403, list, w.req(adv, M::GET, list)).await;

    let staff = "/api/v1/admin/staff";
    let new_staff = json!({"username": "zhao.qc", "display_name": "赵质检", "role": "qc_inspector", "password": "firstday2026", "pin": "2580"});
    let created = w
        .expect(201, staff, w.req(mgr, M::POST, staff).json(&new_staff))
        .await;
    w.expect(422, staff, w.req(mgr, M::POST, staff).json(&new_staff))
        .await;
    w.expect(403, staff, w.req(adv, M::POST, staff).json(&new_staff))
        .await;
    w.expect(
        400,
        staff,
        w.req(mgr, M::POST, staff).json(&json!({"username": 3})),
    )
    .await;
    let id = created["id"].as_i64().unwrap();

    let one = "/api/v1/admin/staff/{id}";
    let path = format!("/api/v1/admin/staff/{id}");
    w.expect(
        200,
        one,
        w.req(mgr, M::PATCH, &path)
            .json(&json!({"display_name": "赵质检员"})),
    )
    .await;
    w.expect(
        404,
        one,
        w.req(mgr, M::PATCH, "/api/v1/admin/staff/99999")
            .json(&json!({})),
    )
    .await;
    w.expect(
        422,
        one,
        w.req(mgr, M::PATCH, &path)
            .json(&json!({"role": "technician"})),
    )
    .await;
    w.expect(403, one, w.req(adv, M::PATCH, &path).json(&json!({})))
        .await;

    let password = "/api/v1/admin/staff/{id}/password";
    let path_pw = format!("/api/v1/admin/staff/{id}/password");
    w.expect(
        200,
        password,
        w.req(mgr, M::PUT, &path_pw)
            .json(&json!({"password": "temporary2026"})),
    )
    .await;
    w.expect(
        422,
        password,
        w.req(mgr, M::PUT, &path_pw)
            .json(&json!({"password": "short"})),
    )
    .await;
    w.expect(
        404,
        password,
        w.req(mgr, M::PUT, "/api/v1/admin/staff/99999/password")
            .json(&json!({"password": "temporary2026"})),
    )
    .await;

    let pin = "/api/v1/admin/staff/{id}/pin";
    let path_pin = format!("/api/v1/admin/staff/{id}/pin");
    w.expect(
        200,
        pin,
        w.req(mgr, M::PUT, &path_pin).json(&json!({"pin": "3691"})),
    )
    .await;
    w.expect(
        422,
        pin,
        w.req(mgr, M::PUT, &path_pin).json(&json!({"pin": "1234"})),
    )
    .await;

    let techs = "/api/v1/admin/technicians";
    let tech = w
        .expect(
            201,
            techs,
            w.req(mgr, M::POST, techs)
                .json(&json!({"name": "孙伟", "bay_id": 2, "pin": "4826"})),
        )
        .await;
    w.expect(
        422,
        techs,
        w.req(mgr, M::POST, techs)
            .json(&json!({"name": "孙伟", "bay_id": 99, "pin": "4826"})),
    )
    .await;
    let tid = tech["id"].as_i64().unwrap();
    let tech_one = "/api/v1/admin/technicians/{id}";
    w.expect(
        200,
        tech_one,
        w.req(mgr, M::PATCH, &format!("/api/v1/admin/technicians/{tid}"))
            .json(&json!({"is_lead": true})),
    )
    .await;
    w.expect(
        404,
        tech_one,
        w.req(mgr, M::PATCH, "/api/v1/admin/technicians/99999")
            .json(&json!({})),
    )
    .await;
    let tech_pin = "/api/v1/admin/technicians/{id}/pin";
    w.expect(
        200,
        tech_pin,
        w.req(mgr, M::PUT, &format!("/api/v1/admin/technicians/{tid}/pin"))
            .json(&json!({"pin": "5937"})),
    )
    .await;
    w.expect(
        422,
        tech_pin,
        w.req(mgr, M::PUT, &format!("/api/v1/admin/technicians/{tid}/pin"))
            .json(&json!({"pin": "2222"})),
    )
    .await;

    // The reset account must change its password before anything else.
    let qc = new_client();
    let signed: Value = qc
        .post(app.url("/api/v1/sessions"))
        .json(&json!({"username": "zhao.qc", "password": "temporary2026"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(signed["must_change_password"], true);
    let change = "/api/v1/sessions/password";
    let qc_req = |m: M| qc.request(m, app.url(change));
    w.expect(
        422,
        change,
        qc_req(M::POST).json(&json!({"current": "wrong-one-2026", "new": "mychoice2026"})),
    )
    .await;
    w.expect(
        200,
        change,
        qc_req(M::POST).json(&json!({"current": "temporary2026", "new": "mychoice2026"})),
    )
    .await;
    w.expect(
        401,
        change,
        w.req(None, M::POST, change)
            .json(&json!({"current": "a", "new": "b"})),
    )
    .await;
}
