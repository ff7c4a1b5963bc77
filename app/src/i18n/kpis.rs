//! KPI page strings (`/desk/kpis`): figure names, the formulas written out in words,
//! period and unit wording; each key with Chinese and English side by side. Lines carry
//! `{n}`-style slots the page fills.

use super::Lang;
use crate::domain::kpi::{CheckinChannel, Period};
use crate::pages::kpis::{Group, Metric};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    Title,
    /// The period tabs.
    Period(Period),
    Group(Group),
    Metric(Metric),
    /// How a figure is computed, in words.
    Formula(Metric),
    /// `{date}`: the week's Monday.
    WeekOf,
    Latest,
    Target,
    BelowTarget,
    NoData,
    /// Under the headline: what a tap does.
    TapHint,
    DownloadCsv,
    PeriodColumn,
    StageTimes,
    StageFormula,
    Checkin(CheckinChannel),
    CheckinTimes,
    CheckinFormula,
    ComplaintsOpened,
    ComplaintsResolved,
    ComplaintsOverdue,
    TimeToResolve,
    ComplaintsFormula,
    TimeToResolveFormula,
    /// Drill-down: the jobs in the numerator, the rest of the denominator.
    Counted,
    NotCounted,
    JobsBehind,
    ComplaintsBehind,
    NoJobs,
    Close,
    /// `{n}` minutes, `{h}` hours and `{m}` minutes, `{m}` minutes and `{s}` seconds, `{s}`.
    Minutes,
    HoursMinutes,
    MinutesSeconds,
    Seconds,
    /// `{n}` days (one decimal).
    Days,
    LoadFailed,
}

pub fn text(lang: Lang, key: K) -> &'static str {
    let (zh, en) = match key {
        K::Title => ("售后 KPI", "After-sales KPIs"),
        K::Period(p) => match p {
            Period::Day => ("按日", "By day"),
            Period::Week => ("按周", "By week"),
            Period::Month => ("按月", "By month"),
        },
        K::Group(g) => match g {
            Group::Customers => ("客户", "Customers"),
            Group::Workshop => ("车间", "Workshop"),
            Group::Times => ("用时", "Times"),
            Group::Complaints => ("投诉", "Complaints"),
        },
        K::Metric(m) => match m {
            Metric::FollowUp => ("回访率", "Follow-up rate"),
            Metric::Satisfaction => ("满意率", "Satisfaction rate"),
            Metric::Delight => ("感动率", "Delight rate"),
            Metric::Returning => ("回头率", "Returning customers"),
            Metric::OnTime => ("按时交车率", "On-time delivery"),
            Metric::QcFirstPass => ("质检一次合格率", "QC first pass"),
            Metric::Returns => ("返修率", "Return rate"),
            Metric::BayUtilisation => ("工位利用率", "Bay utilisation"),
        },
        K::Formula(m) => match m {
            Metric::FollowUp => (
                "回访率 = 已回访（接通）/ 交车台次（客户不接受回访的除外）",
                "Follow-up rate = reached on the call / cars delivered (customers who asked for no calls left out)",
            ),
            Metric::Satisfaction => (
                "满意率 = 满意或非常满意 / 接通回访",
                "Satisfaction rate = satisfied or very satisfied / calls that reached the customer",
            ),
            Metric::Delight => (
                "感动率 = 回访时非常满意的客户 / 本期服务的客户",
                "Delight rate = customers very satisfied on the call / customers served in the period",
            ),
            Metric::Returning => (
                "回头率 = 本期之前来过的客户 / 本期服务的客户",
                "Returning customers = customers first served before the period / customers served in it",
            ),
            Metric::OnTime => (
                "按时交车率 = 在承诺时间前完工 / 交车台次",
                "On-time delivery = ready by the promised time / cars delivered",
            ),
            Metric::QcFirstPass => (
                "质检一次合格率 = 首次质检合格 / 经过质检的交车台次",
                "QC first pass = passed at the first inspection / cars delivered that went through QC",
            ),
            Metric::Returns => (
                "返修率 = 返修工单 / 交车台次（越低越好）",
                "Return rate = return jobs / cars delivered (lower is better)",
            ),
            Metric::BayUtilisation => (
                "工位利用率 = 技师打卡工时 / 工位可用工时",
                "Bay utilisation = labour clocked on jobs / hours the bays were open",
            ),
        },
        K::WeekOf => ("{date} 起一周", "Week of {date}"),
        K::Latest => ("最近一期", "Latest period"),
        K::Target => ("目标", "Target"),
        K::BelowTarget => ("低于目标", "Below target"),
        K::NoData => ("无数据", "No data"),
        K::TapHint => ("点数字可查看背后的工单。", "Tap a figure to see the jobs behind it."),
        K::DownloadCsv => ("下载 CSV", "Download CSV"),
        K::PeriodColumn => ("期间", "Period"),
        K::StageTimes => ("各阶段平均用时", "Average time in each stage"),
        K::StageFormula => (
            "阶段用时 = 本期交车的工单在该阶段的总分钟数 / 经过该阶段的工单数",
            "Stage time = minutes the cars delivered in the period spent in the stage / cars that went through it",
        ),
        K::Checkin(c) => match c {
            CheckinChannel::Kiosk => ("自助机", "Kiosk"),
            CheckinChannel::Desk => ("前台", "Desk"),
        },
        K::CheckinTimes => ("接车用时（自助机 / 前台）", "Check-in time (kiosk / desk)"),
        K::CheckinFormula => (
            "接车用时 = 各渠道接车所用秒数之和 / 该渠道接车台次",
            "Check-in time = seconds the check-ins took on a channel / check-ins on that channel",
        ),
        K::ComplaintsOpened => ("新增投诉", "Opened"),
        K::ComplaintsResolved => ("已结案", "Resolved"),
        K::ComplaintsOverdue => ("超时未结", "Overdue"),
        K::TimeToResolve => ("平均结案用时", "Time to resolve"),
        K::ComplaintsFormula => (
            "新增 = 本期受理的投诉；结案 = 本期结案的投诉；超时未结 = 期末（本期为此刻）已过处理时限仍未结案的投诉",
            "Opened = complaints taken in the period; resolved = closed in it; overdue = still open past their deadline at the period's end (now, for the current period)",
        ),
        K::TimeToResolveFormula => (
            "平均结案用时 = 本期结案投诉从受理到结案的总时间 / 本期结案的投诉数",
            "Time to resolve = time from opening to resolution of the complaints resolved in the period / complaints resolved",
        ),
        K::Counted => ("计入", "Counted"),
        K::NotCounted => ("未计入", "Not counted"),
        K::JobsBehind => ("相关工单", "The jobs behind this figure"),
        K::ComplaintsBehind => ("相关投诉", "The complaints behind this figure"),
        K::NoJobs => ("没有工单。", "No jobs."),
        K::Close => ("关闭", "Close"),
        K::Minutes => ("{n} 分钟", "{n} min"),
        K::HoursMinutes => ("{h} 小时 {m} 分", "{h} h {m} min"),
        K::MinutesSeconds => ("{m} 分 {s} 秒", "{m} min {s} s"),
        K::Seconds => ("{s} 秒", "{s} s"),
        K::Days => ("{n} 天", "{n} days"),
        K::LoadFailed => ("KPI 数据读取失败。", "The KPIs could not be read."),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
