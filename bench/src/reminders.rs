//! The "due soon" list as the customer file grows: signs in at the desk and times
//! `--requests` reads of `GET /api/v1/reminders` over the widest window (a year, 50,000
//! km), one after another, and reports their latency and how many cars the list held.

use std::time::{Duration, Instant};

use crate::{args::Args, client, stats::Summary};

pub async fn run(args: &Args) -> Result<(), String> {
    let base = args.text("base", "http://127.0.0.1:3000");
    let requests: usize = args.get("requests", 30)?;
    let advisor = client::advisor(&base).await?;
    let url = format!("{base}/api/v1/reminders?days=365&km=50000");
    let mut latencies = Vec::with_capacity(requests);
    let mut listed = 0;
    for n in 0..requests {
        let sent = Instant::now();
        let response = advisor
            .get(&url)
            .timeout(Duration::from_secs(120))
            .send()
            .await
            .map_err(|e| format!("read {n}: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("read {n}: {}", response.status()));
        }
        let list: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
        latencies.push(sent.elapsed());
        listed = list["cars"].as_array().map_or(0, Vec::len);
    }
    println!(
        "reminders: {listed} cars due within a year, {requests} reads one after another: {}",
        Summary::of(latencies)
    );
    Ok(())
}
