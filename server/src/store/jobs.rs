//! Jobs (repair orders): reading the staff view (the writes: `job_writes`).

use app::domain::{flags, ActionKind, PauseReason, Stage};
use app::model::{
    labour_of, CustomerView, DecidedBy, Decision, ItemKind, ItemStatus, JobItemView, JobView,
    PartLine, TimelineAction, VehicleView,
};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::timeline::{load_steps, StepRow};
use super::{parse_ts, ts, StoreError};

/// Which jobs to load.
#[derive(Debug, Clone, Copy)]
pub enum JobFilter<'a> {
    /// Every job not delivered or cancelled.
    Active,
    /// Active jobs at one bay.
    ActiveAtBay(i64),
    One(i64),
    Token(&'a str),
    /// The desk's day: every active job, and those delivered since the given instant.
    DeskDay(DateTime<Utc>),
}

const JOB_SELECT: &str = "SELECT j.id, j.ticket, j.version, j.stage, j.bay_id, j.queue_pos,
    j.promised_at, j.eta, j.stage_since, j.created_at, j.pause_reason, j.team_check_passed,
    j.wash, j.old_parts, j.payment_method, j.waiting, j.mileage_km, j.concerns, j.tracking_token,
    j.language, j.customer_told_eta, j.delivered_at, j.delivered_by, inv.body AS invoice,
    j.return_of,
    c.id AS customer_id, c.name AS customer_name, c.phone AS customer_phone,
    v.id AS vehicle_id, v.plate, v.vin, v.model, v.colour
  FROM jobs j JOIN vehicles v ON v.id = j.vehicle_id JOIN customers c ON c.id = v.customer_id
  LEFT JOIN invoices inv ON inv.job_id = j.id";

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    ticket: String,
    version: i64,
    stage: String,
    bay_id: Option<i64>,
    queue_pos: Option<i64>,
    promised_at: String,
    eta: String,
    stage_since: String,
    created_at: String,
    pause_reason: Option<String>,
    team_check_passed: bool,
    wash: bool,
    old_parts: String,
    payment_method: String,
    waiting: bool,
    mileage_km: i64,
    concerns: String,
    tracking_token: String,
    language: String,
    customer_told_eta: Option<String>,
    delivered_at: Option<String>,
    delivered_by: Option<String>,
    invoice: Option<String>,
    return_of: Option<i64>,
    customer_id: i64,
    customer_name: String,
    customer_phone: String,
    vehicle_id: i64,
    plate: String,
    vin: Option<String>,
    model: String,
    colour: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    job_id: i64,
    id: i64,
    name_zh: String,
    name_en: String,
    labor_minutes: i64,
    labor_fen: i64,
    parts_fen: i64,
    kind: String,
    status: String,
    safety_critical: bool,
    skill: Option<String>,
    not_done_note: Option<String>,
    free: bool,
    decided_at: Option<String>,
    decided_by: Option<String>,
    decided_name: Option<String>,
    signed: bool,
}

#[derive(sqlx::FromRow)]
struct ItemPartRow {
    item_id: i64,
    part_id: i64,
    code: String,
    name_zh: String,
    name_en: String,
    qty: i64,
}

pub(super) fn parse_stage(s: &str) -> Result<Stage, StoreError> {
    Stage::parse(s).ok_or_else(|| StoreError::Corrupt(format!("stage {s:?}")))
}

/// A stored pause reason: none, or one on the list (an unknown one is corrupt data,
/// not "no reason").
pub(super) fn parse_pause_reason(s: Option<&str>) -> Result<Option<PauseReason>, StoreError> {
    s.map(|s| {
        PauseReason::parse(s).ok_or_else(|| StoreError::Corrupt(format!("pause reason {s:?}")))
    })
    .transpose()
}

/// A stored count (minutes, a quantity, a mileage) that must be a `u32`; a negative
/// or huge one is corrupt data, never read as 0.
fn count(what: &str, id: i64, n: i64) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("{what} of {id}: {n}")))
}

/// Loads the staff view of the jobs the filter selects: four queries, whatever the count.
pub async fn load_jobs(
    conn: &mut SqliteConnection,
    filter: JobFilter<'_>,
) -> Result<Vec<JobView>, StoreError> {
    let base = match filter {
        JobFilter::Active => format!("{JOB_SELECT} WHERE j.stage NOT IN ('delivered', 'cancelled') ORDER BY j.id"),
        JobFilter::ActiveAtBay(_) => format!(
            "{JOB_SELECT} WHERE j.stage NOT IN ('delivered', 'cancelled') AND j.bay_id = ? ORDER BY j.id"
        ),
        JobFilter::One(_) => format!("{JOB_SELECT} WHERE j.id = ?"),
        JobFilter::Token(_) => format!("{JOB_SELECT} WHERE j.tracking_token = ?"),
        JobFilter::DeskDay(_) => format!(
            "{JOB_SELECT} WHERE j.stage NOT IN ('delivered', 'cancelled')
                OR (j.stage = 'delivered' AND j.delivered_at >= ?) ORDER BY j.id"
        ),
    };
    let query = sqlx::query_as::<_, JobRow>(&base);
    let query = match filter {
        JobFilter::Active => query,
        JobFilter::ActiveAtBay(id) | JobFilter::One(id) => query.bind(id),
        JobFilter::Token(token) => query.bind(token),
        JobFilter::DeskDay(since) => query.bind(ts(since)),
    };
    let rows = query.fetch_all(&mut *conn).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(&rows.iter().map(|r| r.id).collect::<Vec<_>>())
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let items: Vec<ItemRow> = sqlx::query_as(
        "SELECT i.job_id, i.id, i.name_zh, i.name_en, i.labor_minutes, i.labor_fen, i.parts_fen,
                i.kind, i.status, i.safety_critical, s.skill, i.not_done_note, i.free,
                i.decided_at, i.decided_by, i.decided_name, i.decline_signature IS NOT NULL AS signed
         FROM job_items i LEFT JOIN service_items s ON s.id = i.service_item_id
         WHERE i.job_id IN (SELECT value FROM json_each(?)) ORDER BY i.id",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    // An ordered item uses its service item's part; additional work lists its own.
    let parts: Vec<ItemPartRow> = sqlx::query_as(
        "SELECT i.id AS item_id, p.id AS part_id, p.code, p.name_zh, p.name_en, s.part_qty AS qty
         FROM job_items i JOIN service_items s ON s.id = i.service_item_id JOIN parts p ON p.id = s.part_id
         WHERE s.part_qty > 0 AND i.job_id IN (SELECT value FROM json_each(?1))
         UNION ALL
         SELECT i.id, p.id, p.code, p.name_zh, p.name_en, jp.qty
         FROM job_item_parts jp JOIN job_items i ON i.id = jp.job_item_id JOIN parts p ON p.id = jp.part_id
         WHERE i.job_id IN (SELECT value FROM json_each(?1))
         ORDER BY 1, 2",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    let timeline = load_steps(conn, &ids).await?;
    let mut jobs = rows
        .into_iter()
        .map(|row| assemble(row, &items, &parts, &timeline))
        .collect::<Result<Vec<_>, _>>()?;
    super::job_parts::attach_item_parts(conn, &ids, &mut jobs).await?;
    Ok(jobs)
}

fn assemble(
    r: JobRow,
    items: &[ItemRow],
    parts: &[ItemPartRow],
    timeline: &[StepRow],
) -> Result<JobView, StoreError> {
    let stage = parse_stage(&r.stage)?;
    let pause_reason = parse_pause_reason(r.pause_reason.as_deref())?;
    let items: Vec<JobItemView> = items
        .iter()
        .filter(|i| i.job_id == r.id)
        .map(|i| {
            let decision = match (&i.decided_at, &i.decided_by) {
                (Some(at), Some(by)) => Some(Decision {
                    by: DecidedBy::parse(by)?,
                    name: i.decided_name.clone().ok_or_else(|| {
                        StoreError::Corrupt(format!("item {}: decided without a name", i.id))
                    })?,
                    at: parse_ts(at)?,
                    signed: i.signed,
                }),
                (None, None) => None,
                _ => {
                    return Err(StoreError::Corrupt(format!(
                        "item {}: half a decision",
                        i.id
                    )))
                }
            };
            Ok(JobItemView {
                id: i.id,
                name_zh: i.name_zh.clone(),
                name_en: i.name_en.clone(),
                labor_minutes: count("labour minutes of item", i.id, i.labor_minutes)?,
                labor_fen: i.labor_fen,
                parts_fen: i.parts_fen,
                kind: ItemKind::parse(&i.kind)?,
                status: ItemStatus::parse(&i.status)?,
                safety_critical: i.safety_critical,
                skill: i.skill.clone(),
                not_done_note: i.not_done_note.clone(),
                parts: parts
                    .iter()
                    .filter(|p| p.item_id == i.id)
                    .map(|p| {
                        Ok(PartLine {
                            part_id: p.part_id,
                            code: p.code.clone(),
                            name_zh: p.name_zh.clone(),
                            name_en: p.name_en.clone(),
                            qty: count("part quantity of item", i.id, p.qty)?,
                        })
                    })
                    .collect::<Result<_, StoreError>>()?,
                free: i.free,
                decision,
                issued: Vec::new(),
                waits: Vec::new(),
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let steps: Vec<&StepRow> = timeline.iter().filter(|t| t.step.job_id == r.id).collect();
    let timeline_total = steps
        .first()
        .map_or(Ok(0), |t| usize::try_from(t.total))
        .map_err(|_| StoreError::Corrupt(format!("job {}: timeline count", r.id)))?;
    let washed = steps
        .iter()
        .any(|t| t.step.action == TimelineAction::Stage(ActionKind::FinishWash).as_str());
    let mut stage_changes = Vec::new();
    let mut travelling = Vec::new();
    for t in &steps {
        let entry = t.step.entry()?;
        if entry.from_stage != Some(entry.to_stage) {
            stage_changes.push(entry.clone());
        }
        if t.travelling {
            travelling.push(entry);
        }
    }
    let (labour, timeline) = (labour_of(&stage_changes), travelling);
    let (eta, promised_at) = (parse_ts(&r.eta)?, parse_ts(&r.promised_at)?);
    let pending = items.iter().any(|i| i.status == ItemStatus::Pending);
    Ok(JobView {
        id: r.id,
        ticket: r.ticket,
        version: r.version,
        flags: flags(
            r.return_of.is_some(),
            stage,
            pause_reason,
            pending,
            eta,
            promised_at,
        ),
        return_of: r.return_of,
        stage,
        bay_id: r.bay_id,
        queue_pos: r.queue_pos,
        promised_at,
        eta,
        stage_since: parse_ts(&r.stage_since)?,
        created_at: parse_ts(&r.created_at)?,
        pause_reason,
        team_check_passed: r.team_check_passed,
        wash: r.wash,
        old_parts: r.old_parts,
        payment_method: r.payment_method,
        waiting: r.waiting,
        mileage_km: count("mileage of job", r.id, r.mileage_km)?,
        concerns: r.concerns,
        tracking_token: r.tracking_token,
        customer: CustomerView {
            id: r.customer_id,
            name: r.customer_name,
            phone: r.customer_phone,
        },
        vehicle: VehicleView {
            id: r.vehicle_id,
            plate: r.plate,
            vin: r.vin,
            model: r.model,
            colour: r.colour,
        },
        items,
        currency: "CNY".into(),
        timeline,
        timeline_total,
        labour,
        washed,
        language: r.language,
        customer_told_eta: r.customer_told_eta.as_deref().map(parse_ts).transpose()?,
        delivered_at: r.delivered_at.as_deref().map(parse_ts).transpose()?,
        delivered_by: r.delivered_by,
        invoice: r
            .invoice
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("invoice: {e}")))?,
    })
}

pub async fn load_job(conn: &mut SqliteConnection, id: i64) -> Result<Option<JobView>, StoreError> {
    Ok(load_jobs(conn, JobFilter::One(id))
        .await?
        .into_iter()
        .next())
}

pub async fn job_id_by_token(
    conn: &mut SqliteConnection,
    token: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM jobs WHERE tracking_token = ?")
            .bind(token)
            .fetch_optional(&mut *conn)
            .await?,
    )
}
