//! Who sees an appointment: the kiosk by its code on its day (not before), the desk's
//! channel as an `appointment` event (never the public channels), and only the roles
//! that work before the car arrives.

use chrono::Utc;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::appointments::{at_hour, day_ahead, vehicle};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_booked_code_checks_in_at_the_kiosk_on_its_day() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let car = vehicle(&app, "粤B5H6J9").await;
    let day = day_ahead(1);
    let made: Value = advisor
        .post(
            "/api/v1/appointments",
            json!({ "vehicle_id": car, "scheduled_at": at_hour(day, 10), "concerns": "异响" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let code = made["code"].as_str().unwrap().to_string();
    let kiosk = crate::helpers::new_client();
    let lookup = |client: reqwest::Client, code: String, url: String| async move {
        client
            .post(url)
            .json(&json!({ "appointment_code": code }))
            .send()
            .await
            .unwrap()
    };
    let url = app.url("/api/v1/checkins/lookup");
    // Another day's booking goes to the desk, not the kiosk.
    let early = lookup(kiosk.clone(), code.to_lowercase(), url.clone()).await;
    assert_eq!(early.status(), StatusCode::NOT_FOUND);
    let to = (at_hour(day, 9) - Utc::now()).num_minutes();
    app.advance_clock(to).await;
    let found = lookup(kiosk, code.to_lowercase(), url).await;
    assert_eq!(found.status(), StatusCode::OK);
    let found: Value = found.json().await.unwrap();
    assert_eq!(found["appointment"]["code"], code);
}

#[tokio::test]
async fn only_reception_roles_see_appointments() {
    let app = spawn_app().await;
    let washer = app.sign_in_staff("washer", "pitwall").await;
    let refused = washer
        .get(&format!("/api/v1/appointments?date={}", day_ahead(0)))
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let anonymous = crate::helpers::new_client()
        .get(app.url("/api/v1/reminders"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_booking_is_an_event_on_the_desk_and_on_no_public_channel() {
    let app = spawn_app().await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let mut streams = Vec::new();
    for channel in ["desk", "lounge", "bays"] {
        let url = app.url(&format!("/api/v1/events/{channel}"));
        let mut stream = crate::sse::SseStream::open(&advisor.client, &url, None).await;
        stream.snapshot().await;
        streams.push(stream);
    }
    let [mut desk, mut lounge, mut bays]: [crate::sse::SseStream; 3] =
        streams.try_into().ok().unwrap();
    let made: Value = advisor
        .post("/api/v1/appointments", json!({ "vehicle_id": vehicle(&app, "粤B7N2S8").await, "scheduled_at": at_hour(day_ahead(1), 11), "concerns": "异响" }))
        .await
        .json()
        .await
        .unwrap();
    let frames = desk
        .frames_until_quiet(std::time::Duration::from_millis(800))
        .await;
    let event = frames
        .iter()
        .find(|f| f.event == "appointment")
        .expect("an appointment event");
    assert_eq!(event.json()["code"], made["code"]);
    // The customer's name and phone stay off the public screens.
    for stream in [&mut lounge, &mut bays] {
        for frame in stream
            .frames_until_quiet(std::time::Duration::from_millis(300))
            .await
        {
            assert!(
                !frame.data.contains("张丽华")
                    && !frame.data.contains(made["phone"].as_str().unwrap()),
                "{}",
                frame.data
            );
            assert_ne!(frame.event, "appointment");
        }
    }
}
