//! The rules a check-in is held to, each refusal with its exact status and fields and
//! nothing written: mileage, agreement and signature, plate and phone, and one job per
//! `Idempotency-Key`.

use super::*;

#[tokio::test]
async fn a_mileage_below_the_last_record_is_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let result = found(&app, json!({ "plate": "粤A6T1Z8", "phone_last4": "1873" })).await;
    let lookup_ref = result["lookup_ref"].as_str().unwrap();
    assert_eq!(result["last_mileage_km"], 19_800);
    let before = written(&app).await;
    let below = MileageError::BelowLast { last: 19_800 }.to_string();

    // Quoting says so already...
    let response = post(
        &app,
        "/api/v1/checkins/quote",
        &json!({ "mileage_km": 19_799, "lookup_ref": lookup_ref, "package": true }),
    )
    .await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["mileage_km"],
    )
    .await;
    assert_eq!(refused["error"]["fields"]["mileage_km"], below);

    // ...and the check-in refuses it, confirmed or not.
    let key = "kiosk-mileage-below";
    let mut body = returning(lookup_ref, 19_799);
    for confirmed in [false, true] {
        body["mileage_confirmed"] = json!(confirmed);
        let response = check_in(&app, Some(key), &body).await;
        let refused = expect_refused(
            &app,
            &before,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            &["mileage_km"],
        )
        .await;
        assert_eq!(refused["error"]["fields"]["mileage_km"], below);
    }

    // A walk-in naming a known car is held to that car's record too, but has not proved
    // who they are: the message does not give the recorded figure away.
    let (_, phone) = server::store::seed::DEMO_CUSTOMERS[0];
    let response = check_in(&app, None, &walk_in("粤B12345", phone, 61_229)).await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["mileage_km"],
    )
    .await;
    let message = refused["error"]["fields"]["mileage_km"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("lower than our last record"), "{message}");
    assert!(
        !message.contains("61,230") && !message.contains("61230"),
        "{message}"
    );

    // The refused attempt did not use up its key: corrected, the same key goes through.
    let receipt = checked_in(&app, Some(key), &returning(lookup_ref, 19_800)).await;
    assert_eq!(receipt["ticket"], "A10");
    assert_eq!(
        delta(&before, &written(&app).await),
        [
            ("jobs", 1),
            ("job_items", 6),
            ("job_timeline", 1),
            ("events", 1),
            ("checkin_keys", 1),
        ]
    );
}

#[tokio::test]
async fn an_implausible_jump_needs_the_customers_confirmation() {
    let app = spawn_app().await;
    let result = found(&app, json!({ "plate": "粤A6T1Z8", "phone_last4": "1873" })).await;
    let lookup_ref = result["lookup_ref"].as_str().unwrap();
    let before = written(&app).await;

    // 19,800 + 30,001 km.
    let mut body = returning(lookup_ref, 49_801);
    body["package"] = json!(false);
    body["services"] = json!([service_id(&app, "oil_change").await]);
    let response = check_in(&app, Some("kiosk-jump"), &body).await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["mileage_km"],
    )
    .await;
    let message = refused["error"]["fields"]["mileage_km"].as_str().unwrap();
    assert!(message.contains("confirm"), "{message}");

    body["mileage_confirmed"] = json!(true);
    let receipt = checked_in(&app, Some("kiosk-jump"), &body).await;
    assert_eq!(
        lines_of(&receipt["estimate"]["lines"]),
        [priced("oil_change")]
    );
    assert_eq!(
        delta(&before, &written(&app).await),
        [
            ("jobs", 1),
            ("job_items", 1),
            ("job_timeline", 1),
            ("events", 1),
            ("checkin_keys", 1),
            ("recorded_km", 30_001),
        ]
    );
}

#[tokio::test]
async fn missing_consent_valuables_or_signature_are_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let before = written(&app).await;

    let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
    body["consent"] = json!(false);
    body["valuables_acknowledged"] = json!(false);
    body["signature"] = json!({ "width": 600, "height": 200, "strokes": [] });
    let response = check_in(&app, Some("kiosk-unsigned"), &body).await;
    expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["consent", "signature", "valuables_acknowledged"],
    )
    .await;

    // Each on its own, and signatures that are not one: a dot, or strokes off the pad.
    let mut cases = Vec::new();
    for field in ["consent", "valuables_acknowledged"] {
        let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
        body[field] = json!(false);
        cases.push((body, field));
    }
    for strokes in [
        json!([[[5, 5], [6, 6]]]),
        json!([[[5, 5], [700, 50], [20, 30]]]),
    ] {
        let mut body = walk_in("粤B7K3M9", "13912345678", 4_980);
        body["signature"]["strokes"] = strokes;
        cases.push((body, "signature"));
    }
    for (body, field) in cases {
        let response = check_in(&app, None, &body).await;
        expect_refused(
            &app,
            &before,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            &[field],
        )
        .await;
    }
}

#[tokio::test]
async fn a_bad_plate_or_phone_is_refused_with_its_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let before = written(&app).await;

    let response = check_in(&app, None, &walk_in("港B12345", "12345", 4_980)).await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["phone", "plate"],
    )
    .await;
    assert_eq!(
        refused["error"]["fields"],
        json!({
            "phone": PhoneError::BadLength.to_string(),
            "plate": PlateError::UnknownProvince.to_string(),
        })
    );

    for (plate, phone, fields) in [
        ("粤B1234I", "13912345678", vec!["plate"]),
        ("粤B12", "13912345678", vec!["plate"]),
        ("粤B7K3M9", "23912345678", vec!["phone"]),
        ("粤B7K3M9", "139-1234-567a", vec!["phone"]),
        ("", "", vec!["phone", "plate"]),
    ] {
        let response = check_in(&app, Some("kiosk-bad"), &walk_in(plate, phone, 4_980)).await;
        expect_refused(
            &app,
            &before,
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            &fields,
        )
        .await;
    }

    // Left out altogether.
    let response = check_in(&app, None, &choices(4_980)).await;
    expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["phone", "plate"],
    )
    .await;
}

#[tokio::test]
async fn a_phone_for_updates_is_validated_and_normalised() {
    let app = spawn_app().await;
    let result = found(&app, json!({ "plate": "粤A6T1Z8", "phone_last4": "1873" })).await;
    let lookup_ref = result["lookup_ref"].as_str().unwrap();
    let before = written(&app).await;

    let mut body = returning(lookup_ref, 19_850);
    body["contact_phone"] = json!("139 1234");
    let response = check_in(&app, Some("kiosk-contact"), &body).await;
    let refused = expect_refused(
        &app,
        &before,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        &["contact_phone"],
    )
    .await;
    assert_eq!(
        refused["error"]["fields"]["contact_phone"],
        PhoneError::BadLength.to_string()
    );

    body["contact_phone"] = json!("+86 138-0013-8000");
    let receipt = checked_in(&app, Some("kiosk-contact"), &body).await;
    let stored: Option<String> = sqlx::query_scalar("SELECT contact_phone FROM jobs WHERE id = ?")
        .bind(receipt["job_id"].as_i64().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some("13800138000"));
}

#[tokio::test]
async fn a_duplicate_submit_with_the_same_key_makes_one_job_and_replays_its_receipt() {
    let app = spawn_app().await;
    let before = written(&app).await;
    let key = "kiosk-1-3f9c2a71";
    let body = walk_in("粤B7K3M9", "13912345678", 4_980);

    let first = checked_in(&app, Some(key), &body).await;
    let second = checked_in(&app, Some(key), &body).await;
    assert_eq!(second, first, "the same receipt twice");
    let made = written(&app).await;
    assert_eq!(
        delta(&before, &made),
        [
            ("jobs", 1),
            ("job_items", 2),
            ("job_timeline", 1),
            ("vehicles", 1),
            ("customers", 1),
            ("events", 1),
            ("checkin_keys", 1),
            ("recorded_km", 4_980),
            ("named_customers", 1),
        ]
    );

    // The same key for a different check-in is refused, and writes nothing.
    let mut other = body.clone();
    other["wash"] = json!(false);
    let response = check_in(&app, Some(key), &other).await;
    expect_refused(
        &app,
        &made,
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "idempotency_key_reused",
        &[],
    )
    .await;

    // A key that is not one is a bad request.
    for bad in ["x".repeat(129), " ".to_string()] {
        let response = check_in(&app, Some(&bad), &body).await;
        expect_refused(
            &app,
            &made,
            response,
            StatusCode::BAD_REQUEST,
            "bad_request",
            &[],
        )
        .await;
    }
}

#[tokio::test]
async fn two_concurrent_submits_with_one_key_make_exactly_one_job() {
    let app = spawn_app().await;
    for (round, plate) in ["粤B7K3M9", "粤B8Q2W7", "粤B3X5Y6"].into_iter().enumerate() {
        let before = written(&app).await;
        let key = format!("double-tap-{round}");
        let body = walk_in(plate, "13912345678", 4_980);
        let (a, b) = tokio::join!(
            check_in(&app, Some(&key), &body),
            check_in(&app, Some(&key), &body)
        );
        let (a, b) = tokio::join!(
            body_of(a, StatusCode::CREATED),
            body_of(b, StatusCode::CREATED)
        );
        assert_eq!(a, b, "round {round}");
        let changed = delta(&before, &written(&app).await);
        let count = |what| changed.iter().find(|(w, _)| *w == what).map_or(0, |c| c.1);
        assert_eq!(
            (count("jobs"), count("checkin_keys"), count("vehicles")),
            (1, 1, 1),
            "round {round}: {changed:?}"
        );
        let jobs: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id WHERE v.plate = ?",
        )
        .bind(plate)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(jobs, 1, "round {round}");
    }
}
