//! The real `pitwall` binary on a free port with its own store, for what only a process
//! shows: its log output and settings read from the environment.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    thread::JoinHandle,
    time::Duration,
};

use reqwest::Client;
use tempfile::TempDir;

pub struct Binary {
    pub base: String,
    child: Child,
    lines: JoinHandle<Vec<String>>,
    _dir: TempDir,
}

impl Binary {
    /// Starts it with the demo store and `env` (no `RUST_LOG`, no log format unless
    /// given) and waits until it answers.
    pub async fn start(env: &[(&str, &str)]) -> Binary {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_pitwall"));
        command
            .env("PITWALL_ADDR", format!("127.0.0.1:{port}"))
            .env("PITWALL_DB", dir.path().join("pitwall.db"))
            .env("PITWALL_DEMO", "1")
            .env_remove("RUST_LOG")
            .env_remove("PITWALL_LOG_FORMAT")
            .env_remove("PITWALL_PUBLIC_URL")
            .env_remove("PITWALL_TZ")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let lines = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        });
        let base = format!("http://127.0.0.1:{port}");
        let client = Client::new();
        for _ in 0..300 {
            if client
                .get(format!("{base}/api/v1/health"))
                .send()
                .await
                .is_ok()
            {
                return Binary {
                    base,
                    child,
                    lines,
                    _dir: dir,
                };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server did not start");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops it; returns every line it wrote to stdout.
    pub async fn stop(mut self) -> Vec<String> {
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.lines.join().unwrap()
    }
}
