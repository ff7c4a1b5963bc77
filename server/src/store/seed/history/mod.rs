//! Three months of deterministic history for the demo store (issue 17): jobs through
//! every stage, follow-up calls with every outcome, complaints at every step, return jobs.
//! Every figure depends only on [`SEED`] and the store date of the seeding's `now`: the
//! generator draws from its own xorshift64 and never reads the wall clock. Nothing is
//! written to `events` and the stock tables are left alone.

use app::domain::from_store_local;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use sqlx::SqliteConnection;

use crate::store::StoreError;

mod aftersales;
mod complaints;
mod hand;
mod jobs;
mod people;
#[cfg(test)]
mod tests;
mod timeline;

pub use people::GENERATED_CUSTOMERS;

/// The generator's fixed seed.
pub const SEED: u64 = 0x5049_5457_414c_4c17;
/// How many store days before today the history covers.
pub const HISTORY_DAYS: i64 = 91;

/// A small deterministic generator (xorshift64).
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub(super) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        match n {
            0 => 0,
            n => self.next() % n,
        }
    }

    /// A number in `lo..=hi`.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).unwrap_or(1);
        lo + i64::try_from(self.below(span)).unwrap_or(0)
    }

    pub(super) fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = u64::try_from(items.len()).unwrap_or(0);
        items.get(usize::try_from(self.below(n)).unwrap_or(0))
    }
}

/// The instant `minutes` after the store's midnight starting `day`.
pub(super) fn at_minute(day: NaiveDate, minutes: i64) -> DateTime<Utc> {
    from_store_local(day.and_time(NaiveTime::MIN)) + Duration::minutes(minutes)
}

/// Writes the history of the 91 store days before `today` (Sundays are closed).
pub async fn insert_history(
    conn: &mut SqliteConnection,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let mut rng = Rng::new(SEED);
    let cutoff = at_minute(today, 0);
    let mut fleet = people::insert_fleet(conn, &mut rng).await?;
    let mut delivered = Vec::new();
    for back in (1..=HISTORY_DAYS).rev() {
        let day = today - Duration::days(back);
        if day.weekday() == Weekday::Sun {
            continue;
        }
        let index = HISTORY_DAYS - back;
        let count = 2 + rng.below(3);
        for n in 0..count {
            let Some(at) = people::choose(&mut fleet, &mut rng, index) else {
                break;
            };
            let Some(car) = fleet.get(at) else { break };
            // H01…, R01… for return jobs: never mistaken for today's A-tickets.
            let ticket = format!("H{:02}", n + 1);
            let job = jobs::Plan::regular(&mut rng, (car, at), day, index, ticket);
            delivered.push(jobs::insert_job(conn, &mut rng, &job).await?);
        }
    }
    aftersales::insert(conn, &mut rng, &fleet, &delivered, today, cutoff).await?;
    sqlx::query(
        "UPDATE vehicles SET last_mileage_km = MAX(last_mileage_km, \
         COALESCE((SELECT MAX(mileage_km) FROM jobs WHERE jobs.vehicle_id = vehicles.id), 0))",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
