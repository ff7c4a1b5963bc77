//! The live ETA as the shop grows: checks walk-ins in at the desk until `--active` jobs
//! are open, then times `--actions` bay actions one after another (pause and resume of
//! A01 at bay 2; each recomputes every active job's ETA in its transaction), and
//! reports their latency. Run it once on the demo store as it is and once with 200
//! active jobs to see what the extra jobs cost.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::{args::Args, client, stats::Summary};

pub async fn run(args: &Args) -> Result<(), String> {
    let base = args.text("base", "http://127.0.0.1:3000");
    let target: usize = args.get("active", 200)?;
    let actions: usize = args.get("actions", 400)?;
    let advisor = client::advisor(&base).await?;

    let mut active = client::active_jobs(&advisor, &base).await?.len();
    let mut n = 0;
    while active < target {
        n += 1;
        let response = advisor
            .post(format!("{base}/api/v1/checkins"))
            .json(&walk_in(n))
            .send()
            .await
            .map_err(|e| format!("check-in {n}: {e}"))?;
        if !response.status().is_success() {
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            return Err(format!("check-in {n}: {status} {text}"));
        }
        active += 1;
    }
    let active = client::active_jobs(&advisor, &base).await?.len();

    let (lead, job_id, mut version) = client::bay2_lead_with_a01(&base).await?;

    let mut latencies = Vec::with_capacity(actions);
    let started = Instant::now();
    for n in 0..actions {
        let action = client::pause_or_resume(n, version);
        let sent = Instant::now();
        let response = lead
            .post(format!("{base}/api/v1/jobs/{job_id}/actions"))
            .json(&action)
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .map_err(|e| format!("action {n}: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("action {n}: {}", response.status()));
        }
        let answer: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
        latencies.push(sent.elapsed());
        version = answer["version"]
            .as_i64()
            .ok_or("an action answer without a version")?;
    }
    let summary = Summary::of(latencies);
    println!(
        "eta: {active} active jobs ({n} checked in), {actions} bay actions one after another in {:.1} s: {summary}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The `n`th walk-in: a plate and a phone of its own, the package, a signature.
fn walk_in(n: usize) -> serde_json::Value {
    json!({
        "plate": format!("粤B{:05}", 10_000 + n),
        "phone": format!("139{:08}", n),
        "model": "Bench car",
        "mileage_km": 19_800,
        "package": true,
        "wash": n.is_multiple_of(2),
        "old_parts": "leave",
        "payment_method": "wechat",
        "waiting": false,
        "valuables_acknowledged": true,
        "consent": true,
        "signature": { "width": 600, "height": 220, "strokes": [[[10, 10], [60, 50], [120, 20]]] },
    })
}
