//! A history job's timeline: checked in (at the kiosk or by an advisor), assigned,
//! worked, team-checked, through QC (about 1 in 12 fails first and is reworked), washed
//! when asked, ready, delivered; the work overruns now and then.

use super::super::data::{BAYS, SERVICE_ITEMS, STAFF};
use super::Rng;

pub(super) struct Row {
    pub minute: i64,
    pub role: &'static str,
    pub actor: String,
    pub action: &'static str,
    pub from: Option<&'static str>,
    pub to: &'static str,
    pub note: &'static str,
}

/// A job's day: its timeline and what it decided, in minutes after the store's midnight.
pub(super) struct Timeline {
    pub rows: Vec<Row>,
    pub bay: i64,
    pub advisor: &'static str,
    pub wash: bool,
    pub checked_in: i64,
    pub promised: i64,
    pub delivered: i64,
}

/// (action, role, from, to, note).
type Step = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

const QC: Option<&str> = Some("quality_check");
const ASSIGN: Step = ("assign", "foreman", Some("checked_in"), "queued", "");
const START: Step = ("start", "technician", Some("queued"), "in_service", "");
const FINISH: Step = (
    "finish_work",
    "technician",
    Some("in_service"),
    "quality_check",
    "自检完成",
);
const TEAM_CHECK: Step = (
    "team_check",
    "team_lead",
    QC,
    "quality_check",
    "班组长检验合格",
);
const QC_FAIL: Step = (
    "qc_fail",
    "qc_inspector",
    QC,
    "in_service",
    "复检不合格：螺栓扭矩未达标，返工",
);
const REWORKED: Step = (
    "finish_work",
    "technician",
    Some("in_service"),
    "quality_check",
    "返工完成，自检合格",
);
const QC_TO_WASH: Step = ("qc_pass", "qc_inspector", QC, "washing", "");
const QC_TO_READY: Step = ("qc_pass", "qc_inspector", QC, "ready", "");
const WASHED: Step = ("finish_wash", "washer", Some("washing"), "ready", "");
const DELIVER: Step = (
    "deliver",
    "advisor",
    Some("ready"),
    "delivered",
    "已向客户说明作业内容",
);

fn staff(role: &str) -> &'static str {
    STAFF.iter().find(|s| s.1 == role).map_or("", |s| s.2)
}

fn minutes_of(code: &str) -> i64 {
    SERVICE_ITEMS
        .iter()
        .find(|s| s.code == code)
        .map_or(0, |s| s.minutes)
}

/// The day of a job ordering `items` at one of `bays`, for `customer`; a return job
/// (`redo`) passes QC first time.
pub(super) fn timeline(
    rng: &mut Rng,
    (items, bays): (&[&str], &[i64]),
    customer: &str,
    redo: bool,
) -> Timeline {
    let bay = rng.pick(bays).copied().unwrap_or(1);
    let team = usize::try_from(bay - 1).ok().and_then(|b| BAYS.get(b));
    let (lead, tech) = team.map_or(("", ""), |t| (t.lead, t.technician));
    let advisor = if rng.one_in(2) { "王敏" } else { "陈静" };
    let wash = !rng.one_in(3);
    let labour: i64 = items.iter().map(|c| minutes_of(c)).sum();
    let kiosk = rng.below(5) < 2;
    let qc_fail = !redo && rng.one_in(12);
    let overrun = rng.one_in(8);
    let mut t = 8 * 60 + rng.range(0, 270);
    let (checked_in, promised) = (t, t + labour + 120 + rng.range(0, 60));
    let (check_role, check_actor) = match kiosk {
        true => ("customer", customer),
        false => ("advisor", advisor),
    };
    let mut rows = Vec::new();
    let mut push = |minute, (action, role, from, to, note): Step| {
        let actor = match role {
            "technician" => tech,
            "team_lead" => lead,
            "advisor" => advisor,
            "customer" => check_actor,
            other => staff(other),
        };
        let actor = actor.to_string();
        rows.push(Row {
            minute,
            role,
            actor,
            action,
            from,
            to,
            note,
        });
    };
    push(t, ("check_in", check_role, None, "checked_in", ""));
    t += rng.range(3, 15);
    push(t, ASSIGN);
    t += rng.range(5, 40);
    push(t, START);
    t += labour + rng.range(-5, 25) + if overrun { rng.range(45, 120) } else { 0 };
    push(t, FINISH);
    t += rng.range(5, 12);
    push(t, TEAM_CHECK);
    if qc_fail {
        t += rng.range(10, 25);
        push(t, QC_FAIL);
        t += rng.range(15, 40);
        push(t, REWORKED);
        t += rng.range(5, 10);
        push(t, TEAM_CHECK);
    }
    t += rng.range(8, 30);
    push(t, if wash { QC_TO_WASH } else { QC_TO_READY });
    if wash {
        t += rng.range(20, 35);
        push(t, WASHED);
    }
    t += rng.range(10, 150);
    push(t, DELIVER);
    Timeline {
        rows,
        bay,
        advisor,
        wash,
        checked_in,
        promised,
        delivered: t,
    }
}
