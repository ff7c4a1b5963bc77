//! What the KPI page shows: its ratio figures (`Metric`), its sections (`Group`), and
//! what a tap on a figure lists (`Drill`).

use crate::domain::kpi::{Figure, Measures, Ratio};

/// The ratio figures of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    FollowUp,
    Satisfaction,
    Delight,
    Returning,
    OnTime,
    QcFirstPass,
    Returns,
    BayUtilisation,
}

impl Metric {
    pub const ALL: [Metric; 8] = [
        Metric::FollowUp,
        Metric::Satisfaction,
        Metric::Delight,
        Metric::Returning,
        Metric::OnTime,
        Metric::QcFirstPass,
        Metric::Returns,
        Metric::BayUtilisation,
    ];

    /// The figure with its ids; `None` for bay utilisation (minutes, no jobs behind it).
    pub fn figure(self, m: &Measures) -> Option<&Figure> {
        match self {
            Metric::FollowUp => Some(&m.follow_up),
            Metric::Satisfaction => Some(&m.satisfaction),
            Metric::Delight => Some(&m.delight),
            Metric::Returning => Some(&m.returning),
            Metric::OnTime => Some(&m.on_time),
            Metric::QcFirstPass => Some(&m.qc_first_pass),
            Metric::Returns => Some(&m.returns),
            Metric::BayUtilisation => None,
        }
    }

    pub fn ratio(self, m: &Measures) -> Ratio {
        self.figure(m).map(|f| f.ratio).unwrap_or(m.bay_utilisation)
    }

    /// The target in ‰, where the seeds set one (follow-up rate: 100%).
    pub fn target(self) -> Option<u32> {
        (self == Metric::FollowUp).then_some(1000)
    }

    pub fn group(self) -> Group {
        match self {
            Metric::FollowUp | Metric::Satisfaction | Metric::Delight | Metric::Returning => {
                Group::Customers
            }
            Metric::OnTime | Metric::QcFirstPass | Metric::Returns | Metric::BayUtilisation => {
                Group::Workshop
            }
        }
    }
}

/// The page's sections, each with its charts and one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Customers,
    Workshop,
    Times,
    Complaints,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::Customers,
        Group::Workshop,
        Group::Times,
        Group::Complaints,
    ];

    /// For test ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Customers => "customers",
            Group::Workshop => "workshop",
            Group::Times => "times",
            Group::Complaints => "complaints",
        }
    }
}

/// What a tap on a figure shows: the ids counted, and the rest of those considered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Drill {
    pub title: String,
    pub hits: Vec<i64>,
    pub rest: Vec<i64>,
    /// Complaint ids rather than job ids.
    pub complaints: bool,
}

impl Drill {
    pub(super) fn figure(title: String, f: &Figure) -> Drill {
        let mut hits = f.num_ids.clone();
        hits.sort_unstable();
        hits.dedup();
        let mut rest: Vec<i64> = f
            .den_ids
            .iter()
            .copied()
            .filter(|id| hits.binary_search(id).is_err())
            .collect();
        rest.sort_unstable();
        rest.dedup();
        Drill {
            title,
            hits,
            rest,
            complaints: false,
        }
    }

    pub(super) fn ids(title: String, ids: &[i64], complaints: bool) -> Drill {
        let mut hits = ids.to_vec();
        hits.sort_unstable();
        hits.dedup();
        Drill {
            title,
            hits,
            rest: Vec::new(),
            complaints,
        }
    }
}
