//! Workshop capacity for appointments (预约): the bookable hours of a day, each hour's
//! capacity per bay skill (from the bays' skills and opening hours), the standard
//! minutes booked or already in the workshop against it, and which hours a new
//! booking fits in. A full alignment hour does not block a free oil-change hour: every
//! skill is counted on its own.
//!
//! Times are store-local. A bay counts for each of its skills at once (a bay that can
//! do both alignment and general repair adds its minutes to both); this overstates the
//! capacity of mixed bays, a deliberate simplification.

use std::collections::BTreeMap;

use chrono::{NaiveTime, Timelike};

/// Length of a bookable slot.
pub const SLOT_MINUTES: u32 = 60;

/// Work booked with only the customer's concerns (no items): an hour of diagnosis.
pub const DIAGNOSIS_MINUTES: u32 = 60;

/// The skill the diagnosis hour of a booking without items needs.
pub const DIAGNOSIS_SKILL: &str = "general_repair";

const SLOT_SECS: u32 = SLOT_MINUTES * 60;

/// A bay as capacity sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BayHours {
    pub bay_id: i64,
    pub skills: Vec<String>,
    /// Store-local opening time on the day.
    pub opens: NaiveTime,
    /// Store-local closing time on the day; a bay closing at or before it opens is not
    /// open at all.
    pub closes: NaiveTime,
    /// Out of service on that day: no capacity.
    pub in_service: bool,
}

impl BayHours {
    /// Opening and closing, in seconds from midnight, when the bay is open that day.
    fn open_secs(&self) -> Option<(u32, u32)> {
        let (opens, closes) = (secs(self.opens), secs(self.closes));
        (self.in_service && opens < closes).then_some((opens, closes))
    }
}

/// Minutes of one skill's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub skill: String,
    pub minutes: u32,
}

/// Sums work lines `(skill, minutes)` into one [`Need`] per skill, sorted by skill. No
/// lines (only the customer's concerns) give the diagnosis hour: [`DIAGNOSIS_SKILL`],
/// [`DIAGNOSIS_MINUTES`]. Zero-minute lines still name their skill (minutes 0).
pub fn needs(lines: &[(String, u32)]) -> Vec<Need> {
    if lines.is_empty() {
        return vec![Need {
            skill: DIAGNOSIS_SKILL.to_string(),
            minutes: DIAGNOSIS_MINUTES,
        }];
    }
    let mut by_skill: BTreeMap<&str, u32> = BTreeMap::new();
    for (skill, minutes) in lines {
        let sum = by_skill.entry(skill.as_str()).or_insert(0);
        *sum = sum.saturating_add(*minutes);
    }
    by_skill
        .into_iter()
        .map(|(skill, minutes)| Need {
            skill: skill.to_string(),
            minutes,
        })
        .collect()
}

/// The day's slot starts: from the earliest opening among bays in service, every
/// [`SLOT_MINUTES`], while start + [`SLOT_MINUTES`] is not after the latest closing.
/// Empty when no bay is in service (or none is open long enough for a slot).
pub fn day_slots(bays: &[BayHours]) -> Vec<NaiveTime> {
    let open: Vec<(u32, u32)> = bays.iter().filter_map(BayHours::open_secs).collect();
    let (Some(first), Some(last)) = (
        open.iter().map(|(o, _)| *o).min(),
        open.iter().map(|(_, c)| *c).max(),
    ) else {
        return Vec::new();
    };
    (0..)
        .map(|i| first + i * SLOT_SECS)
        .take_while(|start| start + SLOT_SECS <= last)
        .filter_map(|start| NaiveTime::from_num_seconds_from_midnight_opt(start, 0))
        .collect()
}

/// Per skill, the bay-minutes of `[start, start + SLOT_MINUTES)` that bays in service
/// with that skill are open (a bay open only half the slot gives 30). A bay with two
/// skills counts in full for each (the documented simplification). Sorted by skill;
/// skills with no capacity in the slot are left out.
pub fn slot_capacity(bays: &[BayHours], start: NaiveTime) -> Vec<(String, u32)> {
    capacity_map(bays, secs(start)).into_iter().collect()
}

/// One skill's load in a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillLoad {
    pub skill: String,
    /// Bay-minutes of the skill in the slot.
    pub capacity: u32,
    /// Standard minutes booked (or carried) into the slot for the skill.
    pub booked: u32,
}

/// One slot's load, per skill (sorted by skill).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotLoad {
    pub start: NaiveTime,
    pub skills: Vec<SkillLoad>,
}

/// The day's load: every slot of [`day_slots`] with, per skill (every skill that has
/// capacity in the slot or minutes booked in it), its capacity and booked minutes.
///
/// `booked` are appointments, (their start time, their needs), each counted whole in
/// the slot containing its start (start <= t < start + slot); one starting outside
/// every slot counts in the nearest slot.
///
/// `carried` is work already in the workshop today (walk-ins, jobs in progress): per
/// skill its minutes fill the slots from the one containing `from` forward (`None`:
/// nothing is carried, e.g. another day), each slot taking up to what its capacity for
/// the skill leaves after the bookings; what is left after the last slot is dropped.
pub fn day_load(
    bays: &[BayHours],
    booked: &[(NaiveTime, Vec<Need>)],
    carried: &[Need],
    from: Option<NaiveTime>,
) -> Vec<SlotLoad> {
    let starts: Vec<u32> = day_slots(bays).into_iter().map(secs).collect();
    // Per slot, per skill: (capacity, booked).
    let mut loads: Vec<BTreeMap<String, (u32, u32)>> = starts
        .iter()
        .map(|start| {
            capacity_map(bays, *start)
                .into_iter()
                .map(|(skill, capacity)| (skill, (capacity, 0)))
                .collect()
        })
        .collect();

    for (at, work) in booked {
        let Some(slot) = nearest_slot(&starts, secs(*at)) else {
            continue;
        };
        let Some(load) = loads.get_mut(slot) else {
            continue;
        };
        for need in work {
            let entry = load.entry(need.skill.clone()).or_insert((0, 0));
            entry.1 = entry.1.saturating_add(need.minutes);
        }
    }

    if let Some(from) = from {
        let from = secs(from);
        // The slot containing `from`, or the first when it is before the day starts.
        let first = starts
            .iter()
            .position(|start| from < start + SLOT_SECS)
            .unwrap_or(starts.len());
        for need in carried {
            let mut left = need.minutes;
            for load in loads.iter_mut().skip(first) {
                if left == 0 {
                    break;
                }
                if let Some((capacity, booked)) = load.get_mut(&need.skill) {
                    let take = left.min(capacity.saturating_sub(*booked));
                    *booked += take;
                    left -= take;
                }
            }
        }
    }

    starts
        .iter()
        .zip(loads)
        .filter_map(|(start, load)| {
            let start = NaiveTime::from_num_seconds_from_midnight_opt(*start, 0)?;
            let skills = load
                .into_iter()
                .filter(|(_, (capacity, booked))| *capacity > 0 || *booked > 0)
                .map(|(skill, (capacity, booked))| SkillLoad {
                    skill,
                    capacity,
                    booked,
                })
                .collect();
            Some(SlotLoad { start, skills })
        })
        .collect()
}

/// Whether work `need` fits in the slot: for every needed skill the slot has capacity
/// for it, and either nothing is booked for it yet or booked + minutes is within the
/// capacity. (A slot is full for a skill once booked >= capacity; a slot with nothing
/// booked for the skill always takes one booking, even work longer than the slot.) A
/// need of 0 minutes only requires capacity. Needs naming a skill twice are summed;
/// no needs at all fit anywhere.
pub fn fits(slot: &SlotLoad, need: &[Need]) -> bool {
    let mut by_skill: BTreeMap<&str, u32> = BTreeMap::new();
    for n in need {
        let sum = by_skill.entry(n.skill.as_str()).or_insert(0);
        *sum = sum.saturating_add(n.minutes);
    }
    by_skill.into_iter().all(|(skill, minutes)| {
        slot.skills
            .iter()
            .find(|s| s.skill == skill)
            .is_some_and(|s| {
                s.capacity > 0
                    && (minutes == 0
                        || s.booked == 0
                        || s.booked.saturating_add(minutes) <= s.capacity)
            })
    })
}

/// Up to `n` slot starts where `need` fits, at or after `not_before` (`None`: any),
/// nearest to `wanted` first (on a tie, the earlier).
pub fn nearest_fitting(
    slots: &[SlotLoad],
    need: &[Need],
    wanted: NaiveTime,
    not_before: Option<NaiveTime>,
    n: usize,
) -> Vec<NaiveTime> {
    let wanted = secs(wanted);
    let mut found: Vec<NaiveTime> = slots
        .iter()
        .filter(|s| not_before.is_none_or(|nb| s.start >= nb))
        .filter(|s| fits(s, need))
        .map(|s| s.start)
        .collect();
    found.sort_by_key(|start| (secs(*start).abs_diff(wanted), *start));
    found.truncate(n);
    found
}

/// Seconds from midnight.
fn secs(t: NaiveTime) -> u32 {
    t.num_seconds_from_midnight()
}

/// Per skill, the bay-minutes of the slot starting at `start` (seconds from midnight);
/// skills with none left out.
fn capacity_map(bays: &[BayHours], start: u32) -> BTreeMap<String, u32> {
    let end = start + SLOT_SECS;
    let mut by_skill: BTreeMap<String, u32> = BTreeMap::new();
    for bay in bays {
        let Some((opens, closes)) = bay.open_secs() else {
            continue;
        };
        let overlap = closes.min(end).saturating_sub(opens.max(start)) / 60;
        if overlap == 0 {
            continue;
        }
        let mut skills: Vec<&String> = bay.skills.iter().collect();
        skills.sort();
        skills.dedup();
        for skill in skills {
            let sum = by_skill.entry(skill.clone()).or_insert(0);
            *sum = sum.saturating_add(overlap);
        }
    }
    by_skill
}

/// The slot (index into `starts`) an appointment at `at` counts in: the one containing
/// it, else the nearest (on a tie, the earlier); `None` when there are no slots.
fn nearest_slot(starts: &[u32], at: u32) -> Option<usize> {
    starts
        .iter()
        .enumerate()
        .min_by_key(|(i, start)| {
            let end = **start + SLOT_SECS;
            let distance = if at < **start {
                **start - at
            } else if at >= end {
                at - end + 1
            } else {
                0
            };
            (distance, *i)
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests;
