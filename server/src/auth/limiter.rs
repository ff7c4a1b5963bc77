//! The limits on guessing a password or PIN: every attempt is counted before the slow
//! Argon2 check, per client address (`governor`) and per key (a username, a bay), in
//! bounded memory, and only a few hashes run at once.

use std::{
    collections::{HashMap, VecDeque},
    net::IpAddr,
    num::NonZeroU32,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use governor::{DefaultKeyedRateLimiter, Quota};
use tokio::sync::Semaphore;

use crate::{error::AppError, store::seed::hash_secret};

/// Attempts one key (a username, a bay) may have judged wrong in `KEY_WINDOW`.
pub const KEY_MAX: usize = 5;
pub const KEY_WINDOW: Duration = Duration::from_secs(60);
/// Keys remembered at once. Each is a few dozen bytes; past this, idle keys are purged,
/// and if every key is still in its window a new key is refused (fail closed) until one
/// ages out, rather than forgetting a key someone is guessing at.
pub const KEY_CAP: usize = 4096;
/// Sign-in and PIN attempts one address may make: a burst of 30, then one every 2 s.
/// Generous because a reverse proxy makes the whole store one address; the per-key
/// limits are what stop guessing at one account or bay.
const IP_PER_MINUTE: NonZeroU32 = match NonZeroU32::new(30) {
    Some(n) => n,
    None => NonZeroU32::MIN,
};
/// Addresses remembered at once; past this, addresses not yet seen share one budget.
const IP_CAP: usize = 4096;
/// Argon2 hashes running at once (one per core of the target machine): each holds about
/// 19 MiB and a core for tens of milliseconds, so a burst queues instead of piling up.
const HASHES_AT_ONCE: usize = 2;
/// How long an attempt waits for a hashing slot before it is answered `429 rate_limited`.
const HASH_WAIT: Duration = Duration::from_secs(2);

/// Counts attempts per key in a sliding window, with room for at most `cap` keys.
pub struct KeyedWindow {
    max: usize,
    window: Duration,
    cap: usize,
    attempts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// One counted attempt; given back with [`KeyedWindow::refund`] only when it proved right.
#[derive(Debug)]
pub struct Slot {
    key: String,
    at: Instant,
}

impl KeyedWindow {
    pub fn new(max: usize, window: Duration, cap: usize) -> Self {
        KeyedWindow {
            max,
            window,
            cap,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// The counts survive a panic elsewhere: a poisoned lock still holds valid data.
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        self.attempts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The key's recent attempts, made room for when the key is new.
    fn entry<'m>(
        &self,
        map: &'m mut HashMap<String, VecDeque<Instant>>,
        key: &str,
        now: Instant,
    ) -> Result<&'m mut VecDeque<Instant>, AppError> {
        if !map.contains_key(key) && map.len() >= self.cap {
            let window = self.window;
            map.retain(|_, recent| recent.back().is_some_and(|t| now - *t <= window));
            if map.len() >= self.cap {
                return Err(AppError::RateLimited);
            }
        }
        let recent = map.entry(key.to_string()).or_default();
        while recent
            .front()
            .is_some_and(|t| now.duration_since(*t) > self.window)
        {
            recent.pop_front();
        }
        Ok(recent)
    }

    /// `Err(RateLimited)` when the key has used up its attempts in the window.
    pub fn check(&self, key: &str) -> Result<(), AppError> {
        let mut map = self.map();
        if self.entry(&mut map, key, Instant::now())?.len() >= self.max {
            return Err(AppError::RateLimited);
        }
        Ok(())
    }

    /// Counts a failure that was judged without a reservation (a kiosk's lookup).
    pub fn fail(&self, key: &str) {
        let mut map = self.map();
        let now = Instant::now();
        if let Ok(recent) = self.entry(&mut map, key, now) {
            recent.push_back(now);
        }
    }

    /// Counts an attempt before it is judged; refused when the key has none left.
    pub fn reserve(&self, key: &str) -> Result<Slot, AppError> {
        let mut map = self.map();
        let now = Instant::now();
        let recent = self.entry(&mut map, key, now)?;
        if recent.len() >= self.max {
            return Err(AppError::RateLimited);
        }
        recent.push_back(now);
        Ok(Slot {
            key: key.to_string(),
            at: now,
        })
    }

    /// Gives back one attempt: a right secret, or one never judged. The key's other
    /// attempts (earlier wrong guesses) stay counted.
    pub fn refund(&self, slot: Slot) {
        let mut map = self.map();
        if let Some(recent) = map.get_mut(&slot.key) {
            if let Some(i) = recent.iter().position(|t| *t == slot.at) {
                recent.remove(i);
            }
        }
    }

    /// Keys held now (for tests and the memory bound).
    pub fn len(&self) -> usize {
        self.map().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Everything that limits guessing: per address, per key, concurrent hashes, and the
/// dummy hash an unknown username is checked against.
pub struct RateLimiter {
    keys: KeyedWindow,
    addresses: DefaultKeyedRateLimiter<IpAddr>,
    hashing: Arc<Semaphore>,
    dummy_hash: String,
}

impl RateLimiter {
    /// Hashes the dummy secret once (off the async workers): an unknown username is
    /// verified against it so that it costs as long as a known one.
    pub async fn start() -> Result<RateLimiter, String> {
        let dummy_hash = tokio::task::spawn_blocking(|| hash_secret("not anyone's password"))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
        Ok(RateLimiter {
            keys: KeyedWindow::new(KEY_MAX, KEY_WINDOW, KEY_CAP),
            addresses: DefaultKeyedRateLimiter::keyed(Quota::per_minute(IP_PER_MINUTE)),
            hashing: Arc::new(Semaphore::new(HASHES_AT_ONCE)),
            dummy_hash,
        })
    }

    /// A PHC string no secret is expected to match, as costly to verify as a real one.
    pub fn dummy_hash(&self) -> &str {
        &self.dummy_hash
    }

    /// See [`KeyedWindow::check`] (the kiosk's lookups count failures only).
    pub fn check(&self, key: &str) -> Result<(), AppError> {
        self.keys.check(key)
    }

    /// See [`KeyedWindow::fail`].
    pub fn fail(&self, key: &str) {
        self.keys.fail(key);
    }

    /// Keys held now.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Counts one attempt from `ip`; `Err(RateLimited)` past the address's budget.
    fn check_address(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        // No address (a router served without connect info): one shared budget.
        let ip = ip.map_or(IpAddr::from([0, 0, 0, 0]), address_key);
        let key = if self.addresses.len() >= IP_CAP {
            self.addresses.retain_recent();
            self.addresses.shrink_to_fit();
            if self.addresses.len() >= IP_CAP {
                IpAddr::from([0, 0, 0, 0])
            } else {
                ip
            }
        } else {
            ip
        };
        self.addresses
            .check_key(&key)
            .map_err(|_| AppError::RateLimited)
    }

    /// Judges a secret within the limits: counts the attempt against `ip` and `key`
    /// first, then runs `verify` (the Argon2 check) on a hashing slot. A right secret
    /// (`Some`) gives its attempt back, so a bay's screen used all day is never locked;
    /// a wrong one (`None`) stays counted for the whole window, so at most `KEY_MAX`
    /// wrong guesses are ever judged per key and window, however many arrive at once.
    pub async fn judge<T: Send + 'static>(
        &self,
        ip: Option<IpAddr>,
        key: &str,
        verify: impl FnOnce() -> Option<T> + Send + 'static,
    ) -> Result<Option<T>, AppError> {
        self.check_address(ip)?;
        let slot = self.keys.reserve(key)?;
        let permit =
            match tokio::time::timeout(HASH_WAIT, self.hashing.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                // Never judged: the attempt is given back.
                Ok(Err(_)) | Err(_) => {
                    self.keys.refund(slot);
                    return Err(AppError::RateLimited);
                }
            };
        // The permit moves into the blocking task: it is held until the hash is done even
        // if the client hangs up, so the bound on concurrent hashes is real.
        let found = tokio::task::spawn_blocking(move || {
            let found = verify();
            drop(permit);
            found
        })
        .await
        .map_err(|e| AppError::Internal(format!("verifying a secret: {e}")))?;
        if found.is_some() {
            self.keys.refund(slot);
        }
        Ok(found)
    }
}

/// IPv4 addresses as they are; IPv6 by their /64, which one client usually owns whole.
fn address_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            IpAddr::from(segments)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_usernames_stay_within_the_cap() {
        let limiter = KeyedWindow::new(KEY_MAX, KEY_WINDOW, KEY_CAP);
        let mut refused = 0;
        for n in 0..10_000 {
            if limiter.reserve(&format!("user:nobody{n}")).is_err() {
                refused += 1;
            }
        }
        assert!(limiter.len() <= KEY_CAP, "{} keys held", limiter.len());
        // Fail closed: the keys beyond the cap were refused, not let through uncounted.
        assert_eq!(refused, 10_000 - KEY_CAP);
        // Keys past their window are purged to make room.
        let short = KeyedWindow::new(KEY_MAX, Duration::from_millis(1), 10);
        for n in 0..10 {
            assert!(short.reserve(&format!("k{n}")).is_ok());
        }
        std::thread::sleep(Duration::from_millis(5));
        assert!(short.reserve("new").is_ok());
        assert_eq!(short.len(), 1);
    }

    #[test]
    fn a_right_secret_gives_back_only_its_own_attempt() {
        let limiter = KeyedWindow::new(5, KEY_WINDOW, 100);
        for _ in 0..4 {
            assert!(limiter.reserve("bay:3").is_ok()); // four wrong guesses, kept
        }
        let right = limiter.reserve("bay:3");
        assert!(right.is_ok());
        if let Ok(slot) = right {
            limiter.refund(slot);
        }
        assert!(limiter.reserve("bay:3").is_ok()); // the fifth wrong guess
        assert!(matches!(
            limiter.reserve("bay:3"),
            Err(AppError::RateLimited)
        ));
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_prefix() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1"
            .parse()
            .unwrap_or(IpAddr::from([0; 16]));
        let b: IpAddr = "2001:db8:1:2:bbbb::9"
            .parse()
            .unwrap_or(IpAddr::from([1; 16]));
        assert_eq!(address_key(a), address_key(b));
        let v4 = IpAddr::from([10, 0, 0, 7]);
        assert_eq!(address_key(v4), v4);
    }
}
