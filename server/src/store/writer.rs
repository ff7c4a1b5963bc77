//! The one write connection and its group commit: every change is queued here, run in
//! its own savepoint (a refused change undoes only itself; savepoints nest, and the
//! group's commit releases them all) and committed together with
//! the changes that queued while the previous group was committing, so many changes
//! share one `fsync` and no writer ever waits on SQLite's busy handler.

use std::panic::AssertUnwindSafe;

use futures::{future::BoxFuture, FutureExt};
use sqlx::{sqlite::SqliteConnectOptions, ConnectOptions, SqliteConnection};
use tokio::sync::{mpsc, oneshot};

use super::StoreError;

/// At most this many changes share a commit (bounds one group's time).
const MAX_GROUP: usize = 128;

/// Changes waiting for the writer; beyond this, callers wait to queue.
const QUEUE: usize = 1024;

/// What a change leaves for after its group's commit: whether to keep its savepoint,
/// and how to answer its caller once the group's fate is known.
struct Settled {
    kept: bool,
    answer: Box<dyn FnOnce(Result<(), StoreError>) + Send>,
}

/// A queued change: run on the writer's connection, or (`None`) told it cannot run.
type Queued =
    Box<dyn for<'c> FnOnce(Option<&'c mut SqliteConnection>) -> BoxFuture<'c, Settled> + Send>;

/// The handle every request writes through; cheap to clone.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<Queued>,
}

impl Writer {
    /// Opens the write connection and starts the writer task.
    pub async fn start(options: SqliteConnectOptions) -> Result<Writer, StoreError> {
        let conn = options.connect().await?;
        let (queue, waiting) = mpsc::channel(QUEUE);
        tokio::spawn(run(conn, waiting));
        Ok(Writer { queue })
    }

    /// Changes queued and not yet taken into a group (for `/metrics`).
    pub fn queued(&self) -> usize {
        self.queue.max_capacity() - self.queue.capacity()
    }

    /// Runs `change` in the next group and answers once that group is durable: the
    /// change's own result if it and the commit succeeded, its own error if it failed
    /// (its writes undone), or the commit's error.
    pub async fn write<T, E, F>(&self, change: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T, E>> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel::<Result<T, E>>();
        let queued: Queued = Box::new(move |conn| {
            Box::pin(async move {
                let result = match conn {
                    Some(conn) => Some(
                        AssertUnwindSafe(change(conn))
                            .catch_unwind()
                            .await
                            .unwrap_or_else(|_| Err(E::from(StoreError::Panicked))),
                    ),
                    None => None,
                };
                let kept = matches!(result, Some(Ok(_)));
                let answer = Box::new(move |group: Result<(), StoreError>| {
                    let outcome = match (result, group) {
                        (Some(Err(own)), _) => Err(own),
                        (_, Err(e)) => Err(E::from(e)),
                        (Some(Ok(value)), Ok(())) => Ok(value),
                        (None, Ok(())) => Err(E::from(StoreError::WriterStopped)),
                    };
                    let _ = reply.send(outcome);
                });
                Settled { kept, answer }
            })
        });
        self.queue
            .send(queued)
            .await
            .map_err(|_| E::from(StoreError::WriterStopped))?;
        answer
            .await
            .map_err(|_| E::from(StoreError::WriterStopped))?
    }
}

async fn run(mut conn: SqliteConnection, mut waiting: mpsc::Receiver<Queued>) {
    while let Some(first) = waiting.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match waiting.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        commit_group(&mut conn, group).await;
    }
}

async fn exec(conn: &mut SqliteConnection, sql: &str) -> Result<(), StoreError> {
    sqlx::query(sql).execute(&mut *conn).await?;
    Ok(())
}

/// One transaction for the whole group, one savepoint per change.
async fn commit_group(conn: &mut SqliteConnection, group: Vec<Queued>) {
    let mut settled = Vec::with_capacity(group.len());
    if let Err(e) = exec(conn, "BEGIN IMMEDIATE").await {
        for change in group {
            settled.push(change(None).await);
        }
        answer_all(settled, &e);
        return;
    }
    let mut failed = None;
    for change in group {
        if failed.is_some() {
            settled.push(change(None).await);
            continue;
        }
        if let Err(e) = exec(conn, "SAVEPOINT change").await {
            failed = Some(e);
            settled.push(change(None).await);
            continue;
        }
        let done = change(Some(&mut *conn)).await;
        // A kept change's savepoint stays open (the group's COMMIT releases them all, one
        // statement fewer per change); a refused one is undone back to its own.
        if !done.kept {
            if let Err(e) = exec(conn, "ROLLBACK TO change").await {
                failed = Some(e);
            }
        }
        settled.push(done);
    }
    let outcome = match failed {
        None => exec(conn, "COMMIT").await,
        Some(e) => Err(e),
    };
    match outcome {
        Ok(()) => {
            for s in settled {
                (s.answer)(Ok(()));
            }
        }
        Err(e) => {
            if let Err(rollback) = exec(conn, "ROLLBACK").await {
                tracing::warn!("rolling back a failed group: {rollback}");
            }
            answer_all(settled, &e);
        }
    }
}

/// Every change of a group that did not commit gets the group's error (or its own).
fn answer_all(settled: Vec<Settled>, e: &StoreError) {
    tracing::warn!("a group of {} changes did not commit: {e}", settled.len());
    for s in settled {
        (s.answer)(Err(e.shared()));
    }
}
