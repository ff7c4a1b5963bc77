//! Configuration from the environment (every variable is optional; defaults serve an
//! empty store on 127.0.0.1:3000 with its data under ./data/; `PITWALL_DEMO=1` seeds
//! the demo store, whose well-known passwords and PINs must never be a default).

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use crate::StartError;

#[derive(Debug, Clone)]
pub struct Config {
    /// `PITWALL_ADDR` (or cargo-leptos's `LEPTOS_SITE_ADDR`), default 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// `PITWALL_DB`, default `data/pitwall.db`; created on first run.
    pub db_path: PathBuf,
    /// `PITWALL_SITE_ROOT` (or `LEPTOS_SITE_ROOT`), default `target/site`: the built wasm, JS, CSS.
    pub site_root: String,
    /// `PITWALL_DEMO` (or its older name `PITWALL_SEED_DEMO`), default off: seed the demo
    /// store, with its published passwords and PINs, into a new database.
    pub seed_demo: bool,
    /// `PITWALL_EVENT_RETENTION`, default 100000: events kept for `Last-Event-ID` replay.
    pub event_retention: i64,
    /// `PITWALL_KEEPALIVE_SECS`, default 10: SSE keep-alive comment interval.
    pub keepalive: Duration,
    /// `PITWALL_SESSION_HOURS`, default 12: how long a sign-in lasts.
    pub session_hours: i64,
    /// `PITWALL_SECURE_COOKIE`, default false: mark the session cookie `Secure`, for a
    /// store served over https (off by default: on plain http on a LAN browsers would
    /// drop a `Secure` cookie and nobody could sign in).
    pub secure_cookie: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            db_path: PathBuf::from("data/pitwall.db"),
            site_root: "target/site".into(),
            seed_demo: false,
            event_retention: 100_000,
            keepalive: Duration::from_secs(10),
            session_hours: 12,
            secure_cookie: false,
        }
    }
}

impl Config {
    pub fn from_env() -> Result<Config, StartError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// The configuration from `lookup` (the environment, or a test's map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, StartError> {
        let var = |names: &[&str]| names.iter().find_map(|n| lookup(n));
        let bad =
            |name: &str, value: &str| StartError::Config(format!("{name}={value:?} is not valid"));
        let mut config = Config::default();
        if let Some(v) = var(&["PITWALL_ADDR", "LEPTOS_SITE_ADDR"]) {
            config.addr = v.parse().map_err(|_| bad("PITWALL_ADDR", &v))?;
        }
        if let Some(v) = var(&["PITWALL_DB"]) {
            config.db_path = PathBuf::from(v);
        }
        if let Some(v) = var(&["PITWALL_SITE_ROOT", "LEPTOS_SITE_ROOT"]) {
            config.site_root = v;
        }
        if let Some(v) = var(&["PITWALL_DEMO", "PITWALL_SEED_DEMO"]) {
            // A typo must not quietly seed (or not seed) the demo passwords: only clear words.
            config.seed_demo = match v.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "" | "0" | "false" | "no" | "off" => false,
                _ => return Err(bad("PITWALL_DEMO", &v)),
            };
        }
        if let Some(v) = var(&["PITWALL_EVENT_RETENTION"]) {
            config.event_retention = v
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| bad("PITWALL_EVENT_RETENTION", &v))?;
        }
        if let Some(v) = var(&["PITWALL_KEEPALIVE_SECS"]) {
            let secs: u64 = v
                .parse()
                .ok()
                .filter(|n| (1..=15).contains(n))
                .ok_or_else(|| bad("PITWALL_KEEPALIVE_SECS", &v))?;
            config.keepalive = Duration::from_secs(secs);
        }
        if let Some(v) = var(&["PITWALL_SESSION_HOURS"]) {
            config.session_hours = v
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| bad("PITWALL_SESSION_HOURS", &v))?;
        }
        if let Some(v) = var(&["PITWALL_SECURE_COOKIE"]) {
            config.secure_cookie = match v.as_str() {
                "1" | "true" | "yes" => true,
                "0" | "false" | "no" => false,
                _ => return Err(bad("PITWALL_SECURE_COOKIE", &v)),
            };
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Result<Config, StartError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(move |name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn the_demo_store_is_opt_in() -> Result<(), StartError> {
        assert!(!with(&[])?.seed_demo, "no settings: no demo passwords");
        assert!(with(&[("PITWALL_DEMO", "1")])?.seed_demo);
        assert!(with(&[("PITWALL_SEED_DEMO", "true")])?.seed_demo);
        assert!(!with(&[("PITWALL_DEMO", "0")])?.seed_demo);
        assert!(with(&[("PITWALL_DEMO", "maybe")]).is_err());
        Ok(())
    }
}
