//! The server's clock: the wall clock plus a shift that only tests move. Every "now" the
//! store's work acts on comes from here (the lane, ETAs, bay outages, appointments,
//! reminders, the outbox and its retries; the domain never reads the wall clock), so a
//! test can deliver a car, move the clock two days and find the follow-up call due; a
//! running server lets the shift be moved only when started with `PITWALL_TEST_CLOCK=1`
//! (`POST /api/test/clock`). The wall clock stays for what security and the file need:
//! sessions' expiry, a webhook signature's timestamp, the time an event row (or the
//! audit entry of a change to the store's setup or accounts) was written, the health
//! probe.

use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};

use chrono::{DateTime, Duration, Utc};

/// A shared clock: clones see the same shift.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    shift_ms: Arc<AtomicI64>,
}

impl Clock {
    /// The store's "now": the wall clock plus the shift.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.shift_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock forward (or back, for a negative duration) by `by`.
    pub fn advance(&self, by: Duration) {
        self.shift_ms
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }

    /// How far the clock is moved from the wall clock.
    pub fn shift(&self) -> Duration {
        Duration::milliseconds(self.shift_ms.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_one_shift() {
        let clock = Clock::default();
        let other = clock.clone();
        clock.advance(Duration::days(2));
        let ahead = other.now() - Utc::now();
        assert!(ahead >= Duration::days(2) - Duration::seconds(1), "{ahead}");
        assert!(ahead <= Duration::days(2) + Duration::seconds(1), "{ahead}");
        assert_eq!(other.shift(), Duration::days(2));
    }
}
