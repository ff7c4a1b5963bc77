//! The facts the KPI page is computed from (`app::domain::kpi`): delivered jobs with
//! their timelines and follow-up calls, each customer's first visit, complaints, and the
//! bays' labour and opening minutes per store day.

use std::collections::{BTreeMap, BTreeSet};

use app::domain::follow_up::Satisfaction;
use app::domain::kpi::{
    BayDay, CheckinChannel, ComplaintFact, DeliveredJob, Facts, FollowUpFact, Verdict,
};
use app::domain::{from_store_local, store_date, Stage};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use sqlx::SqliteConnection;

use super::{parse_ts, ts, StoreError};

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("kpi {what} {value:?}"))
}

fn stage(s: &str) -> Result<Stage, StoreError> {
    Stage::parse(s).ok_or_else(|| corrupt("stage", s))
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    customer_id: i64,
    delivered_at: String,
    promised_at: String,
    is_return: bool,
    call_time: Option<String>,
    follow_up_state: Option<String>,
    satisfaction: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StepRow {
    job_id: i64,
    at: String,
    action: String,
    from_stage: Option<String>,
    to_stage: String,
    actor_role: String,
}

/// Everything `app::domain::kpi::by_period` needs for the store days touching
/// `[from, to)`: jobs delivered in it, complaints alive in it, bay minutes of it.
pub async fn kpi_facts(
    conn: &mut SqliteConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Facts, StoreError> {
    if to <= from {
        return Ok(Facts::default());
    }
    let (from_s, to_s) = (ts(from), ts(to));
    let jobs = delivered_jobs(conn, &from_s, &to_s).await?;
    let first_visits = first_visits(conn, &from_s, &to_s).await?;
    let complaints = complaints(conn, &from_s, &to_s).await?;
    let bay_days = bay_days(conn, from, to).await?;
    Ok(Facts {
        jobs,
        first_visits,
        complaints,
        bay_days,
    })
}

async fn delivered_jobs(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
) -> Result<Vec<DeliveredJob>, StoreError> {
    let rows: Vec<JobRow> = sqlx::query_as(
        "SELECT j.id, v.customer_id, j.delivered_at, j.promised_at, \
                j.return_of IS NOT NULL AS is_return, j.call_time, \
                f.state AS follow_up_state, f.satisfaction \
           FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id \
           LEFT JOIN follow_ups f ON f.job_id = j.id AND f.contact = 1 \
          WHERE j.delivered_at IS NOT NULL AND j.delivered_at >= ? AND j.delivered_at < ? \
          ORDER BY j.delivered_at, j.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let steps: Vec<StepRow> = sqlx::query_as(
        "SELECT t.job_id, t.at, t.action, t.from_stage, t.to_stage, t.actor_role \
           FROM job_timeline t JOIN jobs j ON j.id = t.job_id \
          WHERE j.delivered_at IS NOT NULL AND j.delivered_at >= ? AND j.delivered_at < ? \
          ORDER BY t.job_id, t.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_job: BTreeMap<i64, Vec<StepRow>> = BTreeMap::new();
    for step in steps {
        by_job.entry(step.job_id).or_default().push(step);
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let steps = by_job.remove(&row.id).unwrap_or_default();
        out.push(delivered_job(row, &steps)?);
    }
    Ok(out)
}

fn delivered_job(row: JobRow, steps: &[StepRow]) -> Result<DeliveredJob, StoreError> {
    let follow_up = follow_up_fact(&row)?;
    let mut ready_at = None;
    let mut qc_first_pass = None;
    let mut checkin = None;
    let mut stage_minutes = Vec::new();
    let mut current: Option<(Stage, DateTime<Utc>)> = None;
    for step in steps {
        let at = parse_ts(&step.at)?;
        let to = stage(&step.to_stage)?;
        let from = step.from_stage.as_deref().map(stage).transpose()?;
        let changed = from != Some(to);
        if changed && to == Stage::Ready {
            ready_at = Some(at);
        }
        match step.action.as_str() {
            "qc_pass" | "qc_fail" if qc_first_pass.is_none() => {
                qc_first_pass = Some(step.action == "qc_pass");
            }
            // No step records when a check-in began, so its duration is unknown: 0 s.
            "check_in" if checkin.is_none() => {
                let channel = if step.actor_role == "customer" {
                    CheckinChannel::Kiosk
                } else {
                    CheckinChannel::Desk
                };
                checkin = Some((channel, 0));
            }
            _ => {}
        }
        if changed {
            if let Some((was, since)) = current {
                stage_minutes.push((was, (at - since).num_minutes()));
            }
            current = Some((to, at));
        }
    }
    Ok(DeliveredJob {
        id: row.id,
        customer_id: row.customer_id,
        delivered_at: parse_ts(&row.delivered_at)?,
        promised_at: parse_ts(&row.promised_at)?,
        ready_at,
        qc_first_pass,
        is_return: row.is_return,
        checkin,
        stage_minutes,
        follow_up,
    })
}

/// The first contact's call; a job with no call on the list (delivered before calls
/// were scheduled) has not been followed up: pending.
fn follow_up_fact(row: &JobRow) -> Result<FollowUpFact, StoreError> {
    if row.call_time.as_deref() == Some("no_calls") {
        return Ok(FollowUpFact::NoCalls);
    }
    let Some(state) = row.follow_up_state.as_deref() else {
        return Ok(FollowUpFact::Pending);
    };
    Ok(match state {
        "open" => FollowUpFact::Pending,
        "unreachable" => FollowUpFact::Unreachable,
        "declined" => FollowUpFact::Declined,
        "done" => {
            let s = row.satisfaction.as_deref().unwrap_or("");
            FollowUpFact::Reached(
                match Satisfaction::parse(s).ok_or_else(|| corrupt("satisfaction", s))? {
                    Satisfaction::VerySatisfied => Verdict::VerySatisfied,
                    Satisfaction::Satisfied => Verdict::Satisfied,
                    Satisfaction::Neutral | Satisfaction::Dissatisfied => Verdict::NotSatisfied,
                },
            )
        }
        other => return Err(corrupt("follow-up state", other)),
    })
}

/// Each customer served in `[from, to)`: their earliest delivered job or service
/// history entry (a history date counts from the store's midnight).
async fn first_visits(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
) -> Result<BTreeMap<i64, DateTime<Utc>>, StoreError> {
    const SERVED: &str =
        "SELECT v2.customer_id FROM jobs j2 JOIN vehicles v2 ON v2.id = j2.vehicle_id \
         WHERE j2.delivered_at IS NOT NULL AND j2.delivered_at >= ? AND j2.delivered_at < ?";
    let jobs: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT v.customer_id, MIN(j.delivered_at) FROM jobs j \
           JOIN vehicles v ON v.id = j.vehicle_id \
          WHERE j.delivered_at IS NOT NULL AND v.customer_id IN ({SERVED}) \
          GROUP BY v.customer_id"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let history: Vec<(i64, String)> = sqlx::query_as(&format!(
        "SELECT v.customer_id, MIN(h.done_on) FROM service_history h \
           JOIN vehicles v ON v.id = h.vehicle_id \
          WHERE v.customer_id IN ({SERVED}) \
          GROUP BY v.customer_id"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = BTreeMap::new();
    for (customer, at) in jobs {
        out.insert(customer, parse_ts(&at)?);
    }
    for (customer, day) in history {
        let date = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_err(|_| corrupt("service history date", &day))?;
        let at = from_store_local(date.and_time(NaiveTime::MIN));
        let first = out.entry(customer).or_insert(at);
        *first = (*first).min(at);
    }
    Ok(out)
}

/// Complaints open at some time in `[from, to)`.
async fn complaints(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
) -> Result<Vec<ComplaintFact>, StoreError> {
    let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, opened_at, deadline, state, closed_at FROM complaints \
          WHERE opened_at < ? AND (state = 'open' OR closed_at IS NULL OR closed_at >= ?) \
          ORDER BY id",
    )
    .bind(to)
    .bind(from)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, opened_at, deadline, state, closed_at)| {
            let resolved_at = match (state.as_str(), closed_at) {
                ("open", _) => None,
                ("closed", Some(at)) => Some(parse_ts(&at)?),
                ("closed", None) => return Err(corrupt("complaint closed_at of", &id.to_string())),
                (other, _) => return Err(corrupt("complaint state", other)),
            };
            Ok(ComplaintFact {
                id,
                opened_at: parse_ts(&opened_at)?,
                deadline: parse_ts(&deadline)?,
                resolved_at,
            })
        })
        .collect()
}

/// One row per store day touching `[from, to)`: the minutes jobs spent `in_service`
/// (the labour clock's running time) and the minutes the bays were open, both within
/// `[from, to)`.
async fn bay_days(
    conn: &mut SqliteConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<BayDay>, StoreError> {
    let (from_s, to_s) = (ts(from), ts(to));
    let steps: Vec<(i64, String, Option<String>, String)> = sqlx::query_as(
        "SELECT t.job_id, t.at, t.from_stage, t.to_stage FROM job_timeline t \
           JOIN jobs j ON j.id = t.job_id \
          WHERE j.created_at < ? \
            AND (j.stage NOT IN ('delivered', 'cancelled') \
                 OR (SELECT MAX(t2.at) FROM job_timeline t2 WHERE t2.job_id = j.id) >= ?) \
            AND (t.from_stage IS NULL OR t.from_stage != t.to_stage) \
          ORDER BY t.job_id, t.id",
    )
    .bind(&to_s)
    .bind(&from_s)
    .fetch_all(&mut *conn)
    .await?;
    // Seconds per store day, turned into minutes at the end.
    let mut labour: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    let mut current: Option<(i64, DateTime<Utc>)> = None;
    for (job_id, at, _from, to_stage) in &steps {
        let at = parse_ts(at)?;
        if let Some((job, since)) = current.take() {
            if job == *job_id {
                spans.push((since, at));
            } else {
                spans.push((since, to));
            }
        }
        if stage(to_stage)? == Stage::InService {
            current = Some((*job_id, at));
        }
    }
    if let Some((_, since)) = current {
        spans.push((since, to));
    }
    for (start, end) in spans {
        add_by_day(&mut labour, start.max(from), end.min(to));
    }

    let bays: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, opens_at, closes_at FROM bays ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    let mut hours = Vec::with_capacity(bays.len());
    for (id, opens, closes) in bays {
        let parse =
            |s: &str| NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| corrupt("bay hours", s));
        let (opens, closes) = (parse(&opens)?, parse(&closes)?);
        if closes < opens {
            return Err(corrupt("bay hours of", &id.to_string()));
        }
        hours.push((opens, closes));
    }
    let mut available: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let mut day = store_date(from);
    let last = store_date(to - chrono::Duration::milliseconds(1));
    while day <= last {
        for (opens, closes) in &hours {
            let start = from_store_local(day.and_time(*opens)).max(from);
            let end = from_store_local(day.and_time(*closes)).min(to);
            add_by_day(&mut available, start, end);
        }
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => break,
        }
    }

    let days: BTreeSet<NaiveDate> = labour.keys().chain(available.keys()).copied().collect();
    Ok(days
        .into_iter()
        .map(|date| BayDay {
            date,
            labour_minutes: labour.get(&date).copied().unwrap_or(0) / 60,
            available_minutes: available.get(&date).copied().unwrap_or(0) / 60,
        })
        .collect())
}

/// Adds the seconds of `[start, end)` to the store days they fall on.
fn add_by_day(into: &mut BTreeMap<NaiveDate, i64>, start: DateTime<Utc>, end: DateTime<Utc>) {
    let mut at = start;
    while at < end {
        let day = store_date(at);
        let next = day
            .checked_add_days(Days::new(1))
            .map(|d| from_store_local(d.and_time(NaiveTime::MIN)))
            .unwrap_or(end)
            .min(end);
        *into.entry(day).or_insert(0) += (next - at).num_seconds();
        at = next;
    }
}
