//! What a phone downloads before a screen is interactive, through the real binary and
//! its release build: every wasm and JS file the screen's page preloads, brotli-encoded
//! as a browser asks for them. Each screen has a budget in brotli bytes; the suite fails
//! when a screen grows past it. Also: the precompressed copies are what is served (brotli,
//! gzip, or the file itself), content-named files are cached for good, and event streams
//! are never compressed.

use std::{
    collections::BTreeSet,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use reqwest::{header, Client, StatusCode};

/// Brotli bytes of wasm and JS before each screen is interactive. Issue 14's goal is
/// 200 KB per screen; these are the sizes reached so far (BENCHMARKS.md, "Page weight")
/// with a little room, so that no change makes a screen heavier unnoticed. Raised for issue
/// 15 (typed wire words, SVG icons, keyed live lists): lounge 332 → 351 KB, track
/// 379 → 420 KB; and for issue 16 (every screen's text now includes the back office's, in
/// the main module; the bay's parts panel): kiosk 426, lounge 370, bay 477, track 439 KB;
/// and for issue 18 (three more desk screens, whose text and wire names the splitter
/// leaves in the main module): kiosk 445, lounge 389, bay 497, track 458 KB.
const BUDGETS: [(&str, u64); 4] = [
    ("/kiosk", 450_000),
    ("/lounge", 395_000),
    ("/bay/1", 502_000),
    ("/track/NoSuchToken000", 464_000),
];

const SITE_ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_pitwall"))
        .env("PITWALL_ADDR", format!("127.0.0.1:{port}"))
        .env("PITWALL_DB", dir.path().join("pitwall.db"))
        .env("PITWALL_SITE_ROOT", SITE_ROOT)
        .env("PITWALL_DEMO", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
        _dir: dir,
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(r) = Client::new()
            .get(format!("{}/api/v1/health", server.base))
            .send()
            .await
        {
            if r.status() == StatusCode::OK {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("pitwall did not become healthy");
}

/// The `/pkg/…wasm` and `/pkg/…js` files a page links (its preloads and its script).
fn code_files(html: &str) -> BTreeSet<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|url| url.starts_with("/pkg/") && (url.ends_with(".wasm") || url.ends_with(".js")))
        .map(str::to_owned)
        .collect()
}

async fn fetch(client: &Client, url: &str, encoding: &str) -> reqwest::Response {
    let response = client
        .get(url)
        .header(header::ACCEPT_ENCODING, encoding)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    response
}

#[tokio::test]
async fn each_screen_loads_its_code_within_its_budget() {
    let server = start().await;
    let client = Client::new();
    let mut over = Vec::new();
    for (screen, budget) in BUDGETS {
        let html = fetch(&client, &format!("{}{screen}", server.base), "identity")
            .await
            .text()
            .await
            .unwrap();
        let files = code_files(&html);
        assert!(
            files.iter().any(|f| f.ends_with(".wasm")),
            "{screen} links no wasm: is {SITE_ROOT} a release build (scripts/test.sh)?"
        );
        let mut bytes = 0;
        for file in &files {
            let response = fetch(&client, &format!("{}{file}", server.base), "br").await;
            let encoding = response.headers().get(header::CONTENT_ENCODING).cloned();
            assert_eq!(
                encoding.as_ref().map(|v| v.as_bytes()),
                Some(&b"br"[..]),
                "{file}"
            );
            bytes += response.bytes().await.unwrap().len() as u64;
        }
        println!(
            "{screen}: {} files, {bytes} bytes brotli (budget {budget})",
            files.len()
        );
        if bytes > budget {
            over.push(format!("{screen}: {bytes} > {budget}"));
        }
    }
    assert!(over.is_empty(), "screens over their wasm budget: {over:?}");
}

#[tokio::test]
async fn static_files_are_served_precompressed_and_cached_by_content_name() {
    let server = start().await;
    let client = Client::new();
    let html = fetch(&client, &format!("{}/lounge", server.base), "identity")
        .await
        .text()
        .await
        .unwrap();
    let wasm = code_files(&html)
        .into_iter()
        .find(|f| f.starts_with("/pkg/pitwall.") && f.ends_with(".wasm"))
        .expect("the lounge links the main wasm");
    let url = format!("{}{wasm}", server.base);
    let on_disk = std::fs::read(format!("{SITE_ROOT}{wasm}")).unwrap();

    let plain = fetch(&client, &url, "identity").await;
    assert_eq!(plain.headers().get(header::CONTENT_ENCODING), None);
    assert_eq!(
        plain.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(plain.bytes().await.unwrap().as_ref(), on_disk.as_slice());

    for (asked, encoding, suffix) in [("br", "br", ".br"), ("gzip", "gzip", ".gz")] {
        let response = fetch(&client, &url, asked).await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
        let body = response.bytes().await.unwrap();
        let copy = std::fs::read(format!("{SITE_ROOT}{wasm}{suffix}")).unwrap();
        assert_eq!(body.as_ref(), copy.as_slice(), "{asked}");
        assert!(body.len() * 2 < on_disk.len(), "{asked} is not smaller");
    }

    // A file named without a content hash is revalidated before use.
    let manifest = fetch(&client, &format!("{}/favicon.svg", server.base), "identity").await;
    assert_ne!(
        manifest
            .headers()
            .get(header::CACHE_CONTROL)
            .map(|v| v.as_bytes()),
        Some(&b"public, max-age=31536000, immutable"[..])
    );

    // Event streams are never compressed, whatever the browser accepts.
    let stream = client
        .get(format!("{}/api/v1/events/lounge", server.base))
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .header(header::ACCEPT, "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers().get(header::CONTENT_ENCODING), None);
}
