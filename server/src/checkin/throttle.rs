//! Per-client throttles of the kiosk's anonymous writes (`POST /checkins`,
//! `POST /desk-requests`): a fixed window per client address, in bounded memory.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

use crate::error::AppError;

/// A kiosk is one address and a check-in takes a customer several minutes, so even a
/// queue at a busy kiosk stays far below one submission every 20 s; above that it is a
/// script filling the workshop with jobs.
pub const CHECKINS_PER_WINDOW: u32 = 30;
pub const CHECKIN_WINDOW: Duration = Duration::from_secs(10 * 60);
/// "Call an advisor" is one tap per customer; ten a minute is already a person leaning
/// on the button, and every one rings on every desk.
pub const DESK_REQUESTS_PER_WINDOW: u32 = 10;
pub const DESK_REQUEST_WINDOW: Duration = Duration::from_secs(60);
/// Most client addresses remembered at once; beyond it the stalest window is forgotten,
/// so a flood of addresses costs bounded memory (about 100 KB).
pub const MAX_CLIENTS: usize = 4096;

/// The unit a client is counted by: an IPv4 address, or an IPv6 /64 (one household or
/// host gets a whole /64, so counting single IPv6 addresses would count nothing).
fn client_of(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6((u128::from(v6) & !u128::from(u64::MAX)).into()),
        v4 => v4,
    }
}

/// At most `max` requests per client in each `window`.
pub struct Throttle {
    max: u32,
    window: Duration,
    capacity: usize,
    /// Per client: when its current window started and how many requests it holds.
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Throttle {
    pub fn new(max: u32, window: Duration, capacity: usize) -> Self {
        Throttle {
            max,
            window,
            capacity,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request from `ip`; `RateLimited` when its window is full (the refused
    /// request does not count, so a client is never locked out beyond the window).
    pub fn hit(&self, ip: IpAddr) -> Result<(), AppError> {
        self.hit_at(ip, Instant::now())
    }

    fn hit_at(&self, ip: IpAddr, now: Instant) -> Result<(), AppError> {
        let mut windows = self
            .windows
            .lock()
            .map_err(|_| AppError::Internal("throttle poisoned".into()))?;
        let client = client_of(ip);
        if !windows.contains_key(&client) && windows.len() >= self.capacity {
            windows.retain(|_, (start, _)| now.duration_since(*start) < self.window);
            if windows.len() >= self.capacity {
                let stalest = windows
                    .iter()
                    .min_by_key(|(_, (start, _))| *start)
                    .map(|(k, _)| *k);
                if let Some(k) = stalest {
                    windows.remove(&k);
                }
            }
        }
        let entry = windows.entry(client).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.max {
            return Err(AppError::RateLimited);
        }
        entry.1 += 1;
        Ok(())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.windows.lock().map(|w| w.len()).unwrap_or(0)
    }
}

/// The kiosk's throttles, one per endpoint.
pub struct KioskThrottles {
    pub checkins: Throttle,
    pub desk_requests: Throttle,
}

impl Default for KioskThrottles {
    fn default() -> Self {
        KioskThrottles {
            checkins: Throttle::new(CHECKINS_PER_WINDOW, CHECKIN_WINDOW, MAX_CLIENTS),
            desk_requests: Throttle::new(
                DESK_REQUESTS_PER_WINDOW,
                DESK_REQUEST_WINDOW,
                MAX_CLIENTS,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn counts_per_client_and_window() {
        let t = Throttle::new(2, Duration::from_secs(60), 10);
        let now = Instant::now();
        assert!(t.hit_at(ip("10.0.0.1"), now).is_ok());
        assert!(t.hit_at(ip("10.0.0.1"), now).is_ok());
        assert!(matches!(
            t.hit_at(ip("10.0.0.1"), now),
            Err(AppError::RateLimited)
        ));
        assert!(t.hit_at(ip("10.0.0.2"), now).is_ok());
        let later = now + Duration::from_secs(61);
        assert!(t.hit_at(ip("10.0.0.1"), later).is_ok());
    }

    #[test]
    fn ipv6_counts_by_64_and_mapped_v4_as_v4() {
        let t = Throttle::new(1, Duration::from_secs(60), 10);
        let now = Instant::now();
        assert!(t.hit_at(ip("2001:db8::1"), now).is_ok());
        assert!(t.hit_at(ip("2001:db8::ffff:2"), now).is_err());
        assert!(t.hit_at(ip("2001:db8:0:1::1"), now).is_ok());
        assert!(t.hit_at(ip("10.0.0.9"), now).is_ok());
        assert!(t.hit_at(ip("::ffff:10.0.0.9"), now).is_err());
    }

    #[test]
    fn memory_stays_bounded() {
        let t = Throttle::new(5, Duration::from_secs(60), 100);
        let now = Instant::now();
        for i in 0..1000u32 {
            let addr = IpAddr::from(i.to_be_bytes());
            assert!(t.hit_at(addr, now).is_ok());
        }
        assert!(t.len() <= 100);
    }
}
