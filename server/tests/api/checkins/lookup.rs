//! Finding a returning customer at the kiosk: by appointment code, or by plate and the
//! phone's last four digits. A miss reveals nothing, misses are rate-limited, and a
//! booking is checked in once.

use super::*;

#[tokio::test]
async fn an_appointment_is_found_by_code_checked_in_and_then_used_up() {
    let app = spawn_app().await;
    let before = written(&app).await;

    // Typed loosely: the code is trimmed and upper-cased.
    let result = found(&app, json!({ "appointment_code": " yy0001 " })).await;
    assert_eq!(
        keys(&result),
        [
            "appointment",
            "customer_name_masked",
            "fuel_type",
            "last_mileage_km",
            "lookup_ref",
            "model",
            "package_due",
            "plate_masked"
        ],
        "{result}"
    );
    let lookup_ref = result["lookup_ref"].as_str().unwrap().to_string();
    assert!(lookup_ref.len() >= 16, "{lookup_ref}");
    assert_eq!(result["customer_name_masked"], "许**");
    assert_eq!(result["plate_masked"], "粤B·***K2");
    assert_eq!(result["model"], "丰田 RAV4荣放");
    assert_eq!(result["last_mileage_km"], 4_900);
    let appointment = &result["appointment"];
    assert_eq!(
        (&appointment["code"], &appointment["note"]),
        (&json!("YY0001"), &json!("首次保养（免费）"))
    );
    let scheduled = time(&appointment["scheduled_at"]);
    assert_eq!(store_date(scheduled), store_date(Utc::now()));
    assert_eq!(store_clock(scheduled), "09:30");
    // 4,900 km: the free first service is due.
    assert_eq!(result["package_due"]["due_km"], 5_000);
    assert_eq!(result["package_due"]["free"], true);
    assert_eq!(
        lines_of(&result["package_due"]["items"]),
        [free("oil_change"), free("oil_filter")]
    );
    assert_eq!(written(&app).await, before, "a lookup writes nothing");

    let receipt = checked_in(
        &app,
        Some("kiosk-appointment-1"),
        &returning(&lookup_ref, 5_020),
    )
    .await;
    assert_eq!(
        keys(&receipt),
        [
            "estimate",
            "job_id",
            "promised_at",
            "ticket",
            "tracking_token"
        ]
    );
    // A01–A09 are on the board; A10 was delivered yesterday, so the number is free again.
    assert_eq!(receipt["ticket"], "A10");
    assert!(receipt["tracking_token"]
        .as_str()
        .is_some_and(|t| t.len() >= 16));
    assert_eq!(receipt["promised_at"], receipt["estimate"]["promised_at"]);
    let estimate = &receipt["estimate"];
    let lines = [free("oil_change"), free("oil_filter")];
    assert_eq!(lines_of(&estimate["lines"]), lines);
    assert_eq!(estimate["totals"], totals(&lines));
    assert_eq!(estimate["totals"]["total"], 0);
    assert_eq!(estimate["diagnosis"], false);
    assert_eq!(estimate["parts_short"], false);

    let job_id = receipt["job_id"].as_i64().unwrap();
    let row: (
        Option<String>,
        String,
        String,
        i64,
        Option<i64>,
        String,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT a.code, v.plate, j.stage, j.mileage_km, j.package_km, j.tracking_token,
                    j.contact_phone
             FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id
             LEFT JOIN appointments a ON a.id = j.appointment_id WHERE j.id = ?",
    )
    .bind(job_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            Some("YY0001".to_string()),
            "粤B4M7K2".to_string(),
            "checked_in".to_string(),
            5_020,
            Some(5_000),
            receipt["tracking_token"].as_str().unwrap().to_string(),
            None
        )
    );
    assert_eq!(
        delta(&before, &written(&app).await),
        [
            ("jobs", 1),
            ("job_items", 2),
            ("job_timeline", 1),
            ("events", 1),
            ("checkin_keys", 1),
            ("recorded_km", 120),
        ]
    );

    // The appointment is used up: its code no longer finds anything...
    let after = written(&app).await;
    let again = lookup(&app, json!({ "appointment_code": "YY0001" })).await;
    assert_eq!(body_of(again, StatusCode::NOT_FOUND).await, not_found());
    // ...and the car, found by plate, has no appointment left today and the new reading.
    let by_plate = found(&app, json!({ "plate": "粤B4M7K2", "phone_last4": "8591" })).await;
    assert_eq!(by_plate["appointment"], Value::Null);
    assert_eq!(by_plate["last_mileage_km"], 5_020);
    assert_eq!(written(&app).await, after);
}

/// Two kiosks (or one kiosk's stale reference) found the same booking; the first
/// check-in uses it up, so the second cannot make another job of it.
#[tokio::test]
async fn an_appointment_is_checked_in_once_whatever_the_lookups() {
    let app = spawn_app().await;
    let first = found(&app, json!({ "appointment_code": "YY0003" })).await;
    let second = found(&app, json!({ "plate": "湘A5K2L7", "phone_last4": "8135" })).await;
    assert_eq!(second["appointment"]["code"], "YY0003");
    let (first, second) = (
        first["lookup_ref"].as_str().unwrap(),
        second["lookup_ref"].as_str().unwrap(),
    );
    checked_in(&app, Some("kiosk-1-yy0003"), &returning(first, 39_700)).await;
    let before = written(&app).await;

    for (lookup_ref, key) in [(first, "kiosk-1-yy0003-again"), (second, "kiosk-2-yy0003")] {
        let response = check_in(&app, Some(key), &returning(lookup_ref, 39_700)).await;
        expect_refused(
            &app,
            &before,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "lookup_expired",
            &[],
        )
        .await;
    }
    let linked = app
        .scalar(
            "SELECT COUNT(*) FROM jobs j JOIN appointments a ON a.id = j.appointment_id
             WHERE a.code = 'YY0003'",
        )
        .await;
    assert_eq!(linked, 1);
}

#[tokio::test]
async fn a_returning_customer_is_found_by_plate_and_last4_and_nothing_personal_is_shown() {
    let app = spawn_app().await;
    let before = written(&app).await;
    let (name, phone) = server::store::seed::DEMO_CUSTOMERS[0];
    assert_eq!(phone, "13926051873");

    // Separators and lower case are normalised like everywhere else.
    let response = lookup(&app, json!({ "plate": "粤a·6t1z8", "phone_last4": "1873" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    for secret in [phone, name, "粤A6T1Z8", "LSVCB6C43RN114502"] {
        assert!(!text.contains(secret), "the lookup shows {secret}: {text}");
    }
    let result: Value = serde_json::from_str(&text).unwrap();
    assert!(
        keys(&result)
            .iter()
            .all(|k| !k.contains("phone") && !k.contains("vin")),
        "{text}"
    );
    assert_eq!(result["customer_name_masked"], "李**");
    assert_eq!(result["plate_masked"], "粤A·***Z8");
    assert_eq!(result["model"], "大众 朗逸");
    assert_eq!(result["last_mileage_km"], 19_800);
    // Today's appointment of this car comes with it.
    assert_eq!(result["appointment"]["code"], "YY0002");
    assert_eq!(
        store_clock(time(&result["appointment"]["scheduled_at"])),
        "11:00"
    );
    // 19,800 km: the 20,000 km service is due, at full price.
    assert_eq!(result["package_due"]["due_km"], 20_000);
    assert_eq!(result["package_due"]["free"], false);
    assert_eq!(
        lines_of(&result["package_due"]["items"]),
        PACKAGE_20K.map(priced)
    );

    // Misses, whatever was wrong, answer the same 404 (four: under the rate limit).
    for miss in [
        json!({ "plate": "粤A6T1Z8", "phone_last4": "1874" }),
        json!({ "plate": "粤A6T1Z9", "phone_last4": "1873" }),
        json!({ "plate": "粤A88K21", "phone_last4": "1873" }),
        json!({ "plate": "hello", "phone_last4": "1873" }),
    ] {
        let response = lookup(&app, miss.clone()).await;
        assert_eq!(
            body_of(response, StatusCode::NOT_FOUND).await,
            not_found(),
            "{miss}"
        );
    }
    assert_eq!(written(&app).await, before);
}

#[tokio::test]
async fn five_lookup_misses_lock_the_kiosk_out_even_for_a_right_answer() {
    let app = spawn_app().await;
    let before = written(&app).await;
    for miss in [
        json!({ "plate": "粤A6T1Z8", "phone_last4": "0000" }),
        json!({ "plate": "粤A6T1Z9", "phone_last4": "1873" }),
        json!({ "appointment_code": "YY9999" }),
        json!({ "plate": "not a plate", "phone_last4": "1873" }),
        json!({ "appointment_code": "" }),
    ] {
        let response = lookup(&app, miss.clone()).await;
        assert_eq!(
            body_of(response, StatusCode::NOT_FOUND).await,
            not_found(),
            "{miss}"
        );
    }
    for right in [
        json!({ "plate": "粤A6T1Z8", "phone_last4": "1873" }),
        json!({ "appointment_code": "YY0001" }),
    ] {
        let response = lookup(&app, right).await;
        expect_refused(
            &app,
            &before,
            response,
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            &[],
        )
        .await;
    }
}

#[tokio::test]
async fn only_todays_appointments_check_in_at_the_kiosk() {
    let app = spawn_app().await;
    let tomorrow = Utc::now() + chrono::Duration::days(1);
    sqlx::query("INSERT INTO appointments (code, vehicle_id, scheduled_at, note) VALUES ('YY0100', 1, ?, '')")
        .bind(tomorrow.to_rfc3339())
        .execute(&app.pool)
        .await
        .unwrap();
    let response = lookup(&app, json!({ "appointment_code": "YY0100" })).await;
    assert_eq!(body_of(response, StatusCode::NOT_FOUND).await, not_found());
    // Today's is found.
    let response = lookup(&app, json!({ "appointment_code": "YY0002" })).await;
    assert_eq!(response.status(), StatusCode::OK);
}
