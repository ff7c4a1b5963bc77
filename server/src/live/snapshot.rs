//! A channel's whole current view and the event id it reflects, read in one read
//! transaction: the first event of a fresh SSE connection and what SSR embeds.

use std::{future::Future, pin::Pin};

use app::domain::track_link_expired;
use app::model::{
    public_job, tech_job, track_job, BaySnapshot, BaysSnapshot, DeskSnapshot, LiveSnapshot,
    LoungeSnapshot, TrackSnapshot,
};
use chrono::Utc;
use sqlx::SqlitePool;

use super::ChannelKey;
use crate::{
    checkin::lookup::store_day,
    store::{self, JobFilter, StoreError},
    AppState,
};

/// `(last_event_id, snapshot JSON)` for a channel.
pub async fn snapshot(pool: &SqlitePool, key: &ChannelKey) -> Result<(i64, String), StoreError> {
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
            let bays = store::bays(&mut tx, None).await?;
            to_json(&BaysSnapshot {
                bays,
                jobs: jobs.iter().map(public_job).collect(),
            })
        }
        ChannelKey::Bay(bay) => {
            let jobs = store::load_jobs(&mut tx, JobFilter::ActiveAtBay(*bay)).await?;
            let info = store::bays(&mut tx, Some(*bay)).await?.into_iter().next();
            to_json(&BaySnapshot {
                bay: info,
                jobs: jobs.iter().map(tech_job).collect(),
            })
        }
        ChannelKey::Desk => to_json(&DeskSnapshot {
            jobs: store::load_jobs(&mut tx, JobFilter::DeskDay(store_day(Utc::now()).0)).await?,
            requests: store::open_desk_requests(&mut tx).await?,
        }),
        ChannelKey::Track(token) => {
            let job = store::load_jobs(&mut tx, JobFilter::Token(token))
                .await?
                .into_iter()
                .next();
            // After delivery the page is a summary for a while, then it expires.
            let expired = job
                .as_ref()
                .is_some_and(|j| track_link_expired(j.delivered_at, Utc::now()));
            to_json(&TrackSnapshot {
                job: job.as_ref().filter(|_| !expired).map(track_job),
                expired,
            })
        }
    }?;
    tx.commit().await?;
    Ok((id, json))
}

fn to_json(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Gives the SSR pages their channel snapshot (the public channels and a customer's own
/// track channel; the desk needs a signed-in request and is not served this way).
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
    ) -> Pin<Box<dyn Future<Output = Result<LiveSnapshot, String>> + Send>> {
        let pool = self.state.pool.clone();
        Box::pin(async move {
            let key = match ChannelKey::parse(&channel) {
                Some(ChannelKey::Desk) | None => {
                    return Err(format!("no public channel {channel:?}"))
                }
                Some(key) => key,
            };
            let (id, data) = snapshot(&pool, &key).await.map_err(|e| {
                tracing::error!("snapshot of {channel}: {e}");
                "the snapshot could not be read".to_string()
            })?;
            Ok(LiveSnapshot {
                last_event_id: u64::try_from(id).unwrap_or(0),
                data,
            })
        })
    }
}
