//! Talking to a pitwall server: a signed-in client and a channel's snapshot.

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
