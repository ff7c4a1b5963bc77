//! What needs a person at the desk now, read off the desk's live state: kiosk calls,
//! extra work awaiting a decision, cars ready but not collected, and late cars whose
//! customer has not been told of the new time.

use super::{pending_items, DeskSnapshot, JobItemView, JobView};
use crate::domain::{needs_delay_call, Stage};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NeedsYou {
    /// Each job with extra work still pending, and those items.
    pub decisions: Vec<(JobView, Vec<JobItemView>)>,
    /// Ready cars, longest waiting first.
    pub ready: Vec<JobView>,
    /// Late cars whose customer has not been told of the current ETA, latest first.
    pub late: Vec<JobView>,
}

impl NeedsYou {
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && self.ready.is_empty() && self.late.is_empty()
    }
}

pub fn needs_you(snapshot: &DeskSnapshot) -> NeedsYou {
    let decisions = snapshot
        .jobs
        .iter()
        .filter(|j| j.stage.is_active())
        .filter_map(|j| {
            let pending = pending_items(&j.items);
            (!pending.is_empty()).then(|| (j.clone(), pending))
        })
        .collect();
    let mut ready: Vec<JobView> = snapshot
        .jobs
        .iter()
        .filter(|j| j.stage == Stage::Ready)
        .cloned()
        .collect();
    ready.sort_by_key(|j| j.stage_since);
    let mut late: Vec<JobView> = snapshot
        .jobs
        .iter()
        .filter(|j| {
            j.stage.is_active() && needs_delay_call(j.eta, j.promised_at, j.customer_told_eta)
        })
        .cloned()
        .collect();
    late.sort_by_key(|j| std::cmp::Reverse(j.eta - j.promised_at));
    NeedsYou {
        decisions,
        ready,
        late,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(
        id: i64,
        stage: &str,
        eta: &str,
        told: Option<&str>,
        items: serde_json::Value,
    ) -> JobView {
        let at = "2026-12-01T02:00:00Z";
        let value = json!({
            "id": id, "ticket": format!("A0{id}"), "version": 1, "stage": stage, "bay_id": 1, "queue_pos": null,
            "promised_at": at, "eta": eta, "stage_since": format!("2026-12-01T0{id}:00:00Z"), "created_at": at,
            "flags": [], "pause_reason": null, "team_check_passed": false, "wash": false, "old_parts": "take",
            "payment_method": "wechat", "waiting": false, "mileage_km": 1, "concerns": "", "tracking_token": "t",
            "customer": {"id": 1, "name": "王伟", "phone": "13800000000"},
            "vehicle": {"id": 1, "plate": "粤B12345", "vin": null, "model": "Civic", "colour": null},
            "items": items, "currency": "CNY", "timeline": [], "customer_told_eta": told
        });
        match serde_json::from_value(value) {
            Ok(job) => job,
            Err(e) => panic!("test job: {e}"),
        }
    }

    fn item(id: i64, status: &str) -> serde_json::Value {
        json!({ "id": id, "name_zh": "x", "name_en": "x", "labor_minutes": 10, "labor_fen": 0,
                "parts_fen": 0, "kind": "additional", "status": status, "safety_critical": true })
    }

    #[test]
    fn each_list_holds_what_needs_a_person() {
        let on_time = "2026-12-01T02:00:00Z";
        let late = "2026-12-01T03:00:00Z";
        let snapshot = DeskSnapshot {
            jobs: vec![
                job(
                    1,
                    "in_service",
                    on_time,
                    None,
                    json!([item(11, "pending"), item(12, "approved")]),
                ),
                job(2, "ready", on_time, None, json!([])),
                job(3, "in_service", late, None, json!([])),
                job(4, "in_service", late, Some(late), json!([])),
                job(5, "delivered", late, None, json!([item(51, "pending")])),
                job(6, "ready", on_time, None, json!([])),
            ],
            requests: vec![],
        };
        let needs = needs_you(&snapshot);
        let ids = |jobs: &[JobView]| jobs.iter().map(|j| j.id).collect::<Vec<_>>();
        assert_eq!(needs.decisions.len(), 1);
        assert_eq!(needs.decisions[0].0.id, 1);
        assert_eq!(
            needs.decisions[0]
                .1
                .iter()
                .map(|i| i.id)
                .collect::<Vec<_>>(),
            [11]
        );
        // Longest waiting first; a told customer and a delivered car are left out.
        assert_eq!(ids(&needs.ready), [2, 6]);
        assert_eq!(ids(&needs.late), [3]);
        assert!(!needs.is_empty());
        assert!(needs_you(&DeskSnapshot::default()).is_empty());
    }
}
