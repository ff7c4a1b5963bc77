//! Staff and technician accounts as the admin screen manages them: list, create, change,
//! deactivate, set a password or a PIN, and end the sessions of someone deactivated.

use app::domain::Role;
use app::model::{StaffAccount, TechnicianAccount};
use sqlx::SqliteConnection;

use super::StoreError;

#[derive(sqlx::FromRow)]
struct StaffAccountRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    active: bool,
    must_change_password: bool,
    has_pin: bool,
}

impl StaffAccountRow {
    fn into_account(self) -> Result<StaffAccount, StoreError> {
        let role = Role::parse(&self.role).ok_or_else(|| {
            StoreError::Corrupt(format!("staff {} role {:?}", self.id, self.role))
        })?;
        Ok(StaffAccount {
            id: self.id,
            username: self.username,
            display_name: self.display_name,
            role,
            active: self.active,
            must_change_password: self.must_change_password,
            has_pin: self.has_pin,
        })
    }
}

const STAFF_COLUMNS: &str = "id, username, display_name, role, active, must_change_password,
    pin_hash IS NOT NULL AS has_pin";

pub async fn staff_accounts(conn: &mut SqliteConnection) -> Result<Vec<StaffAccount>, StoreError> {
    let rows: Vec<StaffAccountRow> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff ORDER BY active DESC, id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(StaffAccountRow::into_account)
        .collect()
}

pub async fn staff_account(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<StaffAccount>, StoreError> {
    let row: Option<StaffAccountRow> =
        sqlx::query_as(&format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(StaffAccountRow::into_account).transpose()
}

type TechnicianTuple = (i64, String, i64, bool, bool);

fn technician((id, name, bay_id, is_lead, active): TechnicianTuple) -> TechnicianAccount {
    TechnicianAccount {
        id,
        name,
        bay_id,
        is_lead,
        active,
    }
}

pub async fn technician_accounts(
    conn: &mut SqliteConnection,
) -> Result<Vec<TechnicianAccount>, StoreError> {
    let rows: Vec<TechnicianTuple> = sqlx::query_as(
        "SELECT id, name, bay_id, is_lead, active FROM technicians ORDER BY active DESC, bay_id, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(technician).collect())
}

pub async fn technician_account(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<TechnicianAccount>, StoreError> {
    let row: Option<TechnicianTuple> =
        sqlx::query_as("SELECT id, name, bay_id, is_lead, active FROM technicians WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(technician))
}

pub async fn username_taken(
    conn: &mut SqliteConnection,
    username: &str,
) -> Result<bool, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM staff WHERE username = ?)")
            .bind(username)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// A new staff account; returns its id.
pub struct NewStaffRow<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub must_change_password: bool,
    pub pin_hash: Option<&'a str>,
}

pub async fn insert_staff(
    conn: &mut SqliteConnection,
    new: NewStaffRow<'_>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO staff (username, display_name, role, password_hash, must_change_password, pin_hash)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.username)
    .bind(new.display_name)
    .bind(new.role.as_str())
    .bind(new.password_hash)
    .bind(new.must_change_password)
    .bind(new.pin_hash)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn update_staff(
    conn: &mut SqliteConnection,
    account: &StaffAccount,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE staff SET display_name = ?, role = ?, active = ? WHERE id = ?")
        .bind(&account.display_name)
        .bind(account.role.as_str())
        .bind(account.active)
        .bind(account.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_staff_password(
    conn: &mut SqliteConnection,
    id: i64,
    password_hash: &str,
    must_change: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE staff SET password_hash = ?, must_change_password = ? WHERE id = ?")
        .bind(password_hash)
        .bind(must_change)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_staff_pin(
    conn: &mut SqliteConnection,
    id: i64,
    pin_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE staff SET pin_hash = ? WHERE id = ?")
        .bind(pin_hash)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many active managers there are (the last one cannot be deactivated or demoted).
pub async fn active_managers(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM staff WHERE role = 'manager' AND active = 1")
            .fetch_one(&mut *conn)
            .await?,
    )
}

pub async fn insert_technician(
    conn: &mut SqliteConnection,
    name: &str,
    bay_id: i64,
    is_lead: bool,
    pin_hash: &str,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO technicians (name, bay_id, is_lead, pin_hash) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(name)
    .bind(bay_id)
    .bind(is_lead)
    .bind(pin_hash)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn update_technician(
    conn: &mut SqliteConnection,
    account: &TechnicianAccount,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE technicians SET name = ?, bay_id = ?, is_lead = ?, active = ? WHERE id = ?",
    )
    .bind(&account.name)
    .bind(account.bay_id)
    .bind(account.is_lead)
    .bind(account.active)
    .bind(account.id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn set_technician_pin(
    conn: &mut SqliteConnection,
    id: i64,
    pin_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE technicians SET pin_hash = ? WHERE id = ?")
        .bind(pin_hash)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The PIN hashes a new PIN for `bay_id`'s team must differ from: its active technicians'
/// (but `except`'s own) and the countersigning staff's, who sign at every bay.
pub async fn pins_in_use(
    conn: &mut SqliteConnection,
    bay_id: Option<i64>,
    except: PinOwner,
) -> Result<Vec<String>, StoreError> {
    let (except_tech, except_staff) = match except {
        PinOwner::Technician(id) => (id, 0),
        PinOwner::Staff(id) => (0, id),
        PinOwner::Nobody => (0, 0),
    };
    Ok(sqlx::query_scalar(
        "SELECT pin_hash FROM technicians
           WHERE active = 1 AND id != ?1 AND (?2 IS NULL OR bay_id = ?2)
         UNION ALL
         SELECT pin_hash FROM staff WHERE active = 1 AND pin_hash IS NOT NULL AND id != ?3",
    )
    .bind(except_tech)
    .bind(bay_id)
    .bind(except_staff)
    .fetch_all(&mut *conn)
    .await?)
}

/// Whose PIN is being set (their own old PIN is no clash).
#[derive(Debug, Clone, Copy)]
pub enum PinOwner {
    Technician(i64),
    Staff(i64),
    Nobody,
}

/// Ends every session of a staff member; returns their token hashes (their streams end too).
pub async fn end_staff_sessions(
    conn: &mut SqliteConnection,
    staff_id: i64,
) -> Result<Vec<String>, StoreError> {
    Ok(
        sqlx::query_scalar("DELETE FROM sessions WHERE staff_id = ? RETURNING token_hash")
            .bind(staff_id)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Ends every session of a technician; returns the token hashes and the bays they were at.
pub async fn end_technician_sessions(
    conn: &mut SqliteConnection,
    technician_id: i64,
) -> Result<Vec<(String, Option<i64>)>, StoreError> {
    Ok(
        sqlx::query_as("DELETE FROM sessions WHERE technician_id = ? RETURNING token_hash, bay_id")
            .bind(technician_id)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// The store's settings as the setup writes them (insert or replace).
pub async fn put_setting(
    conn: &mut SqliteConnection,
    key: &str,
    value: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many staff accounts exist (none: the store still needs its setup).
pub async fn staff_count_in(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM staff")
        .fetch_one(&mut *conn)
        .await?)
}
