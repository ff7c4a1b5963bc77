//! The demo seed: written once, hashes that verify, every lounge flag at any hour.

use super::*;
use app::domain::Flag;
use sqlx::sqlite::SqlitePoolOptions;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn a_hash_verifies_only_its_secret() -> TestResult {
    let phc = hash_secret("2220")?;
    assert!(phc.starts_with("$argon2id$"));
    assert!(verify_secret("2220", &phc));
    assert!(!verify_secret("2222", &phc));
    assert!(!verify_secret("2220", "not a PHC string"));
    Ok(())
}

#[tokio::test]
async fn seeds_a_new_database_once() -> TestResult {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await?;
    sqlx::migrate!().run(&pool).await?;
    assert!(seed_demo_store_if_new(&pool, Utc::now()).await?);
    assert!(!seed_demo_store_if_new(&pool, Utc::now()).await?);
    let counts: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM bays), (SELECT COUNT(*) FROM technicians), \
         (SELECT COUNT(*) FROM staff), (SELECT COUNT(*) FROM maintenance_package_items), \
         (SELECT COUNT(*) FROM service_items WHERE (part_id IS NULL) = (part_qty > 0)), \
         (SELECT COUNT(*) FROM job_items WHERE status = 'pending'), (SELECT COUNT(*) FROM events)",
    )
    .fetch_one(&pool)
    .await?;
    assert_eq!(counts, (6, 12, 8, 81, 0, 1, 0));
    let stages: String = sqlx::query_scalar(
        "SELECT group_concat(ticket || ':' || stage, ' ') \
         FROM (SELECT ticket, stage FROM jobs WHERE id <= 10 ORDER BY id)",
    )
    .fetch_one(&pool)
    .await?;
    assert_eq!(
        stages,
        "A01:in_service A02:paused A03:queued A04:queued A05:checked_in A06:quality_check \
         A07:washing A08:ready A09:in_service A10:delivered"
    );
    let pin: String = sqlx::query_scalar("SELECT pin_hash FROM technicians WHERE id = 5")
        .fetch_one(&pool)
        .await?;
    assert!(verify_secret("3333", &pin));
    Ok(())
}

/// The lounge's legend has a car for every flag in the demo, whatever the hour the
/// store is first started: a demo started before opening once showed no late car.
#[tokio::test]
async fn the_demo_shows_every_lounge_flag_at_any_hour() -> TestResult {
    let day = NaiveDate::from_ymd_opt(2026, 12, 5).ok_or("date")?;
    for hour in 0..24 {
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await?;
        sqlx::migrate!().run(&pool).await?;
        let now = from_store_local(day.and_hms_opt(hour, 19, 0).ok_or("time")?);
        assert!(seed_demo_store_if_new(&pool, now).await?);
        let mut conn = pool.acquire().await?;
        let jobs = crate::store::load_jobs(&mut conn, crate::store::JobFilter::Active).await?;
        for flag in [
            Flag::AwaitingApproval,
            Flag::AwaitingParts,
            Flag::Delayed,
            Flag::Ready,
        ] {
            assert!(
                jobs.iter().any(|job| job.flags.contains(&flag)),
                "no {flag:?} car when started at {hour:02}:19"
            );
        }
    }
    Ok(())
}
