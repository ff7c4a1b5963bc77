//! The labour clock: time a job has spent in service (start to finish, pauses and
//! checks excluded), per job and per technician, read off the job's timeline.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Stage;

/// Extra work reported at the bay: its estimate is 1 to this many minutes,
pub const EXTRA_WORK_MAX_MINUTES: u32 = 16 * 60;
/// with at most this many parts, each listed once, 1 to `EXTRA_WORK_MAX_QTY` of it.
pub const EXTRA_WORK_MAX_PARTS: usize = 20;
pub const EXTRA_WORK_MAX_QTY: u32 = 50;

/// One timeline step as the clock needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockStep {
    pub at: DateTime<Utc>,
    pub to: Stage,
    pub actor: String,
    /// The actor is a technician or team lead (not QC, foreman, …).
    pub by_technician: bool,
}

/// Minutes one technician has worked on a job (closed stints only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonMinutes {
    pub name: String,
    pub minutes: u32,
}

/// A job's labour clock.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LabourClock {
    /// Seconds worked in finished stints.
    pub worked_seconds: i64,
    /// When the stint under way started (the job is in service now).
    pub running_since: Option<DateTime<Utc>>,
    /// Who the stint under way is booked to.
    pub running_by: Option<String>,
    /// Finished stints per technician, in the order they first worked.
    pub by_person: Vec<PersonMinutes>,
}

impl LabourClock {
    /// Whole minutes worked up to `now`, the stint under way included.
    pub fn minutes_at(&self, now: DateTime<Utc>) -> u32 {
        let running = self
            .running_since
            .map_or(0, |since| (now - since).num_seconds().max(0));
        u32::try_from((self.worked_seconds + running) / 60).unwrap_or(u32::MAX)
    }
}

/// Builds the clock from a job's timeline (oldest first). A stint runs from entering
/// `in_service` to the next step; it is booked to the technician who started or resumed
/// it, or — when QC or a failed team check sent the car back — to the last technician
/// who worked on it (else to whoever sent it back).
pub fn labour_clock(steps: &[ClockStep]) -> LabourClock {
    let mut clock = LabourClock::default();
    let mut seconds: Vec<(String, i64)> = Vec::new();
    let mut last_technician: Option<String> = None;
    for (i, step) in steps.iter().enumerate() {
        if step.by_technician {
            last_technician = Some(step.actor.clone());
        }
        if step.to != Stage::InService {
            continue;
        }
        let who = if step.by_technician {
            step.actor.clone()
        } else {
            last_technician
                .clone()
                .unwrap_or_else(|| step.actor.clone())
        };
        match steps.get(i + 1) {
            Some(next) => {
                let stint = (next.at - step.at).num_seconds().max(0);
                clock.worked_seconds += stint;
                match seconds.iter_mut().find(|(name, _)| *name == who) {
                    Some((_, total)) => *total += stint,
                    None => seconds.push((who, stint)),
                }
            }
            None => {
                clock.running_since = Some(step.at);
                clock.running_by = Some(who);
            }
        }
    }
    clock.by_person = seconds
        .into_iter()
        .map(|(name, s)| PersonMinutes {
            name,
            minutes: u32::try_from(s / 60).unwrap_or(u32::MAX),
        })
        .collect();
    clock
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn t0() -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap_or_default()
    }

    fn step(min: i64, to: Stage, actor: &str, tech: bool) -> ClockStep {
        ClockStep {
            at: t0() + TimeDelta::minutes(min),
            to,
            actor: actor.into(),
            by_technician: tech,
        }
    }

    #[test]
    fn pauses_are_not_counted() {
        let steps = [
            step(0, Stage::Queued, "foreman", false),
            step(10, Stage::InService, "马俊", true),
            step(30, Stage::Paused, "马俊", true),
            step(90, Stage::InService, "马俊", true),
            step(105, Stage::QualityCheck, "马俊", true),
        ];
        let clock = labour_clock(&steps);
        assert_eq!(clock.minutes_at(t0() + TimeDelta::minutes(200)), 35);
        assert_eq!(clock.running_since, None);
        assert_eq!(
            clock.by_person,
            vec![PersonMinutes {
                name: "马俊".into(),
                minutes: 35
            }]
        );
    }

    #[test]
    fn a_stint_under_way_runs_with_the_clock() {
        let steps = [
            step(0, Stage::InService, "林浩", true),
            step(20, Stage::Paused, "林浩", true),
            step(50, Stage::InService, "郭建华", true),
        ];
        let clock = labour_clock(&steps);
        assert_eq!(clock.running_since, Some(t0() + TimeDelta::minutes(50)));
        assert_eq!(clock.running_by.as_deref(), Some("郭建华"));
        assert_eq!(clock.minutes_at(t0() + TimeDelta::minutes(60)), 30);
        assert_eq!(clock.minutes_at(t0() + TimeDelta::minutes(80)), 50);
    }

    #[test]
    fn rework_after_a_failed_qc_is_booked_to_the_last_technician() {
        let steps = [
            step(0, Stage::InService, "梁宇", true),
            step(40, Stage::QualityCheck, "梁宇", true),
            step(50, Stage::InService, "赵磊", false),
            step(65, Stage::QualityCheck, "罗明辉", true),
        ];
        let clock = labour_clock(&steps);
        assert_eq!(clock.minutes_at(t0() + TimeDelta::minutes(70)), 55);
        assert_eq!(
            clock.by_person,
            vec![PersonMinutes {
                name: "梁宇".into(),
                minutes: 55
            }]
        );
    }

    #[test]
    fn two_technicians_are_counted_apart() {
        let steps = [
            step(0, Stage::InService, "韩雪", true),
            step(25, Stage::Paused, "韩雪", true),
            step(30, Stage::InService, "唐海峰", true),
            step(40, Stage::QualityCheck, "唐海峰", true),
        ];
        let clock = labour_clock(&steps);
        let minutes: Vec<_> = clock.by_person.iter().map(|p| p.minutes).collect();
        assert_eq!(minutes, vec![25, 10]);
        assert_eq!(clock.minutes_at(t0() + TimeDelta::minutes(90)), 35);
    }

    #[test]
    fn a_job_not_started_has_worked_nothing() {
        let steps = [step(0, Stage::CheckedIn, "customer", false)];
        assert_eq!(labour_clock(&steps), LabourClock::default());
    }
}
