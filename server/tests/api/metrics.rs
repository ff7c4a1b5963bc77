//! `GET /metrics`: scraped before and after a job's state change and with a stream
//! open, the counters and gauges a Prometheus server would see move.

use std::{collections::HashMap, time::Duration};

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app, TestApp};

/// One scrape: every sample as (metric name, labels) → value.
struct Scrape {
    text: String,
    samples: Vec<(String, HashMap<String, String>, f64)>,
}

impl Scrape {
    async fn take(app: &TestApp) -> Scrape {
        let response = reqwest::get(app.url("/metrics")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let kind = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
        let text = response.text().await.unwrap();
        assert!(text.trim_end().ends_with("# EOF"), "{text}");
        let samples = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|line| {
                let (series, value) = line.rsplit_once(' ').unwrap();
                let (name, labels) = match series.split_once('{') {
                    Some((name, rest)) => (name, rest.trim_end_matches('}')),
                    None => (series, ""),
                };
                let labels = labels
                    .split("\",")
                    .filter(|p| !p.is_empty())
                    .map(|pair| {
                        let (k, v) = pair.split_once('=').unwrap();
                        (k.to_string(), v.trim_matches('"').to_string())
                    })
                    .collect();
                (name.to_string(), labels, value.parse().unwrap())
            })
            .collect();
        Scrape { text, samples }
    }

    /// The sum of `name`'s samples whose labels include `labels` (0 if none).
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.samples
            .iter()
            .filter(|(n, l, _)| {
                n == name
                    && labels
                        .iter()
                        .all(|(k, v)| l.get(*k).map(String::as_str) == Some(*v))
            })
            .map(|(_, _, v)| v)
            .sum()
    }
}

const ACTIONS: &[(&str, &str)] = &[
    ("route", "/api/v1/jobs/{job_id}/actions"),
    ("method", "POST"),
    ("status", "2xx"),
];

#[tokio::test]
async fn a_state_change_and_an_open_stream_show_in_the_scrape() {
    let app = spawn_app().await;
    let tech = app.sign_in_bay(1, "1110").await;
    let before = Scrape::take(&app).await;
    assert_eq!(
        before.value("pitwall_sse_subscribers", &[("channel", "lounge")]),
        0.0
    );

    let mut lounge = app.stream("lounge").await;
    lounge.snapshot().await;
    app.act_ok(&tech, "A03", json!({ "action": "start" })).await;
    // The dispatcher fans the event out after the commit: the lounge sees it.
    let frame = lounge.frame().await;
    assert_eq!(frame.event, "job");

    let after = Scrape::take(&app).await;
    assert_eq!(
        after.value("pitwall_http_requests_total", ACTIONS)
            - before.value("pitwall_http_requests_total", ACTIONS),
        1.0,
        "one action answered:\n{}",
        after.text
    );
    assert_eq!(
        after.value(
            "pitwall_http_request_duration_seconds_count",
            &[
                ("route", "/api/v1/jobs/{job_id}/actions"),
                ("method", "POST")
            ]
        ),
        1.0
    );
    assert!(
        after.value("pitwall_events_published_total", &[("kind", "job")])
            > before.value("pitwall_events_published_total", &[("kind", "job")]),
        "{}",
        after.text
    );
    assert_eq!(
        after.value("pitwall_sse_subscribers", &[("channel", "lounge")]),
        1.0
    );
    assert!(after.value("pitwall_database_bytes", &[]) > 0.0);
    for gauge in ["pitwall_dispatcher_lag_events", "pitwall_write_queue_depth"] {
        assert!(
            after.samples.iter().any(|(n, _, _)| n == gauge),
            "{gauge} missing:\n{}",
            after.text
        );
    }

    // The stream closed, the gauge goes back down.
    drop(lounge);
    let mut open = 1.0;
    for _ in 0..50 {
        open = Scrape::take(&app)
            .await
            .value("pitwall_sse_subscribers", &[("channel", "lounge")]);
        if open == 0.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(open, 0.0, "a closed stream still counted");
}

#[tokio::test]
async fn labels_are_route_templates_never_ids_or_tokens() {
    let app = spawn_app().await;
    let token: String = sqlx::query_scalar("SELECT tracking_token FROM jobs WHERE ticket = 'A03'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let a03 = app.job_id("A03").await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    assert_eq!(
        advisor.get(&format!("/api/v1/jobs/{a03}")).await.status(),
        StatusCode::OK
    );
    let page = reqwest::get(app.url(&format!("/track/{token}")))
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let mut track = app.stream(&format!("track/{token}")).await;
    track.snapshot().await;
    assert_eq!(
        reqwest::get(app.url("/no/such/page"))
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );

    let scrape = Scrape::take(&app).await;
    let count = |route: &str| scrape.value("pitwall_http_requests_total", &[("route", route)]);
    assert_eq!(count("/api/v1/jobs/{job_id}"), 1.0, "{}", scrape.text);
    assert_eq!(count("/track/{token}"), 1.0, "{}", scrape.text);
    assert_eq!(count("/api/v1/events/{*channel}"), 1.0, "{}", scrape.text);
    assert!(count("fallback") >= 1.0, "{}", scrape.text);
    assert_eq!(
        scrape.value("pitwall_sse_subscribers", &[("channel", "track")]),
        1.0
    );
    assert!(
        !scrape.text.contains(&token),
        "a tracking token in /metrics"
    );
    assert!(!scrape.text.contains("/no/such"), "a raw path in /metrics");
    assert!(
        !scrape.text.contains(&format!("/api/v1/jobs/{a03}\"")),
        "a job id in /metrics"
    );
}
