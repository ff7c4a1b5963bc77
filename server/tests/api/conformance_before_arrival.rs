//! The conformance walk's part for before the car arrives: appointments and their
//! availability and changes, the reminder list, calls and messages, the customer's
//! file and its corrections, and the outbox (called from `openapi_conformance`, which
//! checks every operation ran). On a server of its own.

use reqwest::{Client, Method};
use serde_json::json;

use crate::appointments::{at_hour, day_ahead, vehicle};
use crate::{
    delivery::a03_ready, follow_ups::deliver, helpers::spawn_app, openapi_conformance::Walk,
};

pub(crate) async fn walk(w: &Walk<'_>) {
    use Method as M;
    let app = spawn_app().await;
    let advisor = a03_ready(&app).await;
    app.act_ok(&advisor, "A03", deliver("morning")).await;
    let washer = app.sign_in_staff("washer", "pitwall").await;
    let req = |who: Option<&Client>, method: M, path: &str| match who {
        Some(client) => client.request(method, app.url(path)),
        None => Client::new().request(method, app.url(path)),
    };
    let (a, wa) = (Some(&advisor.client), Some(&washer.client));
    let car = vehicle(&app, "粤B7N2S8").await;
    let day = day_ahead(2);

    let list = "/api/v1/appointments";
    w.expect(200, list, req(a, M::GET, &format!("{list}?date={day}")))
        .await;
    w.expect(400, list, req(a, M::GET, &format!("{list}?date=someday")))
        .await;
    w.expect(
        422,
        list,
        req(a, M::GET, &format!("{list}?date=1900-01-01")),
    )
    .await;
    w.expect(401, list, req(None, M::GET, &format!("{list}?date={day}")))
        .await;
    w.expect(403, list, req(wa, M::GET, &format!("{list}?date={day}")))
        .await;

    let avail = "/api/v1/appointments/availability";
    w.expect(
        200,
        avail,
        req(a, M::POST, avail).json(&json!({"date": day, "package_km": 10000, "vehicle_id": car})),
    )
    .await;
    w.expect(
        422,
        avail,
        req(a, M::POST, avail).json(&json!({"date": day, "package_km": 12345, "vehicle_id": car})),
    )
    .await;
    w.expect(400, avail, req(a, M::POST, avail).json(&json!({"date": 1})))
        .await;
    w.expect(
        401,
        avail,
        req(None, M::POST, avail).json(&json!({"date": day})),
    )
    .await;
    w.expect(
        403,
        avail,
        req(wa, M::POST, avail).json(&json!({"date": day})),
    )
    .await;

    let align: i64 = app
        .scalar("SELECT id FROM service_items WHERE code = 'wheel_alignment'")
        .await;
    let booking =
        json!({"vehicle_id": car, "scheduled_at": at_hour(day, 10), "service_ids": [align]});
    let made = w
        .expect(201, list, req(a, M::POST, list).json(&booking))
        .await;
    w.expect(409, list, req(a, M::POST, list).json(&booking))
        .await;
    w.expect(
        422,
        list,
        req(a, M::POST, list).json(&json!({"scheduled_at": at_hour(day, 10), "concerns": "x"})),
    )
    .await;
    w.expect(
        400,
        list,
        req(a, M::POST, list).json(&json!({"vehicle_id": "x"})),
    )
    .await;
    w.expect(401, list, req(None, M::POST, list).json(&booking))
        .await;
    w.expect(403, list, req(wa, M::POST, list).json(&booking))
        .await;
    w.expect(
        413,
        list,
        req(a, M::POST, list)
            .header("content-type", "application/json")
            .body("x".repeat(70_000)),
    )
    .await;
    let id = made["id"].as_i64().unwrap();

    let one = "/api/v1/appointments/{id}";
    w.expect(
        200,
        one,
        req(a, M::GET, &format!("/api/v1/appointments/{id}")),
    )
    .await;
    w.expect(404, one, req(a, M::GET, "/api/v1/appointments/999999"))
        .await;
    w.expect(
        401,
        one,
        req(None, M::GET, &format!("/api/v1/appointments/{id}")),
    )
    .await;
    w.expect(
        403,
        one,
        req(wa, M::GET, &format!("/api/v1/appointments/{id}")),
    )
    .await;

    let change = "/api/v1/appointments/{id}/changes";
    let path = format!("/api/v1/appointments/{id}/changes");
    w.expect(
        200,
        change,
        req(a, M::POST, &path).json(&json!({"action": "confirm", "expected_version": 1})),
    )
    .await;
    w.expect(
        409,
        change,
        req(a, M::POST, &path).json(&json!({"action": "confirm", "expected_version": 1})),
    )
    .await;
    w.expect(
        422,
        change,
        req(a, M::POST, &path).json(&json!({"action": "reschedule", "expected_version": 2})),
    )
    .await;
    w.expect(
        400,
        change,
        req(a, M::POST, &path).json(&json!({"action": "fly"})),
    )
    .await;
    w.expect(
        404,
        change,
        req(a, M::POST, "/api/v1/appointments/999999/changes")
            .json(&json!({"action": "cancel", "expected_version": 1})),
    )
    .await;
    w.expect(
        401,
        change,
        req(None, M::POST, &path).json(&json!({"action": "cancel", "expected_version": 2})),
    )
    .await;
    w.expect(
        403,
        change,
        req(wa, M::POST, &path).json(&json!({"action": "cancel", "expected_version": 2})),
    )
    .await;
    w.expect(
        413,
        change,
        req(a, M::POST, &path)
            .header("content-type", "application/json")
            .body("x".repeat(70_000)),
    )
    .await;

    let due = "/api/v1/reminders";
    w.expect(200, due, req(a, M::GET, &format!("{due}?days=365&km=5000")))
        .await;
    w.expect(422, due, req(a, M::GET, &format!("{due}?days=9999")))
        .await;
    w.expect(400, due, req(a, M::GET, &format!("{due}?days=-1")))
        .await;
    w.expect(401, due, req(None, M::GET, due)).await;
    w.expect(403, due, req(wa, M::GET, due)).await;

    let calls = "/api/v1/reminders/{vehicle_id}/calls";
    let path = format!("/api/v1/reminders/{car}/calls");
    w.expect(
        201,
        calls,
        req(a, M::POST, &path).json(&json!({"outcome": "not_reached"})),
    )
    .await;
    w.expect(
        422,
        calls,
        req(a, M::POST, &path).json(&json!({"outcome": "declined", "note": "x".repeat(600)})),
    )
    .await;
    w.expect(
        400,
        calls,
        req(a, M::POST, &path).json(&json!({"outcome": "maybe"})),
    )
    .await;
    w.expect(
        404,
        calls,
        req(a, M::POST, "/api/v1/reminders/999999/calls").json(&json!({"outcome": "booked"})),
    )
    .await;
    w.expect(
        401,
        calls,
        req(None, M::POST, &path).json(&json!({"outcome": "booked"})),
    )
    .await;
    w.expect(
        403,
        calls,
        req(wa, M::POST, &path).json(&json!({"outcome": "booked"})),
    )
    .await;
    w.expect(
        413,
        calls,
        req(a, M::POST, &path)
            .header("content-type", "application/json")
            .body("x".repeat(70_000)),
    )
    .await;

    let message = "/api/v1/reminders/{vehicle_id}/message";
    let path = format!("/api/v1/reminders/{car}/message");
    w.expect(201, message, req(a, M::POST, &path)).await;
    w.expect(409, message, req(a, M::POST, &path)).await;
    w.expect(
        404,
        message,
        req(a, M::POST, "/api/v1/reminders/999999/message"),
    )
    .await;
    w.expect(401, message, req(None, M::POST, &path)).await;
    w.expect(403, message, req(wa, M::POST, &path)).await;

    let customers = "/api/v1/customers";
    let found = w
        .expect(
            200,
            customers,
            req(a, M::GET, "/api/v1/customers?q=%E7%B2%A4B7N2S8"),
        )
        .await;
    w.expect(422, customers, req(a, M::GET, "/api/v1/customers?q=x"))
        .await;
    w.expect(400, customers, req(a, M::GET, customers)).await;
    w.expect(401, customers, req(None, M::GET, "/api/v1/customers?q=abc"))
        .await;
    w.expect(403, customers, req(wa, M::GET, "/api/v1/customers?q=abc"))
        .await;
    let customer = found["customers"][0]["id"].as_i64().unwrap();

    let file = "/api/v1/customers/{id}";
    let path = format!("/api/v1/customers/{customer}");
    w.expect(200, file, req(a, M::GET, &path)).await;
    w.expect(404, file, req(a, M::GET, "/api/v1/customers/999999"))
        .await;
    w.expect(401, file, req(None, M::GET, &path)).await;
    w.expect(403, file, req(wa, M::GET, &path)).await;
    w.expect(
        200,
        file,
        req(a, M::PATCH, &path).json(&json!({"name": "张丽华"})),
    )
    .await;
    w.expect(
        422,
        file,
        req(a, M::PATCH, &path).json(&json!({"phone": "1"})),
    )
    .await;
    w.expect(400, file, req(a, M::PATCH, &path).json(&json!({"age": 3})))
        .await;
    w.expect(
        404,
        file,
        req(a, M::PATCH, "/api/v1/customers/999999").json(&json!({})),
    )
    .await;
    w.expect(401, file, req(None, M::PATCH, &path).json(&json!({})))
        .await;
    w.expect(403, file, req(wa, M::PATCH, &path).json(&json!({})))
        .await;
    w.expect(
        413,
        file,
        req(a, M::PATCH, &path)
            .header("content-type", "application/json")
            .body("x".repeat(70_000)),
    )
    .await;

    let vehicles = "/api/v1/vehicles/{id}";
    let path = format!("/api/v1/vehicles/{car}");
    w.expect(
        200,
        vehicles,
        req(a, M::PATCH, &path).json(&json!({"colour": "红色"})),
    )
    .await;
    w.expect(
        409,
        vehicles,
        req(a, M::PATCH, &path).json(&json!({"plate": "粤B12345"})),
    )
    .await;
    w.expect(
        422,
        vehicles,
        req(a, M::PATCH, &path).json(&json!({"model": ""})),
    )
    .await;
    w.expect(
        400,
        vehicles,
        req(a, M::PATCH, &path).json(&json!({"wheels": 4})),
    )
    .await;
    w.expect(
        404,
        vehicles,
        req(a, M::PATCH, "/api/v1/vehicles/999999").json(&json!({})),
    )
    .await;
    w.expect(401, vehicles, req(None, M::PATCH, &path).json(&json!({})))
        .await;
    w.expect(403, vehicles, req(wa, M::PATCH, &path).json(&json!({})))
        .await;
    w.expect(
        413,
        vehicles,
        req(a, M::PATCH, &path)
            .header("content-type", "application/json")
            .body("x".repeat(70_000)),
    )
    .await;

    let messages = "/api/v1/messages";
    w.expect(200, messages, req(a, M::GET, messages)).await;
    w.expect(401, messages, req(None, M::GET, messages)).await;
    w.expect(403, messages, req(wa, M::GET, messages)).await;
}
