//! What the waiting room and the workshop board may show: no customer name, phone, VIN
//! or full plate, on the streams, the REST board, the server-rendered pages or `/metrics`.

use std::time::Duration;

use serde_json::json;
use server::store::seed::{DEMO_CUSTOMERS, DEMO_PLATES};

use crate::helpers::{spawn_app, TestApp};

/// Everything personal the demo store knows.
async fn personal_data(app: &TestApp) -> Vec<String> {
    let vins: Vec<String> = sqlx::query_scalar("SELECT vin FROM vehicles WHERE vin IS NOT NULL")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert!(!vins.is_empty());
    let people = DEMO_CUSTOMERS
        .iter()
        .flat_map(|(name, phone)| [name.to_string(), phone.to_string()]);
    people
        .chain(DEMO_PLATES.iter().map(|p| p.to_string()))
        .chain(vins)
        .collect()
}

/// The masked plate's `·` also proves the text is not `\u`-escaped, which would hide a leak.
fn assert_private(what: &str, text: &str, personal: &[String]) {
    for secret in personal {
        assert!(!text.contains(secret.as_str()), "{what} shows {secret:?}");
    }
    assert!(text.contains('·'), "{what} shows no masked plate");
}

#[tokio::test]
async fn lounge_and_bays_show_nothing_personal() {
    let app = spawn_app().await;
    let personal = personal_data(&app).await;
    let (lead, foreman) = (
        app.lead(1).await,
        app.sign_in_staff("foreman", "pitwall").await,
    );
    let mut lounge = app.stream("lounge").await;
    let mut bays = app.stream("bays").await;
    assert_private("lounge snapshot", &lounge.snapshot().await.data, &personal);
    assert_private("bays snapshot", &bays.snapshot().await.data, &personal);

    let (name, phone) = DEMO_CUSTOMERS[2];
    let note = format!("请联系{name} {phone}");
    app.act_ok(&lead, "A03", json!({ "action": "start" })).await;
    app.act_ok(
        &lead,
        "A03",
        json!({ "action": "pause", "reason": "awaiting_approval", "note": note }),
    )
    .await;
    app.act_ok(&foreman, "A05", json!({ "action": "assign", "bay_id": 6 }))
        .await;
    app.act_ok(&lead, "A03", json!({ "action": "resume" }))
        .await;
    let ticks = app.tick_all(&lead, "A03").await;
    app.act_ok(
        &lead,
        "A03",
        json!({ "action": "finish_work", "self_check": true, "note": note }),
    )
    .await;
    for (channel, stream) in [("lounge", &mut lounge), ("bays", &mut bays)] {
        let jobs: Vec<_> = stream
            .frames_until_quiet(Duration::from_millis(1500))
            .await
            .into_iter()
            .filter(|f| f.event == "job")
            .collect();
        // Five actions and the ticks, each its job's event (plus any job whose ETA moved).
        let acted: Vec<_> = [app.job_id("A03").await, app.job_id("A05").await].into();
        let own = jobs
            .iter()
            .filter(|f| acted.iter().any(|id| f.json()["id"] == json!(id)))
            .count();
        assert_eq!(own, 5 + ticks, "{channel}");
        for frame in jobs {
            assert_private(
                &format!("{channel} event {}", frame.id),
                &frame.data,
                &personal,
            );
        }
    }

    let board = reqwest::get(app.url("/api/v1/bays"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_private("GET /api/v1/bays", &board, &personal);
    for page in ["/lounge", "/bays"] {
        let response = reqwest::get(app.url(page)).await.unwrap();
        assert_eq!(response.status(), reqwest::StatusCode::OK, "{page}");
        assert_private(page, &response.text().await.unwrap(), &personal);
    }

    // `/metrics` is readable without signing in: counts by route template and channel
    // kind, nothing of anyone (no name, plate, VIN, phone, tracking token or job id).
    let metrics = reqwest::get(app.url("/metrics")).await.unwrap();
    assert_eq!(metrics.status(), reqwest::StatusCode::OK);
    let metrics = metrics.text().await.unwrap();
    let tokens: Vec<String> = sqlx::query_scalar("SELECT tracking_token FROM jobs")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    for secret in personal.iter().chain(&tokens) {
        assert!(
            !metrics.contains(secret.as_str()),
            "/metrics shows {secret:?}"
        );
    }
    assert!(metrics.contains("pitwall_http_requests_total"), "{metrics}");
}

/// A bay's screen shows the work, never the customer (`TechJob`; the desk channel refuses
/// technicians), so neither the staff view nor a conflict's `current` job may carry them.
#[tokio::test]
async fn a_technician_never_receives_the_customer() {
    let app = spawn_app().await;
    let lead = app.lead(1).await;
    let (a03, version) = (app.job_id("A03").await, app.version("A03").await);
    let (name, phone) = DEMO_CUSTOMERS[2];

    let staff_view = lead.get(&format!("/api/v1/jobs/{a03}")).await;
    let stale = lead
        .act(a03, version - 1, json!({ "action": "start" }))
        .await;
    assert_eq!(stale.status(), reqwest::StatusCode::CONFLICT);
    let mut leaks = Vec::new();
    for (what, response) in [("GET /api/v1/jobs/{id}", staff_view), ("a 409", stale)] {
        let text = response.text().await.unwrap();
        if text.contains(name) || text.contains(phone) {
            leaks.push(what);
        }
    }
    assert!(
        leaks.is_empty(),
        "the customer is shown to a technician by {leaks:?}"
    );
}
