//! Writing bays from the admin screen: creating and editing one, adding and ending its
//! out-of-service periods.

use app::model::{BayEdit, OutageEdit};
use sqlx::SqliteConnection;

use super::{ts, StoreError};

pub async fn insert_bay(conn: &mut SqliteConnection, bay: &BayEdit) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO bays (name_zh, name_en, team_name, skills, opens_at, closes_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&bay.name_zh)
    .bind(&bay.name_en)
    .bind(&bay.team_name)
    .bind(bay.skills.join(","))
    .bind(&bay.opens_at)
    .bind(&bay.closes_at)
    .fetch_one(&mut *conn)
    .await?)
}

/// False when there is no such bay.
pub async fn update_bay(
    conn: &mut SqliteConnection,
    bay_id: i64,
    bay: &BayEdit,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE bays SET name_zh = ?, name_en = ?, team_name = ?, skills = ?, opens_at = ?, closes_at = ?
         WHERE id = ?",
    )
    .bind(&bay.name_zh)
    .bind(&bay.name_en)
    .bind(&bay.team_name)
    .bind(bay.skills.join(","))
    .bind(&bay.opens_at)
    .bind(&bay.closes_at)
    .bind(bay_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_outage(
    conn: &mut SqliteConnection,
    bay_id: i64,
    outage: &OutageEdit,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO bay_outages (bay_id, from_at, to_at, reason) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(bay_id)
    .bind(ts(outage.from))
    .bind(ts(outage.to))
    .bind(&outage.reason)
    .fetch_one(&mut *conn)
    .await?)
}

/// Takes an outage off the bay (back in service); false when the bay has no such outage.
pub async fn delete_outage(
    conn: &mut SqliteConnection,
    bay_id: i64,
    outage_id: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM bay_outages WHERE id = ? AND bay_id = ?")
        .bind(outage_id)
        .bind(bay_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
