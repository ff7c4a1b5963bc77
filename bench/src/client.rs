//! Talking to a pitwall server: a signed-in client, a channel's snapshot, and the bay
//! action both the fan-out and the ETA meters time (pause / resume of A01 at bay 2).

use std::time::Duration;

use futures::StreamExt;
use reqwest::Client;
use serde_json::{json, Value};

/// A client with its own cookie jar, signed in with `body` (a username and password, or
/// a bay and PIN).
pub async fn signed_in(base: &str, body: Value) -> Result<Client, String> {
    let client = Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(256)
        .build()
        .map_err(|e| e.to_string())?;
    let response = client
        .post(format!("{base}/api/v1/sessions"))
        .json(&body)
        .send()
        .await
        .map_err(|e| format!("sign in: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("sign in {body}: {}", response.status()));
    }
    Ok(client)
}

pub async fn advisor(base: &str) -> Result<Client, String> {
    signed_in(
        base,
        json!({ "username": "advisor", "password": "pitwall" }),
    )
    .await
}

/// The data of a channel's first frame (its snapshot).
pub async fn snapshot(client: &Client, base: &str, channel: &str) -> Result<Value, String> {
    let response = client
        .get(format!("{base}/api/v1/events/{channel}"))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .map_err(|e| format!("open {channel}: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("open {channel}: {}", response.status()));
    }
    let mut body = response.bytes_stream();
    let mut buf = Vec::new();
    while let Some(chunk) = body.next().await {
        buf.extend_from_slice(&chunk.map_err(|e| e.to_string())?);
        // Messages before the snapshot (the retry hint) carry no data.
        while let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
            let message: Vec<u8> = buf.drain(..end + 2).collect();
            let text = String::from_utf8_lossy(&message);
            if let Some(data) = text.lines().find_map(|l| l.strip_prefix("data: ")) {
                return serde_json::from_str(data).map_err(|e| e.to_string());
            }
        }
    }
    Err(format!("{channel} ended before its snapshot"))
}

/// The ids of the jobs the desk sees as active.
pub async fn active_jobs(client: &Client, base: &str) -> Result<Vec<i64>, String> {
    let desk = snapshot(client, base, "desk").await?;
    let ids: Vec<i64> = desk["jobs"]
        .as_array()
        .ok_or("a desk snapshot without jobs")?
        .iter()
        .filter(|j| !matches!(j["stage"].as_str(), Some("delivered" | "cancelled")))
        .filter_map(|j| j["id"].as_i64())
        .collect();
    if ids.is_empty() {
        return Err("no active job to write to (start the server with PITWALL_DEMO=1)".into());
    }
    Ok(ids)
}

/// Bay 2's lead, signed in, with demo job A01's id and version (from the lounge).
pub async fn bay2_lead_with_a01(base: &str) -> Result<(Client, i64, i64), String> {
    let lead = signed_in(base, json!({ "bay_id": 2, "pin": "2222" })).await?;
    let lounge = snapshot(&lead, base, "lounge").await?;
    let job = lounge["jobs"]
        .as_array()
        .and_then(|jobs| jobs.iter().find(|j| j["ticket"] == "A01"))
        .ok_or("A01 is not on the lounge (start the server with PITWALL_DEMO=1)")?;
    let id = job["id"].as_i64().ok_or("A01 without an id")?;
    let version = job["version"].as_i64().ok_or("A01 without a version")?;
    Ok((lead, id, version))
}

/// The `n`th bay action on a job at `version`: pause on even turns, resume on odd ones.
pub fn pause_or_resume(n: usize, version: i64) -> Value {
    if n.is_multiple_of(2) {
        json!({ "action": "pause", "reason": "other", "note": "bench", "expected_version": version })
    } else {
        json!({ "action": "resume", "expected_version": version })
    }
}
