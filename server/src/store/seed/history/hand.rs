//! The complaints the desk took by hand in the history: by phone, in store, online and
//! from the manufacturer's hotline, each about the last job delivered before its day.

use app::domain::complaint::{Category, Channel, Severity};
use app::domain::Role;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use sqlx::SqliteConnection;

use super::complaints::{open, settle};
use super::jobs::Delivered;
use super::{at_minute, Rng};
use crate::store::StoreError;

/// Complaints taken at the desk: (days before today, channel, category, severity, summary).
#[rustfmt::skip]
const BY_HAND: &[(i64, Channel, Category, Severity, &str)] = &[
    (86, Channel::Phone, Category::Delay, Severity::Normal, "客户来电：交车比承诺时间晚了一个多小时"),
    (75, Channel::InStore, Category::Price, Severity::Low, "客户到店反映：结算金额比报价高"),
    (64, Channel::Online, Category::Attitude, Severity::Normal, "网上评价：接待态度冷淡"),
    (53, Channel::ManufacturerHotline, Category::RepairQuality, Severity::High, "厂家热线转来：保养后发动机有渗油"),
    (42, Channel::Phone, Category::Parts, Severity::Normal, "客户来电：配件等了三天才到"),
    (31, Channel::InStore, Category::Other, Severity::Low, "客户到店反映：座椅上有油污"),
    (20, Channel::Online, Category::Delay, Severity::Normal, "网上留言：预约了到店还要排队"),
    (9, Channel::ManufacturerHotline, Category::Attitude, Severity::Normal, "厂家热线转来：打服务电话没人接"),
    (2, Channel::Phone, Category::Price, Severity::Low, "客户来电：工时费比上次贵"),
    (1, Channel::InStore, Category::Delay, Severity::Low, "客户到店反映：洗车等了很久"),
];

/// Opens and settles the complaints taken by hand, each about the last job delivered
/// before its day; the hotline's are taken by the supervisor, the rest by an advisor.
pub(super) async fn by_hand(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    delivered: &[Delivered],
    today: NaiveDate,
    cutoff: DateTime<Utc>,
    reopened: &mut bool,
) -> Result<(), StoreError> {
    for &(back, channel, category, severity, summary) in BY_HAND {
        let mut day = today - Duration::days(back);
        if day.weekday() == Weekday::Sun {
            day -= Duration::days(1);
        }
        let midnight = at_minute(day, 0);
        let job = delivered.iter().rev().find(|d| d.delivered_at < midnight);
        let role = match channel {
            Channel::ManufacturerHotline => Role::ReceptionSupervisor,
            _ => Role::Advisor,
        };
        let at = at_minute(day, 10 * 60 + rng.range(0, 360));
        let kind = (channel, category, severity);
        let opened = open(conn, job, None, kind, summary, (role, role), at).await?;
        settle(conn, rng, &opened, None, cutoff, reopened).await?;
    }
    Ok(())
}
