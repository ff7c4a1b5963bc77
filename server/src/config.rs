//! Configuration from the environment (every variable is optional; defaults serve an
//! empty store on 127.0.0.1:3000 with its data under ./data/; `PITWALL_DEMO=1` seeds
//! the demo store, whose well-known passwords and PINs must never be a default).

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use chrono::{FixedOffset, Offset};

use crate::{outbox::WebhookConfig, StartError};

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
    /// `PITWALL_PUBLIC_URL`, e.g. `https://service.example-store.cn` (kept without a
    /// trailing slash): the address in links and QR codes a customer's phone opens.
    /// Unset: the address the kiosk itself was opened at (a warning at start).
    pub public_url: Option<String>,
    /// `PITWALL_TZ`, a fixed UTC offset such as `+08:00` (the default): the store's
    /// clock, for every time shown and every "today".
    pub store_zone: FixedOffset,
    /// Whether `PITWALL_TZ` was set: it then wins over the zone chosen at setup.
    pub zone_from_env: bool,
    /// `PITWALL_SETUP_CODE`: the code the first start's setup asks for (for automated
    /// installs); unset, a fresh code is printed in the log while setup is needed.
    pub setup_code: Option<String>,
    /// `PITWALL_LOG_FORMAT`: `text` (the default) or `json` (one JSON object a line).
    pub log_format: LogFormat,
    /// `PITWALL_TEST_CLOCK=1`, default off: mounts `POST /api/test/clock`, which moves the
    /// server's clock (end-to-end tests move time to see calls fall due and complaints
    /// escalate). Never for a store's server.
    pub test_clock: bool,
    /// Messages to customers go to an SMS gateway's webhook:
    /// - `PITWALL_WEBHOOK_URL`, an `http://` address; unset: no gateway, messages stay
    ///   pending (the desk's message list says so).
    /// - `PITWALL_WEBHOOK_SECRET`, at least 16 characters, required when the URL is set:
    ///   the shared secret that signs every request (`X-Pitwall-Signature`).
    /// - `PITWALL_WEBHOOK_BACKOFF_MS`, default 30000: the wait after a failed delivery,
    ///   doubled after each further failure.
    /// - `PITWALL_WEBHOOK_MAX_ATTEMPTS`, default 6: attempts before a message is given up
    ///   on (`dead`).
    pub webhook: WebhookConfig,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl LogFormat {
    /// `PITWALL_LOG_FORMAT` from the environment; read before the rest of the
    /// configuration, since logging starts first.
    pub fn from_env() -> Result<LogFormat, StartError> {
        LogFormat::parse(std::env::var("PITWALL_LOG_FORMAT").ok().as_deref())
    }

    pub fn parse(value: Option<&str>) -> Result<LogFormat, StartError> {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            None | Some("" | "text") => Ok(LogFormat::Text),
            Some("json") => Ok(LogFormat::Json),
            Some(_) => Err(StartError::Config(format!(
                "PITWALL_LOG_FORMAT={:?} is not valid: use text or json",
                value.unwrap_or_default()
            ))),
        }
    }
}

/// `PITWALL_PUBLIC_URL` checked: an absolute http(s) address of a host, with no query
/// or fragment; a path prefix is kept (a store served under `/service`), the trailing
/// slash is not.
pub fn parse_public_url(value: &str) -> Result<String, String> {
    let refuse = |why: &str| {
        format!(
            "PITWALL_PUBLIC_URL={value:?} is not valid: {why} (write the address customers' \
             phones open, such as https://service.example-store.cn)"
        )
    };
    let uri: http::Uri = value.trim().parse().map_err(|_| refuse("not a URL"))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        Some(_) => return Err(refuse("it must start with http:// or https://")),
        None => return Err(refuse("it must be absolute, starting with https://")),
    }
    let Some(authority) = uri.authority() else {
        return Err(refuse("it names no host"));
    };
    if authority.host().is_empty() || authority.as_str().contains('@') {
        return Err(refuse("it names no host (or carries a user name)"));
    }
    if uri.query().is_some() || value.contains('#') {
        return Err(refuse("it must not carry a query or a fragment"));
    }
    let path = uri.path().trim_end_matches('/');
    Ok(format!(
        "{}://{}{path}",
        uri.scheme_str().unwrap_or("https"),
        authority.as_str().to_ascii_lowercase()
    ))
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
            public_url: None,
            store_zone: FixedOffset::east_opt(app::domain::DEFAULT_STORE_OFFSET_SECS)
                .unwrap_or_else(|| chrono::Utc.fix()),
            zone_from_env: false,
            setup_code: None,
            log_format: LogFormat::Text,
            test_clock: false,
            webhook: WebhookConfig::default(),
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
        // A typo must not quietly turn a switch on (or off): only clear words.
        let switch = |name: &str, v: String| match v.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Ok(true),
            "" | "0" | "false" | "no" | "off" => Ok(false),
            _ => Err(bad(name, &v)),
        };
        if let Some(v) = var(&["PITWALL_DEMO", "PITWALL_SEED_DEMO"]) {
            config.seed_demo = switch("PITWALL_DEMO", v)?;
        }
        if let Some(v) = var(&["PITWALL_TEST_CLOCK"]) {
            config.test_clock = switch("PITWALL_TEST_CLOCK", v)?;
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
        if let Some(v) = var(&["PITWALL_PUBLIC_URL"]).filter(|v| !v.trim().is_empty()) {
            config.public_url = Some(parse_public_url(&v).map_err(StartError::Config)?);
        }
        if let Some(v) = var(&["PITWALL_TZ"]) {
            config.store_zone = app::domain::parse_utc_offset(&v)
                .map_err(|e| StartError::Config(format!("PITWALL_TZ={e}")))?;
            config.zone_from_env = true;
        }
        if let Some(v) = var(&["PITWALL_SETUP_CODE"]).filter(|v| !v.trim().is_empty()) {
            if v.trim().len() < 8 {
                return Err(StartError::Config(
                    "PITWALL_SETUP_CODE is at least 8 characters".into(),
                ));
            }
            config.setup_code = Some(v.trim().to_ascii_uppercase());
        }
        config.log_format = LogFormat::parse(var(&["PITWALL_LOG_FORMAT"]).as_deref())?;
        config.webhook = webhook_from(&var)?;
        Ok(config)
    }
}

/// The webhook's four variables (see `Config::webhook`).
fn webhook_from(var: &impl Fn(&[&str]) -> Option<String>) -> Result<WebhookConfig, StartError> {
    let bad =
        |name: &str, value: &str| StartError::Config(format!("{name}={value:?} is not valid"));
    let mut webhook = WebhookConfig::default();
    if let Some(v) = var(&["PITWALL_WEBHOOK_URL"]).filter(|v| !v.trim().is_empty()) {
        webhook.url = Some(crate::outbox::parse_webhook_url(&v).map_err(StartError::Config)?);
    }
    if let Some(v) = var(&["PITWALL_WEBHOOK_SECRET"]) {
        webhook.secret = v;
    }
    if webhook.url.is_some() && webhook.secret.chars().count() < 16 {
        return Err(StartError::Config(
            "PITWALL_WEBHOOK_SECRET (at least 16 characters) is required when \
             PITWALL_WEBHOOK_URL is set: the gateway checks every message's signature with it"
                .into(),
        ));
    }
    if let Some(v) = var(&["PITWALL_WEBHOOK_BACKOFF_MS"]) {
        let ms: u64 = v
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| bad("PITWALL_WEBHOOK_BACKOFF_MS", &v))?;
        webhook.backoff = Duration::from_millis(ms);
    }
    if let Some(v) = var(&["PITWALL_WEBHOOK_MAX_ATTEMPTS"]) {
        webhook.max_attempts = v
            .trim()
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| bad("PITWALL_WEBHOOK_MAX_ATTEMPTS", &v))?;
    }
    Ok(webhook)
}

#[cfg(test)]
mod tests;
