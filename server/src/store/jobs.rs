//! Jobs (repair orders): reading the staff view (the writes: `job_writes`).

use app::domain::{flags, ActionKind, EtaJob, PauseReason, Stage};
use app::model::{
    labour_of, ActorRole, CustomerView, DecidedBy, Decision, ItemKind, ItemStatus, JobItemView,
    JobView, PartLine, TimelineAction, TimelineEntry, VehicleView, TIMELINE_FIRST, TIMELINE_LATEST,
};
use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

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

#[derive(sqlx::FromRow)]
struct TimelineRow {
    job_id: i64,
    at: String,
    actor_role: String,
    actor_name: String,
    action: String,
    from_stage: Option<String>,
    to_stage: String,
    note: String,
}

impl TimelineRow {
    fn entry(&self) -> Result<TimelineEntry, StoreError> {
        Ok(TimelineEntry {
            at: parse_ts(&self.at)?,
            actor_role: ActorRole::parse(&self.actor_role)?,
            actor_name: self.actor_name.clone(),
            action: TimelineAction::parse(&self.action)?,
            from_stage: self.from_stage.as_deref().map(parse_stage).transpose()?,
            to_stage: parse_stage(&self.to_stage)?,
            note: self.note.clone(),
        })
    }
}

/// A job's whole timeline, oldest first (a loaded job carries only its first and
/// latest steps).
pub async fn load_timeline(
    conn: &mut SqliteConnection,
    job_id: i64,
) -> Result<Vec<TimelineEntry>, StoreError> {
    let rows: Vec<TimelineRow> = sqlx::query_as(
        "SELECT job_id, at, actor_role, actor_name, action, from_stage, to_stage, note
         FROM job_timeline WHERE job_id = ? ORDER BY id",
    )
    .bind(job_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(TimelineRow::entry).collect()
}

/// A timeline row a loaded job needs: `travelling` if it is among the job's first or
/// latest steps (else a stage change or the wash), with the job's step count.
#[derive(sqlx::FromRow)]
struct StepRow {
    #[sqlx(flatten)]
    step: TimelineRow,
    travelling: bool,
    total: i64,
}

/// The steps the jobs `ids` (a JSON array) need, by job and id: their first and latest
/// (see [`TIMELINE_FIRST`]) and their stage changes and wash, each read through an index,
/// so loading a job costs the same at its 10th step and its 10,000th.
async fn load_steps(conn: &mut SqliteConnection, ids: &str) -> Result<Vec<StepRow>, StoreError> {
    let rows: Vec<StepRow> = sqlx::query_as(
        "WITH cuts AS (
             SELECT value AS job,
                    COALESCE((SELECT id FROM job_timeline WHERE job_id = value
                              ORDER BY id LIMIT 1 OFFSET ?2), 1 << 62) AS first_end,
                    COALESCE((SELECT id FROM job_timeline WHERE job_id = value
                              ORDER BY id DESC LIMIT 1 OFFSET ?3 - 1), 0) AS latest_start,
                    (SELECT timeline_total FROM jobs WHERE id = value) AS total
             FROM json_each(?1))
         SELECT t.id, t.job_id, t.at, t.actor_role, t.actor_name, t.action, t.from_stage,
                t.to_stage, t.note, 1 AS travelling, c.total
           FROM cuts c JOIN job_timeline t ON t.job_id = c.job AND t.id < c.first_end
         UNION ALL
         SELECT t.id, t.job_id, t.at, t.actor_role, t.actor_name, t.action, t.from_stage,
                t.to_stage, t.note, 1, c.total
           FROM cuts c JOIN job_timeline t
             ON t.job_id = c.job AND t.id >= MAX(c.latest_start, c.first_end)
         UNION ALL
         SELECT t.id, t.job_id, t.at, t.actor_role, t.actor_name, t.action, t.from_stage,
                t.to_stage, t.note, 0, c.total
           FROM cuts c JOIN job_timeline t INDEXED BY job_timeline_stage_changes ON t.job_id = c.job
          WHERE (t.from_stage IS NULL OR t.from_stage != t.to_stage OR t.action = 'finish_wash')
            AND t.id >= c.first_end AND t.id < c.latest_start
         ORDER BY 2, 1",
    )
    .bind(ids)
    .bind(i64::try_from(TIMELINE_FIRST).unwrap_or(i64::MAX))
    .bind(i64::try_from(TIMELINE_LATEST).unwrap_or(i64::MAX))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows)
}

fn parse_stage(s: &str) -> Result<Stage, StoreError> {
    Stage::parse(s).ok_or_else(|| StoreError::Corrupt(format!("stage {s:?}")))
}

/// A stored pause reason: none, or one on the list (an unknown one is corrupt data,
/// not "no reason").
fn parse_pause_reason(s: Option<&str>) -> Result<Option<PauseReason>, StoreError> {
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

#[derive(sqlx::FromRow)]
struct EtaRow {
    id: i64,
    stage: String,
    bay_id: Option<i64>,
    queue_pos: Option<i64>,
    pause_reason: Option<String>,
    wash: bool,
    stage_since: String,
    eta: String,
    minutes: i64,
    worked_seconds: f64,
    /// The latest expected delivery among the parts it waits for (open waits).
    waits_until: Option<String>,
    /// When the last wait of this pause ended (its part came in).
    waits_released: Option<String>,
}

/// What every active job's ETA depends on, one row per job however long its history:
/// the standard minutes of its work and the seconds worked in service (from entering
/// service to leaving it, or to `now`), added up by SQLite.
pub async fn eta_inputs(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
) -> Result<Vec<EtaJob>, StoreError> {
    let rows: Vec<EtaRow> = sqlx::query_as(
        "WITH changes AS (
             SELECT t.job_id, t.to_stage, t.at,
                    LEAD(t.at) OVER (PARTITION BY t.job_id ORDER BY t.id) AS next_at
             FROM jobs j JOIN job_timeline t INDEXED BY job_timeline_stage_changes ON t.job_id = j.id
             WHERE j.stage NOT IN ('delivered', 'cancelled')
               AND (t.from_stage IS NULL OR t.from_stage != t.to_stage OR t.action = 'finish_wash')
               AND t.actor_role != 'customer'
               AND (t.from_stage IS NULL OR t.from_stage != t.to_stage))
         SELECT j.id, j.stage, j.bay_id, j.queue_pos, j.pause_reason, j.wash, j.stage_since, j.eta,
                (SELECT COALESCE(SUM(i.labor_minutes), 0) FROM job_items i
                  WHERE i.job_id = j.id AND i.status IN ('todo', 'approved', 'done')) AS minutes,
                (SELECT COALESCE(SUM(MAX(0.0, julianday(COALESCE(c.next_at, ?1)) - julianday(c.at))), 0.0) * 86400.0
                  FROM changes c WHERE c.job_id = j.id AND c.to_stage = 'in_service') AS worked_seconds,
                (SELECT MAX(w.expected_on) FROM part_waits w
                  WHERE w.job_id = j.id AND w.released_at IS NULL) AS waits_until,
                (SELECT MAX(w.released_at) FROM part_waits w
                  WHERE w.job_id = j.id AND w.released_at >= j.stage_since) AS waits_released
         FROM jobs j WHERE j.stage NOT IN ('delivered', 'cancelled') ORDER BY j.id",
    )
    .bind(ts(now))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(EtaJob {
                id: r.id,
                stage: parse_stage(&r.stage)?,
                bay_id: r.bay_id,
                queue_pos: r.queue_pos,
                pause_reason: parse_pause_reason(r.pause_reason.as_deref())?,
                wash: r.wash,
                remaining_minutes: u32::try_from(r.minutes).map_err(|_| {
                    StoreError::Corrupt(format!("job {}: minutes {}", r.id, r.minutes))
                })?,
                // Whole minutes, as the labour clock counts them.
                worked_minutes: (r.worked_seconds.round() as u32) / 60,
                stage_since: parse_ts(&r.stage_since)?,
                eta: parse_ts(&r.eta)?,
                parts_due: match (&r.waits_until, &r.waits_released) {
                    (Some(day), _) => Some(app::domain::eta::delivery_arrival(
                        super::job_parts::parse_date(day)?,
                    )),
                    (None, Some(at)) => Some(parse_ts(at)?),
                    (None, None) => None,
                },
            })
        })
        .collect()
}
