//! The history's complaints: opened by calls and by hand (phone, in store, online, the
//! manufacturer's hotline), noted, escalated by the clock at each deadline, resolved
//! with the day the customer was told, one re-opened, some still open and overdue.

use app::domain::complaint::{
    deadline_after, escalations_due, Category, Channel, Severity, StepKind,
};
use app::domain::{store_date, Role};
use chrono::{DateTime, Duration, Utc};
use sqlx::SqliteConnection;

use super::jobs::Delivered;
use super::Rng;
use crate::store::{self, NewComplaintRow, StepRow, StoreError};

/// Who the clock's escalations are recorded as (`aftersales::ESCALATION_ACTOR`).
const ESCALATION_ACTOR: &str = "系统 system";

/// A complaint as opened.
pub(super) struct Opened {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub severity: Severity,
    pub owner: Role,
}

/// The demo staff member in each role of the chain.
fn name_of(role: Role) -> &'static str {
    match role {
        Role::FollowUpAgent => super::aftersales::AGENT,
        Role::Advisor => "王敏",
        Role::ReceptionSupervisor => "郑洁",
        _ => "周婷",
    }
}

async fn step(
    conn: &mut SqliteConnection,
    id: i64,
    kind: StepKind,
    (actor, owner): (Option<Role>, Role),
    (note, promise): (&str, &str),
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let actor_name = actor.map_or(ESCALATION_ACTOR, name_of);
    let row = StepRow {
        at,
        kind,
        actor_role: actor,
        actor_name,
        owner,
        note,
        promise,
    };
    store::insert_step(conn, id, &row).await
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn open(
    conn: &mut SqliteConnection,
    job: Option<&Delivered>,
    follow_up_id: Option<i64>,
    (channel, category, severity): (Channel, Category, Severity),
    summary: &str,
    (opener, owner): (Role, Role),
    at: DateTime<Utc>,
) -> Result<Opened, StoreError> {
    let row = NewComplaintRow {
        job_id: job.map(|j| j.id),
        follow_up_id,
        channel,
        category,
        severity,
        summary,
        customer_name: job.map_or("", |j| j.customer_name.as_str()),
        customer_phone: job.map_or("", |j| j.phone.as_str()),
        owner,
        deadline: deadline_after(at, severity),
        at,
    };
    let id = store::insert_complaint(conn, &row).await?;
    step(
        conn,
        id,
        StepKind::Opened,
        (Some(opener), owner),
        (summary, ""),
        at,
    )
    .await?;
    Ok(Opened {
        id,
        at,
        severity,
        owner,
    })
}

/// The complaint a call opens (`aftersales::follow_ups::open_from_call`).
pub(super) async fn open_from_call(
    conn: &mut SqliteConnection,
    job: &Delivered,
    follow_up_id: i64,
    fault_not_fixed: bool,
    comments: &str,
    at: DateTime<Utc>,
) -> Result<Opened, StoreError> {
    let kind = if fault_not_fixed {
        (
            Channel::FollowUpCall,
            Category::RepairQuality,
            Severity::High,
        )
    } else {
        (Channel::FollowUpCall, Category::Other, Severity::Normal)
    };
    let agent = Role::FollowUpAgent;
    open(
        conn,
        Some(job),
        Some(follow_up_id),
        kind,
        comments,
        (agent, agent),
        at,
    )
    .await
}

/// What happens to a complaint by `cutoff`: half resolved in its owner's time, some
/// after escalating, the rest left open (escalated as far as the clock took them). One
/// open a day more at most would escalate after the cutoff: it is resolved instead, so
/// the store starts with nothing for the clock to do. `earliest`: not resolved before
/// (its return job delivered).
pub(super) async fn settle(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    c: &Opened,
    earliest: Option<DateTime<Utc>>,
    cutoff: DateTime<Utc>,
    reopened: &mut bool,
) -> Result<(), StoreError> {
    let act = c.severity.time_to_act().num_minutes();
    let first_deadline = deadline_after(c.at, c.severity);
    let mut resolve = match rng.below(10) {
        0..=4 => Some(c.at + Duration::minutes(act * rng.range(20, 80) / 100)),
        5..=7 => Some(
            first_deadline + Duration::minutes(act * rng.range(0, 150) / 100 + rng.range(30, 120)),
        ),
        _ => None,
    };
    if let (Some(r), Some(e)) = (resolve, earliest) {
        resolve = Some(r.max(e + Duration::hours(1)));
    }
    resolve = resolve.filter(|r| *r < cutoff);
    let mut last = c.at;
    let note_at = c.at + Duration::minutes(rng.range(20, 90));
    if note_at < resolve.unwrap_or(cutoff).min(first_deadline) {
        let who = (Some(c.owner), c.owner);
        let words = ("已致电客户致歉，了解详细情况", "两天内给出处理方案");
        step(conn, c.id, StepKind::Note, who, words, note_at).await?;
        last = note_at;
    }
    let steps = escalations_due(
        c.owner,
        first_deadline,
        c.severity,
        resolve.unwrap_or(cutoff),
    );
    let (mut owner, mut deadline) = (c.owner, first_deadline);
    for s in &steps {
        step(
            conn,
            c.id,
            StepKind::Escalated,
            (None, s.to),
            ("", ""),
            s.at,
        )
        .await?;
        (owner, deadline, last) = (s.to, s.next_deadline, s.at);
    }
    if !steps.is_empty() {
        store::set_owner(conn, c.id, owner, deadline).await?;
    }
    if resolve.is_none() && owner != Role::Manager && deadline < cutoff + Duration::days(1) {
        resolve = Some(last + (deadline.min(cutoff) - last) / 2);
    }
    let Some(at) = resolve else { return Ok(()) };
    let words = match earliest {
        Some(_) => "返修完成，故障已排除，客户确认满意",
        None => "已向客户道歉并说明处理结果，客户接受",
    };
    resolve_at(conn, c.id, owner, words, at).await?;
    let again = at + Duration::days(2);
    if !*reopened && again + Duration::days(1) < cutoff {
        *reopened = true;
        let supervisor = Role::ReceptionSupervisor;
        let words = ("客户来电：问题再次出现", "当天安排复查");
        step(
            conn,
            c.id,
            StepKind::Reopened,
            (Some(supervisor), supervisor),
            words,
            again,
        )
        .await?;
        let deadline = deadline_after(again, c.severity);
        store::reopen_complaint(conn, c.id, deadline).await?;
        store::set_owner(conn, c.id, supervisor, deadline).await?;
        let done = again + Duration::minutes(act / 2);
        resolve_at(
            conn,
            c.id,
            supervisor,
            "复查后重新处理，客户确认问题解决",
            done,
        )
        .await?;
    }
    Ok(())
}

async fn resolve_at(
    conn: &mut SqliteConnection,
    id: i64,
    owner: Role,
    resolution: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    step(
        conn,
        id,
        StepKind::Resolved,
        (Some(owner), owner),
        (resolution, ""),
        at,
    )
    .await?;
    store::close_complaint(conn, id, resolution, store_date(at), at).await
}
