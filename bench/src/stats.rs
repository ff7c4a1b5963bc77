//! Latency summaries: percentiles of a sample, in milliseconds.

use std::time::Duration;

pub struct Summary {
    pub count: usize,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

impl Summary {
    pub fn of(mut sample: Vec<Duration>) -> Summary {
        sample.sort_unstable();
        let ms = |d: Option<&Duration>| d.map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
        let at = |q: f64| {
            let rank = (q * sample.len() as f64).ceil() as usize;
            ms(sample.get(rank.saturating_sub(1)))
        };
        Summary {
            count: sample.len(),
            p50: at(0.50),
            p90: at(0.90),
            p99: at(0.99),
            max: ms(sample.last()),
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "n={} p50={:.1} ms p90={:.1} ms p99={:.1} ms max={:.1} ms",
            self.count, self.p50, self.p90, self.p99, self.max
        )
    }
}
