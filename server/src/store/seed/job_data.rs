//! The demo store's jobs `A01`–`A10`: each one's car, order, and the steps it has been
//! through, at every stage of the lane (rows of `data.rs` referred to by code or plate).

/// What a job's minutes count from: `Today` from `now` (negative is earlier), `Yesterday`
/// from the start of yesterday in the store's time zone.
#[derive(Clone, Copy)]
pub(super) enum Day {
    Today,
    Yesterday,
}

/// The actions of api.md a seeded job has been through.
#[derive(Clone, Copy)]
pub(super) enum Step {
    CheckIn,
    Assign,
    Start,
    Pause,
    FinishWork,
    TeamCheck,
    QcPass,
    FinishWash,
    Deliver,
}

pub(super) struct Job {
    pub ticket: &'static str,
    pub plate: &'static str,
    pub bay: Option<i64>,
    pub queue_pos: Option<i64>,
    pub mileage_km: i64,
    pub concerns: &'static str,
    pub wash: bool,
    pub old_parts: &'static str,
    pub payment: &'static str,
    pub waiting: bool,
    pub pause_reason: Option<&'static str>,
    pub day: Day,
    pub promised: i64,
    /// `None`: the ETA is the promised time.
    pub eta: Option<i64>,
    /// (service item code, done).
    pub items: &'static [(&'static str, bool)],
    /// A safety-critical additional item awaiting the customer's approval.
    pub additional: Option<&'static str>,
    /// (action, minute, note); the job's stage is where the last one leads.
    pub steps: &'static [(Step, i64, &'static str)],
    /// (km, months after delivery) recorded at delivery.
    pub next_service: Option<(i64, u32)>,
}

use Step::{Assign, CheckIn, Deliver, FinishWash, FinishWork, Pause, QcPass, Start, TeamCheck};

const SELF_CHECKED: &str = "自检完成";
const TEAM_PASSED: &str = "班组长检验合格";
const PKG_20K: &[(&str, bool)] = &[
    ("oil_change", true),
    ("oil_filter", true),
    ("air_filter", true),
    ("clean_oil_passages", true),
    ("clean_throttle", true),
    ("clean_injectors", true),
];

#[rustfmt::skip]
pub(super) const JOBS: &[Job] = &[
    Job { ticket: "A01", plate: "粤B12345", bay: Some(2), queue_pos: None, mileage_km: 61_230,
        concerns: "刹车时前轮有“吱吱”的异响，顺便做个保养", wash: true, old_parts: "take", payment: "wechat", waiting: true,
        pause_reason: None, day: Day::Today, promised: 150, eta: None,
        items: &[("diagnosis", true), ("oil_change", false), ("oil_filter", false)], additional: Some("front_brake_pads"),
        steps: &[(CheckIn, -95, ""), (Assign, -88, ""), (Start, -60, "")], next_service: None },
    Job { ticket: "A02", plate: "粤A88K21", bay: Some(4), queue_pos: None, mileage_km: 48_760,
        concerns: "开车往右跑偏，仪表盘上刹车片的灯亮了", wash: false, old_parts: "leave", payment: "alipay", waiting: false,
        pause_reason: Some("awaiting_parts"), day: Day::Today, promised: 240, eta: None,
        items: &[("wheel_alignment", true), ("front_brake_pads", false)], additional: None,
        steps: &[(CheckIn, -150, ""), (Assign, -140, ""), (Start, -120, ""), (Pause, -45, "前刹车片缺货，已向配件部订货")],
        next_service: None },
    Job { ticket: "A03", plate: "粤B7N2S8", bay: Some(1), queue_pos: Some(1), mileage_km: 5_120,
        concerns: "第一次保养，别的没什么问题", wash: true, old_parts: "leave", payment: "cash", waiting: true,
        pause_reason: None, day: Day::Today, promised: 90, eta: None,
        items: &[("oil_change", false), ("oil_filter", false)], additional: None,
        steps: &[(CheckIn, -25, ""), (Assign, -20, "")], next_service: None },
    Job { ticket: "A04", plate: "粤B5H6J9", bay: Some(1), queue_pos: Some(2), mileage_km: 15_340,
        concerns: "到一万五了，做个常规保养", wash: false, old_parts: "leave", payment: "card", waiting: false,
        pause_reason: None, day: Day::Today, promised: 180, eta: None,
        items: &[("oil_change", false), ("oil_filter", false)], additional: None,
        steps: &[(CheckIn, -15, ""), (Assign, -10, "")], next_service: None },
    Job { ticket: "A05", plate: "粤A3C9F7", bay: None, queue_pos: None, mileage_km: 72_400,
        concerns: "空调不怎么凉，一开就有股霉味", wash: true, old_parts: "leave", payment: "wechat", waiting: false,
        pause_reason: None, day: Day::Today, promised: 210, eta: None,
        items: &[("ac_check", false), ("cabin_filter", false)], additional: None,
        steps: &[(CheckIn, -5, "")], next_service: None },
    Job { ticket: "A06", plate: "粤B9E8R1", bay: Some(3), queue_pos: None, mileage_km: 20_180,
        concerns: "两万公里保养，最近好像有点费油", wash: false, old_parts: "take", payment: "alipay", waiting: true,
        pause_reason: None, day: Day::Today, promised: 60, eta: None, items: PKG_20K, additional: None,
        steps: &[(CheckIn, -180, ""), (Assign, -172, ""), (Start, -165, ""), (FinishWork, -25, SELF_CHECKED),
            (TeamCheck, -18, TEAM_PASSED)], next_service: None },
    Job { ticket: "A07", plate: "粤AFA8021", bay: Some(3), queue_pos: None, mileage_km: 30_510,
        concerns: "保养灯亮了，顺便换一下空调滤芯", wash: true, old_parts: "leave", payment: "wechat", waiting: false,
        pause_reason: None, day: Day::Today, promised: 75, eta: None,
        items: &[("oil_change", true), ("oil_filter", true), ("cabin_filter", true)], additional: None,
        steps: &[(CheckIn, -240, ""), (Assign, -232, ""), (Start, -225, ""), (FinishWork, -180, SELF_CHECKED),
            (TeamCheck, -172, TEAM_PASSED), (QcPass, -40, "")], next_service: None },
    Job { ticket: "A08", plate: "粤B2L5T3", bay: Some(2), queue_pos: None, mileage_km: 41_020,
        concerns: "冷车启动的时候有点抖，顺便保养一下", wash: false, old_parts: "take", payment: "card", waiting: false,
        pause_reason: None, day: Day::Today, promised: 90, eta: Some(-80),
        items: &[("oil_change", true), ("oil_filter", true), ("air_filter", true), ("spark_plugs", true)], additional: None,
        steps: &[(CheckIn, -225, ""), (Assign, -215, ""), (Start, -190, ""), (FinishWork, -105, SELF_CHECKED),
            (TeamCheck, -98, TEAM_PASSED), (QcPass, -80, "")], next_service: None },
    // A09 overruns: less is left than the diagnosis has taken, but more than the 30
    // minutes promised, so the demo has a late car at any hour it is started.
    Job { ticket: "A09", plate: "粤BD12345", bay: Some(5), queue_pos: None, mileage_km: 33_860,
        concerns: "充电充不满，仪表显示的续航掉得很快", wash: true, old_parts: "leave", payment: "alipay", waiting: true,
        pause_reason: None, day: Day::Today, promised: 30, eta: None,
        items: &[("diagnosis", true), ("battery_check", false)], additional: None,
        steps: &[(CheckIn, -130, ""), (Assign, -124, ""), (Start, -110, "")], next_service: None },
    Job { ticket: "A10", plate: "粤B6P3W5", bay: Some(2), queue_pos: None, mileage_km: 20_060,
        concerns: "两万公里保养", wash: true, old_parts: "take", payment: "wechat", waiting: false,
        pause_reason: None, day: Day::Yesterday, promised: 16 * 60, eta: None, items: PKG_20K, additional: None,
        steps: &[(CheckIn, 9 * 60 + 10, ""), (Assign, 9 * 60 + 20, ""), (Start, 9 * 60 + 40, ""),
            (FinishWork, 12 * 60 + 10, SELF_CHECKED), (TeamCheck, 12 * 60 + 20, TEAM_PASSED), (QcPass, 14 * 60, ""),
            (FinishWash, 14 * 60 + 40, ""), (Deliver, 17 * 60 + 30, "已向客户说明作业内容，旧件已交还")],
        next_service: Some((30_000, 6)) },
];
