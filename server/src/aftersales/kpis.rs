//! The KPI page (`/desk/kpis`): the store's after-sales figures by day, week or month,
//! computed by `app::domain::kpi` from the facts the store loads, and their CSV export.

use app::domain::kpi::{by_period, CheckinChannel, Mean, Period, Ratio, TIMED_STAGES};
use app::domain::{from_store_local, store_date};
use app::i18n::Lang;
use app::model::KpiReport;
use chrono::{Days, Months, NaiveDate, NaiveTime};

use super::require_aftersales;
use crate::{auth::SessionActor, error::AppError, store, AppState};

/// The longest range one report covers.
const MAX_SPAN_DAYS: i64 = 400;

/// How many periods a report shows when `from` is not given (the current one included).
const DEFAULT_PERIODS: u32 = 13;

/// The figures of every period from the one containing `from` to the one containing
/// `to` (store dates; by default the 13 periods up to today).
pub async fn report(
    state: &AppState,
    actor: &SessionActor,
    period: Period,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<KpiReport, AppError> {
    require_aftersales(actor)?;
    let now = state.clock.now();
    let to = to.unwrap_or_else(|| store_date(now));
    let from = match from {
        Some(from) => from,
        None => default_from(period, to)
            .ok_or_else(|| AppError::field("to", "too early for a report"))?,
    };
    if from > to {
        return Err(AppError::field("from", "must not be after `to`"));
    }
    if (to - from).num_days() > MAX_SPAN_DAYS {
        return Err(AppError::field(
            "from",
            format!("at most {MAX_SPAN_DAYS} days before `to`"),
        ));
    }
    // Whole periods: the one containing `from` to the one containing `to`.
    let first = period.start_of(from);
    let end = period.next(to);
    let from_at = from_store_local(first.and_time(NaiveTime::MIN));
    // Nothing after now has happened yet: a running labour clock counts up to now.
    let to_at = from_store_local(end.and_time(NaiveTime::MIN)).min(now);
    let mut conn = state.pool.acquire().await?;
    let facts = store::kpi_facts(&mut conn, from_at, to_at).await?;
    Ok(KpiReport {
        period,
        from,
        to,
        now,
        rows: by_period(period, from, to, &facts, now),
    })
}

/// The first day of the 13th period back from the one containing `to`.
fn default_from(period: Period, to: NaiveDate) -> Option<NaiveDate> {
    let back = DEFAULT_PERIODS - 1;
    let start = period.start_of(to);
    match period {
        Period::Day => start.checked_sub_days(Days::new(u64::from(back))),
        Period::Week => start.checked_sub_days(Days::new(u64::from(back) * 7)),
        Period::Month => start.checked_sub_months(Months::new(back)),
    }
}

/// The report as CSV: a header row, then one row per period with every figure
/// (numerator, denominator and percent of each ratio; count and mean of each average).
pub fn csv(report: &KpiReport, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let name = |zh_name: &'static str, en_name: &'static str| if zh { zh_name } else { en_name };
    let mut header: Vec<String> = vec![name("周期开始", "period_start").to_string()];
    let ratio_cols = |header: &mut Vec<String>, base: &str| {
        for part in [
            name("分子", "num"),
            name("分母", "den"),
            name("百分比", "percent"),
        ] {
            header.push(format!("{base} {part}"));
        }
    };
    let mean_cols = |header: &mut Vec<String>, base: &str| {
        for part in [name("数量", "count"), name("平均", "mean")] {
            header.push(format!("{base} {part}"));
        }
    };
    for base in [
        name("回访率", "follow_up"),
        name("满意率", "satisfaction"),
        name("感动率", "delight"),
        name("回头率", "returning"),
        name("按时交车率", "on_time"),
        name("质检一次通过率", "qc_first_pass"),
        name("返修率", "returns"),
    ] {
        ratio_cols(&mut header, base);
    }
    // `Measures` holds one entry per timed stage and per channel, in these orders.
    for stage in TIMED_STAGES {
        let stage = stage.as_str();
        mean_cols(&mut header, &format!("{} {stage}", name("分钟", "minutes")));
    }
    for channel in CheckinChannel::ALL {
        let channel = channel.as_str();
        mean_cols(
            &mut header,
            &format!("{} {channel}", name("接车秒数", "checkin_seconds")),
        );
    }
    ratio_cols(&mut header, name("工位利用率", "bay_utilisation"));
    for col in [
        name("投诉新开", "complaints_opened"),
        name("投诉解决", "complaints_resolved"),
        name("投诉超期", "complaints_overdue"),
    ] {
        header.push(col.to_string());
    }
    mean_cols(&mut header, name("投诉解决分钟", "minutes_to_resolve"));

    let mut out = String::new();
    push_line(&mut out, header.iter().map(String::as_str));
    for row in &report.rows {
        let mut cells = vec![row.period_start.to_string()];
        for f in [
            &row.follow_up,
            &row.satisfaction,
            &row.delight,
            &row.returning,
            &row.on_time,
            &row.qc_first_pass,
            &row.returns,
        ] {
            ratio_cells(&mut cells, f.ratio);
        }
        for s in &row.stage_minutes {
            mean_cells(&mut cells, &s.minutes);
        }
        for c in &row.checkin_seconds {
            mean_cells(&mut cells, &c.seconds);
        }
        ratio_cells(&mut cells, row.bay_utilisation);
        cells.push(row.complaints.opened.len().to_string());
        cells.push(row.complaints.resolved.len().to_string());
        cells.push(row.complaints.overdue.len().to_string());
        mean_cells(&mut cells, &row.complaints.minutes_to_resolve);
        push_line(&mut out, cells.iter().map(String::as_str));
    }
    out
}

/// Numerator, denominator, percent (empty when there is no data).
fn ratio_cells(cells: &mut Vec<String>, r: Ratio) {
    cells.push(r.num.to_string());
    cells.push(r.den.to_string());
    cells.push(match r.per_mille() {
        None => String::new(),
        Some(pm) if pm % 10 == 0 => format!("{}", pm / 10),
        Some(pm) => format!("{}.{}", pm / 10, pm % 10),
    });
}

/// Count and mean rounded to a whole unit (empty when nothing was counted).
fn mean_cells(cells: &mut Vec<String>, m: &Mean) {
    cells.push(m.ids.len().to_string());
    cells.push(m.rounded().map(|v| v.to_string()).unwrap_or_default());
}

/// One CSV line, quoting only cells that need it (RFC 4180).
fn push_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}
