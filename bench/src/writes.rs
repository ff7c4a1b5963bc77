//! The write driver: `clients` concurrent clients, each posting a walk-around note to
//! the active jobs in turn (the real endpoint, its transaction and its event) for
//! `seconds` (or `--count` writes in all, to the first `--jobs` jobs); reports throughput, latency percentiles and every non-2xx answer.

use std::{
    collections::BTreeMap,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use serde_json::json;

use crate::{args::Args, client, stats::Summary};

pub async fn run(args: &Args) -> Result<(), String> {
    let base = args.text("base", "http://127.0.0.1:3000");
    let clients: usize = args.get("clients", 32)?;
    let seconds: u64 = args.get("seconds", 10)?;
    let advisor = client::advisor(&base).await?;
    let mut active = client::active_jobs(&advisor, &base).await?;
    active.truncate(args.get("jobs", active.len())?.max(1));
    let jobs = Arc::new(active);
    // With `--count`, stop after that many writes in all (e.g. 10,000 on one job).
    let count: usize = args.get("count", usize::MAX)?;
    let sent_so_far = Arc::new(AtomicUsize::new(0));

    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (http, base, jobs) = (advisor.clone(), base.clone(), jobs.clone());
        let sent_so_far = sent_so_far.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut answers: BTreeMap<String, usize> = BTreeMap::new();
            let mut n = 0usize;
            while Instant::now() < deadline && sent_so_far.fetch_add(1, Ordering::Relaxed) < count {
                n += 1;
                let job = jobs[(c + n) % jobs.len()];
                let sent = Instant::now();
                let response = http
                    .post(format!("{base}/api/v1/jobs/{job}/notes"))
                    .json(&json!({ "text": format!("bench {c}-{n}") }))
                    .timeout(Duration::from_secs(30))
                    .send()
                    .await;
                let answer = match response {
                    Ok(r) if r.status().is_success() => {
                        latencies.push(sent.elapsed());
                        continue;
                    }
                    Ok(r) => {
                        let status = r.status().as_u16();
                        let text = r.text().await.unwrap_or_default();
                        let code: String = text.chars().take(80).collect();
                        format!("{status} {code}")
                    }
                    Err(e) => format!("transport: {e}"),
                };
                *answers.entry(answer).or_default() += 1;
            }
            (latencies, answers)
        }));
    }
    let mut latencies = Vec::new();
    let mut answers: BTreeMap<String, usize> = BTreeMap::new();
    for task in tasks {
        let (l, a) = task.await.map_err(|e| e.to_string())?;
        latencies.extend(l);
        for (k, v) in a {
            *answers.entry(k).or_default() += v;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ok = latencies.len();
    println!(
        "writes: {clients} clients, {seconds} s, {ok} acknowledged ({:.0}/s), {}",
        ok as f64 / elapsed,
        Summary::of(latencies)
    );
    for (answer, count) in &answers {
        println!("  refused or failed: {count} × {answer}");
    }
    Ok(())
}
