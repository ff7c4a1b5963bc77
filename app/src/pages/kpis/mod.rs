//! `/desk/kpis`: the store's after-sales KPIs (issue 17) behind a staff sign-in (the
//! after-sales roles). Period tabs (day, week, month); the latest period's figures as big
//! numbers against their targets; per group a trend chart per figure with its formula
//! (`chart`), a table (`table`) and its CSV download; a tap on any figure lists the jobs
//! (or complaints) behind it. Read from `GET /api/v1/kpis` when the period changes.

mod chart;
mod metric;
mod series;
mod table;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::send;
use crate::components::StaffPage;
use crate::domain::kpi::{CheckinChannel, Measures, Period, Ratio, TIMED_STAGES};
use crate::domain::Role;
use crate::i18n::{aftersales::F, kpis::K, t, Key, Lang};
use crate::model::{Actor, KpiReport};

use chart::{Kind, Series, Spec};
pub(crate) use metric::Drill;
pub use metric::{Group, Metric};
use series::charts;
use table::{axis_label, k, metric_cell, minutes_text, period_label, seconds_text};

#[component]
pub fn KpisPage() -> impl IntoView {
    let message = RwSignal::new(None::<Key>);
    view! {
        <StaffPage title=Key::Kpis(K::Title) class="aftersales-page kpi-page"
            links=vec![("/desk/follow-ups", Key::Aftersales(F::FollowUpsTitle)), ("/desk/complaints", Key::Aftersales(F::ComplaintsTitle))]
            allow=Role::works_aftersales message
            body=move |_: Actor, lang| view! { <Kpis lang /> } />
    }
}

/// The signed-in page: tabs, headline, groups and the drill-down panel.
#[component]
fn Kpis(lang: Memo<Lang>) -> impl IntoView {
    let period = RwSignal::new(Period::Week);
    let report = RwSignal::new(None::<Result<KpiReport, Key>>);
    let drill = RwSignal::new(None::<Drill>);
    Effect::new(move |_| {
        let p = period.get();
        report.set(None);
        drill.set(None);
        spawn_local(async move {
            let url = format!("/api/v1/kpis?period={}", p.as_str());
            let got = send::<(), KpiReport>("GET", &url, None)
                .await
                .map_err(|e| e.key());
            // A slow answer for a tab no longer shown is dropped.
            if period.get_untracked() == p {
                report.set(Some(got));
            }
        });
    });
    let tabs = Period::ALL
        .into_iter()
        .map(|p| {
            view! {
                <button type="button" role="tab" class="btn kpi-tab" data-testid=format!("kpi-period-{}", p.as_str())
                    class:selected=move || period.get() == p
                    aria-selected=move || (period.get() == p).to_string()
                    on:click=move |_| period.set(p)>
                    {move || k(lang.get(), K::Period(p))}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="kpi-tabs" role="tablist">{tabs}</div>
        {move || {
            let lang = lang.get();
            report.with(|r| match r {
                None => view! { <p class="placeholder" data-testid="kpi-loading">{t(lang, Key::Loading)}</p> }.into_any(),
                Some(Err(key)) => view! {
                    <p class="placeholder error" role="alert" data-testid="kpi-error">{k(lang, K::LoadFailed)} " " {t(lang, *key)}</p>
                }
                .into_any(),
                Some(Ok(r)) if r.rows.is_empty() => view! {
                    <p class="placeholder" data-testid="kpi-empty">{k(lang, K::NoData)}</p>
                }
                .into_any(),
                Some(Ok(r)) => view! {
                    <p class="kpi-range muted">{r.from.format("%Y-%m-%d").to_string()} " – " {r.to.format("%Y-%m-%d").to_string()}</p>
                    {headline(lang, r, drill)}
                    {Group::ALL.into_iter().map(|g| group_view(lang, r, g, drill)).collect_view()}
                }
                .into_any(),
            })
        }}
        {move || drill.get().map(|d| drill_view(lang.get(), d, drill))}
    }
}

/// The latest period's figures as big numbers, red below their target.
fn headline(lang: Lang, r: &KpiReport, drill: RwSignal<Option<Drill>>) -> impl IntoView {
    let last = r.rows.last();
    let label = last
        .map(|m| period_label(lang, r.period, m.period_start))
        .unwrap_or_default();
    let cards = last.map(|m| {
        let metrics = Metric::ALL.into_iter().map(|metric| {
            let c = metric_cell(lang, metric, m, &label);
            let target = metric.target().map(|pm| {
                let text = Ratio { num: pm, den: 1000 }.percent_text();
                format!("{} {text}", k(lang, K::Target))
            });
            let is_below = c.below_target;
            let below = is_below.then(|| k(lang, K::BelowTarget));
            view! {
                <div class="kpi-card" class:kpi-card-below=is_below data-testid=format!("kpi-headline-{metric:?}")>
                    <span class="kpi-name">{k(lang, K::Metric(metric))}</span>
                    <span class="kpi-big">{table::cell_view(c, drill)}</span>
                    {target.map(|t| view! { <span class="kpi-target">{t}</span> })}
                    {below.map(|b| view! { <span class="kpi-flag">{b}</span> })}
                </div>
            }
        });
        let overdue = table::count_cell(
            &m.complaints.overdue,
            format!("{} · {label}", k(lang, K::ComplaintsOverdue)),
        );
        let overdue_red = !m.complaints.overdue.is_empty();
        view! {
            {metrics.collect_view()}
            <div class="kpi-card" class:kpi-card-below=overdue_red data-testid="kpi-headline-overdue">
                <span class="kpi-name">{t(lang, Key::Aftersales(F::ComplaintsTitle))} " · " {k(lang, K::ComplaintsOverdue)}</span>
                <span class="kpi-big">{table::cell_view(overdue, drill)}</span>
            </div>
        }
    });
    view! {
        <section class="kpi-headline" data-testid="kpi-headline">
            <h2>{k(lang, K::Latest)} " · " {label}</h2>
            <div class="kpi-cards">{cards}</div>
            <p class="muted kpi-hint">{k(lang, K::TapHint)}</p>
        </section>
    }
}

/// A group: its charts, its table and the CSV download.
fn group_view(
    lang: Lang,
    r: &KpiReport,
    group: Group,
    drill: RwSignal<Option<Drill>>,
) -> impl IntoView {
    let intro = (group == Group::Times).then(|| view! { <p class="kpi-formula">{k(lang, K::StageTimes)} ": " {k(lang, K::StageFormula)}</p> });
    let cards = charts(lang, r, group)
        .into_iter()
        .map(|c| {
            let legend = (!c.legend.is_empty()).then(|| {
                view! {
                    <ul class="kpi-legend">
                        {c.legend.into_iter().map(|(name, class)| view! { <li><span class=format!("kpi-swatch {class}")></span>{name}</li> }).collect_view()}
                    </ul>
                }
            });
            view! {
                <figure class="kpi-chart">
                    <figcaption>
                        <strong>{c.title}</strong>
                        {c.formula.map(|f| view! { <small class="kpi-formula">{f}</small> })}
                    </figcaption>
                    <div class="kpi-svg-wrap" inner_html=c.svg></div>
                    {legend}
                </figure>
            }
        })
        .collect_view();
    // The header row in the page's language.
    let csv = format!(
        "/api/v1/kpis.csv?period={}&lang={}",
        r.period.as_str(),
        lang.query()
    );
    view! {
        <section class="kpi-group" data-testid=format!("kpi-group-{}", group.as_str())>
            <h2>{k(lang, K::Group(group))}</h2>
            {intro}
            <div class="kpi-charts">{cards}</div>
            {table::table(lang, r, group, drill)}
            <p><a class="btn kpi-csv" href=csv download data-testid="kpi-csv">{k(lang, K::DownloadCsv)}</a></p>
        </section>
    }
}

/// The ids behind the figure last tapped, as links.
fn drill_view(lang: Lang, d: Drill, drill: RwSignal<Option<Drill>>) -> impl IntoView {
    let link = move |id: i64| {
        let href = if d.complaints {
            "/desk/complaints".to_string()
        } else {
            format!("/desk/jobs/{id}")
        };
        view! { <li><a class="btn btn-small" href=href>"#" {id}</a></li> }
    };
    let list = move |ids: Vec<i64>| {
        if ids.is_empty() {
            view! { <p class="muted">{k(lang, K::NoJobs)}</p> }.into_any()
        } else {
            view! { <ul class="kpi-ids">{ids.into_iter().map(link).collect_view()}</ul> }.into_any()
        }
    };
    let heading = if d.complaints {
        k(lang, K::ComplaintsBehind)
    } else {
        k(lang, K::JobsBehind)
    };
    let rest = (!d.rest.is_empty()).then(|| {
        view! {
            <h4>{k(lang, K::NotCounted)}</h4>
            {list(d.rest.clone())}
        }
    });
    let counted = (!d.rest.is_empty()).then(|| view! { <h4>{k(lang, K::Counted)}</h4> });
    view! {
        <aside class="kpi-drill" role="dialog" aria-label=heading data-testid="kpi-drill">
            <header>
                <h3>{d.title.clone()}</h3>
                <button type="button" class="btn btn-small" on:click=move |_| drill.set(None)>{k(lang, K::Close)}</button>
            </header>
            <p class="muted">{heading}</p>
            {counted}
            {list(d.hits.clone())}
            {rest}
        </aside>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "ssr")]
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::domain::kpi::Figure;
    #[cfg(feature = "ssr")]
    use crate::domain::kpi::{CheckinTime, Complaints, Mean, StageTime};

    #[cfg(feature = "ssr")]
    fn row(start: NaiveDate, filled: bool) -> Measures {
        let figure = |num: &[i64], den: &[i64]| Figure {
            ratio: Ratio {
                num: num.len() as u32,
                den: den.len() as u32,
            },
            num_ids: num.to_vec(),
            den_ids: den.to_vec(),
        };
        let f = |num: &[i64], den: &[i64]| {
            if filled {
                figure(num, den)
            } else {
                Figure::default()
            }
        };
        let mean = |sum: i64, ids: &[i64]| Mean {
            sum: if filled { sum } else { 0 },
            ids: if filled { ids.to_vec() } else { Vec::new() },
        };
        Measures {
            period_start: start,
            follow_up: f(&[1, 2, 3], &[1, 2, 3, 4]),
            satisfaction: f(&[1, 2], &[1, 2, 3]),
            delight: f(&[1], &[1, 2, 3, 4]),
            returning: f(&[2], &[1, 2, 3, 4]),
            on_time: f(&[1, 2, 3, 4], &[1, 2, 3, 4]),
            qc_first_pass: f(&[1, 2, 3], &[1, 2, 3]),
            returns: f(&[], &[1, 2, 3, 4]),
            stage_minutes: TIMED_STAGES
                .into_iter()
                .map(|stage| StageTime {
                    stage,
                    minutes: mean(90, &[1, 2]),
                })
                .collect(),
            checkin_seconds: CheckinChannel::ALL
                .into_iter()
                .map(|channel| CheckinTime {
                    channel,
                    seconds: mean(200, &[3]),
                })
                .collect(),
            bay_utilisation: if filled {
                Ratio { num: 300, den: 480 }
            } else {
                Ratio::default()
            },
            complaints: Complaints {
                opened: if filled { vec![7] } else { Vec::new() },
                resolved: Vec::new(),
                overdue: if filled { vec![7] } else { Vec::new() },
                minutes_to_resolve: Mean::default(),
            },
        }
    }

    /// Rendering to HTML needs the server's renderer.
    #[cfg(feature = "ssr")]
    #[test]
    fn a_report_renders_big_numbers_charts_tables_and_links() {
        let owner = Owner::new();
        owner.with(|| {
            let monday = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
            let report = KpiReport {
                period: Period::Week,
                from: monday(23),
                to: monday(30),
                now: Utc
                    .with_ymd_and_hms(2026, 12, 1, 4, 0, 0)
                    .single()
                    .unwrap_or_default(),
                rows: vec![row(monday(23), false), row(monday(30), true)],
            };
            let drill = RwSignal::new(None::<Drill>);
            let html = view! {
                {headline(Lang::En, &report, drill)}
                {Group::ALL.into_iter().map(|g| group_view(Lang::En, &report, g, drill)).collect_view()}
            }
            .to_html();
            // The latest week's follow-up rate, red below its 100% target.
            assert!(html.contains("75%"), "{html}");
            assert!(html.contains("Target 100%"));
            assert!(html.contains("kpi-card-below"));
            // The empty week reads "No data", and every group has a chart and a CSV link.
            assert!(html.contains("No data"));
            assert_eq!(html.matches("<svg").count(), 4 + 4 + 8 + 2);
            assert_eq!(html.matches("kpis.csv?period=week").count(), 4);
            assert!(html.contains("Week of 11-30"));
            assert!(html.contains("45 min"));
            assert!(html.contains("3 min 20 s"));
            assert!(html.contains("5 / 8 h"));
        });
    }

    #[test]
    fn a_figure_drills_down_to_counted_and_other_jobs() {
        let f = Figure {
            ratio: Ratio { num: 2, den: 3 },
            num_ids: vec![5, 3, 5],
            den_ids: vec![3, 5, 9, 5],
        };
        let d = Drill::figure("x".into(), &f);
        assert_eq!((d.hits, d.rest, d.complaints), (vec![3, 5], vec![9], false));
    }
}
