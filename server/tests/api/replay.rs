//! Replay as a property: whatever sequence of actions the lane takes (accepted or
//! refused), a screen that took any channel's snapshot at any point and then folds the
//! events the server replays from that id holds the same state as a fresh snapshot; and
//! the stream a screen followed live carried exactly the frames the log replays.
//!
//! `PITWALL_REPLAY_CASES` sets the number of cases (12 in the test command).

use std::{sync::OnceLock, time::Duration};

use app::model::{
    AftersalesSnapshot, BaySnapshot, BaysSnapshot, ChannelState, DeskSnapshot, LoungeSnapshot,
    PartsSnapshot, TrackSnapshot,
};
use proptest::prelude::*;
use reqwest::{Client, StatusCode};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};
use server::live::{project, snapshot, ChannelKey};
use tokio::runtime::Runtime;

use crate::{
    helpers::{spawn_app, Actor, TestApp},
    sse::SseStream,
};

const TICKETS: [&str; 10] = [
    "A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "A10",
];

/// One thing that happens in the lane.
#[derive(Debug, Clone)]
enum Op {
    /// A stage action by whoever would take it; `stale` sends an old version.
    Act {
        ticket: usize,
        action: Value,
        stale: bool,
    },
    /// The job's crew ticks every checklist item.
    CheckAll { ticket: usize },
    /// The desk adds a note to the job's timeline.
    Note { ticket: usize },
    /// The desk tells the customer the car is ready (part of the delivery checklist).
    CustomerTold { ticket: usize },
    /// A customer at the kiosk asks for an advisor.
    AskDesk,
    /// The desk resolves the oldest open request.
    ResolveDesk,
}

fn any_action() -> impl Strategy<Value = Value> {
    prop_oneof![
        (1i64..=6).prop_map(|bay| json!({ "action": "assign", "bay_id": bay })),
        Just(json!({ "action": "start" })),
        Just(json!({ "action": "pause", "reason": "awaiting_parts", "note": "等件" })),
        Just(json!({ "action": "resume" })),
        Just(json!({ "action": "finish_work", "self_check": true })),
        any::<bool>().prop_map(|passed| json!({ "action": "team_check", "passed": passed })),
        Just(json!({ "action": "qc_pass" })),
        Just(json!({ "action": "qc_fail", "note": "刹车异响" })),
        Just(json!({ "action": "finish_wash" })),
        Just(json!({ "action": "deliver", "next_service_km": 99_000,
            "next_service_date": "2027-06-01", "old_parts_handled": true,
            "payment_method": "card", "call_time": "morning" })),
        Just(json!({ "action": "cancel", "note": "客户取消" })),
    ]
}

fn any_op() -> impl Strategy<Value = Op> {
    let ticket = 0..TICKETS.len();
    prop_oneof![
        6 => (ticket.clone(), any_action(), prop::bool::weighted(0.1))
            .prop_map(|(ticket, action, stale)| Op::Act { ticket, action, stale }),
        1 => ticket.clone().prop_map(|ticket| Op::CheckAll { ticket }),
        1 => ticket.clone().prop_map(|ticket| Op::Note { ticket }),
        1 => ticket.prop_map(|ticket| Op::CustomerTold { ticket }),
        1 => Just(Op::AskDesk),
        1 => Just(Op::ResolveDesk),
    ]
}

/// The people of one case's store.
struct Staff {
    advisor: Actor,
    qc: Actor,
    washer: Actor,
    /// The team lead signed in at bays 1–6.
    leads: Vec<Actor>,
}

impl Staff {
    /// Who takes an action on a job at `bay`.
    fn for_action<'a>(&'a self, action: &str, bay: Option<i64>) -> &'a Actor {
        let lead = bay.and_then(|b| self.leads.get(usize::try_from(b - 1).ok()?));
        match (action, lead) {
            ("qc_pass" | "qc_fail", _) => &self.qc,
            ("finish_wash", _) => &self.washer,
            ("start" | "pause" | "resume" | "finish_work" | "team_check", Some(lead)) => lead,
            _ => &self.advisor,
        }
    }
}

/// The channels a case follows: every kind, a bay in both views, three customers' pages.
async fn channels(app: &TestApp) -> Vec<ChannelKey> {
    let mut keys = vec![
        ChannelKey::Lounge,
        ChannelKey::Bays,
        ChannelKey::Bay(1),
        ChannelKey::BayCrew(1),
        ChannelKey::Bay(2),
        ChannelKey::BayCrew(3),
        ChannelKey::Desk,
        ChannelKey::Parts,
        ChannelKey::Aftersales,
    ];
    for ticket in ["A01", "A03", "A05"] {
        let token: String = sqlx::query_scalar("SELECT tracking_token FROM jobs WHERE ticket = ?")
            .bind(ticket)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        keys.push(ChannelKey::Track(token));
    }
    keys
}

/// The SSE path of a channel and who may open its view.
fn path_and_client<'a>(
    key: &ChannelKey,
    staff: &'a Staff,
    anyone: &'a Client,
) -> (String, &'a Client) {
    match key {
        ChannelKey::Lounge => ("lounge".into(), anyone),
        ChannelKey::Bays => ("bays".into(), anyone),
        ChannelKey::Bay(n) => (format!("bay/{n}"), anyone),
        ChannelKey::BayCrew(n) => (format!("bay/{n}"), &staff.leads[*n as usize - 1].client),
        ChannelKey::Desk => ("desk".into(), &staff.advisor.client),
        ChannelKey::Parts => ("parts".into(), &staff.advisor.client),
        ChannelKey::Aftersales => ("aftersales".into(), &staff.advisor.client),
        ChannelKey::Track(token) => (format!("track/{token}"), anyone),
    }
}

/// A frame as (id, event, data).
type Wire = (i64, String, String);

/// What the log says the channel carries after `after`, as the server would send it.
async fn replayed_from_log(app: &TestApp, key: &ChannelKey, after: i64) -> Vec<Wire> {
    let mut frames = Vec::new();
    let mut from = after;
    loop {
        let batch = server::store::events_after(&app.pool, from, 1000)
            .await
            .unwrap();
        let Some(end) = batch.end else { return frames };
        for event in &batch.events {
            if let Some(frame) = project(key, event) {
                let text = String::from_utf8(frame.bytes.to_vec()).unwrap();
                let field = |name: &str| {
                    text.lines()
                        .find_map(|l| l.strip_prefix(name))
                        .unwrap()
                        .to_string()
                };
                frames.push((frame.id, field("event: "), field("data: ")));
            }
        }
        from = end;
    }
}

/// Reads exactly `count` frames from a stream (then nothing more for a moment).
async fn read_frames(stream: &mut SseStream, count: usize, what: &str) -> Vec<Wire> {
    let mut frames = Vec::new();
    while frames.len() < count {
        let frame = stream
            .try_frame(Duration::from_secs(5))
            .await
            .unwrap_or_else(|| panic!("{what}: {} of {count} frames", frames.len()));
        frames.push((frame.id, frame.event, frame.data));
    }
    if let Some(extra) = stream.try_frame(Duration::from_millis(100)).await {
        panic!("{what}: a frame beyond the log: {extra:?}");
    }
    frames
}

/// A screen's state: the snapshot with the frames folded in, as the screen's own model
/// does it. Lists are compared by id (screens order them themselves).
fn fold(key: &ChannelKey, snapshot: &str, frames: &[Wire]) -> Value {
    fn as_state<S: ChannelState + DeserializeOwned + Serialize>(
        snapshot: &str,
        frames: &[Wire],
    ) -> Value {
        let mut state: S = serde_json::from_str(snapshot).unwrap();
        for (_, event, data) in frames {
            state.apply(event, data).unwrap();
        }
        normalised(serde_json::to_value(state).unwrap())
    }
    match key {
        ChannelKey::Lounge => as_state::<LoungeSnapshot>(snapshot, frames),
        ChannelKey::Bays => as_state::<BaysSnapshot>(snapshot, frames),
        ChannelKey::Bay(_) | ChannelKey::BayCrew(_) => as_state::<BaySnapshot>(snapshot, frames),
        ChannelKey::Desk => as_state::<DeskSnapshot>(snapshot, frames),
        ChannelKey::Parts => as_state::<PartsSnapshot>(snapshot, frames),
        ChannelKey::Aftersales => as_state::<AftersalesSnapshot>(snapshot, frames),
        ChannelKey::Track(_) => as_state::<TrackSnapshot>(snapshot, frames),
    }
}

fn normalised(mut state: Value) -> Value {
    if let Some(object) = state.as_object_mut() {
        // When a snapshot was read is not part of what it shows.
        object.remove("now");
        for list in [
            "jobs",
            "bays",
            "requests",
            "parts",
            "follow_ups",
            "complaints",
        ] {
            if let Some(Value::Array(items)) = object.get_mut(list) {
                items.sort_by_key(|item| item["id"].as_i64());
            }
        }
    }
    state
}

async fn take(app: &TestApp, staff: &Staff, op: &Op) {
    let job = |ticket: usize| async move { app.job_id(TICKETS[ticket]).await };
    let response = match op {
        Op::Act {
            ticket,
            action,
            stale,
        } => {
            let (version, bay): (i64, Option<i64>) =
                sqlx::query_as("SELECT version, bay_id FROM jobs WHERE ticket = ?")
                    .bind(TICKETS[*ticket])
                    .fetch_one(&app.pool)
                    .await
                    .unwrap();
            let actor = staff.for_action(action["action"].as_str().unwrap(), bay);
            let version = if *stale { version - 1 } else { version };
            actor.act(job(*ticket).await, version, action.clone()).await
        }
        Op::CheckAll { ticket } => {
            let (id, bay): (i64, Option<i64>) =
                sqlx::query_as("SELECT id, bay_id FROM jobs WHERE ticket = ?")
                    .bind(TICKETS[*ticket])
                    .fetch_one(&app.pool)
                    .await
                    .unwrap();
            let items: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM job_items WHERE job_id = ? AND status = 'approved' ORDER BY id",
            )
            .bind(id)
            .fetch_all(&app.pool)
            .await
            .unwrap();
            let actor = staff.for_action("start", bay);
            let mut last = None;
            for item in items {
                let url = actor.url(&format!("/api/v1/jobs/{id}/items/{item}/check"));
                let sent = actor.client.post(url).json(&json!({ "done": true }));
                last = Some(sent.send().await.unwrap());
            }
            let Some(last) = last else { return };
            last
        }
        Op::Note { ticket } => {
            let url = format!("/api/v1/jobs/{}/notes", job(*ticket).await);
            let body = json!({ "text": "客户来电询问进度" });
            staff
                .advisor
                .client
                .post(staff.advisor.url(&url))
                .json(&body)
                .send()
                .await
                .unwrap()
        }
        Op::CustomerTold { ticket } => {
            let url = format!("/api/v1/jobs/{}/customer-told", job(*ticket).await);
            staff
                .advisor
                .client
                .post(staff.advisor.url(&url))
                .json(&json!({}))
                .send()
                .await
                .unwrap()
        }
        Op::AskDesk => {
            let body = json!({ "source": "kiosk", "language": "zh" });
            Client::new()
                .post(app.url("/api/v1/desk-requests"))
                .json(&body)
                .send()
                .await
                .unwrap()
        }
        Op::ResolveDesk => {
            let open: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM desk_requests WHERE resolved_at IS NULL ORDER BY id LIMIT 1",
            )
            .fetch_optional(&app.pool)
            .await
            .unwrap();
            let Some(id) = open else { return };
            let url = staff
                .advisor
                .url(&format!("/api/v1/desk-requests/{id}/resolve"));
            staff.advisor.client.post(url).send().await.unwrap()
        }
    };
    // Refusals are part of the property (they must leave no event); errors are not.
    let status = response.status();
    assert!(
        status.is_success() || status.is_client_error() && status != StatusCode::NOT_FOUND,
        "{op:?}: {status} {}",
        response.text().await.unwrap_or_default()
    );
}

async fn replay_matches_live(ops: Vec<Op>, replay_from: Vec<prop::sample::Index>) {
    let app = spawn_app().await;
    let staff = Staff {
        advisor: app.sign_in_staff("advisor", "pitwall").await,
        qc: app.sign_in_staff("qc", "pitwall").await,
        washer: app.sign_in_staff("washer", "pitwall").await,
        leads: sign_in_leads(&app).await,
    };
    let anyone = Client::new();
    let keys = channels(&app).await;

    // Every channel followed live from the start, and snapshotted before every step.
    let mut live = Vec::new();
    for key in &keys {
        let (path, client) = path_and_client(key, &staff, &anyone);
        let url = app.url(&format!("/api/v1/events/{path}"));
        let mut stream = SseStream::open(client, &url, None).await;
        let first = stream.snapshot().await;
        live.push((first.id, stream));
    }
    let mut points: Vec<Vec<(i64, String)>> = vec![Vec::new(); keys.len()];
    for op in &ops {
        for (key, taken) in keys.iter().zip(points.iter_mut()) {
            taken.push(snapshot(&app.pool, key, chrono::Utc::now()).await.unwrap());
        }
        take(&app, &staff, op).await;
    }

    for (n, key) in keys.iter().enumerate() {
        let (end_id, end) = snapshot(&app.pool, key, chrono::Utc::now()).await.unwrap();
        let end = normalised(serde_json::from_str(&end).unwrap());
        let (start, stream) = &mut live[n];
        let expected = replayed_from_log(&app, key, *start).await;
        let seen = read_frames(stream, expected.len(), &format!("live {key:?}")).await;
        assert_eq!(
            seen, expected,
            "{key:?}: the live stream differs from the log"
        );
        assert!(expected.last().is_none_or(|f| f.0 <= end_id));

        // From a snapshot taken before a step, by the real stream's replay.
        let (path, client) = path_and_client(key, &staff, &anyone);
        let url = app.url(&format!("/api/v1/events/{path}"));
        for index in &replay_from {
            let (id, json) = index.get(&points[n]);
            let mut stream = SseStream::open(client, &url, Some(*id)).await;
            let expected = replayed_from_log(&app, key, *id).await;
            let replayed =
                read_frames(&mut stream, expected.len(), &format!("{key:?} from {id}")).await;
            assert_eq!(replayed, expected, "{key:?} replayed from {id}");
            assert_eq!(
                fold(key, json, &replayed),
                end,
                "{key:?}: snapshot at {id} + replay"
            );
        }
    }
}

/// Team leads signed in at bays 1–6 (their PIN is the bay's digit four times).
async fn sign_in_leads(app: &TestApp) -> Vec<Actor> {
    let mut leads = Vec::new();
    for bay in 1..=6 {
        leads.push(app.lead(bay).await);
    }
    leads
}

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

fn cases() -> u32 {
    std::env::var("PITWALL_REPLAY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_actions_replayed_from_any_id_give_the_live_state(
        ops in prop::collection::vec(any_op(), 1..30),
        replay_from in prop::collection::vec(any::<prop::sample::Index>(), 3),
    ) {
        runtime().block_on(replay_matches_live(ops, replay_from));
    }
}
