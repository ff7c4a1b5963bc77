//! A day's load for booking: the bays' capacity per slot and skill, the appointments
//! booked against it and, today, the work already in the workshop; the work a booking
//! asks for (a package's items, single items or only concerns) and whether its parts can
//! be promised on the day.

use app::domain::capacity::{self, BayHours, Need, SlotLoad};
use app::domain::{from_store_local, package_at, store_date, to_store_local, FuelType};
use app::model::{BookedWork, PartShortage, SlotView};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use sqlx::SqliteConnection;

use crate::{error::AppError, store};

/// Most single items on one booking.
pub const ITEMS_MAX: usize = 20;

/// The store day's bounds in UTC.
pub fn day_bounds(date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = from_store_local(date.and_time(NaiveTime::MIN));
    (start, start + chrono::Duration::days(1))
}

/// The UTC instant of a slot's start on `date`.
pub fn slot_at(date: NaiveDate, start: NaiveTime) -> DateTime<Utc> {
    from_store_local(date.and_time(start))
}

/// The work a booking asks for and the service items behind it: the package due at
/// `package_km` on the car's schedule, the single items, or a diagnosis hour for
/// concerns alone.
pub async fn work_of(
    conn: &mut SqliteConnection,
    fuel: (FuelType, Option<&str>),
    package_km: Option<u32>,
    service_ids: &[i64],
) -> Result<(Vec<BookedWork>, Vec<i64>), AppError> {
    if service_ids.len() > ITEMS_MAX {
        return Err(AppError::field(
            "service_ids",
            format!("at most {ITEMS_MAX} items"),
        ));
    }
    let mut ids: Vec<i64> = Vec::new();
    if let Some(km) = package_km {
        let schedule = store::schedule(conn, fuel.0, fuel.1).await?;
        let entries: Vec<(u32, bool)> = schedule.iter().map(|p| (p.km, p.free)).collect();
        let package = package_at(&entries, km)
            .and_then(|i| schedule.get(i))
            .ok_or_else(|| {
                AppError::field(
                    "package_km",
                    "no package of this car's schedule falls due there",
                )
            })?;
        ids.extend(&package.item_ids);
    }
    let catalogue = store::catalogue(conn).await?;
    for id in service_ids {
        if !catalogue.iter().any(|c| c.id == *id) {
            return Err(AppError::field(
                "service_ids",
                format!("there is no item {id}"),
            ));
        }
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    let work = ids
        .iter()
        .map(|id| {
            catalogue
                .iter()
                .find(|c| c.id == *id)
                .map(|c| BookedWork {
                    service_item_id: c.id,
                    name_zh: c.name_zh.clone(),
                    name_en: c.name_en.clone(),
                    skill: c.skill.clone(),
                    minutes: c.labor_minutes,
                })
                .ok_or_else(|| {
                    AppError::Internal(format!("package item {id} is not in the catalogue"))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((work, ids))
}

/// The needs of booked work (a diagnosis hour when there is none).
pub fn needs_of(work: &[BookedWork]) -> Vec<Need> {
    let lines: Vec<(String, u32)> = work.iter().map(|w| (w.skill.clone(), w.minutes)).collect();
    capacity::needs(&lines)
}

/// The day's load at `now`, leaving out appointment `except` (being rescheduled).
pub async fn day_load(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<Vec<SlotLoad>, AppError> {
    let (from, to) = day_bounds(date);
    let bays = store::bay_hours(conn, from, to)
        .await?
        .into_iter()
        .map(|(bay_id, skills, opens, closes, in_service)| {
            let time = |t: &str| {
                NaiveTime::parse_from_str(t, "%H:%M")
                    .map_err(|_| AppError::Internal(format!("bay {bay_id}: hours {t:?}")))
            };
            Ok(BayHours {
                bay_id,
                skills: skills
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
                opens: time(&opens)?,
                closes: time(&closes)?,
                in_service,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let booked: Vec<(NaiveTime, Vec<Need>)> = store::appointments_between(conn, from, to)
        .await?
        .into_iter()
        .filter(|a| {
            a.state != app::model::AppointmentState::Cancelled
                && a.job_id.is_none()
                && Some(a.id) != except
        })
        .map(|a| (to_store_local(a.scheduled_at).time(), needs_of(&a.work)))
        .collect();
    let today = store_date(now) == date;
    let carried = if today {
        store::work_in_progress(conn)
            .await?
            .into_iter()
            .map(|(skill, minutes)| {
                let minutes = u32::try_from(minutes).map_err(|_| {
                    AppError::Internal(format!("work in progress: {minutes} minutes"))
                })?;
                Ok(Need { skill, minutes })
            })
            .collect::<Result<_, AppError>>()?
    } else {
        Vec::new()
    };
    let from_time = today.then(|| to_store_local(now).time());
    Ok(capacity::day_load(&bays, &booked, &carried, from_time))
}

/// The slots as the screens show them: past ones (begun before `now`) and whether
/// `need` fits (any work, when `need` is `None`).
pub fn slot_views(
    date: NaiveDate,
    slots: &[SlotLoad],
    need: Option<&[Need]>,
    now: DateTime<Utc>,
) -> Vec<SlotView> {
    slots
        .iter()
        .map(|slot| {
            let start = slot_at(date, slot.start);
            let past = start < now;
            let fits = !past
                && match need {
                    Some(need) => capacity::fits(slot, need),
                    None => slot.skills.iter().any(|s| s.booked < s.capacity),
                };
            SlotView {
                start,
                skills: slot
                    .skills
                    .iter()
                    .map(|s| app::model::SkillLoad {
                        skill: s.skill.clone(),
                        capacity: s.capacity,
                        booked: s.booked,
                    })
                    .collect(),
                past,
                fits,
            }
        })
        .collect()
}

/// The parts the items need that the shelf cannot promise (on hand, less what jobs
/// and other open bookings have reserved), and the first day they can be: the day after
/// the delivery that covers them, `None` when nothing on order does.
pub async fn parts_check(
    conn: &mut SqliteConnection,
    item_ids: &[i64],
    now: DateTime<Utc>,
    except: Option<i64>,
) -> Result<(Vec<PartShortage>, Option<NaiveDate>), AppError> {
    let needed = store::parts_needed(conn, item_ids).await?;
    if needed.is_empty() {
        return Ok((Vec::new(), None));
    }
    let promised =
        store::parts_promised_to_bookings(conn, day_bounds(store_date(now)).0, except).await?;
    let mut shortages = Vec::new();
    let mut from: Option<NaiveDate> = None;
    let mut uncovered = false;
    for part in needed {
        let booked = promised
            .iter()
            .find(|(id, _)| *id == part.part_id)
            .map_or(0, |(_, q)| *q);
        let available = part.on_hand - part.reserved - booked;
        if part.needed <= available {
            continue;
        }
        let expected_on = part
            .expected_on
            .as_deref()
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                    AppError::Internal(format!("part {}: expected_on {d:?}", part.part_id))
                })
            })
            .transpose()?
            .filter(|_| available + part.on_order >= part.needed);
        match expected_on.and_then(|d| d.checked_add_days(Days::new(1))) {
            Some(day) => from = Some(from.map_or(day, |f| f.max(day))),
            None => uncovered = true,
        }
        shortages.push(PartShortage {
            part_id: part.part_id,
            code: part.code,
            name_zh: part.name_zh,
            name_en: part.name_en,
            needed: part.needed,
            available,
            expected_on,
        });
    }
    Ok((shortages, if uncovered { None } else { from }))
}
