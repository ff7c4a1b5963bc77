//! A channel's whole current view and the event id it reflects, read in one read
//! transaction: the first event of a fresh SSE connection and what SSR embeds.

use std::{future::Future, pin::Pin};

use app::domain::track_link_expired;
use app::model::{
    public_job, tech_job, track_job, AftersalesSnapshot, BaySnapshot, BaysSnapshot, DeskSnapshot,
    ErrorBody, LiveSnapshot, LoungeSnapshot, PartsSnapshot, TrackSnapshot,
};
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;

use leptos::prelude::use_context;

use super::{resolve_channel, ChannelKey};
use crate::{
    auth::current_actor,
    checkin::lookup::store_day,
    error::AppError,
    store::{self, JobFilter, StoreError},
    AppState,
};

/// `(last_event_id, snapshot JSON)` for a channel.
pub async fn snapshot(
    pool: &SqlitePool,
    key: &ChannelKey,
    now: DateTime<Utc>,
) -> Result<(i64, String), StoreError> {
    let mut tx = pool.begin().await?;
    let id = store::max_event_id(&mut tx).await?;
    let json = match key {
        ChannelKey::Lounge => {
            let jobs = store::load_jobs(&mut tx, JobFilter::Active).await?;
            let desk_phone = store::setting(&mut tx, "desk_phone").await?;
            to_json(&LoungeSnapshot {
                jobs: jobs.iter().map(public_job).collect(),
                desk_phone: desk_phone.unwrap_or_default(),
            })
        }
        ChannelKey::Bays => {
            let jobs = store::load_jobs(&mut tx, JobFilter::Active).await?;
            let bays = store::bays(&mut tx, None, now).await?;
            to_json(&BaysSnapshot {
                bays,
                jobs: jobs.iter().map(public_job).collect(),
            })
        }
        ChannelKey::Bay(bay) | ChannelKey::BayCrew(bay) => {
            let jobs = store::load_jobs(&mut tx, JobFilter::ActiveAtBay(*bay)).await?;
            let info = store::bays(&mut tx, Some(*bay), now)
                .await?
                .into_iter()
                .next();
            let crew = matches!(key, ChannelKey::BayCrew(_));
            to_json(&BaySnapshot {
                bay: info,
                jobs: jobs
                    .iter()
                    .map(|j| {
                        let view = tech_job(j);
                        if crew {
                            view
                        } else {
                            view.masked()
                        }
                    })
                    .collect(),
            })
        }
        ChannelKey::Desk => to_json(&DeskSnapshot {
            jobs: store::load_jobs(&mut tx, JobFilter::DeskDay(store_day(now).0)).await?,
            requests: store::open_desk_requests(&mut tx).await?,
        }),
        ChannelKey::Aftersales => to_json(&AftersalesSnapshot {
            now,
            follow_ups: store::follow_up_tasks(&mut tx, now - Duration::days(7), now).await?,
            complaints: store::complaints(&mut tx, now - Duration::days(30), now).await?,
        }),
        ChannelKey::Parts => to_json(&PartsSnapshot {
            parts: store::stock(&mut tx).await?,
            currency: "CNY".into(),
        }),
        ChannelKey::Track(token) => {
            let job = store::load_jobs(&mut tx, JobFilter::Token(token))
                .await?
                .into_iter()
                .next();
            // After delivery the page is a summary for a while, then it expires.
            let expired = job
                .as_ref()
                .is_some_and(|j| track_link_expired(j.delivered_at, now));
            to_json(&TrackSnapshot {
                job: job.as_ref().filter(|_| !expired).map(track_job),
                expired,
            })
        }
    }?;
    tx.commit().await?;
    Ok((id, json))
}

/// The tracking link has expired (its job delivered long enough ago): its channel then
/// carries only the `{expired: true}` snapshot, never a replay of the job.
pub async fn track_expired(
    pool: &SqlitePool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let mut conn = pool.acquire().await?;
    let job = store::load_jobs(&mut conn, JobFilter::Token(token))
        .await?
        .into_iter()
        .next();
    Ok(job.is_some_and(|j| track_link_expired(j.delivered_at, now)))
}

fn to_json(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Gives the SSR pages and the `channel_snapshot` server function their channel
/// snapshot, with the rights of the request's session (leptos_axum provides the
/// request's `Parts` to both): the desk only to a desk session, a bay's full view only
/// to a session signed in at that bay, everyone else the masked view.
pub struct SnapshotSource {
    state: AppState,
}

impl SnapshotSource {
    pub fn new(state: AppState) -> Self {
        SnapshotSource { state }
    }
}

impl app::live::SnapshotSource for SnapshotSource {
    fn snapshot(
        &self,
        channel: String,
    ) -> Pin<Box<dyn Future<Output = Result<LiveSnapshot, ErrorBody>> + Send>> {
        let state = self.state.clone();
        // Read now, while the request's reactive owner is current.
        let parts = use_context::<http::request::Parts>();
        let response = use_context::<leptos_axum::ResponseOptions>();
        Box::pin(async move {
            let refuse = |error: AppError| {
                let retry_after = matches!(error, AppError::Unavailable { .. });
                // A server-function call answers with the error's own status (401, 403,
                // 404) and body, as the API would, not a 500.
                let (status, body) = error.into_status_and_body();
                if let Some(response) = &response {
                    response.set_status(status);
                    if retry_after {
                        response.insert_header(
                            http::header::RETRY_AFTER,
                            http::HeaderValue::from(crate::error::RETRY_AFTER_SECS),
                        );
                    }
                }
                body
            };
            let key = ChannelKey::parse(&channel).ok_or_else(|| refuse(AppError::NotFound))?;
            let actor = match &parts {
                Some(parts) => current_actor(parts, &state)
                    .await
                    .map_err(refuse)?
                    .filter(|a| !a.must_change_password),
                None => None,
            };
            let key = resolve_channel(key, actor.as_ref()).map_err(refuse)?;
            let (id, data) = state.hub.snapshot(&key).await.map_err(|e| {
                tracing::error!("snapshot of {channel}: {e}");
                refuse(AppError::from(e))
            })?;
            Ok(LiveSnapshot {
                last_event_id: u64::try_from(id).map_err(|_| {
                    refuse(AppError::Internal(format!(
                        "snapshot of {channel}: event id {id}"
                    )))
                })?,
                data,
            })
        })
    }
}
