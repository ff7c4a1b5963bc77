//! The generated OpenAPI document against the real server: every route of the router is
//! documented and every documented operation is routed, and (`Spec::check`) a real
//! response's status is documented for its operation and its JSON body validates against
//! the documented schema, read strictly: a field the document does not name fails.

use std::collections::BTreeSet;

use leptos::server_fn::ServerFn;
use reqwest::{header, Response, StatusCode};
use serde_json::{json, Map, Value};

use crate::helpers::{spawn_app, TestApp};

pub struct Spec {
    doc: Value,
    /// (method, path) of every operation that answered a 2xx in `check`.
    pub succeeded: std::sync::Mutex<BTreeSet<(String, String)>>,
}

impl Spec {
    pub async fn fetch(app: &TestApp) -> Spec {
        let response = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let doc: Value = response.json().await.unwrap();
        assert!(doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")));
        Spec {
            doc,
            succeeded: Default::default(),
        }
    }

    /// Every documented (method, path), e.g. `("get", "/api/v1/jobs/{job_id}")`.
    pub fn operations(&self) -> BTreeSet<(String, String)> {
        let mut ops = BTreeSet::new();
        for (path, item) in self.doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                ops.insert((method.clone(), path.clone()));
            }
        }
        ops
    }

    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value["$ref"].as_str() {
            Some(reference) => {
                let pointer = reference.trim_start_matches('#');
                self.resolve(self.doc.pointer(pointer).unwrap_or_else(|| {
                    panic!("dangling $ref {reference}");
                }))
            }
            None => value,
        }
    }

    /// `schema` with every `$ref` inlined, `allOf`s of objects merged (serde's flatten)
    /// and every object closed (`additionalProperties: false` unless it says otherwise).
    pub fn strict(&self, schema: &Value) -> Value {
        let schema = self.resolve(schema);
        let Value::Object(map) = schema else {
            return schema.clone();
        };
        let mut out: Map<String, Value> = map
            .iter()
            .map(|(k, v)| {
                let v = match k.as_str() {
                    "properties" => Value::Object(
                        v.as_object()
                            .unwrap()
                            .iter()
                            .map(|(name, s)| (name.clone(), self.strict(s)))
                            .collect(),
                    ),
                    "items" | "additionalProperties" | "not" => self.strict(v),
                    "oneOf" | "anyOf" | "allOf" | "prefixItems" => Value::Array(
                        v.as_array()
                            .unwrap()
                            .iter()
                            .map(|s| self.strict(s))
                            .collect(),
                    ),
                    _ => v.clone(),
                };
                (k.clone(), v)
            })
            .collect();
        if let Some(Value::Array(parts)) = out.remove("allOf") {
            if parts.iter().all(|p| p.get("properties").is_some()) {
                let (mut properties, mut required) = (Map::new(), Vec::new());
                for part in parts {
                    properties.extend(part["properties"].as_object().unwrap().clone());
                    required.extend(part["required"].as_array().cloned().unwrap_or_default());
                }
                out.insert("type".into(), json!("object"));
                out.insert("properties".into(), Value::Object(properties));
                out.insert("required".into(), Value::Array(required));
            } else {
                out.insert("allOf".into(), Value::Array(parts));
            }
        }
        if out.contains_key("properties") && !out.contains_key("additionalProperties") {
            out.insert("additionalProperties".into(), json!(false));
        }
        Value::Object(out)
    }

    /// A component schema by name, strict.
    pub fn component(&self, name: &str) -> Value {
        let schema = self.doc["components"]["schemas"]
            .get(name)
            .unwrap_or_else(|| panic!("no schema {name}"));
        self.strict(schema)
    }

    /// Asserts `instance` validates against the strict `schema`.
    pub fn validate(&self, what: &str, schema: &Value, instance: &Value) {
        let validator = jsonschema::draft202012::new(schema)
            .unwrap_or_else(|e| panic!("{what}: the document's schema does not compile: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{what}: the body does not match the document:\n{}\nbody: {instance}",
            errors.join("\n")
        );
    }

    /// Checks a real response to `method path`: its status is documented for that
    /// operation, its content type is the documented one, and a JSON body validates.
    /// Returns the body (`Null` for an event stream, which is not read).
    pub async fn check(&self, method: &str, path: &str, response: Response) -> Value {
        let what = format!("{} {path} → {}", method.to_uppercase(), response.status());
        let operation = self.doc["paths"][path]
            .get(method)
            .unwrap_or_else(|| panic!("{what}: not documented"));
        let status = response.status();
        let documented = operation["responses"]
            .get(status.as_str())
            .unwrap_or_else(|| panic!("{what}: status not documented"));
        let content = &self.resolve(documented)["content"];
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|t| t.split(';').next().unwrap_or(t).trim().to_string())
            .unwrap_or_default();
        let media = content
            .get(&content_type)
            .unwrap_or_else(|| panic!("{what}: content type {content_type:?} not documented"));
        if status.is_success() {
            self.succeeded
                .lock()
                .unwrap()
                .insert((method.to_string(), path.to_string()));
        }
        if content_type != "application/json" {
            return Value::Null;
        }
        let body: Value = response.json().await.unwrap();
        self.validate(&what, &self.strict(&media["schema"]), &body);
        body
    }
}

/// The router's routes (the table it is built from, and the server function Leptos
/// routes) are exactly the document's operations.
#[tokio::test]
async fn every_route_is_documented_and_every_documented_route_is_served() {
    let app = spawn_app().await;
    let spec = Spec::fetch(&app).await;
    let mut routed: BTreeSet<(String, String)> = server::api::table()
        .into_iter()
        .map(|(method, path, _)| {
            let path = path.replace("{*", "{");
            (method.as_str().to_lowercase(), path)
        })
        .collect();
    routed.insert(("post".into(), app::live::ChannelSnapshot::PATH.to_string()));
    assert_eq!(routed, spec.operations());
}

/// The hand-written document once lacked `LoungeSnapshot.desk_phone`; the generated one
/// names every field each channel's snapshot sends.
#[tokio::test]
async fn each_channels_snapshot_matches_its_documented_schema() {
    let app = spawn_app().await;
    let spec = Spec::fetch(&app).await;
    let advisor = app.sign_in_staff("advisor", "pitwall").await;
    let token: String = sqlx::query_scalar("SELECT tracking_token FROM jobs WHERE ticket = 'A01'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let track = format!("track/{token}");
    for (channel, schema) in [
        ("lounge", "LoungeSnapshot"),
        ("bays", "BaysSnapshot"),
        ("bay/1", "BaySnapshot"),
        ("desk", "DeskSnapshot"),
        ("aftersales", "AftersalesSnapshot"),
        (track.as_str(), "TrackSnapshot"),
    ] {
        let response = advisor
            .client
            .post(app.url(app::live::ChannelSnapshot::PATH))
            .form(&[("channel", channel)])
            .send()
            .await
            .unwrap();
        let body = spec
            .check("post", "/api/v1/channel_snapshot", response)
            .await;
        let data: Value = serde_json::from_str(body["data"].as_str().unwrap()).unwrap();
        spec.validate(channel, &spec.component(schema), &data);
        // The stream's first event carries the same shape (the desk's needs a session).
        if channel != "desk" && channel != "aftersales" {
            let event = app.stream(channel).await.snapshot().await;
            let data: Value = serde_json::from_str(&event.data).unwrap();
            spec.validate(channel, &spec.component(schema), &data);
        }
    }
}
