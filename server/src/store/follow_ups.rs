//! The follow-up calls (回访): the task each delivery schedules, the call list with the
//! facts its script needs, and each attempt recorded.

use app::domain::follow_up::{
    first_call_due, Attempt, CallFindings, CallOutcome, CallTime, DueWindow, FaultFixed,
    Satisfaction, TaskState,
};
use app::model::{CallFacts, FollowUpTask, Invoice, ListBucket, WorkDone};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{parse_ts, ts, StoreError};

/// Records the customer's preferred call time on the job and, unless they want no
/// calls, puts the first call on the list, due within 3 days; the call's id.
pub async fn schedule_first_call(
    conn: &mut SqliteConnection,
    job_id: i64,
    call_time: CallTime,
    delivered_at: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    sqlx::query("UPDATE jobs SET call_time = ? WHERE id = ?")
        .bind(call_time.as_str())
        .bind(job_id)
        .execute(&mut *conn)
        .await?;
    match first_call_due(delivered_at, call_time) {
        Some(due) => insert_task(conn, job_id, 1, call_time, &due, delivered_at).await,
        None => Ok(None),
    }
}

/// Puts a call on the list (contact 1 or 2) and gives its id; `None` when that contact
/// is already on the list.
pub async fn insert_task(
    conn: &mut SqliteConnection,
    job_id: i64,
    contact: u8,
    call_time: CallTime,
    due: &DueWindow,
    at: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO follow_ups (job_id, contact, call_time, due_from, due_by, created_at) \
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_id, contact) DO NOTHING RETURNING id",
    )
    .bind(job_id)
    .bind(contact)
    .bind(call_time.as_str())
    .bind(ts(due.from))
    .bind(ts(due.by))
    .bind(ts(at))
    .fetch_optional(&mut *conn)
    .await?)
}

const TASK_SELECT: &str = "\
SELECT f.id, f.contact, f.call_time, f.due_from, f.due_by, f.state, f.attempts, f.agent, \
       f.satisfaction, f.fault_fixed, f.comments, f.reminder_consent, f.closed_at, \
       (SELECT MIN(id) FROM complaints WHERE follow_up_id = f.id) AS complaint_id, \
       j.id AS job_id, j.delivered_at, j.return_of IS NOT NULL AS is_return, c.phone, inv.body \
  FROM follow_ups f JOIN jobs j ON j.id = f.job_id \
  JOIN vehicles v ON v.id = j.vehicle_id JOIN customers c ON c.id = v.customer_id \
  JOIN invoices inv ON inv.job_id = j.id";

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: i64,
    contact: i64,
    call_time: String,
    due_from: String,
    due_by: String,
    state: String,
    attempts: i64,
    agent: Option<String>,
    satisfaction: Option<String>,
    fault_fixed: Option<String>,
    comments: Option<String>,
    reminder_consent: Option<bool>,
    closed_at: Option<String>,
    complaint_id: Option<i64>,
    job_id: i64,
    delivered_at: Option<String>,
    is_return: bool,
    phone: String,
    body: String,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("follow-up {what} {value:?}"))
}

impl TaskRow {
    fn into_task(self, now: DateTime<Utc>) -> Result<FollowUpTask, StoreError> {
        let state = TaskState::parse(&self.state).ok_or_else(|| corrupt("state", &self.state))?;
        let due = DueWindow {
            from: parse_ts(&self.due_from)?,
            by: parse_ts(&self.due_by)?,
        };
        let findings = match (self.satisfaction, self.fault_fixed) {
            (Some(s), Some(f)) => Some(CallFindings {
                satisfaction: Satisfaction::parse(&s).ok_or_else(|| corrupt("satisfaction", &s))?,
                fault_fixed: FaultFixed::parse(&f).ok_or_else(|| corrupt("fault_fixed", &f))?,
                comments: self.comments.unwrap_or_default(),
                reminder_consent: self
                    .reminder_consent
                    .ok_or_else(|| corrupt("reminder_consent", "missing"))?,
            }),
            _ => None,
        };
        let invoice: Invoice = serde_json::from_str(&self.body)
            .map_err(|e| StoreError::Corrupt(format!("invoice of job {}: {e}", self.job_id)))?;
        let delivered_at = match self.delivered_at {
            Some(at) => parse_ts(&at)?,
            None => invoice.issued_at,
        };
        Ok(FollowUpTask {
            id: self.id,
            contact: u8::try_from(self.contact).map_err(|_| corrupt("contact", "?"))?,
            call_time: CallTime::parse(&self.call_time)
                .ok_or_else(|| corrupt("call_time", &self.call_time))?,
            bucket: ListBucket::of(state, &due, now),
            due,
            state,
            attempts: u8::try_from(self.attempts).map_err(|_| corrupt("attempts", "?"))?,
            agent: self.agent,
            findings,
            closed_at: self.closed_at.as_deref().map(parse_ts).transpose()?,
            complaint_id: self.complaint_id,
            facts: CallFacts {
                job_id: self.job_id,
                ticket: invoice.ticket,
                customer_name: invoice.customer_name,
                phone: self.phone,
                plate: invoice.plate,
                model: invoice.model,
                delivered_at,
                advisor: invoice.advisor,
                work: invoice
                    .lines
                    .into_iter()
                    .map(|l| WorkDone {
                        name_zh: l.name_zh,
                        name_en: l.name_en,
                    })
                    .collect(),
                total_fen: invoice.total_fen,
                currency: invoice.currency,
                next_service_km: invoice.next_service_km,
                next_service_date: invoice.next_service_date,
                is_return: self.is_return,
            },
        })
    }
}

/// The call list: every open task, and those closed since `closed_since`, by deadline.
pub async fn follow_up_tasks(
    conn: &mut SqliteConnection,
    closed_since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<FollowUpTask>, StoreError> {
    let sql =
        format!("{TASK_SELECT} WHERE f.state = 'open' OR f.closed_at >= ? ORDER BY f.due_by, f.id");
    let rows: Vec<TaskRow> = sqlx::query_as(&sql)
        .bind(ts(closed_since))
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter().map(|r| r.into_task(now)).collect()
}

pub async fn follow_up_task(
    conn: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<FollowUpTask>, StoreError> {
    let sql = format!("{TASK_SELECT} WHERE f.id = ?");
    let row: Option<TaskRow> = sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| r.into_task(now)).transpose()
}

/// One attempt at a call, as it is written.
pub struct CallWrite<'a> {
    /// The task's attempts as the agent saw them.
    pub expected_attempts: u8,
    pub outcome: CallOutcome,
    pub attempt: &'a Attempt,
    pub findings: Option<&'a CallFindings>,
    pub agent: &'a str,
    pub now: DateTime<Utc>,
}

/// Records one attempt if the task still has `expected_attempts`; false when someone
/// else recorded a call since (nothing is written then).
pub async fn record_call(
    conn: &mut SqliteConnection,
    id: i64,
    call: &CallWrite<'_>,
) -> Result<bool, StoreError> {
    let CallWrite {
        expected_attempts,
        outcome,
        attempt,
        findings,
        agent,
        now,
    } = *call;
    let closed = attempt.state.is_closed().then(|| ts(now));
    let done = sqlx::query(
        "UPDATE follow_ups SET state = ?, attempts = ?, agent = ?, satisfaction = ?, \
         fault_fixed = ?, comments = ?, reminder_consent = ?, closed_at = ? \
         WHERE id = ? AND attempts = ? AND state = 'open'",
    )
    .bind(attempt.state.as_str())
    .bind(attempt.attempts)
    .bind(agent)
    .bind(findings.map(|f| f.satisfaction.as_str()))
    .bind(findings.map(|f| f.fault_fixed.as_str()))
    .bind(findings.map(|f| f.comments.as_str()))
    .bind(findings.map(|f| f.reminder_consent))
    .bind(closed)
    .bind(id)
    .bind(expected_attempts)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if done {
        sqlx::query(
            "INSERT INTO follow_up_calls (follow_up_id, at, agent, outcome) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(ts(now))
        .bind(agent)
        .bind(outcome.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(done)
}
