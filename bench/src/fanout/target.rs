//! What the fan-out meter acts on: pitwall's (or the minimal server's) bay action, bay 2's
//! lead pausing and resuming A01; or a POST of `{"version": n, "ticket": "A01"}` to a
//! publisher (nginx + nchan), whose body is the message every subscriber gets.

use reqwest::{Client, RequestBuilder, Response};
use serde_json::{json, Value};

use crate::client;

/// What the meter acts on; each action yields the version of A01 it produced.
pub enum Target {
    Bay {
        lead: Client,
        url: String,
        version: i64,
    },
    Publisher {
        http: Client,
        url: String,
        version: i64,
    },
}

impl Target {
    /// Bay 2's lead with demo job A01 (from the lounge), and A01's id.
    pub async fn bay(base: &str) -> Result<(Target, i64), String> {
        let (lead, job_id, version) = client::bay2_lead_with_a01(base).await?;
        let url = format!("{base}/api/v1/jobs/{job_id}/actions");
        Ok((Target::Bay { lead, url, version }, job_id))
    }

    /// A publisher location (no sign-in); the first message carries version 1.
    pub fn publisher(url: String) -> Target {
        let (http, version) = (Client::new(), 0);
        Target::Publisher { http, url, version }
    }

    /// The `n`th action's request, built before the clock starts.
    pub fn request(&mut self, n: usize) -> RequestBuilder {
        match self {
            Target::Bay { lead, url, version } => lead
                .post(url.as_str())
                .json(&client::pause_or_resume(n, *version)),
            Target::Publisher { http, url, version } => {
                *version += 1;
                http.post(url.as_str())
                    .json(&json!({ "version": *version, "ticket": "A01" }))
            }
        }
    }

    /// The version the answered action produced.
    pub async fn answered(&mut self, response: Response) -> Result<i64, String> {
        if !response.status().is_success() {
            return Err(response.status().to_string());
        }
        match self {
            Target::Bay { version, .. } => {
                let body: Value = response.json().await.map_err(|e| e.to_string())?;
                *version = body["version"]
                    .as_i64()
                    .ok_or("an action answer without a version")?;
                Ok(*version)
            }
            Target::Publisher { version, .. } => Ok(*version),
        }
    }
}
