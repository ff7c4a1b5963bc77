//! The after-sales KPI page's formulas (seed 001: 回访率, 满意率, 感动率, 回头率; plus the
//! workshop's on-time delivery, QC first pass, 返修, stage times, check-in time, bay
//! utilisation and complaints), by store day, week or month, from plain facts the server
//! loads. Every figure carries the ids behind it, so the page can link to them.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::clock::store_date;
use super::Stage;
use tally::{bay_utilisation, complaints, count, mean, per_customer, per_job};

mod facts;
mod tally;
#[cfg(test)]
mod tests;

pub use facts::{BayDay, ComplaintFact, DeliveredJob, Facts, FollowUpFact, Verdict};

/// The length of a column of the KPI page. Weeks start on Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    /// Every period, shortest first.
    pub const ALL: [Period; 3] = [Period::Day, Period::Week, Period::Month];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// Inverse of [`Period::as_str`].
    pub fn parse(s: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The first store day of the period containing `d`.
    pub fn start_of(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => d,
            Period::Week => {
                let back = Days::new(u64::from(d.weekday().num_days_from_monday()));
                d.checked_sub_days(back).unwrap_or(NaiveDate::MIN)
            }
            Period::Month => d.with_day(1).unwrap_or(d),
        }
    }

    /// The first store day of the period after the one containing `d` (the calendar's
    /// last day at its very end).
    pub fn next(self, d: NaiveDate) -> NaiveDate {
        let start = self.start_of(d);
        match self {
            Period::Day => start.checked_add_days(Days::new(1)),
            Period::Week => start.checked_add_days(Days::new(7)),
            Period::Month => start.checked_add_months(Months::new(1)),
        }
        .unwrap_or(NaiveDate::MAX)
    }
}

/// How a customer checked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckinChannel {
    Kiosk,
    Desk,
}

impl CheckinChannel {
    /// Every channel.
    pub const ALL: [CheckinChannel; 2] = [CheckinChannel::Kiosk, CheckinChannel::Desk];

    /// Wire string, identical to the serde form.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckinChannel::Kiosk => "kiosk",
            CheckinChannel::Desk => "desk",
        }
    }

    /// Inverse of [`CheckinChannel::as_str`].
    pub fn parse(s: &str) -> Option<CheckinChannel> {
        CheckinChannel::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The stages whose average time the page shows, in lane order.
pub const TIMED_STAGES: [Stage; 7] = [
    Stage::CheckedIn,
    Stage::Queued,
    Stage::InService,
    Stage::Paused,
    Stage::QualityCheck,
    Stage::Washing,
    Stage::Ready,
];

/// `num / den`; `den = 0` means no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Ratio {
    pub num: u32,
    pub den: u32,
}

impl Ratio {
    /// Rounded to the nearest ‰ (halves up); `None` when nothing was counted, so an empty
    /// period reads "no data", never 0% nor 100%.
    pub fn per_mille(self) -> Option<u32> {
        if self.den == 0 {
            return None;
        }
        let (num, den) = (u64::from(self.num), u64::from(self.den));
        Some(u32::try_from((num * 2000 + den) / (2 * den)).unwrap_or(u32::MAX))
    }

    /// "87.5%", "100%", or "—" when there is no data.
    pub fn percent_text(self) -> String {
        match self.per_mille() {
            None => "—".to_string(),
            Some(pm) if pm % 10 == 0 => format!("{}%", pm / 10),
            Some(pm) => format!("{}.{}%", pm / 10, pm % 10),
        }
    }
}

/// A ratio with the job ids behind it. For the per-customer figures (returning, delight)
/// the ratio counts customers and the ids are their jobs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Figure {
    pub ratio: Ratio,
    pub num_ids: Vec<i64>,
    pub den_ids: Vec<i64>,
}

/// An average: the sum of the values of the jobs (or complaints) in `ids`, one value each.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Mean {
    pub sum: i64,
    pub ids: Vec<i64>,
}

impl Mean {
    /// `None` when nothing was counted.
    pub fn mean(&self) -> Option<f64> {
        let n = count(self.ids.len());
        (n > 0).then(|| self.sum as f64 / f64::from(n))
    }

    /// The mean rounded to a whole unit, halves up.
    pub fn rounded(&self) -> Option<i64> {
        let n = i64::from(count(self.ids.len()));
        (n > 0).then(|| self.sum.saturating_mul(2).saturating_add(n) / (2 * n))
    }

    /// Adds one value (negative values are data errors and count as 0).
    fn add(&mut self, id: i64, value: i64) {
        self.sum = self.sum.saturating_add(value.max(0));
        self.ids.push(id);
    }
}

/// Average minutes in one stage, over the delivered jobs that went through it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StageTime {
    pub stage: Stage,
    pub minutes: Mean,
}

/// Average seconds a check-in took on one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CheckinTime {
    pub channel: CheckinChannel,
    pub seconds: Mean,
}

/// The complaints of a period, as ids (a count is the list's length).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Complaints {
    pub opened: Vec<i64>,
    pub resolved: Vec<i64>,
    /// Open past their deadline at the period's end, or at `now` for the current period;
    /// none for a period not yet begun.
    pub overdue: Vec<i64>,
    /// Minutes from opening to resolution of those resolved in the period.
    pub minutes_to_resolve: Mean,
}

/// Every figure of one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Measures {
    pub period_start: NaiveDate,
    /// 回访率: reached on the call / delivered jobs, "no calls" left out. Target 100%.
    pub follow_up: Figure,
    /// 满意率: satisfied or very satisfied / reached.
    pub satisfaction: Figure,
    /// 感动率: customers very satisfied on a call / customers served in the period.
    pub delight: Figure,
    /// 回头率: customers first served before the period / customers served in it.
    pub returning: Figure,
    /// Ready by the promised time / delivered jobs.
    pub on_time: Figure,
    /// Passed QC at the first inspection / delivered jobs that went through QC.
    pub qc_first_pass: Figure,
    /// 返修 jobs / delivered jobs.
    pub returns: Figure,
    /// One entry per [`TIMED_STAGES`], in that order.
    pub stage_minutes: Vec<StageTime>,
    /// One entry per [`CheckinChannel::ALL`], in that order.
    pub checkin_seconds: Vec<CheckinTime>,
    /// Clocked labour minutes / available bay minutes.
    pub bay_utilisation: Ratio,
    pub complaints: Complaints,
}

/// One [`Measures`] per period from the one containing `from` to the one containing `to`,
/// in order, empty periods included. Periods are store-local; `now` decides which
/// complaints are overdue in the current period.
pub fn by_period(
    period: Period,
    from: NaiveDate,
    to: NaiveDate,
    facts: &Facts,
    now: DateTime<Utc>,
) -> Vec<Measures> {
    let mut first_seen: BTreeMap<i64, NaiveDate> = facts
        .first_visits
        .iter()
        .map(|(&customer, &at)| (customer, store_date(at)))
        .collect();
    let mut jobs: BTreeMap<NaiveDate, Vec<&DeliveredJob>> = BTreeMap::new();
    for job in &facts.jobs {
        let day = store_date(job.delivered_at);
        let seen = first_seen.entry(job.customer_id).or_insert(day);
        *seen = (*seen).min(day);
        jobs.entry(period.start_of(day)).or_default().push(job);
    }
    let mut out = Vec::new();
    let mut start = period.start_of(from);
    while start <= to {
        let end = period.next(start);
        let in_period = jobs.get(&start).map(Vec::as_slice).unwrap_or_default();
        out.push(measure(start, end, in_period, &first_seen, facts, now));
        if end <= start {
            break;
        }
        start = end;
    }
    out
}

/// The figures of the period `[start, end)`, whose delivered jobs are `jobs`.
fn measure(
    start: NaiveDate,
    end: NaiveDate,
    jobs: &[&DeliveredJob],
    first_seen: &BTreeMap<i64, NaiveDate>,
    facts: &Facts,
    now: DateTime<Utc>,
) -> Measures {
    let reached = |j: &DeliveredJob| match j.follow_up {
        FollowUpFact::Reached(s) => Some(s),
        _ => None,
    };
    Measures {
        period_start: start,
        follow_up: per_job(jobs, |j| match j.follow_up {
            FollowUpFact::NoCalls => None,
            f => Some(matches!(f, FollowUpFact::Reached(_))),
        }),
        satisfaction: per_job(jobs, |j| reached(j).map(|s| s != Verdict::NotSatisfied)),
        delight: per_customer(jobs, |j| reached(j) == Some(Verdict::VerySatisfied)),
        returning: per_customer(jobs, |j| {
            first_seen.get(&j.customer_id).is_some_and(|d| *d < start)
        }),
        on_time: per_job(jobs, |j| {
            Some(j.ready_at.unwrap_or(j.delivered_at) <= j.promised_at)
        }),
        qc_first_pass: per_job(jobs, |j| j.qc_first_pass),
        returns: per_job(jobs, |j| Some(j.is_return)),
        stage_minutes: TIMED_STAGES
            .into_iter()
            .map(|stage| StageTime {
                stage,
                minutes: mean(jobs, |j| {
                    let times = j.stage_minutes.iter().filter(|(s, _)| *s == stage);
                    times.map(|(_, m)| *m).reduce(i64::saturating_add)
                }),
            })
            .collect(),
        checkin_seconds: CheckinChannel::ALL
            .into_iter()
            .map(|channel| CheckinTime {
                channel,
                seconds: mean(jobs, |j| {
                    j.checkin.filter(|(c, _)| *c == channel).map(|(_, s)| s)
                }),
            })
            .collect(),
        bay_utilisation: bay_utilisation(&facts.bay_days, start, end),
        complaints: complaints(&facts.complaints, start, end, now),
    }
}
