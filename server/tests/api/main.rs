//! Server integration tests: a real server on a random port, driven over HTTP and SSE.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod actions;
mod approvals;
mod auth_abuse;
mod backup;
mod bay;
mod channels;
mod checkin_abuse;
mod checkins;
mod countersign;
mod crash;
mod delivery;
mod demo_default;
mod documents;
mod eta;
mod headers;
mod helpers;
mod idempotency;
mod limits;
mod privacy;
mod roles;
mod sessions;
mod shutdown;
mod sse;
mod store_failures;
mod streams;
