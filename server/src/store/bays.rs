//! Bays, their skills, hours and outages, and who is signed in at each.

use app::model::{BayInfo, BayOutage};
use sqlx::SqliteConnection;

use super::{parse_ts, ts, StoreError};

#[derive(sqlx::FromRow)]
struct BayRow {
    id: i64,
    name_zh: String,
    name_en: String,
    team_name: String,
    skills: String,
    opens_at: String,
    closes_at: String,
}

/// Every bay (or one), with the technicians signed in at it now.
/// The bays (all, or `only` one) with their outages not yet over at `now` (the store's
/// clock) and who is signed in (sessions expire by the wall clock).
pub async fn bays(
    conn: &mut SqliteConnection,
    only: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<BayInfo>, StoreError> {
    let rows: Vec<BayRow> = sqlx::query_as(
        "SELECT id, name_zh, name_en, team_name, skills, opens_at, closes_at
         FROM bays WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    let signed_in: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT s.bay_id, s.display_name FROM sessions s
         WHERE s.bay_id IS NOT NULL AND s.technician_id IS NOT NULL AND s.expires_at > ?
           AND (?2 IS NULL OR s.bay_id = ?2)
         ORDER BY s.display_name",
    )
    .bind(ts(chrono::Utc::now()))
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    let outages = outages(conn, only, now).await?;
    Ok(rows
        .into_iter()
        .map(|r| BayInfo {
            out_of_service: outages
                .iter()
                .filter(|(b, _)| *b == r.id)
                .map(|(_, o)| o.clone())
                .collect(),
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            signed_in: signed_in
                .iter()
                .filter(|(b, _)| *b == r.id)
                .map(|(_, n)| n.clone())
                .collect(),
            id: r.id,
            name_zh: r.name_zh,
            name_en: r.name_en,
            team_name: r.team_name,
            skills: r
                .skills
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        })
        .collect())
}

/// Outages not yet over (of one bay or all), earliest first, with their bay.
async fn outages(
    conn: &mut SqliteConnection,
    only: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(i64, BayOutage)>, StoreError> {
    let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT id, bay_id, from_at, to_at, reason FROM bay_outages
         WHERE to_at > ?1 AND (?2 IS NULL OR bay_id = ?2) ORDER BY from_at, id",
    )
    .bind(ts(now))
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, bay_id, from, to, reason)| {
            Ok((
                bay_id,
                BayOutage {
                    id,
                    from: parse_ts(&from)?,
                    to: parse_ts(&to)?,
                    reason,
                },
            ))
        })
        .collect()
}

pub async fn bay_exists(conn: &mut SqliteConnection, bay_id: i64) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM bays WHERE id = ?")
        .bind(bay_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

/// The position after the last job queued at a bay.
pub async fn next_queue_pos(conn: &mut SqliteConnection, bay_id: i64) -> Result<i64, StoreError> {
    let max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(queue_pos) FROM jobs WHERE bay_id = ? AND stage = 'queued'")
            .bind(bay_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(max.unwrap_or(0) + 1)
}
