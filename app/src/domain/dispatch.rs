//! Which bay a job should go to: one whose skills cover the job's work, with the least
//! standard time already queued. The kiosk's promise and the foreman's suggestion both
//! use it.

/// A bay as dispatch sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BayLoad {
    pub bay_id: i64,
    pub skills: Vec<String>,
    /// Standard minutes of work not yet done at the bay.
    pub queued_minutes: u32,
}

impl BayLoad {
    pub fn covers(&self, needed: &[&str]) -> bool {
        needed.iter().all(|n| self.skills.iter().any(|s| s == n))
    }
}

/// The bay to suggest: the least loaded among those covering every needed skill (ties go
/// to the lower bay id); none when no bay can do the work.
pub fn suggest_bay<'a>(bays: &'a [BayLoad], needed: &[&str]) -> Option<&'a BayLoad> {
    bays.iter()
        .filter(|b| b.covers(needed))
        .min_by_key(|b| (b.queued_minutes, b.bay_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bay(id: i64, skills: &[&str], minutes: u32) -> BayLoad {
        BayLoad {
            bay_id: id,
            skills: skills.iter().map(|s| s.to_string()).collect(),
            queued_minutes: minutes,
        }
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

    #[test]
    fn ties_go_to_the_lower_bay_and_no_bay_means_none() {
        let bays = [bay(2, &["body"], 0), bay(1, &["body"], 0)];
        assert_eq!(suggest_bay(&bays, &["body"]).map(|b| b.bay_id), Some(1));
        assert_eq!(suggest_bay(&bays, &["electrical"]), None);
    }
}
