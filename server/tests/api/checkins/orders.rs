//! What a check-in orders and what it costs: the new customer, car and job of a walk-in,
//! labour and parts priced from the catalogue, concerns kept as typed, empty orders
//! refused. (Quotes and the promise are in `quotes.rs`.)

use super::*;

#[tokio::test]
async fn a_walk_in_creates_the_customer_the_vehicle_and_a_priced_job() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let before = written(&app).await;
    let open = open_minutes(&app).await;

    let concerns = "刹车时有“吱吱”的异响，偶尔方向盘抖动！\n请顺便检查一下空调（A/C）。";
    let mut body = walk_in(" 粤b 7k3m9 ", "+86 139-1234-5678", 4_980);
    body["vin"] = json!("LFMAEACA6S0012345");
    body["services"] = json!([service_id(&app, "air_filter").await]);
    body["concerns"] = json!(concerns);
    body["old_parts"] = json!("take");
    body["payment_method"] = json!("alipay");
    body["waiting"] = json!(false);
    body["language"] = json!("en");
    let sent = Utc::now();
    let receipt = checked_in(&app, None, &body).await;
    let received = Utc::now();

    assert_eq!(receipt["ticket"], "A10");
    let estimate = &receipt["estimate"];
    // 4,980 km: the free first service (no labour, no parts), the air filter at catalogue
    // price, and a diagnosis for the concerns: 30 min at ¥300/h.
    let lines = [
        free("oil_change"),
        free("oil_filter"),
        priced("air_filter"),
        priced("diagnosis"),
    ];
    assert_eq!(lines_of(&estimate["lines"]), lines);
    assert_eq!(
        estimate["totals"],
        json!({ "labor": 5_000 + 15_000, "parts": 12_800, "total": 32_800, "labor_minutes": 70 })
    );
    assert_eq!(estimate["totals"], totals(&lines));
    assert_eq!(estimate["currency"], "CNY");
    assert_eq!(estimate["package_due"]["due_km"], 5_000);
    assert_eq!(estimate["package_due"]["free"], true);
    assert_eq!(estimate["diagnosis"], true);
    assert_eq!(estimate["parts_short"], false);

    // The promise: at least handover, the work, the checks and the wash from now; at most
    // that behind every open minute of the workshop.
    let promised = time(&receipt["promised_at"]);
    let work = |ahead_minutes| Workload {
        ahead_minutes,
        own_minutes: 70,
        wash: true,
        parts_short: false,
    };
    assert!(promised >= ready_at(sent, work(0)), "{promised}");
    assert!(promised <= ready_at(received, work(open)), "{promised}");

    assert_eq!(
        delta(&before, &written(&app).await),
        [
            ("jobs", 1),
            ("job_items", 4),
            ("job_timeline", 1),
            ("vehicles", 1),
            ("customers", 1),
            ("events", 1),
            ("recorded_km", 4_980),
            ("named_customers", 1),
        ]
    );
    let job_id = receipt["job_id"].as_i64().unwrap();
    let vehicle: (String, String, Option<String>, i64, String, String) = sqlx::query_as(
        "SELECT v.plate, v.model, v.vin, v.last_mileage_km, c.name, c.phone
         FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id JOIN customers c ON c.id = v.customer_id
         WHERE j.id = ?",
    )
    .bind(job_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        vehicle,
        (
            "粤B7K3M9".to_string(),
            "丰田 卡罗拉".to_string(),
            Some("LFMAEACA6S0012345".to_string()),
            4_980,
            "陈先生".to_string(),
            "13912345678".to_string()
        )
    );
    #[allow(clippy::type_complexity)]
    let job: (
        String,
        bool,
        String,
        String,
        bool,
        String,
        bool,
        bool,
        String,
        Option<i64>,
        Option<i64>,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT concerns, wash, old_parts, payment_method, waiting, language,
                    valuables_acknowledged, consent_additional_work, signature, package_km,
                    appointment_id, promised_at, eta
             FROM jobs WHERE id = ?",
    )
    .bind(job_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let signature_stored: Value = serde_json::from_str(&job.8).unwrap();
    assert_eq!(signature_stored, signature());
    assert_eq!(
        (
            job.0.as_str(),
            job.1,
            job.2.as_str(),
            job.3.as_str(),
            job.4,
            job.5.as_str(),
            job.6,
            job.7,
            job.9,
            job.10
        ),
        (
            concerns,
            true,
            "take",
            "alipay",
            false,
            "en",
            true,
            true,
            Some(5_000),
            None
        )
    );
    assert_eq!(time(&json!(job.11)), promised);
    assert_eq!(time(&json!(job.12)), promised);
    let items: Vec<(String, i64, i64, i64, String, String)> = sqlx::query_as(
        "SELECT s.code, i.labor_minutes, i.labor_fen, i.parts_fen, i.kind, i.status
         FROM job_items i JOIN service_items s ON s.id = i.service_item_id
         WHERE i.job_id = ? ORDER BY i.id",
    )
    .bind(job_id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let expected: Vec<_> = lines
        .iter()
        .map(|(code, minutes, labor, parts, _)| {
            (
                code.clone(),
                *minutes,
                *labor,
                *parts,
                "order".to_string(),
                "todo".to_string(),
            )
        })
        .collect();
    assert_eq!(items, expected);

    // The staff view: the customer, the items with their prices, the check-in on the timeline.
    let response = advisor.get(&format!("/api/v1/jobs/{job_id}")).await;
    let view = body_of(response, StatusCode::OK).await;
    assert_eq!(view["ticket"], "A10");
    assert_eq!(view["stage"], "checked_in");
    assert_eq!(view["bay_id"], Value::Null);
    assert_eq!(view["concerns"], concerns);
    assert_eq!(view["mileage_km"], 4_980);
    assert_eq!(view["customer"]["name"], "陈先生");
    assert_eq!(view["customer"]["phone"], "13912345678");
    assert_eq!(view["vehicle"]["plate"], "粤B7K3M9");
    assert_eq!(view["tracking_token"], receipt["tracking_token"]);
    let prices: Vec<(i64, i64)> = view["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["labor_fen"].as_i64().unwrap(),
                i["parts_fen"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(prices, [(0, 0), (0, 0), (5_000, 12_800), (15_000, 0)]);
    let timeline = view["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 1, "{timeline:?}");
    assert_eq!(
        (
            &timeline[0]["action"],
            &timeline[0]["actor_role"],
            &timeline[0]["from_stage"],
            &timeline[0]["to_stage"]
        ),
        (
            &json!("check_in"),
            &json!("customer"),
            &Value::Null,
            &json!("checked_in")
        )
    );

    // The customer's own tracking channel knows the job.
    let token = receipt["tracking_token"].as_str().unwrap();
    let mut track = app.stream(&format!("track/{token}")).await;
    assert_eq!(track.snapshot().await.json()["job"]["ticket"], "A10");
}

#[tokio::test]
async fn concerns_are_stored_exactly_as_typed_and_add_a_diagnosis() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let concerns = "  发动机“嗡嗡”响，怠速抖动；\r\n仪表盘上的黄灯亮了！？\n\n\t- 大概50%的时候 <b>\"冷车\"</b> \\ 😅  ";
    let mut body = walk_in("粤B8Q2W7", "13800138000", 25_000);
    body["package"] = json!(false);
    body["concerns"] = json!(concerns);
    let receipt = checked_in(&app, Some("kiosk-concerns"), &body).await;

    // Only concerns: the diagnosis is the order, its price follows the inspection.
    let estimate = &receipt["estimate"];
    assert_eq!(estimate["diagnosis"], true);
    assert_eq!(lines_of(&estimate["lines"]), [priced("diagnosis")]);
    assert_eq!(estimate["package_due"], Value::Null);
    assert_eq!(estimate["next_package_km"], 30_000);

    let job_id = receipt["job_id"].as_i64().unwrap();
    let stored: String = sqlx::query_scalar("SELECT concerns FROM jobs WHERE id = ?")
        .bind(job_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, concerns);
    let view = body_of(
        advisor.get(&format!("/api/v1/jobs/{job_id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view["concerns"], concerns);
    let names: Vec<&Value> = view["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["name_en"])
        .collect();
    assert_eq!(names, [&json!("Fault diagnosis")]);
}

/// "The package due" when none is due, and nothing else: there is no order to make.
#[tokio::test]
async fn an_order_with_nothing_on_it_is_refused() {
    let app = spawn_app().await;
    let before = written(&app).await;
    // 25,000 km: between the 20,000 and 30,000 km services.
    let response = check_in(
        &app,
        Some("kiosk-empty"),
        &walk_in("粤B7K3M9", "13912345678", 25_000),
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
}
