//! Handing a car back (交车): the delivery checklist that must be complete before
//! `deliver`, when a delayed customer still has to be told, and how long the
//! customer's own page lives after delivery.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::Stage;

/// How long after delivery the customer's page still shows its read-only summary.
pub const TRACK_LINK_DAYS: i64 = 7;

/// An ETA that moved less than this after the customer was told needs no new call.
pub const TOLD_SLACK_MINUTES: i64 = 10;

/// One line of the delivery checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryCheck {
    /// Every item of the work settled and the car through QC (it is `ready`).
    WorkDone,
    /// No extra work still waiting for the customer's decision.
    Decided,
    /// The old parts shown and handed over, or left for disposal, as the customer chose.
    OldParts,
    /// Washed, when the customer asked for the wash.
    Clean,
    /// The next service's mileage and date are set.
    NextService,
    /// The customer said when they prefer the follow-up call (or that they want none).
    FollowUpTime,
}

impl DeliveryCheck {
    pub const ALL: [DeliveryCheck; 6] = [
        DeliveryCheck::WorkDone,
        DeliveryCheck::Decided,
        DeliveryCheck::OldParts,
        DeliveryCheck::Clean,
        DeliveryCheck::NextService,
        DeliveryCheck::FollowUpTime,
    ];

    /// The request field a refusal names for this check.
    pub fn field(self) -> &'static str {
        match self {
            DeliveryCheck::WorkDone => "work",
            DeliveryCheck::Decided => "additional_items",
            DeliveryCheck::OldParts => "old_parts_handled",
            DeliveryCheck::Clean => "wash",
            DeliveryCheck::NextService => "next_service",
            DeliveryCheck::FollowUpTime => "call_time",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            DeliveryCheck::WorkDone => "every item must be done and the car through quality check",
            DeliveryCheck::Decided => "extra work is still waiting for the customer's decision",
            DeliveryCheck::OldParts => {
                "show the old parts and hand them over (or confirm they are left)"
            }
            DeliveryCheck::Clean => "the customer asked for a wash and the car has not been washed",
            DeliveryCheck::NextService => "set the next service's mileage and date",
            DeliveryCheck::FollowUpTime => {
                "ask when the customer prefers the follow-up call (or that they want none)"
            }
        }
    }
}

/// What the delivery checklist is decided from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryFacts {
    pub stage: Stage,
    /// Every item of the work ticked done, or not done with a reason.
    pub work_settled: bool,
    /// Extra work still pending a decision.
    pub undecided: bool,
    pub wash_requested: bool,
    /// The wash was recorded finished.
    pub washed: bool,
    pub old_parts_handled: bool,
    pub next_service_set: bool,
    pub call_time_set: bool,
}

/// The checks still open, in [`DeliveryCheck::ALL`] order; empty means deliver.
pub fn open_checks(f: &DeliveryFacts) -> Vec<DeliveryCheck> {
    DeliveryCheck::ALL
        .into_iter()
        .filter(|check| match check {
            DeliveryCheck::WorkDone => !(f.stage == Stage::Ready && f.work_settled),
            DeliveryCheck::Decided => f.undecided,
            DeliveryCheck::OldParts => !f.old_parts_handled,
            DeliveryCheck::Clean => f.wash_requested && !f.washed,
            DeliveryCheck::NextService => !f.next_service_set,
            DeliveryCheck::FollowUpTime => !f.call_time_set,
        })
        .collect()
}

/// The job runs late and the customer has not been told of this ETA (an ETA that moved
/// by less than [`TOLD_SLACK_MINUTES`] since counts as told).
pub fn needs_delay_call(
    eta: DateTime<Utc>,
    promised_at: DateTime<Utc>,
    told_eta: Option<DateTime<Utc>>,
) -> bool {
    eta > promised_at
        && told_eta.is_none_or(|told| eta > told + Duration::minutes(TOLD_SLACK_MINUTES))
}

/// The customer's page has outlived its delivery.
pub fn track_link_expired(delivered_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    delivered_at.is_some_and(|at| now > at + Duration::days(TRACK_LINK_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ready() -> DeliveryFacts {
        DeliveryFacts {
            stage: Stage::Ready,
            work_settled: true,
            undecided: false,
            wash_requested: true,
            washed: true,
            old_parts_handled: true,
            next_service_set: true,
            call_time_set: true,
        }
    }

    #[test]
    fn a_complete_checklist_has_nothing_open() {
        assert!(open_checks(&ready()).is_empty());
        let no_wash = DeliveryFacts {
            wash_requested: false,
            washed: false,
            ..ready()
        };
        assert!(open_checks(&no_wash).is_empty());
    }

    #[test]
    fn each_missing_check_is_named_in_order() {
        let f = DeliveryFacts {
            stage: Stage::Washing,
            undecided: true,
            washed: false,
            old_parts_handled: false,
            next_service_set: false,
            call_time_set: false,
            ..ready()
        };
        assert_eq!(open_checks(&f), DeliveryCheck::ALL.to_vec());
        let open_item = DeliveryFacts {
            work_settled: false,
            ..ready()
        };
        assert_eq!(open_checks(&open_item), vec![DeliveryCheck::WorkDone]);
        let parts = DeliveryFacts {
            old_parts_handled: false,
            ..ready()
        };
        assert_eq!(open_checks(&parts), vec![DeliveryCheck::OldParts]);
    }

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_late_car_needs_a_call_until_the_customer_is_told_of_that_eta() {
        assert!(!needs_delay_call(at(10, 0), at(10, 0), None));
        assert!(needs_delay_call(at(10, 30), at(10, 0), None));
        assert!(!needs_delay_call(at(10, 30), at(10, 0), Some(at(10, 30))));
        // Drifting a few minutes is not news; slipping again is.
        assert!(!needs_delay_call(at(10, 38), at(10, 0), Some(at(10, 30))));
        assert!(needs_delay_call(at(11, 0), at(10, 0), Some(at(10, 30))));
    }

    #[test]
    fn the_page_expires_a_set_time_after_delivery() {
        let delivered = at(10, 0);
        assert!(!track_link_expired(None, at(12, 0)));
        assert!(!track_link_expired(
            Some(delivered),
            delivered + Duration::days(6)
        ));
        assert!(track_link_expired(
            Some(delivered),
            delivered + Duration::days(8)
        ));
    }
}
