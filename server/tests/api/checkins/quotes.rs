//! Quotes: the package due at a mileage and the next one, and a promised time that
//! follows parts stock and the workshop's queue.

use super::*;

#[tokio::test]
async fn the_quote_prices_the_package_due_and_names_the_next_one() {
    let app = spawn_app().await;
    let before = written(&app).await;

    let q = quote(&app, json!({ "mileage_km": 19_800, "package": true })).await;
    let lines = PACKAGE_20K.map(priced);
    assert_eq!(q["package_due"]["due_km"], 20_000);
    assert_eq!(q["package_due"]["free"], false);
    assert_eq!(lines_of(&q["package_due"]["items"]), lines);
    assert_eq!(lines_of(&q["lines"]), lines);
    // 140 min at ¥300/h; parts 398 + 68 + 128 + 68 + 48 + 88.
    assert_eq!(
        q["totals"],
        json!({ "labor": 70_000, "parts": 79_800, "total": 149_800, "labor_minutes": 140 })
    );
    assert_eq!(q["currency"], "CNY", "amounts are fen of this currency");
    assert_eq!(q["next_package_km"], Value::Null);
    assert_eq!(
        (&q["diagnosis"], &q["parts_short"]),
        (&json!(false), &json!(false))
    );
    // The extras: everything else but the diagnosis, which concerns add by themselves.
    let extras: Vec<String> = lines_of(&q["extras"]).into_iter().map(|l| l.0).collect();
    // 23 items: 20 of process.md plus the EV and hybrid schedules' tyres, traction battery, coolant.
    assert_eq!(extras.len(), 23 - 6 - 1, "{extras:?}");
    assert!(extras
        .iter()
        .all(|c| !PACKAGE_20K.contains(&c.as_str()) && c != "diagnosis"));

    // Between two packages nothing is due and the next one is named.
    let q = quote(&app, json!({ "mileage_km": 25_000, "package": true })).await;
    assert_eq!(q["package_due"], Value::Null);
    assert_eq!(q["next_package_km"], 30_000);
    assert_eq!(q["lines"], json!([]));

    // An unknown service item is a field error.
    let response = post(
        &app,
        "/api/v1/checkins/quote",
        &json!({ "mileage_km": 25_000, "services": [9_999] }),
    )
    .await;
    expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["services"],
    )
    .await;
    assert_eq!(written(&app).await, before);
}

#[tokio::test]
async fn a_part_out_of_stock_flags_the_order_and_pushes_the_promise_to_the_delivery() {
    let app = spawn_app().await;
    let (brakes, gearbox, oil) = (
        service_id(&app, "front_brake_pads").await,
        service_id(&app, "transmission_fluid").await,
        service_id(&app, "oil_change").await,
    );
    let order = |services: Value| json!({ "mileage_km": 25_000, "services": services });
    let sent = Utc::now();

    // Same standard time and skill, one part in stock and one not.
    let in_stock = quote(&app, order(json!([gearbox]))).await;
    let short = quote(&app, order(json!([brakes]))).await;
    assert_eq!(in_stock["parts_short"], false);
    assert_eq!(short["parts_short"], true);
    let mut pads = priced("front_brake_pads");
    pads.4 = false;
    assert_eq!(lines_of(&short["lines"]), [pads.clone()]);
    assert_eq!(
        in_stock["totals"]["labor_minutes"],
        short["totals"]["labor_minutes"]
    );
    let short_at = time(&short["promised_at"]);
    assert!(
        short_at > time(&in_stock["promised_at"]),
        "{short} {in_stock}"
    );
    // The work starts once the part is delivered: 60 minutes and the checks after that.
    assert!(short_at >= add_working_minutes(parts_arrival(sent), 60 + 15));

    // The same order with and without the brake pads.
    let without = quote(&app, order(json!([oil]))).await;
    let with = quote(&app, order(json!([oil, brakes]))).await;
    assert_eq!(
        (&without["parts_short"], &with["parts_short"]),
        (&json!(false), &json!(true))
    );
    assert!(time(&with["promised_at"]) > time(&without["promised_at"]));

    // Checked in, the receipt and the job carry the later promise.
    let mut body = walk_in("粤B7K3M9", "13912345678", 25_000);
    body["package"] = json!(false);
    body["wash"] = json!(false);
    body["services"] = json!([brakes]);
    let receipt = checked_in(&app, Some("kiosk-brakes"), &body).await;
    assert_eq!(receipt["estimate"]["parts_short"], true);
    assert_eq!(lines_of(&receipt["estimate"]["lines"]), [pads]);
    let promised = time(&receipt["promised_at"]);
    assert!(promised > time(&in_stock["promised_at"]));
    assert!(promised >= add_working_minutes(parts_arrival(sent), 60 + 15));
    let stored: String = sqlx::query_scalar("SELECT promised_at FROM jobs WHERE id = ?")
        .bind(receipt["job_id"].as_i64().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(time(&json!(stored)), promised);
}

#[tokio::test]
async fn the_promise_follows_the_workshops_queue() {
    let app = spawn_app().await;
    let order = json!({
        "mileage_km": 25_000,
        "services": [service_id(&app, "valve_clearance").await],
    });
    let earlier = quote(&app, order.clone()).await;

    // A big job checked in ahead of it.
    let mut body = walk_in("粤B7K3M9", "13912345678", 25_000);
    body["package"] = json!(false);
    body["services"] = json!([
        service_id(&app, "transmission_fluid").await,
        service_id(&app, "valve_clearance").await,
        service_id(&app, "clean_injectors").await,
    ]);
    checked_in(&app, None, &body).await;

    let later = quote(&app, order).await;
    assert_eq!(earlier["lines"], later["lines"]);
    assert!(
        time(&later["promised_at"]) > time(&earlier["promised_at"]),
        "{} then {}",
        earlier["promised_at"],
        later["promised_at"]
    );
}
