//! The KPI page's figures as text: one cell per figure and period (value, the counts
//! behind it, whether it misses its target, and the ids a tap opens), the tables of each
//! group, and the period and duration wording.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::{Drill, Group, Metric};
use crate::domain::kpi::{CheckinChannel, Measures, Period, TIMED_STAGES};
use crate::i18n::{kpis::K, t, Key, Lang};
use crate::model::KpiReport;

/// One figure of one period as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub text: String,
    /// The counts behind the value, e.g. "12 / 15".
    pub sub: Option<String>,
    pub below_target: bool,
    pub no_data: bool,
    /// What a tap shows; `None` when nothing is behind the figure.
    pub drill: Option<Drill>,
}

pub(crate) fn k(lang: Lang, key: K) -> &'static str {
    t(lang, Key::Kpis(key))
}

/// A ratio figure (percent) of `m`, its drill-down titled with `label`.
pub(crate) fn metric_cell(lang: Lang, metric: Metric, m: &Measures, label: &str) -> Cell {
    let ratio = metric.ratio(m);
    let name = k(lang, K::Metric(metric));
    let Some(pm) = ratio.per_mille() else {
        return no_data(lang);
    };
    let text = ratio.percent_text();
    let sub = match metric {
        Metric::BayUtilisation => format!(
            "{} / {} h",
            hours(i64::from(ratio.num)),
            hours(i64::from(ratio.den))
        ),
        _ => format!("{} / {}", ratio.num, ratio.den),
    };
    Cell {
        below_target: metric.target().is_some_and(|target| pm < target),
        drill: metric
            .figure(m)
            .map(|f| Drill::figure(format!("{name} · {label} · {text}"), f)),
        text,
        sub: Some(sub),
        no_data: false,
    }
}

/// An average (`value` rounded, written by `show`) over the jobs or complaints in `ids`.
pub(crate) fn mean_cell(
    lang: Lang,
    value: Option<i64>,
    ids: &[i64],
    show: impl Fn(Lang, i64) -> String,
    title: String,
    complaints: bool,
) -> Cell {
    let Some(v) = value else {
        return no_data(lang);
    };
    let text = show(lang, v);
    Cell {
        drill: Some(Drill::ids(format!("{title} · {text}"), ids, complaints)),
        sub: Some(format!("n = {}", ids.len())),
        text,
        below_target: false,
        no_data: false,
    }
}

/// A count of complaints (0 is a real figure here).
pub(crate) fn count_cell(ids: &[i64], title: String) -> Cell {
    Cell {
        text: ids.len().to_string(),
        sub: None,
        below_target: false,
        no_data: false,
        drill: (!ids.is_empty()).then(|| Drill::ids(format!("{title} · {}", ids.len()), ids, true)),
    }
}

fn no_data(lang: Lang) -> Cell {
    Cell {
        text: k(lang, K::NoData).to_string(),
        sub: None,
        below_target: false,
        no_data: true,
        drill: None,
    }
}

/// The column heads and each period's cells of a group's table.
pub(crate) fn columns(lang: Lang, group: Group) -> Vec<String> {
    match group {
        Group::Customers | Group::Workshop => Metric::ALL
            .into_iter()
            .filter(|m| m.group() == group)
            .map(|m| k(lang, K::Metric(m)).to_string())
            .collect(),
        Group::Times => TIMED_STAGES
            .into_iter()
            .map(|s| t(lang, Key::Stage(s)).to_string())
            .chain(
                CheckinChannel::ALL
                    .into_iter()
                    .map(|c| k(lang, K::Checkin(c)).to_string()),
            )
            .collect(),
        Group::Complaints => [
            K::ComplaintsOpened,
            K::ComplaintsResolved,
            K::ComplaintsOverdue,
            K::TimeToResolve,
        ]
        .into_iter()
        .map(|key| k(lang, key).to_string())
        .collect(),
    }
}

/// The cells of one period (`label`) of a group, in the order of [`columns`].
pub(crate) fn cells(lang: Lang, group: Group, m: &Measures, label: &str) -> Vec<Cell> {
    let heads = columns(lang, group);
    let title = |i: usize| {
        format!(
            "{} · {label}",
            heads.get(i).map(String::as_str).unwrap_or_default()
        )
    };
    match group {
        Group::Customers | Group::Workshop => Metric::ALL
            .into_iter()
            .filter(|x| x.group() == group)
            .map(|x| metric_cell(lang, x, m, label))
            .collect(),
        Group::Times => {
            let stages = m
                .stage_minutes
                .iter()
                .map(|s| (s.minutes.rounded(), &s.minutes.ids));
            let stages: Vec<Cell> = stages
                .enumerate()
                .map(|(i, (v, ids))| mean_cell(lang, v, ids, minutes_text, title(i), false))
                .collect();
            let n = stages.len();
            let checkins = m.checkin_seconds.iter().enumerate().map(|(i, c)| {
                mean_cell(
                    lang,
                    c.seconds.rounded(),
                    &c.seconds.ids,
                    seconds_text,
                    title(n + i),
                    false,
                )
            });
            stages.into_iter().chain(checkins).collect()
        }
        Group::Complaints => {
            let c = &m.complaints;
            vec![
                count_cell(&c.opened, title(0)),
                count_cell(&c.resolved, title(1)),
                count_cell(&c.overdue, title(2)),
                mean_cell(
                    lang,
                    c.minutes_to_resolve.rounded(),
                    &c.minutes_to_resolve.ids,
                    minutes_text,
                    title(3),
                    true,
                ),
            ]
        }
    }
}

/// A group's table: one row per period, newest first; each figure a button opening the
/// ids behind it.
pub(crate) fn table(
    lang: Lang,
    report: &KpiReport,
    group: Group,
    drill: RwSignal<Option<Drill>>,
) -> impl IntoView {
    let heads = columns(lang, group);
    let rows: Vec<(String, Vec<Cell>)> = report
        .rows
        .iter()
        .rev()
        .map(|m| {
            let label = period_label(lang, report.period, m.period_start);
            let cells = cells(lang, group, m, &label);
            (label, cells)
        })
        .collect();
    view! {
        <div class="kpi-table-wrap">
            <table class="kpi-table" data-testid=format!("kpi-table-{}", group.as_str())>
                <thead>
                    <tr>
                        <th scope="col">{k(lang, K::PeriodColumn)}</th>
                        {heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(label, cells)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {cells.into_iter().map(|c| view! { <td>{cell_view(c, drill)}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A figure: a button when there is something behind it, plain text otherwise.
pub(crate) fn cell_view(c: Cell, drill: RwSignal<Option<Drill>>) -> AnyView {
    let class = if c.below_target {
        "kpi-value kpi-below"
    } else if c.no_data {
        "kpi-value kpi-nodata"
    } else {
        "kpi-value"
    };
    let sub = c.sub.map(|s| view! { <small class="kpi-sub">{s}</small> });
    match c.drill {
        Some(d) => view! {
            <button type="button" class=format!("kpi-cell-btn {class}") on:click=move |_| drill.set(Some(d.clone()))>
                <span>{c.text}</span>{sub}
            </button>
        }
        .into_any(),
        None => view! { <span class=class><span>{c.text}</span>{sub}</span> }.into_any(),
    }
}

/// A period as a table row names it: "12-04", "Week of 11-30", "2026-11".
pub(crate) fn period_label(lang: Lang, period: Period, start: NaiveDate) -> String {
    match period {
        Period::Day => start.format("%Y-%m-%d").to_string(),
        Period::Week => k(lang, K::WeekOf).replace("{date}", &start.format("%m-%d").to_string()),
        Period::Month => start.format("%Y-%m").to_string(),
    }
}

/// A period as the chart's axis names it (short).
pub(crate) fn axis_label(period: Period, start: NaiveDate) -> String {
    match period {
        Period::Day | Period::Week => start.format("%m-%d").to_string(),
        Period::Month => start.format("%Y-%m").to_string(),
    }
}

/// "45 min", "2 h 5 min", "1.5 days".
pub(crate) fn minutes_text(lang: Lang, minutes: i64) -> String {
    let minutes = minutes.max(0);
    if minutes < 60 {
        k(lang, K::Minutes).replace("{n}", &minutes.to_string())
    } else if minutes < 24 * 60 {
        k(lang, K::HoursMinutes)
            .replace("{h}", &(minutes / 60).to_string())
            .replace("{m}", &(minutes % 60).to_string())
    } else {
        let tenths = (minutes * 10 + 720) / 1440;
        let days = format!("{}.{}", tenths / 10, tenths % 10);
        k(lang, K::Days).replace("{n}", days.trim_end_matches(".0"))
    }
}

/// "45 s", "3 min 5 s".
pub(crate) fn seconds_text(lang: Lang, seconds: i64) -> String {
    let seconds = seconds.max(0);
    if seconds < 60 {
        k(lang, K::Seconds).replace("{s}", &seconds.to_string())
    } else {
        k(lang, K::MinutesSeconds)
            .replace("{m}", &(seconds / 60).to_string())
            .replace("{s}", &(seconds % 60).to_string())
    }
}

/// Minutes as whole hours, for the bay utilisation's counts.
fn hours(minutes: i64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_both_languages() {
        assert_eq!(minutes_text(Lang::En, 45), "45 min");
        assert_eq!(minutes_text(Lang::En, 125), "2 h 5 min");
        assert_eq!(minutes_text(Lang::En, 2160), "1.5 days");
        assert_eq!(minutes_text(Lang::En, 2880), "2 days");
        assert_eq!(minutes_text(Lang::Zh, 125), "2 小时 5 分");
        assert_eq!(seconds_text(Lang::En, 185), "3 min 5 s");
        assert_eq!(seconds_text(Lang::Zh, 40), "40 秒");
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(120), "2");
    }

    #[test]
    fn an_empty_period_reads_no_data_never_zero() {
        let m = Measures {
            period_start: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
            follow_up: Default::default(),
            satisfaction: Default::default(),
            delight: Default::default(),
            returning: Default::default(),
            on_time: Default::default(),
            qc_first_pass: Default::default(),
            returns: Default::default(),
            stage_minutes: Vec::new(),
            checkin_seconds: Vec::new(),
            bay_utilisation: Default::default(),
            complaints: Default::default(),
        };
        for lang in [Lang::Zh, Lang::En] {
            for metric in Metric::ALL {
                let c = metric_cell(lang, metric, &m, "x");
                assert!(
                    c.no_data && c.drill.is_none() && !c.below_target,
                    "{metric:?}"
                );
                assert!(!c.text.contains('0'), "{}", c.text);
            }
        }
        let mut m = m;
        m.follow_up.ratio = crate::domain::kpi::Ratio { num: 3, den: 4 };
        m.follow_up.num_ids = vec![1, 2, 3];
        m.follow_up.den_ids = vec![1, 2, 3, 4];
        let c = metric_cell(Lang::En, Metric::FollowUp, &m, "x");
        assert_eq!(c.text, "75%");
        assert!(c.below_target);
        let d = c.drill.unwrap_or_else(|| panic!("a drill-down"));
        assert_eq!((d.hits, d.rest), (vec![1, 2, 3], vec![4]));
    }
}
