//! The online backup: `VACUUM INTO` copies a consistent snapshot of the store while the
//! server keeps writing (it is one read transaction in WAL mode), then the copy gets an
//! epoch of its own so no screen mistakes its event ids for the original's.

use std::{path::Path, time::Duration};

use sqlx::{sqlite::SqliteConnectOptions, ConnectOptions, Connection};

use super::{new_epoch, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; a backup never overwrites a file")]
    Exists(String),
    #[error("there is no store at {0}")]
    NoStore(String),
    #[error("{0} is not a usable file name")]
    BadName(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for BackupError {
    fn from(e: sqlx::Error) -> Self {
        BackupError::Store(StoreError::Sql(e))
    }
}

/// Writes a consistent copy of the store at `source` to the new file `dest`.
pub async fn backup(source: &Path, dest: &Path) -> Result<(), BackupError> {
    if dest.exists() {
        return Err(BackupError::Exists(dest.display().to_string()));
    }
    if !source.is_file() {
        return Err(BackupError::NoStore(source.display().to_string()));
    }
    let dest_name = dest
        .to_str()
        .ok_or_else(|| BackupError::BadName(dest.display().to_string()))?;
    // Never create or migrate: this only reads what the server wrote.
    let mut conn = SqliteConnectOptions::new()
        .filename(source)
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await?;
    // SQLite itself refuses a destination that appeared since the check above.
    sqlx::query("VACUUM INTO ?")
        .bind(dest_name)
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    let mut copy = SqliteConnectOptions::new()
        .filename(dest)
        .create_if_missing(false)
        .connect()
        .await?;
    new_epoch(&mut copy).await?;
    copy.close().await?;
    Ok(())
}
