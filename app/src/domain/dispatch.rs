//! Which bay a job should go to: one whose skills cover the job's work, with the least
//! standard time already queued. The kiosk's promise and the foreman's suggestion both
//! use it.

use super::Stage;

/// A bay as dispatch sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BayLoad {
    pub bay_id: i64,
    pub skills: Vec<String>,
    /// Standard minutes of work not yet done at the bay.
    pub queued_minutes: u32,
    /// Out of service now: suggested to nobody, and no capacity of the workshop.
    pub out_of_service: bool,
}

impl BayLoad {
    pub fn covers(&self, needed: &[&str]) -> bool {
        needed.iter().all(|n| self.skills.iter().any(|s| s == n))
    }
}

/// A job as the load count sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadJob {
    pub bay_id: Option<i64>,
    pub stage: Stage,
    /// Standard minutes of the job's work.
    pub standard_minutes: u32,
    /// Minutes already worked on it.
    pub worked_minutes: u32,
}

/// Standard minutes still ahead of a bay: its queue in full, plus what is left of the
/// car it is working on (in service or paused).
pub fn bay_load(bay_id: i64, jobs: &[LoadJob]) -> u32 {
    jobs.iter()
        .filter(|j| j.bay_id == Some(bay_id))
        .map(|j| match j.stage {
            Stage::Queued => j.standard_minutes,
            Stage::InService | Stage::Paused => j.standard_minutes.saturating_sub(j.worked_minutes),
            Stage::CheckedIn
            | Stage::QualityCheck
            | Stage::Washing
            | Stage::Ready
            | Stage::Delivered
            | Stage::Cancelled => 0,
        })
        .sum()
}

/// The skill codes a bay may have (the screens name each; see `i18n::skill_name`).
pub const SKILLS: [&str; 6] = [
    "quick_service",
    "general_repair",
    "alignment",
    "electrical",
    "ev",
    "body",
];

/// The bay to suggest: the least loaded among those in service covering every needed
/// skill (ties go to the lower bay id); none when no bay can do the work.
pub fn suggest_bay<'a>(bays: &'a [BayLoad], needed: &[&str]) -> Option<&'a BayLoad> {
    bays.iter()
        .filter(|b| !b.out_of_service && b.covers(needed))
        .min_by_key(|b| (b.queued_minutes, b.bay_id))
}

/// A bay's queue (job ids, in order) with `job` placed at `position` (1 = next; past
/// the end means last). The job is taken out of wherever it was first.
pub fn place_in_queue(queue: &[i64], job: i64, position: u32) -> Vec<i64> {
    let mut out: Vec<i64> = queue.iter().copied().filter(|id| *id != job).collect();
    let at = usize::try_from(position.saturating_sub(1)).unwrap_or(usize::MAX);
    out.insert(at.min(out.len()), job);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bay(id: i64, skills: &[&str], minutes: u32) -> BayLoad {
        BayLoad {
            bay_id: id,
            skills: skills.iter().map(|s| s.to_string()).collect(),
            queued_minutes: minutes,
            out_of_service: false,
        }
    }

    #[test]
    fn a_bay_out_of_service_is_suggested_to_nobody() {
        let bays = [
            BayLoad {
                out_of_service: true,
                ..bay(1, &["quick_service"], 0)
            },
            bay(2, &["quick_service"], 300),
        ];
        assert_eq!(
            suggest_bay(&bays, &["quick_service"]).map(|b| b.bay_id),
            Some(2)
        );
        assert_eq!(suggest_bay(&bays[..1], &["quick_service"]), None);
    }

    #[test]
    fn the_least_loaded_bay_with_the_skills_wins() {
        let bays = [
            bay(1, &["quick_service"], 120),
            bay(2, &["quick_service", "general_repair"], 60),
            bay(3, &["quick_service", "alignment"], 30),
        ];
        assert_eq!(
            suggest_bay(&bays, &["quick_service"]).map(|b| b.bay_id),
            Some(3)
        );
        assert_eq!(
            suggest_bay(&bays, &["quick_service", "general_repair"]).map(|b| b.bay_id),
            Some(2)
        );
    }

    fn job(bay: i64, stage: Stage, standard: u32, worked: u32) -> LoadJob {
        LoadJob {
            bay_id: Some(bay),
            stage,
            standard_minutes: standard,
            worked_minutes: worked,
        }
    }

    #[test]
    fn a_bay_load_is_its_queue_plus_what_is_left_of_its_car() {
        let jobs = [
            job(1, Stage::InService, 60, 45),
            job(1, Stage::Queued, 30, 0),
            job(1, Stage::QualityCheck, 90, 90),
            job(2, Stage::Paused, 40, 50),
            job(2, Stage::Queued, 20, 0),
            LoadJob {
                bay_id: None,
                ..job(0, Stage::CheckedIn, 100, 0)
            },
        ];
        assert_eq!(bay_load(1, &jobs), 15 + 30);
        // An overrun counts as nothing left, not as negative time.
        assert_eq!(bay_load(2, &jobs), 20);
        assert_eq!(bay_load(3, &jobs), 0);
    }

    #[test]
    fn skills_beat_load() {
        let bays = [
            bay(1, &["quick_service"], 0),
            bay(4, &["alignment", "general_repair"], 240),
        ];
        assert_eq!(
            suggest_bay(&bays, &["alignment"]).map(|b| b.bay_id),
            Some(4)
        );
        // Nothing needed: every bay qualifies and the idle one wins.
        assert_eq!(suggest_bay(&bays, &[]).map(|b| b.bay_id), Some(1));
    }

    #[test]
    fn placing_in_a_queue_moves_the_job_and_keeps_the_rest_in_order() {
        assert_eq!(place_in_queue(&[10, 11, 12], 12, 1), vec![12, 10, 11]);
        assert_eq!(place_in_queue(&[10, 11, 12], 10, 2), vec![11, 10, 12]);
        assert_eq!(place_in_queue(&[10, 11], 7, 99), vec![10, 11, 7]);
        assert_eq!(place_in_queue(&[10, 11], 7, 0), vec![7, 10, 11]);
        assert_eq!(place_in_queue(&[], 7, 1), vec![7]);
    }

    #[test]
    fn ties_go_to_the_lower_bay_and_no_bay_means_none() {
        let bays = [bay(2, &["body"], 0), bay(1, &["body"], 0)];
        assert_eq!(suggest_bay(&bays, &["body"]).map(|b| b.bay_id), Some(1));
        assert_eq!(suggest_bay(&bays, &["electrical"]), None);
    }
}
