//! Which trend charts each group of the KPI page draws: one per figure, its series over
//! the periods (a period without data is a gap), its formula, its legend and target.

use super::*;

/// One trend chart with its title, formula and legend.
pub(super) struct ChartCard {
    pub(super) title: String,
    pub(super) formula: Option<&'static str>,
    pub(super) svg: String,
    pub(super) legend: Vec<(String, &'static str)>,
}

/// The charts of a group.
pub(super) fn charts(lang: Lang, r: &KpiReport, group: Group) -> Vec<ChartCard> {
    let labels: Vec<String> = r
        .rows
        .iter()
        .map(|m| axis_label(r.period, m.period_start))
        .collect();
    let no_data = k(lang, K::NoData);
    let card = |title: String,
                formula: Option<&'static str>,
                kind: Kind,
                series: Vec<Series>,
                max: f64,
                target: Option<f64>,
                target_label: String,
                value_text: &dyn Fn(f64) -> String| {
        let svg = chart::svg(&Spec {
            kind,
            title: &title,
            series: &series,
            labels: &labels,
            max,
            target,
            target_label: &target_label,
            no_data,
            value_text,
        });
        let legend = if series.len() > 1 {
            series.iter().map(|s| (s.name.clone(), s.class)).collect()
        } else {
            Vec::new()
        };
        ChartCard {
            title,
            formula,
            svg,
            legend,
        }
    };
    let percent = |v: f64| format!("{v:.0}%");
    let minutes = |v: f64| minutes_text(lang, v.round() as i64);
    let seconds = |v: f64| seconds_text(lang, v.round() as i64);
    let count = |v: f64| format!("{v:.0}");
    let auto_max = |series: &[Series]| {
        chart::nice_max(
            series
                .iter()
                .flat_map(|s| s.values.iter().flatten().copied()),
        )
    };
    match group {
        Group::Customers | Group::Workshop => Metric::ALL
            .into_iter()
            .filter(|m| m.group() == group)
            .map(|metric| {
                let name = k(lang, K::Metric(metric)).to_string();
                let values = r
                    .rows
                    .iter()
                    .map(|m| metric.ratio(m).per_mille().map(|pm| f64::from(pm) / 10.0))
                    .collect();
                let target = metric.target().map(|pm| f64::from(pm) / 10.0);
                let target_label = target
                    .map(|v| format!("{} {v:.0}%", k(lang, K::Target)))
                    .unwrap_or_default();
                let series = vec![Series {
                    name: name.clone(),
                    class: "kpi-s1",
                    values,
                }];
                card(
                    name,
                    Some(k(lang, K::Formula(metric))),
                    Kind::Line,
                    series,
                    100.0,
                    target,
                    target_label,
                    &percent,
                )
            })
            .collect(),
        Group::Times => {
            let mut out: Vec<ChartCard> = TIMED_STAGES
                .into_iter()
                .enumerate()
                .map(|(i, stage)| {
                    let name = t(lang, Key::Stage(stage)).to_string();
                    let values = r
                        .rows
                        .iter()
                        .map(|m| m.stage_minutes.get(i).and_then(|s| s.minutes.mean()))
                        .collect();
                    let series = vec![Series {
                        name: name.clone(),
                        class: "kpi-s1",
                        values,
                    }];
                    let max = auto_max(&series);
                    card(
                        name,
                        None,
                        Kind::Line,
                        series,
                        max,
                        None,
                        String::new(),
                        &minutes,
                    )
                })
                .collect();
            let series: Vec<Series> = CheckinChannel::ALL
                .into_iter()
                .enumerate()
                .map(|(i, channel)| Series {
                    name: k(lang, K::Checkin(channel)).to_string(),
                    class: if i == 0 { "kpi-s1" } else { "kpi-s2" },
                    values: r
                        .rows
                        .iter()
                        .map(|m| m.checkin_seconds.get(i).and_then(|c| c.seconds.mean()))
                        .collect(),
                })
                .collect();
            let max = auto_max(&series);
            out.push(card(
                k(lang, K::CheckinTimes).to_string(),
                Some(k(lang, K::CheckinFormula)),
                Kind::Line,
                series,
                max,
                None,
                String::new(),
                &seconds,
            ));
            out
        }
        Group::Complaints => {
            let counts = |f: fn(&Measures) -> usize| -> Vec<Option<f64>> {
                r.rows.iter().map(|m| Some(f(m) as f64)).collect()
            };
            let series = vec![
                Series {
                    name: k(lang, K::ComplaintsOpened).to_string(),
                    class: "kpi-s1",
                    values: counts(|m| m.complaints.opened.len()),
                },
                Series {
                    name: k(lang, K::ComplaintsResolved).to_string(),
                    class: "kpi-s2",
                    values: counts(|m| m.complaints.resolved.len()),
                },
                Series {
                    name: k(lang, K::ComplaintsOverdue).to_string(),
                    class: "kpi-s3",
                    values: counts(|m| m.complaints.overdue.len()),
                },
            ];
            let max = auto_max(&series);
            let first = card(
                t(lang, Key::Aftersales(F::ComplaintsTitle)).to_string(),
                Some(k(lang, K::ComplaintsFormula)),
                Kind::Bars,
                series,
                max,
                None,
                String::new(),
                &count,
            );
            let series = vec![Series {
                name: k(lang, K::TimeToResolve).to_string(),
                class: "kpi-s1",
                values: r
                    .rows
                    .iter()
                    .map(|m| m.complaints.minutes_to_resolve.mean())
                    .collect(),
            }];
            let max = auto_max(&series);
            let second = card(
                k(lang, K::TimeToResolve).to_string(),
                Some(k(lang, K::TimeToResolveFormula)),
                Kind::Line,
                series,
                max,
                None,
                String::new(),
                &minutes,
            );
            vec![first, second]
        }
    }
}
