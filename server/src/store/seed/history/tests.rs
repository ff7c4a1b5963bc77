//! The history's figures, exactly: seeded at a fixed `now`, measured by month.

use app::domain::complaint::escalations_due;
use app::domain::kpi::{by_period, Measures, Period};
use chrono::{DateTime, Duration, Utc};
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::SqlitePool;

use super::{at_minute, HISTORY_DAYS};
use crate::store;

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn seeded(now: DateTime<Utc>) -> Result<SqlitePool, Box<dyn std::error::Error>> {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await?;
    sqlx::migrate!().run(&pool).await?;
    assert!(super::super::seed_demo_store_if_new(&pool, now).await?);
    Ok(pool)
}

/// The months of the history, from its first day to the cutoff (today's midnight).
async fn months(
    pool: &SqlitePool,
    now: DateTime<Utc>,
) -> Result<Vec<Measures>, Box<dyn std::error::Error>> {
    let today = app::domain::store_date(now);
    let first = today - Duration::days(HISTORY_DAYS);
    let mut conn = pool.acquire().await?;
    let facts = store::kpi_facts(&mut conn, at_minute(first, 0), at_minute(today, 0)).await?;
    Ok(by_period(
        Period::Month,
        first,
        today - Duration::days(1),
        &facts,
        now,
    ))
}

/// A digest of every row the history writes.
async fn dump(pool: &SqlitePool) -> Result<String, Box<dyn std::error::Error>> {
    let mut out = String::new();
    for sql in [
        "SELECT json_group_array(json_array(id, ticket, version, stage, bay_id, vehicle_id, mileage_km, \
         concerns, wash, old_parts, payment_method, waiting, tracking_token, promised_at, eta, \
         stage_since, created_at, delivered_at, delivered_by, next_service_km, next_service_date, \
         call_time, return_of, timeline_total)) FROM (SELECT * FROM jobs WHERE id > 10 ORDER BY id)",
        "SELECT json_group_array(json_array(job_id, at, actor_role, actor_name, action, from_stage, to_stage, note)) \
         FROM (SELECT * FROM job_timeline WHERE job_id > 10 ORDER BY id)",
        "SELECT json_group_array(json_array(job_id, name_zh, labor_fen, parts_fen, status)) \
         FROM (SELECT * FROM job_items WHERE job_id > 10 ORDER BY id)",
        "SELECT json_group_array(json_array(number, issued_at, body)) FROM (SELECT * FROM invoices ORDER BY job_id)",
        "SELECT json_group_array(json_array(id, name, phone)) FROM (SELECT * FROM customers ORDER BY id)",
        "SELECT json_group_array(json_array(id, customer_id, plate, vin, model, last_mileage_km)) \
         FROM (SELECT * FROM vehicles ORDER BY id)",
        "SELECT json_group_array(json_array(job_id, contact, call_time, due_from, due_by, state, attempts, \
         satisfaction, fault_fixed, comments, created_at, closed_at)) FROM (SELECT * FROM follow_ups ORDER BY id)",
        "SELECT json_group_array(json_array(follow_up_id, at, outcome)) FROM (SELECT * FROM follow_up_calls ORDER BY id)",
        "SELECT json_group_array(json_array(job_id, follow_up_id, channel, category, severity, owner_role, \
         deadline, state, customer_told_on, return_job_id, opened_at, closed_at)) FROM (SELECT * FROM complaints ORDER BY id)",
        "SELECT json_group_array(json_array(complaint_id, at, kind, actor_role, owner_role)) \
         FROM (SELECT * FROM complaint_steps ORDER BY id)",
    ] {
        let part: String = sqlx::query_scalar(sql).fetch_one(pool).await?;
        out.push_str(&part);
        out.push('\n');
    }
    Ok(out)
}

fn figures(m: &Measures) -> String {
    let c = &m.complaints;
    format!(
        "{} delivered {} follow_up {}/{} satisfaction {}/{} delight {}/{} returning {}/{} \
         on_time {}/{} qc {}/{} returns {}/{} complaints {}/{}/{} util {}/{}",
        m.period_start,
        m.on_time.ratio.den,
        m.follow_up.ratio.num,
        m.follow_up.ratio.den,
        m.satisfaction.ratio.num,
        m.satisfaction.ratio.den,
        m.delight.ratio.num,
        m.delight.ratio.den,
        m.returning.ratio.num,
        m.returning.ratio.den,
        m.on_time.ratio.num,
        m.on_time.ratio.den,
        m.qc_first_pass.ratio.num,
        m.qc_first_pass.ratio.den,
        m.returns.ratio.num,
        m.returns.ratio.den,
        c.opened.len(),
        c.resolved.len(),
        c.overdue.len(),
        m.bay_utilisation.num,
        m.bay_utilisation.den,
    )
}

#[tokio::test]
async fn the_history_gives_exact_figures_and_the_same_each_time() -> TestResult {
    let now: DateTime<Utc> = "2026-12-02T02:00:00Z".parse()?;
    let pool = seeded(now).await?;
    let measures = months(&pool, now).await?;
    let got: Vec<String> = measures.iter().map(figures).collect();
    assert_eq!(
        got,
        [
            "2026-09-01 delivered 48 follow_up 35/44 satisfaction 30/35 delight 12/22 returning 7/22 \
             on_time 42/48 qc 45/48 returns 0/48 complaints 5/5/0 util 3682/104400",
            "2026-10-01 delivered 84 follow_up 69/79 satisfaction 61/69 delight 30/37 returning 22/37 \
             on_time 76/84 qc 78/84 returns 4/84 complaints 10/8/1 util 7207/111600",
            "2026-11-01 delivered 85 follow_up 63/74 satisfaction 53/63 delight 25/46 returning 36/46 \
             on_time 75/85 qc 75/85 returns 0/85 complaints 8/8/1 util 6891/108000",
            // 1 December: three history jobs and the demo's A10 (no call on the list).
            "2026-12-01 delivered 4 follow_up 0/4 satisfaction 0/0 delight 0/4 returning 4/4 \
             on_time 3/4 qc 4/4 returns 0/4 complaints 1/1/1 util 417/3600",
        ]
    );
    let counts: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM jobs WHERE id > 10), (SELECT COUNT(*) FROM jobs WHERE return_of IS NOT NULL), \
         (SELECT COUNT(*) FROM follow_ups), (SELECT COUNT(*) FROM follow_up_calls), \
         (SELECT COUNT(*) FROM complaints), (SELECT COUNT(*) FROM complaint_steps), (SELECT COUNT(*) FROM events)",
    )
    .fetch_one(&pool)
    .await?;
    // History jobs, return jobs, calls, attempts, complaints, their steps, events.
    assert_eq!(counts, (220, 4, 214, 259, 24, 89, 0));
    let states: String = sqlx::query_scalar(
        "SELECT group_concat(s, ' ') FROM (SELECT state || ':' || COUNT(*) AS s FROM follow_ups GROUP BY state ORDER BY state)",
    )
    .fetch_one(&pool)
    .await?;
    assert_eq!(states, "declined:12 done:181 open:10 unreachable:11");
    let mix: String = sqlx::query_scalar(
        "SELECT (SELECT group_concat(s, ' ') FROM (SELECT kind || ':' || COUNT(*) AS s FROM complaint_steps GROUP BY kind ORDER BY kind)) \
         || ' | ' || (SELECT group_concat(s, ' ') FROM (SELECT channel || ':' || COUNT(*) AS s FROM complaints GROUP BY channel ORDER BY channel)) \
         || ' | ' || (SELECT group_concat(s, ' ') FROM (SELECT state || '/' || owner_role || ':' || COUNT(*) AS s FROM complaints GROUP BY state, owner_role ORDER BY state, owner_role)) \
         || ' | ' || (SELECT group_concat(s, ' ') FROM (SELECT ifnull(satisfaction, '-') || ':' || COUNT(*) AS s FROM follow_ups GROUP BY satisfaction ORDER BY satisfaction)) \
         || ' | ' || (SELECT group_concat(s, ' ') FROM (SELECT call_time || ':' || COUNT(*) AS s FROM jobs WHERE call_time IS NOT NULL GROUP BY call_time ORDER BY call_time)) \
         || ' | overdue calls ' || (SELECT COUNT(*) FROM follow_ups WHERE state = 'open' AND due_by < ?1) \
         || ' | second contacts ' || (SELECT COUNT(*) FROM follow_ups WHERE contact = 2) \
         || ' | kiosk ' || (SELECT COUNT(*) FROM job_timeline WHERE action = 'check_in' AND actor_role = 'customer') \
         || ' | qc_fail ' || (SELECT COUNT(*) FROM job_timeline WHERE action = 'qc_fail') \
         || ' | customers ' || (SELECT COUNT(*) FROM customers) || ' vehicles ' || (SELECT COUNT(*) FROM vehicles) \
         || ' | told ' || (SELECT COUNT(*) FROM complaints WHERE customer_told_on IS NOT NULL) \
         || ' | overdue complaints ' || (SELECT COUNT(*) FROM complaints WHERE state = 'open' AND deadline <= ?1)",
    )
    .bind(store::ts(now))
    .fetch_one(&pool)
    .await?;
    assert_eq!(
        mix,
        "escalated:17 note:24 opened:24 reopened:1 resolved:23 \
         | follow_up_call:14 in_store:3 manufacturer_hotline:2 online:2 phone:3 \
         | closed/advisor:7 closed/follow_up_agent:7 closed/manager:3 closed/reception_supervisor:5 \
         open/advisor:1 open/manager:1 \
         | -:33 dissatisfied:12 neutral:11 satisfied:61 very_satisfied:97 \
         | afternoon:71 evening:68 morning:61 no_calls:20 | overdue calls 4 | second contacts 14 \
         | kiosk 94 | qc_fail 19 | customers 48 vehicles 60 | told 22 | overdue complaints 1"
    );
    // Every history job loads, invoice and all, and the call list reads.
    let mut conn = pool.acquire().await?;
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM jobs ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    for id in ids {
        assert!(store::load_job(&mut conn, id).await?.is_some());
    }
    let tasks = store::follow_up_tasks(
        &mut conn,
        at_minute(app::domain::store_date(now), -200 * 24 * 60),
        now,
    )
    .await?;
    assert_eq!(tasks.len(), 214);
    let long_ago = at_minute(app::domain::store_date(now), -200 * 24 * 60);
    let all = store::complaints(&mut conn, long_ago, now).await?;
    assert_eq!(all.len(), 24);
    // Nothing is left for the clock to escalate today, however late it is.
    let end_of_day = at_minute(app::domain::store_date(now), 24 * 60 - 1);
    for (id, owner, deadline, severity) in
        store::complaints_past_deadline(&mut conn, end_of_day).await?
    {
        assert!(
            escalations_due(owner, deadline, severity, end_of_day).is_empty(),
            "{id}"
        );
        assert_eq!(owner, app::domain::Role::Manager);
    }
    drop(conn);

    let again = seeded(now).await?;
    assert_eq!(dump(&pool).await?, dump(&again).await?);
    assert_eq!(
        serde_json::to_string(&measures)?,
        serde_json::to_string(&months(&again, now).await?)?
    );
    Ok(())
}
