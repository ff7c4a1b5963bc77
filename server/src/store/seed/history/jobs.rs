//! A history job: its order from the catalogue, a timeline through every stage to
//! delivery (a QC failure now and then, a wash when asked), and its invoice.

use app::domain::store_date;
use app::model::{build_invoice, InvoiceMeta};
use chrono::{DateTime, Months, NaiveDate, Utc};
use sqlx::SqliteConnection;

use super::super::data::LABOUR_RATE_FEN_PER_HOUR;
use super::people::Car;
use super::timeline::{timeline, Timeline};
use super::{at_minute, Rng};
use crate::store::{self, ts, StoreError};

/// An order: its items, the bays that can do it, the customer's words, and whether it
/// fixes a fault (so a follow-up call can find it not fixed).
struct Menu {
    items: &'static [&'static str],
    bays: &'static [i64],
    concerns: &'static str,
    fault: bool,
}

#[rustfmt::skip]
static MENUS: &[Menu] = &[
    Menu { items: &["oil_change", "oil_filter"], bays: &[1, 2, 3], concerns: "常规保养", fault: false },
    Menu { items: &["oil_change", "oil_filter", "air_filter", "clean_throttle"], bays: &[1, 2, 3], concerns: "做个保养，顺便清洗节气门", fault: false },
    Menu { items: &["diagnosis", "front_brake_pads"], bays: &[2, 3], concerns: "刹车的时候有异响", fault: true },
    Menu { items: &["wheel_alignment", "tyre_rotation"], bays: &[4], concerns: "开车往一边跑偏", fault: true },
    Menu { items: &["ac_check", "cabin_filter"], bays: &[2, 3], concerns: "空调不够凉，有股异味", fault: true },
    Menu { items: &["diagnosis", "spark_plugs"], bays: &[2, 3], concerns: "冷车启动有点抖", fault: true },
    Menu { items: &["scratch_repair"], bays: &[6], concerns: "右后门有一道划痕", fault: false },
    Menu { items: &["brake_fluid", "coolant"], bays: &[2, 3, 4], concerns: "到期更换刹车油和冷却液", fault: false },
    Menu { items: &["traction_battery_check", "cabin_filter"], bays: &[5], concerns: "续航掉得快，检查一下电池", fault: true },
];
/// Menus by how often they are ordered (an electric car: the last three).
const PETROL: &[usize] = &[0, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7];
const ELECTRIC: &[usize] = &[8, 8, 3, 6];
const PAYMENTS: &[&str] = &["wechat", "wechat", "alipay", "card", "cash"];

/// One job to write.
pub(super) struct Plan<'a> {
    car: &'a Car,
    car_index: usize,
    day: NaiveDate,
    index: i64,
    ticket: String,
    /// Its order: an index into `MENUS` (kept as an index, so the return job of a
    /// delivered one finds the same order again).
    menu: usize,
    /// The job it redoes (a 返修: labour free, QC passes first time).
    return_of: Option<i64>,
}

impl<'a> Plan<'a> {
    pub(super) fn regular(
        rng: &mut Rng,
        (car, car_index): (&'a Car, usize),
        day: NaiveDate,
        index: i64,
        ticket: String,
    ) -> Self {
        let menus = if car.electric { ELECTRIC } else { PETROL };
        let menu = rng.pick(menus).copied().unwrap_or(0);
        Self {
            car,
            car_index,
            day,
            index,
            ticket,
            menu,
            return_of: None,
        }
    }

    /// The return job of `original` (menu `menu`) on `day`.
    pub(super) fn redo(
        car: &'a Car,
        original: &Delivered,
        day: NaiveDate,
        index: i64,
        ticket: String,
    ) -> Self {
        let menu = original.menu;
        let car_index = original.car;
        Self {
            car,
            car_index,
            day,
            index,
            ticket,
            menu,
            return_of: Some(original.id),
        }
    }
}

/// A delivered history job, as the follow-up calls need it.
pub(super) struct Delivered {
    pub id: i64,
    pub car: usize,
    pub menu: usize,
    pub delivered_at: DateTime<Utc>,
    pub fault: bool,
    pub customer_name: String,
    pub phone: String,
}

/// Writes the job delivered on its day, with its items, timeline and invoice.
pub(super) async fn insert_job(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
    plan: &Plan<'_>,
) -> Result<Delivered, StoreError> {
    let menu = MENUS
        .get(plan.menu)
        .ok_or_else(|| StoreError::Corrupt(format!("history menu {} unknown", plan.menu)))?;
    let Timeline {
        rows,
        bay,
        advisor,
        wash,
        checked_in,
        promised,
        delivered,
    } = timeline(
        rng,
        (menu.items, menu.bays),
        &plan.car.customer_name,
        plan.return_of.is_some(),
    );
    let delivered_at = at_minute(plan.day, delivered);
    let km = plan.car.km_on(plan.index);
    let next_km = (km / 5_000 + 2) * 5_000;
    let next_date = plan
        .day
        .checked_add_months(Months::new(6))
        .unwrap_or(plan.day);
    let payment = rng.pick(PAYMENTS).copied().unwrap_or("wechat");
    let concerns = match plan.return_of {
        Some(_) => format!("返修：{}，上次维修后问题仍在", menu.concerns),
        None => menu.concerns.to_string(),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO jobs (ticket, version, stage, bay_id, vehicle_id, mileage_km, concerns, wash, \
         old_parts, payment_method, waiting, tracking_token, team_check_passed, promised_at, eta, \
         stage_since, created_at, delivered_at, delivered_by, next_service_km, next_service_date, \
         return_of, valuables_acknowledged, consent_additional_work) \
         VALUES (?, ?, 'delivered', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1) \
         RETURNING id",
    )
    .bind(&plan.ticket)
    .bind(i64::try_from(rows.len()).unwrap_or(0))
    .bind(bay)
    .bind(plan.car.vehicle_id)
    .bind(km)
    .bind(&concerns)
    .bind(wash)
    .bind(if rng.one_in(3) { "take" } else { "leave" })
    .bind(payment)
    .bind(rng.one_in(3))
    .bind(format!("{:016x}{:016x}", rng.next(), rng.next()))
    .bind(ts(at_minute(plan.day, promised)))
    .bind(ts(at_minute(plan.day, promised)))
    .bind(ts(delivered_at))
    .bind(ts(at_minute(plan.day, checked_in)))
    .bind(ts(delivered_at))
    .bind(advisor)
    .bind(next_km)
    .bind(next_date.to_string())
    .bind(plan.return_of)
    .fetch_one(&mut *conn)
    .await?;
    for code in menu.items {
        sqlx::query(
            "INSERT INTO job_items (job_id, service_item_id, name_zh, name_en, labor_minutes, \
             labor_fen, parts_fen, kind, status) \
             SELECT ?1, s.id, s.name_zh, s.name_en, s.labor_minutes, \
             CASE WHEN ?3 THEN 0 ELSE s.labor_minutes * ?2 / 60 END, \
             COALESCE(p.price_fen * s.part_qty, 0), 'order', 'done' \
             FROM service_items s LEFT JOIN parts p ON p.id = s.part_id WHERE s.code = ?4",
        )
        .bind(id)
        .bind(LABOUR_RATE_FEN_PER_HOUR)
        .bind(plan.return_of.is_some())
        .bind(code)
        .execute(&mut *conn)
        .await?;
    }
    for row in &rows {
        sqlx::query(
            "INSERT INTO job_timeline (job_id, at, actor_role, actor_name, action, from_stage, \
             to_stage, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(ts(at_minute(plan.day, row.minute)))
        .bind(row.role)
        .bind(&row.actor)
        .bind(row.action)
        .bind(row.from)
        .bind(row.to)
        .bind(row.note)
        .execute(&mut *conn)
        .await?;
    }
    invoice(conn, id, delivered_at, advisor, next_km, next_date).await?;
    Ok(Delivered {
        id,
        car: plan.car_index,
        menu: plan.menu,
        delivered_at,
        fault: menu.fault,
        customer_name: plan.car.customer_name.clone(),
        phone: plan.car.phone.clone(),
    })
}

/// The invoice as the desk issues it at delivery (`delivery::issue_invoice`).
async fn invoice(
    conn: &mut SqliteConnection,
    id: i64,
    at: DateTime<Utc>,
    advisor: &str,
    next_km: i64,
    next_date: NaiveDate,
) -> Result<(), StoreError> {
    let job = store::load_job(conn, id)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("history job {id} not written")))?;
    let number = format!("PW{}-{:05}", store_date(at).format("%Y%m%d"), id);
    let body = build_invoice(
        &job,
        InvoiceMeta {
            number: number.clone(),
            issued_at: at,
            draft: false,
            payment_method: job.payment_method.clone(),
            next_service_km: u32::try_from(next_km).ok(),
            next_service_date: Some(next_date),
            advisor: advisor.to_string(),
        },
    );
    let body = serde_json::to_string(&body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    store::insert_invoice(conn, id, &number, at, &body).await
}
