//! Who may follow which channel, and in which view: the desk only for a desk session,
//! a bay's full view only for a session signed in at that bay (anyone else gets the
//! masked one), and the session a stream must keep checking.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::{broadcast, watch};

use super::ChannelKey;
use crate::{
    auth::SessionActor,
    error::AppError,
    store::{self, StoreError},
    AppState,
};

/// The channel key a request gets for the channel it asked for (`parse` never gives a
/// crew key: only the session can).
pub fn resolve_channel(
    key: ChannelKey,
    actor: Option<&SessionActor>,
) -> Result<ChannelKey, AppError> {
    match key {
        ChannelKey::Bay(bay) | ChannelKey::BayCrew(bay) => {
            let crew = actor.is_some_and(|a| a.is_technician() && a.bay_id == Some(bay));
            Ok(if crew {
                ChannelKey::BayCrew(bay)
            } else {
                ChannelKey::Bay(bay)
            })
        }
        ChannelKey::Desk => match actor {
            None => Err(AppError::Unauthenticated),
            Some(a) if a.is_desk() => Ok(ChannelKey::Desk),
            Some(_) => Err(AppError::Forbidden(
                "the desk channel is for advisors, the foreman and the manager".into(),
            )),
        },
        ChannelKey::Parts => match actor {
            None => Err(AppError::Unauthenticated),
            Some(a) if a.is_desk() => Ok(ChannelKey::Parts),
            Some(_) => Err(AppError::Forbidden(
                "the parts channel is for advisors, the foreman and the manager".into(),
            )),
        },
        ChannelKey::Aftersales => match actor {
            None => Err(AppError::Unauthenticated),
            Some(a) if a.role.works_aftersales() => Ok(ChannelKey::Aftersales),
            Some(_) => Err(AppError::Forbidden(
                "the after-sales channel is for follow-up agents, advisors, the reception \
                 supervisor and the manager"
                    .into(),
            )),
        },
        other => Ok(other),
    }
}

/// A stream opened with a session's rights, which end with the session.
pub struct SessionWatch {
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

impl SessionWatch {
    /// The session's expiry as stored; a session that has just ended is refused.
    pub async fn of(state: &AppState, actor: &SessionActor) -> Result<SessionWatch, AppError> {
        let mut conn = state.pool.acquire().await?;
        let expires_at = store::session_expires_at(&mut conn, &actor.token_hash, Utc::now())
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok(SessionWatch {
            token_hash: actor.token_hash.clone(),
            expires_at,
        })
    }
}

/// What ends a stream other than its client leaving: the server stopping, and for a
/// stream opened with a session's rights, that session's sign-out or expiry.
pub struct Ends {
    pub shutdown: watch::Receiver<bool>,
    pub revoked: broadcast::Receiver<Arc<str>>,
    pub session: Option<SessionWatch>,
    pub pool: sqlx::SqlitePool,
}

impl Ends {
    /// Resolves when the stream must end.
    pub async fn wait(mut self) {
        match self.session.take() {
            // A closed sender means the hub is gone: stop as well.
            None => {
                let _ = self.shutdown.wait_for(|stop| *stop).await;
            }
            // Boxed: most streams are public, and an idle one should not carry the
            // session watch's state (BENCHMARKS.md, fan-out memory).
            Some(session) => Box::pin(self.wait_with(session)).await,
        }
    }

    async fn wait_with(mut self, session: SessionWatch) {
        let expiry = (session.expires_at - Utc::now())
            .to_std()
            .unwrap_or_default();
        tokio::select! {
            _ = self.shutdown.wait_for(|stop| *stop) => {}
            _ = tokio::time::sleep(expiry) => {}
            _ = signed_out(&mut self.revoked, &session.token_hash, &self.pool) => {}
        }
    }
}

async fn signed_out(
    revoked: &mut broadcast::Receiver<Arc<str>>,
    token_hash: &str,
    pool: &sqlx::SqlitePool,
) {
    loop {
        match revoked.recv().await {
            Ok(hash) if &*hash == token_hash => return,
            Ok(_) => {}
            // Missed some sign-outs: ours may be among them, so ask the store.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                match still_signed_in(pool, token_hash).await {
                    Ok(true) => {}
                    Ok(false) => return,
                    Err(e) => {
                        tracing::warn!("re-checking a stream's session: {e}");
                        return;
                    }
                }
            }
            Err(broadcast::error::RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
}

async fn still_signed_in(pool: &sqlx::SqlitePool, token_hash: &str) -> Result<bool, StoreError> {
    let mut conn = pool.acquire().await?;
    Ok(store::session_expires_at(&mut conn, token_hash, Utc::now())
        .await?
        .is_some())
}
