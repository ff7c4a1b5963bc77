//! Complaints (投诉): opened by a call or at the desk, every step recorded, escalated
//! along the chain when a deadline passes, closed and re-opened.

use app::domain::complaint::{Category, Channel, ComplaintState, Severity, StepKind};
use app::domain::Role;
use app::model::{ComplaintStep, ComplaintView};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::{parse_ts, ts, StoreError};

/// A complaint as it is opened.
pub struct NewComplaintRow<'a> {
    pub job_id: Option<i64>,
    pub follow_up_id: Option<i64>,
    pub channel: Channel,
    pub category: Category,
    pub severity: Severity,
    pub summary: &'a str,
    pub customer_name: &'a str,
    pub customer_phone: &'a str,
    pub owner: Role,
    pub deadline: DateTime<Utc>,
    pub at: DateTime<Utc>,
}

pub async fn insert_complaint(
    conn: &mut SqliteConnection,
    c: &NewComplaintRow<'_>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO complaints (job_id, follow_up_id, channel, category, severity, summary, \
         customer_name, customer_phone, owner_role, deadline, opened_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(c.job_id)
    .bind(c.follow_up_id)
    .bind(c.channel.as_str())
    .bind(c.category.as_str())
    .bind(c.severity.as_str())
    .bind(c.summary)
    .bind(c.customer_name)
    .bind(c.customer_phone)
    .bind(c.owner.as_str())
    .bind(ts(c.deadline))
    .bind(ts(c.at))
    .fetch_one(&mut *conn)
    .await?)
}

/// One step as it is recorded.
pub struct StepRow<'a> {
    pub at: DateTime<Utc>,
    pub kind: StepKind,
    /// `None`: the clock (an escalation).
    pub actor_role: Option<Role>,
    pub actor_name: &'a str,
    pub owner: Role,
    pub note: &'a str,
    pub promise: &'a str,
}

pub async fn insert_step(
    conn: &mut SqliteConnection,
    complaint_id: i64,
    step: &StepRow<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO complaint_steps (complaint_id, at, kind, actor_role, actor_name, \
         owner_role, note, promise) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(complaint_id)
    .bind(ts(step.at))
    .bind(step.kind.as_str())
    .bind(step.actor_role.map_or(CLOCK, Role::as_str))
    .bind(step.actor_name)
    .bind(step.owner.as_str())
    .bind(step.note)
    .bind(step.promise)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Claims the complaint's `expected` version (bumping it); false when it moved on or
/// does not exist.
pub async fn claim_complaint(
    conn: &mut SqliteConnection,
    id: i64,
    expected: i64,
) -> Result<bool, StoreError> {
    Ok(
        sqlx::query("UPDATE complaints SET version = version + 1 WHERE id = ? AND version = ?")
            .bind(id)
            .bind(expected)
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Bumps the version after a change nobody claimed (the clock's escalation).
pub async fn bump_complaint(conn: &mut SqliteConnection, id: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE complaints SET version = version + 1 WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets the owner and deadline (an escalation, a re-opening).
pub async fn set_owner(
    conn: &mut SqliteConnection,
    id: i64,
    owner: Role,
    deadline: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE complaints SET owner_role = ?, deadline = ? WHERE id = ?")
        .bind(owner.as_str())
        .bind(ts(deadline))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Closes with the resolution and the day the customer was told.
pub async fn close_complaint(
    conn: &mut SqliteConnection,
    id: i64,
    resolution: &str,
    told_on: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE complaints SET state = 'closed', resolution = ?, customer_told_on = ?, \
         closed_at = ? WHERE id = ?",
    )
    .bind(resolution)
    .bind(told_on.to_string())
    .bind(ts(at))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Opens a closed complaint again, with a new deadline.
pub async fn reopen_complaint(
    conn: &mut SqliteConnection,
    id: i64,
    deadline: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE complaints SET state = 'open', deadline = ?, closed_at = NULL WHERE id = ?",
    )
    .bind(ts(deadline))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_return_job(
    conn: &mut SqliteConnection,
    id: i64,
    job_id: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE complaints SET return_job_id = ?, version = version + 1 WHERE id = ?")
        .bind(job_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

const COMPLAINT_SELECT: &str = "\
SELECT k.id, k.version, k.job_id, j.ticket, v.plate, k.follow_up_id, k.channel, k.category, \
       k.severity, k.summary, k.customer_name, k.customer_phone, k.owner_role, k.deadline, \
       k.state, k.resolution, k.customer_told_on, k.return_job_id, k.opened_at, k.closed_at \
  FROM complaints k LEFT JOIN jobs j ON j.id = k.job_id LEFT JOIN vehicles v ON v.id = j.vehicle_id";

#[derive(sqlx::FromRow)]
struct ComplaintRow {
    id: i64,
    version: i64,
    job_id: Option<i64>,
    ticket: Option<String>,
    plate: Option<String>,
    follow_up_id: Option<i64>,
    channel: String,
    category: String,
    severity: String,
    summary: String,
    customer_name: String,
    customer_phone: String,
    owner_role: String,
    deadline: String,
    state: String,
    resolution: Option<String>,
    customer_told_on: Option<String>,
    return_job_id: Option<i64>,
    opened_at: String,
    closed_at: Option<String>,
}

/// The `actor_role` of a step the clock took.
const CLOCK: &str = "system";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("complaint {what} {value:?}"))
}

fn role(value: &str) -> Result<Role, StoreError> {
    Role::parse(value).ok_or_else(|| corrupt("role", value))
}

impl ComplaintRow {
    fn into_view(
        self,
        steps: Vec<ComplaintStep>,
        now: DateTime<Utc>,
    ) -> Result<ComplaintView, StoreError> {
        let state =
            ComplaintState::parse(&self.state).ok_or_else(|| corrupt("state", &self.state))?;
        let deadline = parse_ts(&self.deadline)?;
        Ok(ComplaintView {
            id: self.id,
            version: self.version,
            job_id: self.job_id,
            ticket: self.ticket,
            plate: self.plate,
            follow_up_id: self.follow_up_id,
            channel: Channel::parse(&self.channel)
                .ok_or_else(|| corrupt("channel", &self.channel))?,
            category: Category::parse(&self.category)
                .ok_or_else(|| corrupt("category", &self.category))?,
            severity: Severity::parse(&self.severity)
                .ok_or_else(|| corrupt("severity", &self.severity))?,
            summary: self.summary,
            customer_name: self.customer_name,
            customer_phone: self.customer_phone,
            owner_role: role(&self.owner_role)?,
            overdue: state == ComplaintState::Open && now > deadline,
            deadline,
            state,
            resolution: self.resolution,
            customer_told_on: self
                .customer_told_on
                .as_deref()
                .map(|d| d.parse().map_err(|_| corrupt("customer_told_on", d)))
                .transpose()?,
            return_job_id: self.return_job_id,
            opened_at: parse_ts(&self.opened_at)?,
            closed_at: self.closed_at.as_deref().map(parse_ts).transpose()?,
            steps,
        })
    }
}

async fn steps_of(conn: &mut SqliteConnection, id: i64) -> Result<Vec<ComplaintStep>, StoreError> {
    let rows: Vec<(String, String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT at, kind, actor_role, actor_name, owner_role, note, promise \
         FROM complaint_steps WHERE complaint_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(at, kind, actor_role, actor_name, owner, note, promise)| {
            Ok(ComplaintStep {
                at: parse_ts(&at)?,
                kind: StepKind::parse(&kind).ok_or_else(|| corrupt("step", &kind))?,
                actor_role: (actor_role != CLOCK)
                    .then(|| role(&actor_role))
                    .transpose()?,
                actor_name,
                owner_role: role(&owner)?,
                note,
                promise,
            })
        })
        .collect()
}

/// One complaint with every step.
pub async fn complaint(
    conn: &mut SqliteConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<ComplaintView>, StoreError> {
    let sql = format!("{COMPLAINT_SELECT} WHERE k.id = ?");
    let row: Option<ComplaintRow> = sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => {
            let steps = steps_of(conn, id).await?;
            Ok(Some(row.into_view(steps, now)?))
        }
        None => Ok(None),
    }
}

/// Open complaints, and those closed since `closed_since`, with their steps; open ones
/// by deadline first.
pub async fn complaints(
    conn: &mut SqliteConnection,
    closed_since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<ComplaintView>, StoreError> {
    let sql = format!(
        "{COMPLAINT_SELECT} WHERE k.state = 'open' OR k.closed_at >= ? \
         ORDER BY k.state = 'closed', k.deadline, k.id"
    );
    let rows: Vec<ComplaintRow> = sqlx::query_as(&sql)
        .bind(ts(closed_since))
        .fetch_all(&mut *conn)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let steps = steps_of(conn, row.id).await?;
        out.push(row.into_view(steps, now)?);
    }
    Ok(out)
}

/// Open complaints whose deadline has passed by `now`: (id, owner, deadline, severity).
pub async fn complaints_past_deadline(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> Result<Vec<(i64, Role, DateTime<Utc>, Severity)>, StoreError> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, owner_role, deadline, severity FROM complaints \
         WHERE state = 'open' AND deadline <= ? ORDER BY id",
    )
    .bind(ts(now))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, owner, deadline, severity)| {
            Ok((
                id,
                role(&owner)?,
                parse_ts(&deadline)?,
                Severity::parse(&severity).ok_or_else(|| corrupt("severity", &severity))?,
            ))
        })
        .collect()
}
