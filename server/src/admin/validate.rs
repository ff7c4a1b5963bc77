//! Checking what a manager typed on the admin screens: every bad field named in one
//! `422 invalid`, with the limits the screens show.

use app::domain::text::{clean_line, CODE_MAX, DESCRIPTION_MAX};
use app::domain::{schedule::FAMILY_MAX, Money, SKILLS};
use app::model::{BayEdit, OutageEdit, PackageEdit, ScheduleEdit, ServiceItemEdit};
use chrono::{DateTime, Duration, NaiveTime, Utc};

use crate::checkin::Fields;

/// Longest bay, team, item or package name.
pub const NAME_MAX: usize = 60;
/// Most standard minutes of one service item (a working day and a half).
pub const MINUTES_MAX: u32 = 16 * 60;
/// Most of one part a service item uses.
pub const PART_QTY_MAX: u32 = 50;
/// The labour rate's range, fen per hour (¥1 to ¥10,000).
pub const RATE_MIN_FEN: i64 = 100;
pub const RATE_MAX_FEN: i64 = 1_000_000;
/// Longest out-of-service period.
pub const OUTAGE_MAX_DAYS: i64 = 366;
/// Most packages in a schedule, items in a package, and the highest package mileage.
pub const PACKAGES_MAX: usize = 30;
pub const PACKAGE_ITEMS_MAX: usize = 30;
pub const PACKAGE_KM_MAX: u32 = 1_000_000;

/// A one-line text, trimmed, 1 to `max` characters.
pub fn name(fields: &mut Fields, field: &str, value: &str, max: usize) -> String {
    match clean_line(value, max) {
        Ok(v) if !v.trim().is_empty() => v.trim().to_string(),
        Ok(_) => {
            fields.add(field, format!("give 1 to {max} characters"));
            String::new()
        }
        Err(e) => {
            fields.add(field, e.to_string());
            String::new()
        }
    }
}

fn hhmm(value: &str) -> Option<NaiveTime> {
    (value.len() == 5)
        .then(|| NaiveTime::parse_from_str(value, "%H:%M").ok())
        .flatten()
}

/// A bay with its texts cleaned; `fields` names what is wrong.
pub fn bay(req: &BayEdit, fields: &mut Fields) -> BayEdit {
    let mut skills: Vec<String> = Vec::new();
    for s in &req.skills {
        if !SKILLS.contains(&s.as_str()) {
            fields.add("skills", format!("unknown skill {s:?}"));
        } else if !skills.contains(s) {
            skills.push(s.clone());
        }
    }
    if req.skills.is_empty() {
        fields.add("skills", "a bay has at least one skill");
    }
    match (hhmm(&req.opens_at), hhmm(&req.closes_at)) {
        (Some(open), Some(close)) if open < close => {}
        (Some(_), Some(_)) => fields.add("closes_at", "a bay closes after it opens"),
        (open, close) => {
            if open.is_none() {
                fields.add("opens_at", "a time as HH:MM, e.g. 08:00");
            }
            if close.is_none() {
                fields.add("closes_at", "a time as HH:MM, e.g. 18:00");
            }
        }
    }
    BayEdit {
        name_zh: name(fields, "name_zh", &req.name_zh, NAME_MAX),
        name_en: name(fields, "name_en", &req.name_en, NAME_MAX),
        team_name: name(fields, "team_name", &req.team_name, NAME_MAX),
        skills,
        opens_at: req.opens_at.clone(),
        closes_at: req.closes_at.clone(),
    }
}

pub fn outage(req: &OutageEdit, now: DateTime<Utc>, fields: &mut Fields) -> OutageEdit {
    if req.to <= req.from {
        fields.add("to", "the period ends after it starts");
    } else if req.to <= now {
        fields.add("to", "the period is over already");
    } else if req.to - req.from > Duration::days(OUTAGE_MAX_DAYS) {
        fields.add("to", format!("at most {OUTAGE_MAX_DAYS} days"));
    }
    OutageEdit {
        from: req.from,
        to: req.to,
        reason: name(fields, "reason", &req.reason, DESCRIPTION_MAX),
    }
}

/// A service item; whether its part exists is checked against the store by the caller.
pub fn service_item(req: &ServiceItemEdit, fields: &mut Fields) -> ServiceItemEdit {
    let code = req.code.trim();
    if code.is_empty()
        || code.len() > CODE_MAX
        || !code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        fields.add(
            "code",
            format!("1 to {CODE_MAX} lower-case letters, digits or _"),
        );
    }
    if !(1..=MINUTES_MAX).contains(&req.labor_minutes) {
        fields.add(
            "labor_minutes",
            format!("between 1 and {MINUTES_MAX} minutes"),
        );
    }
    if !SKILLS.contains(&req.skill.as_str()) {
        fields.add("skill", format!("unknown skill {:?}", req.skill));
    }
    match req.part_id {
        Some(_) if !(1..=PART_QTY_MAX).contains(&req.part_qty) => {
            fields.add("part_qty", format!("1 to {PART_QTY_MAX} of the part"))
        }
        None if req.part_qty != 0 => fields.add("part_qty", "no part, so no quantity"),
        _ => {}
    }
    ServiceItemEdit {
        code: code.to_string(),
        name_zh: name(fields, "name_zh", &req.name_zh, NAME_MAX),
        name_en: name(fields, "name_en", &req.name_en, NAME_MAX),
        ..req.clone()
    }
}

/// The labour rate as money, within its range.
pub fn labour_rate(fen: i64, fields: &mut Fields) -> Money {
    if !(RATE_MIN_FEN..=RATE_MAX_FEN).contains(&fen) {
        fields.add(
            "labour_rate_fen_per_hour",
            format!(
                "between {} and {} an hour",
                Money::from_fen(RATE_MIN_FEN),
                Money::from_fen(RATE_MAX_FEN)
            ),
        );
    }
    Money::from_fen(fen)
}

/// A schedule; whether its items exist is checked against the store by the caller.
pub fn schedule(req: &ScheduleEdit, fields: &mut Fields) -> ScheduleEdit {
    let model_family = req
        .model_family
        .as_deref()
        .map(|f| name(fields, "model_family", f, FAMILY_MAX));
    if req.packages.len() > PACKAGES_MAX {
        fields.add("packages", format!("at most {PACKAGES_MAX} packages"));
    }
    let mut packages: Vec<PackageEdit> = Vec::new();
    for (i, p) in req.packages.iter().enumerate() {
        let field = |f: &str| format!("packages[{i}].{f}");
        if !(1..=PACKAGE_KM_MAX).contains(&p.km) {
            fields.add(&field("km"), format!("1 to {PACKAGE_KM_MAX} km"));
        } else if packages.iter().any(|q| q.km == p.km) {
            fields.add(&field("km"), "each mileage once per schedule");
        }
        let mut items: Vec<i64> = Vec::new();
        for id in &p.item_ids {
            if items.contains(id) {
                fields.add(&field("item_ids"), "each item once");
            }
            items.push(*id);
        }
        if items.is_empty() || items.len() > PACKAGE_ITEMS_MAX {
            fields.add(
                &field("item_ids"),
                format!("1 to {PACKAGE_ITEMS_MAX} items"),
            );
        }
        packages.push(PackageEdit {
            km: p.km,
            name_zh: name(fields, &field("name_zh"), &p.name_zh, NAME_MAX),
            name_en: name(fields, &field("name_en"), &p.name_en, NAME_MAX),
            free: p.free,
            item_ids: items,
        });
    }
    packages.sort_by_key(|p| p.km);
    ScheduleEdit {
        fuel_type: req.fuel_type,
        model_family,
        packages,
    }
}
