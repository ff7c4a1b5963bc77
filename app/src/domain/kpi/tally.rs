//! How each KPI figure is counted from the period's facts: per job, per distinct
//! customer, a mean, the bays' utilisation, the complaints opened, resolved and overdue.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::{BayDay, ComplaintFact, Complaints, DeliveredJob, Figure, Mean, Ratio};
use crate::domain::clock::{from_store_local, store_date};

/// `counts(job)`: `None` outside the denominator, else whether it is in the numerator.
pub(super) fn per_job(
    jobs: &[&DeliveredJob],
    counts: impl Fn(&DeliveredJob) -> Option<bool>,
) -> Figure {
    let mut f = Figure::default();
    for job in jobs {
        let Some(hit) = counts(job) else { continue };
        f.den_ids.push(job.id);
        if hit {
            f.num_ids.push(job.id);
        }
    }
    f.ratio = Ratio {
        num: count(f.num_ids.len()),
        den: count(f.den_ids.len()),
    };
    f
}

/// Distinct customers with a job for which `hit` holds / distinct customers.
pub(super) fn per_customer(jobs: &[&DeliveredJob], hit: impl Fn(&DeliveredJob) -> bool) -> Figure {
    let mut customers = BTreeMap::new();
    let mut f = Figure::default();
    for job in jobs {
        let h = hit(job);
        *customers.entry(job.customer_id).or_insert(false) |= h;
        f.den_ids.push(job.id);
        if h {
            f.num_ids.push(job.id);
        }
    }
    f.ratio = Ratio {
        num: count(customers.values().filter(|h| **h).count()),
        den: count(customers.len()),
    };
    f
}

/// The mean of `value(job)` over the jobs that have one.
pub(super) fn mean(jobs: &[&DeliveredJob], value: impl Fn(&DeliveredJob) -> Option<i64>) -> Mean {
    let mut m = Mean::default();
    for job in jobs {
        if let Some(v) = value(job) {
            m.add(job.id, v);
        }
    }
    m
}

pub(super) fn bay_utilisation(days: &[BayDay], start: NaiveDate, end: NaiveDate) -> Ratio {
    let (mut labour, mut available) = (0i64, 0i64);
    for d in days.iter().filter(|d| start <= d.date && d.date < end) {
        labour = labour.saturating_add(d.labour_minutes.max(0));
        available = available.saturating_add(d.available_minutes.max(0));
    }
    let minutes = |m: i64| u32::try_from(m).unwrap_or(u32::MAX);
    Ratio {
        num: minutes(labour),
        den: minutes(available),
    }
}

pub(super) fn complaints(
    all: &[ComplaintFact],
    start: NaiveDate,
    end: NaiveDate,
    now: DateTime<Utc>,
) -> Complaints {
    let midnight = |d: NaiveDate| from_store_local(d.and_time(NaiveTime::MIN));
    let within = |at: DateTime<Utc>| (start..end).contains(&store_date(at));
    let cutoff = midnight(end).min(now);
    let begun = midnight(start) <= now;
    let mut out = Complaints::default();
    for c in all {
        if within(c.opened_at) {
            out.opened.push(c.id);
        }
        if let Some(resolved) = c.resolved_at.filter(|r| within(*r)) {
            out.resolved.push(c.id);
            out.minutes_to_resolve
                .add(c.id, (resolved - c.opened_at).num_minutes());
        }
        let open_at_cutoff = c.opened_at < cutoff && c.resolved_at.is_none_or(|r| r > cutoff);
        if begun && open_at_cutoff && c.deadline < cutoff {
            out.overdue.push(c.id);
        }
    }
    out
}

/// A count as the page carries it (no page counts four billion of anything).
pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
