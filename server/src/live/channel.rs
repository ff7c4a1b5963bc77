//! The channels of `api.md` and the projection of each logged event onto each channel:
//! what it may carry and under which SSE event name.

use app::model::{public_job, tech_job, track_job, JobRemoved};
use axum::body::Bytes;
use serde::Serialize;

use crate::store::{LogEvent, LogEventBody};

/// A channel as subscribed: `bay/{id}` is two keys, the masked view anyone may open and
/// the crew's full view the handler picks for a session signed in at that bay, so each
/// view's frames are still projected and shared once per key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChannelKey {
    Lounge,
    Bays,
    Bay(i64),
    BayCrew(i64),
    Desk,
    /// Stock (staff at the desk only): never on an anonymous channel.
    Parts,
    /// Follow-up calls and complaints (the complaint chain's roles only).
    Aftersales,
    Track(String),
}

impl ChannelKey {
    /// `lounge`, `bays`, `bay/{id}` (the masked view), `desk`, `parts`, `aftersales`,
    /// `track/{token}`.
    pub fn parse(path: &str) -> Option<ChannelKey> {
        match path.trim_matches('/').split_once('/') {
            None => match path.trim_matches('/') {
                "lounge" => Some(ChannelKey::Lounge),
                "bays" => Some(ChannelKey::Bays),
                "desk" => Some(ChannelKey::Desk),
                "parts" => Some(ChannelKey::Parts),
                "aftersales" => Some(ChannelKey::Aftersales),
                _ => None,
            },
            Some(("bay", id)) => id.parse().ok().filter(|n| *n > 0).map(ChannelKey::Bay),
            Some(("track", token))
                if !token.is_empty()
                    && token.len() <= 128
                    && token.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                Some(ChannelKey::Track(token.to_string()))
            }
            Some(_) => None,
        }
    }
}

/// One SSE message, already in wire form, shared by every subscriber of a channel.
#[derive(Debug)]
pub struct Frame {
    pub id: i64,
    pub bytes: Bytes,
}

impl Frame {
    /// `None` if `data` cannot be written as JSON (our types always can): the frame is
    /// skipped with an error in the log, never silently.
    pub fn new(id: i64, event: &str, data: &impl Serialize) -> Option<Frame> {
        match serde_json::to_string(data) {
            Ok(json) => Some(Frame::raw(id, event, &json)),
            Err(e) => {
                tracing::error!("event {id} ({event}) could not be written as JSON: {e}");
                None
            }
        }
    }

    pub fn raw(id: i64, event: &str, json: &str) -> Frame {
        Frame {
            id,
            bytes: Bytes::from(format!("id: {id}\nevent: {event}\ndata: {json}\n\n")),
        }
    }
}

/// The frame a channel carries for an event, or none when the event is not its business.
pub fn project(key: &ChannelKey, event: &LogEvent) -> Option<Frame> {
    let id = event.id;
    let removed = |job_id| Frame::new(id, "job_removed", &JobRemoved { id: job_id });
    match (&event.body, key) {
        (LogEventBody::Job { job, .. }, ChannelKey::Lounge | ChannelKey::Bays) => {
            if job.stage.is_active() {
                Frame::new(id, "job", &public_job(job))
            } else {
                removed(job.id)
            }
        }
        (
            LogEventBody::Job { job, prev_bay_id },
            ChannelKey::Bay(bay) | ChannelKey::BayCrew(bay),
        ) => {
            let here = job.bay_id == Some(*bay);
            if here && job.stage.is_active() {
                let view = tech_job(job);
                match key {
                    ChannelKey::BayCrew(_) => Frame::new(id, "job", &view),
                    _ => Frame::new(id, "job", &view.masked()),
                }
            } else if here || *prev_bay_id == Some(*bay) {
                removed(job.id)
            } else {
                None
            }
        }
        // The desk's day, as its snapshot: active jobs and those delivered; cancelled leave.
        (LogEventBody::Job { job, .. }, ChannelKey::Desk) => {
            if job.stage.is_active() || job.stage == app::domain::Stage::Delivered {
                Frame::new(id, "job", job.as_ref())
            } else {
                removed(job.id)
            }
        }
        (LogEventBody::Job { job, .. }, ChannelKey::Track(token)) => (job.tracking_token == *token)
            .then(|| Frame::new(id, "job", &track_job(job)))
            .flatten(),
        (LogEventBody::Bay(bay), ChannelKey::Bays | ChannelKey::Desk) => Frame::new(id, "bay", bay),
        (LogEventBody::Bay(bay), ChannelKey::Bay(n) | ChannelKey::BayCrew(n)) if bay.id == *n => {
            Frame::new(id, "bay", bay)
        }
        (
            LogEventBody::Bay(_),
            ChannelKey::Lounge | ChannelKey::Bay(_) | ChannelKey::BayCrew(_) | ChannelKey::Track(_),
        ) => None,
        // A customer asking for a person is the desk's business only.
        (LogEventBody::DeskRequest(request), ChannelKey::Desk) => {
            Frame::new(id, "desk_request", request)
        }
        (LogEventBody::DeskRequest(_), _) => None,
        // Stock and prices: the stock page's channel only.
        (LogEventBody::Part(part), ChannelKey::Parts) => Frame::new(id, "part", part),
        (LogEventBody::Part(_), _) => None,
        (_, ChannelKey::Parts) => None,
        // After-sales: its own channel only, and nothing else on it.
        (LogEventBody::FollowUp(task), ChannelKey::Aftersales) => {
            Frame::new(id, "follow_up", task.as_ref())
        }
        (LogEventBody::Complaint(complaint), ChannelKey::Aftersales) => {
            Frame::new(id, "complaint", complaint.as_ref())
        }
        (LogEventBody::FollowUp(_) | LogEventBody::Complaint(_), _) => None,
        (_, ChannelKey::Aftersales) => None,
        // Appointments carry the customer's name and phone: the desk only.
        (LogEventBody::Appointment(a), ChannelKey::Desk) => {
            Frame::new(id, "appointment", a.as_ref())
        }
        (LogEventBody::Appointment(_), _) => None,
    }
}
