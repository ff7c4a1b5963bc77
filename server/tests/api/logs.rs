//! The request log of the real binary: one `INFO` line per request with its request id
//! (the client's own kept, else a fresh one, echoed on the response), method, matched
//! route template, status and latency; never the query or a tracking token; plain
//! text, or JSON lines with `PITWALL_LOG_FORMAT=json`.

use std::{process::Command, time::Duration};

use reqwest::Client;
use serde_json::Value;

use crate::binary::Binary;

const SECRET: &str = "SeCrEtToKeN123";

/// What each request asked for, and the route template its line must name.
const REQUESTS: [(&str, &str); 3] = [
    ("/track/SeCrEtToKeN123?lang=en", "/track/{token}"),
    (
        "/api/v1/events/track/SeCrEtToKeN123?last_event_id=0",
        "/api/v1/events/{*channel}",
    ),
    ("/api/v1/bays?phone=13800000000", "/api/v1/bays"),
];

/// The client's own request id on the last request.
const CLIENT_ID: &str = "req-from-the-proxy-42";

/// Starts the binary with `env`, sends [`REQUESTS`] (the last with [`CLIENT_ID`]),
/// stops it; returns its stdout lines and each response's `x-request-id`.
async fn serve_requests(env: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
    let server = Binary::start(env).await;
    let client = Client::new();
    let mut ids = Vec::new();
    for (n, (path, _)) in REQUESTS.iter().enumerate() {
        let mut request = client.get(server.url(path)).timeout(Duration::from_secs(5));
        if n == REQUESTS.len() - 1 {
            request = request.header("x-request-id", CLIENT_ID);
        }
        let response = request.send().await.unwrap();
        ids.push(
            response.headers()["x-request-id"]
                .to_str()
                .unwrap()
                .to_string(),
        );
    }
    (server.stop().await, ids)
}

fn assert_no_secrets(log: &str) {
    assert!(!log.contains(SECRET), "a tracking token in the log:\n{log}");
    assert!(
        !log.contains("lang=en") && !log.contains("13800000000"),
        "a query in the log:\n{log}"
    );
}

#[tokio::test]
async fn one_text_line_per_request_with_its_id_and_route_and_no_secrets() {
    let (lines, ids) = serve_requests(&[]).await;
    let log = lines.join("\n");
    assert_no_secrets(&log);
    assert!(
        !log.contains('\u{1b}'),
        "no colour codes in a log file:\n{log}"
    );
    assert_eq!(ids[2], CLIENT_ID, "the client's own id is kept and echoed");
    assert_ne!(ids[0], ids[1], "a fresh id for each request");
    for (id, (_, route)) in ids.iter().zip(REQUESTS) {
        let answered: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains(id.as_str()) && l.contains("answered"))
            .collect();
        assert_eq!(answered.len(), 1, "one line for {route}:\n{log}");
        let line = answered[0];
        assert!(line.contains(" INFO "), "{line}");
        assert!(line.contains("method=GET"), "{line}");
        assert!(line.contains(&format!("route={route}")), "{line}");
        assert!(line.contains("status="), "{line}");
        assert!(line.contains("latency_ms="), "{line}");
    }
}

#[tokio::test]
async fn json_lines_with_the_same_fields() {
    let (lines, ids) = serve_requests(&[("PITWALL_LOG_FORMAT", "json")]).await;
    let log = lines.join("\n");
    assert_no_secrets(&log);
    let entries: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    for (id, (_, route)) in ids.iter().zip(REQUESTS) {
        let answered: Vec<&Value> = entries
            .iter()
            .filter(|e| e["fields"]["message"] == "answered" && e["span"]["id"] == id.as_str())
            .collect();
        assert_eq!(answered.len(), 1, "one line for {route}:\n{log}");
        let line = answered[0];
        assert_eq!(line["level"], "INFO", "{line}");
        assert_eq!(line["span"]["method"], "GET", "{line}");
        assert_eq!(line["span"]["route"], route, "{line}");
        assert!(line["fields"]["status"].is_u64(), "{line}");
        assert!(line["fields"]["latency_ms"].is_u64(), "{line}");
    }
}

#[test]
fn a_bad_setting_is_refused_at_start_with_its_name() {
    for (name, value) in [
        ("PITWALL_PUBLIC_URL", "service.example-store.cn"),
        ("PITWALL_TZ", "Asia/Shanghai"),
        ("PITWALL_LOG_FORMAT", "yaml"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_pitwall"))
            .env("PITWALL_ADDR", "127.0.0.1:0")
            .env("PITWALL_DB", dir.path().join("pitwall.db"))
            .env(name, value)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{name}={value} started");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(name), "{name}: {said}");
        assert!(
            !dir.path().join("pitwall.db").exists(),
            "{name}: the store was opened"
        );
    }
}
