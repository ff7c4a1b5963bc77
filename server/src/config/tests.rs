//! Reading the configuration: defaults, every variable, and the refusals at start-up.

use super::*;

fn with(vars: &[(&str, &str)]) -> Result<Config, StartError> {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
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

fn refusal(vars: &[(&str, &str)]) -> String {
    match with(vars) {
        Ok(config) => panic!("{vars:?} accepted as {config:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_public_url_must_be_an_absolute_http_address() -> Result<(), StartError> {
    assert_eq!(with(&[])?.public_url, None, "unset: today's behaviour");
    let url = |v: &str| with(&[("PITWALL_PUBLIC_URL", v)]).map(|c| c.public_url);
    assert_eq!(
        url("https://service.example-store.cn")?.as_deref(),
        Some("https://service.example-store.cn")
    );
    assert_eq!(
        url("https://Service.Example-Store.cn:8443/pitwall/")?.as_deref(),
        Some("https://service.example-store.cn:8443/pitwall"),
        "the trailing slash goes, a path prefix stays"
    );
    assert_eq!(
        url("http://192.168.1.20:3000")?.as_deref(),
        Some("http://192.168.1.20:3000")
    );
    for bad in [
        "service.example-store.cn",
        "/track",
        "ftp://service.example-store.cn",
        "https://",
        "https://service.example-store.cn/?x=1",
        "https://service.example-store.cn/#top",
        "https://user@service.example-store.cn",
        "not a url",
    ] {
        let e = refusal(&[("PITWALL_PUBLIC_URL", bad)]);
        assert!(
            e.contains("PITWALL_PUBLIC_URL") && e.contains("https://"),
            "{bad}: {e}"
        );
    }
    Ok(())
}

#[test]
fn the_store_zone_is_a_fixed_offset_defaulting_to_utc_plus_8() -> Result<(), StartError> {
    assert_eq!(with(&[])?.store_zone.local_minus_utc(), 8 * 3600);
    let zone = |v: &str| with(&[("PITWALL_TZ", v)]).map(|c| c.store_zone.local_minus_utc());
    assert_eq!(zone("+07:00")?, 7 * 3600);
    assert_eq!(zone("-03:30")?, -(3 * 3600 + 30 * 60));
    for bad in ["Asia/Shanghai", "8", "+8", "+15:00", "CST"] {
        let e = refusal(&[("PITWALL_TZ", bad)]);
        assert!(
            e.contains("PITWALL_TZ") && e.contains("+08:00"),
            "{bad}: {e}"
        );
    }
    Ok(())
}

#[test]
fn the_log_format_is_text_or_json() -> Result<(), StartError> {
    assert_eq!(with(&[])?.log_format, LogFormat::Text);
    assert_eq!(
        with(&[("PITWALL_LOG_FORMAT", "json")])?.log_format,
        LogFormat::Json
    );
    assert_eq!(
        with(&[("PITWALL_LOG_FORMAT", "JSON")])?.log_format,
        LogFormat::Json
    );
    let e = refusal(&[("PITWALL_LOG_FORMAT", "yaml")]);
    assert!(e.contains("text or json"), "{e}");
    Ok(())
}

#[test]
fn the_webhook_needs_a_secret_once_it_has_an_address() -> Result<(), StartError> {
    let off = with(&[])?.webhook;
    assert_eq!(off.url, None, "unset: no gateway");
    assert_eq!(
        (off.backoff, off.max_attempts),
        (Duration::from_secs(30), 6)
    );
    let url = ("PITWALL_WEBHOOK_URL", "http://10.0.0.5:8080/sms");
    let e = refusal(&[url]);
    assert!(e.contains("PITWALL_WEBHOOK_SECRET"), "{e}");
    let e = refusal(&[url, ("PITWALL_WEBHOOK_SECRET", "short")]);
    assert!(e.contains("PITWALL_WEBHOOK_SECRET"), "{e}");
    let secret = ("PITWALL_WEBHOOK_SECRET", "a-long-enough-secret");
    let on = with(&[
        url,
        secret,
        ("PITWALL_WEBHOOK_BACKOFF_MS", "50"),
        ("PITWALL_WEBHOOK_MAX_ATTEMPTS", "3"),
    ])?
    .webhook;
    assert_eq!(on.url.as_deref(), Some("http://10.0.0.5:8080/sms"));
    assert_eq!(
        (on.backoff, on.max_attempts),
        (Duration::from_millis(50), 3)
    );
    assert!(
        !format!("{on:?}").contains("a-long-enough-secret"),
        "never printed"
    );
    for (name, value) in [
        ("PITWALL_WEBHOOK_BACKOFF_MS", "0"),
        ("PITWALL_WEBHOOK_MAX_ATTEMPTS", "none"),
        ("PITWALL_WEBHOOK_URL", "https://sms.example.cn"),
    ] {
        let e = refusal(&[(name, value), url, secret]);
        assert!(e.contains(name), "{name}={value}: {e}");
    }
    Ok(())
}
