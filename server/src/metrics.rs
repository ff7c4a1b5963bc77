//! `GET /metrics`: the server's health in numbers, in the OpenMetrics text format
//! Prometheus scrapes. HTTP requests and their latency by matched route template and
//! status class, event-stream subscribers per channel kind, events published by kind,
//! the dispatcher's lag behind the log, the write queue's depth and the database's size.
//! Every label is a route template or a fixed word: never a path, an id, a token or a
//! name, so the scrape holds no personal data and may be read without signing in.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::{Duration, Instant},
};

use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use prometheus_client::{
    encoding::{text::encode, EncodeLabelSet},
    metrics::{counter::Counter, family::Family, gauge::Gauge, histogram::Histogram},
    registry::Registry,
};

use crate::{error::AppError, live::ChannelKey, store, AppState};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: &'static str,
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
    method: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabels {
    channel: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// The server's metrics, one set per running server (not process-global).
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    subscribers: Family<ChannelLabels, Gauge>,
    published: Family<KindLabels, Counter>,
    dispatcher_lag: Gauge,
    write_queue: Gauge,
    db_bytes: Gauge,
}

fn latency_histogram() -> Histogram {
    // 1 ms to ~16 s.
    Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(
        0.001, 2.0, 15,
    ))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("pitwall");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency: LatencyFamily = Family::new_with_constructor(latency_histogram);
        let subscribers = Family::<ChannelLabels, Gauge>::default();
        let published = Family::<KindLabels, Counter>::default();
        let (dispatcher_lag, write_queue, db_bytes) =
            (Gauge::default(), Gauge::default(), Gauge::default());
        registry.register(
            "http_requests",
            "HTTP requests answered, by matched route template, method and status class",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer (to the response head; an event stream counts until it opens)",
            latency.clone(),
        );
        registry.register(
            "sse_subscribers",
            "Open event streams, by channel kind",
            subscribers.clone(),
        );
        registry.register(
            "events_published",
            "Events the dispatcher fanned out to the live channels, by kind",
            published.clone(),
        );
        registry.register(
            "dispatcher_lag_events",
            "Events committed to the log but not yet fanned out (at the scrape)",
            dispatcher_lag.clone(),
        );
        registry.register(
            "write_queue_depth",
            "Changes waiting for the writer's next group commit (at the scrape)",
            write_queue.clone(),
        );
        registry.register(
            "database_bytes",
            "Size of the SQLite database file plus its write-ahead log",
            db_bytes.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            subscribers,
            published,
            dispatcher_lag,
            write_queue,
            db_bytes,
        }
    }
}

/// Counts an open event stream until dropped.
pub struct Subscriber(Gauge);

impl Drop for Subscriber {
    fn drop(&mut self) {
        self.0.dec();
    }
}

impl Metrics {
    /// An event stream of `key` opened: counted while the returned guard lives.
    pub fn subscriber(&self, key: &ChannelKey) -> Subscriber {
        let gauge = self
            .subscribers
            .get_or_create(&ChannelLabels {
                channel: channel_kind(key),
            })
            .clone();
        gauge.inc();
        Subscriber(gauge)
    }

    /// The dispatcher fanned out one event of `kind` (`job`, `bay`, `desk_request`).
    pub fn published(&self, kind: &'static str) {
        self.published.get_or_create(&KindLabels { kind }).inc();
    }

    fn answered(&self, route: String, method: &'static str, status: StatusCode, took: Duration) {
        let status = match status.as_u16() {
            100..=199 => "1xx",
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        self.requests
            .get_or_create(&RequestLabels {
                route: route.clone(),
                method,
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels { route, method })
            .observe(took.as_secs_f64());
    }
}

/// A channel as a label: its kind, never its bay or tracking token.
fn channel_kind(key: &ChannelKey) -> &'static str {
    match key {
        ChannelKey::Lounge => "lounge",
        ChannelKey::Bays => "bays",
        ChannelKey::Bay(_) => "bay",
        ChannelKey::BayCrew(_) => "bay_crew",
        ChannelKey::Desk => "desk",
        ChannelKey::Parts => "parts",
        ChannelKey::Aftersales => "aftersales",
        ChannelKey::Track(_) => "track",
    }
}

/// The route a request matched, as its template (`/api/v1/jobs/{job_id}`,
/// `/track/{token}`); `fallback` for what matched no route (static files, not found).
pub fn route_template(request: &Request) -> String {
    match request.extensions().get::<MatchedPath>() {
        Some(path) => template_of(path),
        None => "fallback".to_string(),
    }
}

/// A matched path as logged and labelled; a nested service's tail parameter has an
/// internal name: `*` instead.
pub fn template_of(path: &MatchedPath) -> String {
    match path.as_str().split_once("/{*__private__axum") {
        Some((prefix, _)) => format!("{prefix}/*"),
        None => path.as_str().to_string(),
    }
}

/// A method as a label: the standard ones by name, anything else as `other`, so a
/// client cannot mint labels.
fn method_label(method: &Method) -> &'static str {
    [
        (Method::GET, "GET"),
        (Method::HEAD, "HEAD"),
        (Method::POST, "POST"),
        (Method::PUT, "PUT"),
        (Method::PATCH, "PATCH"),
        (Method::DELETE, "DELETE"),
        (Method::OPTIONS, "OPTIONS"),
    ]
    .into_iter()
    .find(|(m, _)| m == method)
    .map_or("other", |(_, name)| name)
}

/// Middleware (a route layer, so the matched route is known): counts and times every
/// request.
pub async fn count_requests(
    State(metrics): State<Arc<Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let route = route_template(&request);
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.answered(route, method, response.status(), started.elapsed());
    response
}

/// `GET /metrics`.
pub async fn scrape(State(state): State<AppState>) -> Result<Response, AppError> {
    let metrics = &state.metrics;
    let newest = {
        let mut conn = state.pool.acquire().await?;
        store::max_event_id(&mut conn).await?
    };
    let lag = (newest - state.hub.published_through()).max(0);
    metrics.dispatcher_lag.set(lag);
    metrics
        .write_queue
        .set(i64::try_from(state.writer.queued()).unwrap_or(i64::MAX));
    let bytes = database_bytes(&state.config.db_path).await;
    metrics
        .db_bytes
        .set(i64::try_from(bytes).unwrap_or(i64::MAX));
    let mut body = String::new();
    encode(&mut body, &metrics.registry)
        .map_err(|e| AppError::Internal(format!("encoding metrics: {e}")))?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
        )],
        body,
    )
        .into_response())
}

/// The database file plus its write-ahead log (a missing WAL counts as empty).
async fn database_bytes(db: &Path) -> u64 {
    let mut wal = PathBuf::from(db).into_os_string();
    wal.push("-wal");
    let mut total = 0;
    for file in [db.to_path_buf(), PathBuf::from(wal)] {
        if let Ok(meta) = tokio::fs::metadata(&file).await {
            total += meta.len();
        }
    }
    total
}
