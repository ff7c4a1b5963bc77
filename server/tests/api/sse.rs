//! A minimal SSE client over reqwest's `bytes_stream`: splits the wire into messages.

use std::{pin::Pin, time::Duration};

use futures::{Stream, StreamExt};
use reqwest::{header::HeaderMap, Client, StatusCode};
use serde_json::Value;

type ByteStream = Pin<Box<dyn Stream<Item = reqwest::Result<axum::body::Bytes>> + Send>>;

/// How long a test waits for something it expects on a stream.
pub const WAIT: Duration = Duration::from_secs(5);

/// One blank-line-terminated message: a frame, a comment or a `retry:` hint.
#[derive(Debug, Clone, Default)]
pub struct Message {
    pub id: Option<i64>,
    pub event: Option<String>,
    pub data: Option<String>,
    pub retry: Option<u64>,
    pub comments: Vec<String>,
    /// The message exactly as received.
    pub raw: String,
}

/// A frame: a message with `id`, `event` and `data`.
#[derive(Debug, Clone)]
pub struct Frame {
    pub id: i64,
    pub event: String,
    pub data: String,
}

impl Frame {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.data)
            .unwrap_or_else(|e| panic!("frame data is not JSON ({e}): {}", self.data))
    }
}

pub struct SseStream {
    pub headers: HeaderMap,
    body: ByteStream,
    buf: Vec<u8>,
}

impl SseStream {
    /// Connects and asserts 200; the `Last-Event-ID` header is sent when given.
    pub async fn open(client: &Client, url: &str, last_event_id: Option<i64>) -> SseStream {
        let mut request = client.get(url);
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let response = request.send().await.expect("connect to the stream");
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        SseStream::from_response(response)
    }

    pub fn from_response(response: reqwest::Response) -> SseStream {
        SseStream {
            headers: response.headers().clone(),
            body: Box::pin(response.bytes_stream()),
            buf: Vec::new(),
        }
    }

    /// The next message, or `None` if none arrives within `wait` (or the stream ended).
    pub async fn next_message(&mut self, wait: Duration) -> Option<Message> {
        self.read_message(wait, false).await
    }

    /// As `next_message`, but a broken connection (a killed server) ends the stream
    /// instead of failing the test.
    async fn read_message(&mut self, wait: Duration, tolerate_errors: bool) -> Option<Message> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buf.windows(2).position(|w| w == b"\n\n") {
                let block: Vec<u8> = self.buf.drain(..end + 2).collect();
                return Some(parse(&String::from_utf8(block).expect("UTF-8 on the wire")));
            }
            match tokio::time::timeout_at(deadline, self.body.next()).await {
                Ok(Some(Ok(chunk))) => self.buf.extend_from_slice(&chunk),
                Ok(Some(Err(_))) if tolerate_errors => return None,
                Ok(Some(Err(e))) => panic!("stream error: {e}"),
                Ok(None) | Err(_) => return None,
            }
        }
    }

    /// The next frame within `wait`; `None` when the connection broke or went quiet.
    pub async fn try_frame_or_end(&mut self, wait: Duration) -> Option<Frame> {
        loop {
            let message = self.read_message(wait, true).await?;
            if let Some(event) = message.event {
                return Some(Frame {
                    id: message.id?,
                    event,
                    data: message.data?,
                });
            }
        }
    }

    /// The next frame (skipping comments and retry hints) within `wait`.
    pub async fn try_frame(&mut self, wait: Duration) -> Option<Frame> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let message = self.next_message(left).await?;
            if let Some(event) = message.event {
                let id = message
                    .id
                    .unwrap_or_else(|| panic!("a frame without an id: {}", message.raw));
                let data = message
                    .data
                    .unwrap_or_else(|| panic!("a frame without data: {}", message.raw));
                return Some(Frame { id, event, data });
            }
        }
    }

    /// The next frame; panics if none arrives within [`WAIT`].
    pub async fn frame(&mut self) -> Frame {
        self.try_frame(WAIT).await.expect("a frame within 5 s")
    }

    /// The next frame, which must be a `snapshot`.
    pub async fn snapshot(&mut self) -> Frame {
        let frame = self.frame().await;
        assert_eq!(
            frame.event, "snapshot",
            "expected a snapshot first: {frame:?}"
        );
        frame
    }

    /// Every frame until the stream has been quiet for `quiet`.
    pub async fn frames_until_quiet(&mut self, quiet: Duration) -> Vec<Frame> {
        let mut frames = Vec::new();
        while let Some(frame) = self.try_frame(quiet).await {
            frames.push(frame);
        }
        frames
    }
}

fn parse(block: &str) -> Message {
    let mut message = Message {
        raw: block.to_string(),
        ..Message::default()
    };
    for line in block.lines().filter(|l| !l.is_empty()) {
        if let Some(comment) = line.strip_prefix(':') {
            message.comments.push(comment.trim().to_string());
            continue;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "id" => {
                message.id = Some(
                    value
                        .parse()
                        .unwrap_or_else(|_| panic!("id is not a u64: {line}")),
                )
            }
            "event" => message.event = Some(value.to_string()),
            "data" => {
                assert!(message.data.is_none(), "data is one line: {block}");
                message.data = Some(value.to_string());
            }
            "retry" => {
                message.retry = Some(
                    value
                        .parse()
                        .unwrap_or_else(|_| panic!("bad retry: {line}")),
                )
            }
            _ => panic!("unknown SSE field in {block:?}"),
        }
    }
    message
}
