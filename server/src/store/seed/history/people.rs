//! The history's customers: the demo customers' cars, and generated customers (some
//! with two cars) who first come in through the three months, then some return.

use sqlx::SqliteConnection;

use super::super::data::{DEMO_CUSTOMERS, VEHICLES};
use super::Rng;
use crate::store::StoreError;

/// How many customers the history adds to the demo's.
pub const GENERATED_CUSTOMERS: usize = 40;

const SURNAMES: &[&str] = &["陈", "林", "黄", "周", "徐", "何", "高", "罗", "梁", "谢"];
const GIVEN: &[&str] = &[
    "志强", "秀英", "海燕", "建平", "晓东", "雅琴", "俊杰", "丽娟",
];
const PREFIXES: &[&str] = &["139", "158", "186", "135", "150", "188"];
const PLATE_LETTERS: &[char] = &['A', 'C', 'E', 'F', 'G', 'H', 'K', 'L', 'M', 'N', 'R'];
const COLOURS: &[&str] = &["白色", "黑色", "银色", "灰色", "蓝色", "红色"];
/// (model, fuel type, model family).
const MODELS: &[(&str, &str, &str)] = &[
    ("丰田 卡罗拉", "petrol", "卡罗拉"),
    ("本田 雅阁", "petrol", "雅阁"),
    ("大众 迈腾", "petrol", "迈腾"),
    ("日产 天籁", "petrol", "天籁"),
    ("别克 英朗", "petrol", "英朗"),
    ("吉利 博越", "petrol", "博越"),
    ("丰田 雷凌双擎", "hybrid", "雷凌"),
    ("比亚迪 秦PLUS DM-i", "hybrid", "秦PLUS"),
    ("比亚迪 海豹", "electric", "海豹"),
];

/// A car the history may service.
pub(super) struct Car {
    pub vehicle_id: i64,
    pub customer_name: String,
    pub phone: String,
    pub electric: bool,
    /// Odometer on the history's first day, and km driven a day.
    pub base_km: i64,
    pub daily_km: i64,
    /// The history day (0 = the first) from which it may come in.
    pub joins: i64,
    /// The last history day it came in.
    pub last_visit: Option<i64>,
}

impl Car {
    pub(super) fn km_on(&self, index: i64) -> i64 {
        self.base_km + index * self.daily_km
    }
}

/// The demo customers' cars (those past their first service) and the generated ones.
pub(super) async fn insert_fleet(
    conn: &mut SqliteConnection,
    rng: &mut Rng,
) -> Result<Vec<Car>, StoreError> {
    let mut fleet = Vec::new();
    for (index, v) in VEHICLES.iter().enumerate() {
        let Some((name, phone)) = usize::try_from(v.customer - 1)
            .ok()
            .and_then(|c| DEMO_CUSTOMERS.get(c))
        else {
            continue;
        };
        if v.km < 10_000 {
            continue;
        }
        let daily_km = rng.range(25, 50);
        fleet.push(Car {
            vehicle_id: i64::try_from(index).unwrap_or(0) + 1,
            customer_name: (*name).to_string(),
            phone: (*phone).to_string(),
            electric: v.fuel == "electric",
            base_km: v.km - daily_km * (super::HISTORY_DAYS + 10),
            daily_km,
            joins: 0,
            last_visit: None,
        });
    }
    let mut serial = 0usize;
    for c in 0..GENERATED_CUSTOMERS {
        let name = format!(
            "{}{}",
            SURNAMES[c % SURNAMES.len()],
            GIVEN[(c / SURNAMES.len() + c) % GIVEN.len()]
        );
        let prefix = rng.pick(PREFIXES).copied().unwrap_or("139");
        let phone = format!("{prefix}{:08}", rng.below(100_000_000));
        let customer_id: i64 =
            sqlx::query_scalar("INSERT INTO customers (name, phone) VALUES (?, ?) RETURNING id")
                .bind(&name)
                .bind(&phone)
                .fetch_one(&mut *conn)
                .await?;
        let cars = if c % 6 == 2 { 2 } else { 1 };
        for _ in 0..cars {
            let (model, fuel, family) = *rng.pick(MODELS).unwrap_or(&MODELS[0]);
            let letter = PLATE_LETTERS[serial % PLATE_LETTERS.len()];
            let plate = format!("粤B{letter}{:04}", 2_000 + serial * 7);
            let base_km = rng.range(8, 90) * 1_000;
            let vehicle_id: i64 = sqlx::query_scalar(
                "INSERT INTO vehicles (customer_id, plate, vin, model, colour, last_mileage_km, \
                 fuel_type, model_family) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(customer_id)
            .bind(&plate)
            .bind(format!("LSGHD{:012}", 100_000 + serial * 7_919))
            .bind(model)
            .bind(rng.pick(COLOURS).copied().unwrap_or("白色"))
            .bind(base_km)
            .bind(fuel)
            .bind(family)
            .fetch_one(&mut *conn)
            .await?;
            fleet.push(Car {
                vehicle_id,
                customer_name: name.clone(),
                phone: phone.clone(),
                electric: fuel == "electric",
                base_km,
                daily_km: rng.range(20, 60),
                joins: i64::try_from(c * 2).unwrap_or(0),
                last_visit: None,
            });
            serial += 1;
        }
    }
    Ok(fleet)
}

/// The car that comes in next on history day `index`: half the time a customer new to
/// the store, else any car that has joined and not been in for two weeks.
pub(super) fn choose(fleet: &mut [Car], rng: &mut Rng, index: i64) -> Option<usize> {
    let fresh = fleet
        .iter()
        .position(|c| c.joins <= index && c.last_visit.is_none() && c.base_km > 0 && c.joins > 0);
    let pick = match fresh {
        Some(at) if rng.one_in(2) => Some(at),
        _ => {
            let ready: Vec<usize> = (0..fleet.len())
                .filter(|&i| {
                    fleet[i].joins <= index
                        && fleet[i].last_visit.is_none_or(|last| index - last >= 14)
                })
                .collect();
            rng.pick(&ready).copied()
        }
    }?;
    fleet.get_mut(pick)?.last_visit = Some(index);
    Some(pick)
}
