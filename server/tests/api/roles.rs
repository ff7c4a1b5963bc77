//! Who may do what: every REST endpoint and every SSE channel (and the snapshot server
//! function the screens load first), tried by every role, answers as the README's "Who
//! may do what" table says. Requests are shaped so that, once past the gate, they change
//! little (stale versions, jobs in the wrong stage), so one server serves the walk.

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use leptos::server_fn::ServerFn;
use server::store::seed::{DEMO_CUSTOMERS, DEMO_PLATES};

use crate::{
    helpers::{new_client, spawn_app, TestApp},
    sse::SseStream,
};

/// The columns, in the order of each row's answer string.
const ROLES: [&str; 12] = [
    "anonymous",
    "customer (token)",
    "technician at the job's bay",
    "technician at another bay",
    "team lead (job's bay)",
    "advisor",
    "foreman",
    "qc",
    "washer",
    "manager",
    "follow-up agent",
    "reception supervisor",
];

/// `A` allowed (past the gate: 2xx, or 400/409/422 on the request's merits), `U` 401,
/// `F` 403, `N` 404. A channel (or its snapshot) that opens is `A` when its view shows
/// full plates and `M` when it is masked: no full plate, no customer's name or phone. Paths: `{a03}` (queued at bay 1), `{a05}` (checked in, no bay),
/// `{item}` (an item of A03), `{extra}` (A01's pending extra work), `{request}` (a fresh
/// "call an advisor"), `{token}` (A01's tracking token), `{snapshot}` (the
/// `channel_snapshot` server function, whose body is a form); `$ROLE` in a body becomes
/// the column's index. The job's bay is bay 1 (A03's); A01 is at bay 2.
const MATRIX: &[(&str, &str, &str, &str)] = &[
    ("GET", "/api/v1/health", "", "AAAAAAAAAAAA"),
    ("GET", "/api/v1/openapi.json", "", "AAAAAAAAAAAA"),
    (
        "POST",
        "/api/v1/sessions",
        r#"{"username":"nobody$ROLE","password":"x"}"#,
        "AAAAAAAAAAAA",
    ),
    ("GET", "/api/v1/sessions", "", "UUAAAAAAAAAA"),
    (
        "POST",
        "/api/v1/sessions/password",
        r#"{"current":"x","new":"y"}"#,
        "UUFFFAAAAAAA",
    ),
    ("GET", "/api/v1/setup", "", "AAAAAAAAAAAA"),
    (
        "POST",
        "/api/v1/setup",
        r#"{"setup_code":"x","store_name":"x","desk_phone":"x","timezone":"x","labour_rate_fen_per_hour":1,"manager_username":"x","manager_name":"x","password":"x"}"#,
        "AAAAAAAAAAAA",
    ),
    ("GET", "/api/v1/admin/accounts", "", "UUFFFFFFFAFF"),
    (
        "POST",
        "/api/v1/admin/staff",
        r#"{"username":"x","display_name":"","role":"advisor","password":"x"}"#,
        "UUFFFFFFFAFF",
    ),
    (
        "PATCH",
        "/api/v1/admin/staff/999999",
        r#"{"display_name":""}"#,
        "UUFFFFFFFAFF",
    ),
    (
        "PUT",
        "/api/v1/admin/staff/999999/password",
        r#"{"password":"x"}"#,
        "UUFFFFFFFNFF",
    ),
    (
        "PUT",
        "/api/v1/admin/staff/999999/pin",
        r#"{"pin":"1"}"#,
        "UUFFFFFFFAFF",
    ),
    (
        "POST",
        "/api/v1/admin/technicians",
        r#"{"name":"","bay_id":1,"pin":"1"}"#,
        "UUFFFFFFFAFF",
    ),
    (
        "PATCH",
        "/api/v1/admin/technicians/999999",
        r#"{"name":""}"#,
        "UUFFFFFFFAFF",
    ),
    (
        "PUT",
        "/api/v1/admin/technicians/999999/pin",
        r#"{"pin":"2580"}"#,
        "UUFFFFFFFNFF",
    ),
    ("GET", "/api/v1/bays", "", "AAAAAAAAAAAA"),
    ("POST", "/api/v1/checkins", "{}", "AAAAAAAAAAAA"),
    (
        "POST",
        "/api/v1/checkins/lookup",
        r#"{"appointment_code":"YY0001"}"#,
        "AAAAAAAAAAAA",
    ),
    ("POST", "/api/v1/checkins/quote", "{}", "AAAAAAAAAAAA"),
    ("POST", "/api/v1/desk-requests", "{}", "AAAAAAAAAAAA"),
    ("GET", "/api/v1/jobs/{a03}", "", "UUAFAAAAAAAA"),
    (
        "POST",
        "/api/v1/jobs/{a03}/actions",
        r#"{"action":"start","expected_version":0}"#,
        "UUAFAFFFFFFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a03}/actions",
        r#"{"action":"finish_work","expected_version":0}"#,
        "UUAFAFFFFFFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a03}/actions",
        r#"{"action":"team_check","passed":true,"expected_version":0}"#,
        "UUFFAFFFFFFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a03}/actions",
        r#"{"action":"qc_pass","expected_version":0}"#,
        "UUFFFFFAFFFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a03}/actions",
        r#"{"action":"finish_wash","expected_version":0}"#,
        "UUFFFFFFAFFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a05}/actions",
        r#"{"action":"assign","bay_id":1,"expected_version":0}"#,
        "UUFFFAAFFAFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a05}/actions",
        r#"{"action":"cancel","expected_version":0}"#,
        "UUFFFAFFFAFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a05}/actions",
        r#"{"action":"deliver","expected_version":0}"#,
        "UUFFFAFFFAFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a03}/items/{item}/check",
        r#"{"done":true}"#,
        "UUAFAFFFFFFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a03}/additional-items",
        r#"{"description":"x","labor_minutes":5,"safety_critical":false}"#,
        "UUAFAFFFFFFF",
    ),
    ("GET", "/api/v1/parts", "", "UUAAAAAAAAAA"),
    (
        "POST",
        "/api/v1/additional-items/{extra}/decision",
        // Declining safety-critical work unsigned: refused on its merits past the gate.
        r#"{"approve":false,"by":"advisor"}"#,
        "UAFFFAAFFAFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a03}/notes",
        r#"{"text":"roles walk"}"#,
        "UUFFFAAFFAFF",
    ),
    (
        "POST",
        "/api/v1/jobs/{a03}/customer-told",
        "{}",
        "UUFFFAAFFAFF",
    ),
    ("GET", "/api/v1/jobs/{a03}/invoice", "", "UUFFFAAFFAFF"),
    (
        "POST",
        "/api/v1/desk-requests/{request}/resolve",
        "",
        "UUFFFAAFFAFF",
    ),
    ("GET", "/api/v1/follow-ups", "", "UUFFFAFFFAAA"),
    ("GET", "/api/v1/follow-ups/999999", "", "UUFFFNFFFNNN"),
    (
        "POST",
        "/api/v1/follow-ups/999999/calls",
        r#"{"outcome":"not_reached","expected_attempts":0}"#,
        "UUFFFNFFFNNN",
    ),
    ("GET", "/api/v1/complaints", "", "UUFFFAFFFAAA"),
    (
        "POST",
        "/api/v1/complaints",
        r#"{"channel":"phone","category":"delay","severity":"low","summary":""}"#,
        "UUFFFAFFFAAA",
    ),
    ("GET", "/api/v1/complaints/999999", "", "UUFFFNFFFNNN"),
    (
        "POST",
        "/api/v1/complaints/999999/steps",
        r#"{"action":"note","note":"x","expected_version":1}"#,
        "UUFFFNFFFNNN",
    ),
    (
        "POST",
        "/api/v1/complaints/999999/return-job",
        "",
        "UUFFFNFFFNNN",
    ),
    ("GET", "/api/v1/kpis", "", "UUFFFAFFFAAA"),
    ("GET", "/api/v1/kpis.csv", "", "UUFFFAFFFAAA"),
    (
        "GET",
        "/api/v1/appointments?date=2026-12-01",
        "",
        "UUFFFAAFFAAA",
    ),
    (
        "POST",
        "/api/v1/appointments/availability",
        r#"{"date":"2020-01-01"}"#,
        "UUFFFAAFFAAA",
    ),
    (
        "POST",
        "/api/v1/appointments",
        r#"{"scheduled_at":"2020-01-01T00:00:00Z","concerns":"x"}"#,
        "UUFFFAAFFAAA",
    ),
    ("GET", "/api/v1/appointments/999999", "", "UUFFFNNFFNNN"),
    (
        "POST",
        "/api/v1/appointments/999999/changes",
        r#"{"action":"cancel","expected_version":1}"#,
        "UUFFFNNFFNNN",
    ),
    ("GET", "/api/v1/reminders", "", "UUFFFAAFFAAA"),
    (
        "POST",
        "/api/v1/reminders/999999/calls",
        r#"{"outcome":"booked"}"#,
        "UUFFFNNFFNNN",
    ),
    (
        "POST",
        "/api/v1/reminders/999999/message",
        "",
        "UUFFFNNFFNNN",
    ),
    ("GET", "/api/v1/customers?q=zz", "", "UUFFFAAFFAAA"),
    ("GET", "/api/v1/customers/999999", "", "UUFFFNNFFNNN"),
    ("PATCH", "/api/v1/customers/999999", "{}", "UUFFFNNFFNNN"),
    ("PATCH", "/api/v1/vehicles/999999", "{}", "UUFFFNNFFNNN"),
    ("GET", "/api/v1/messages", "", "UUFFFAAFFAAA"),
    ("GET", "/api/v1/events/lounge", "", "MMMMMMMMMMMM"),
    ("GET", "/api/v1/events/bays", "", "MMMMMMMMMMMM"),
    ("GET", "/api/v1/events/bay/1", "", "MMAMAMMMMMMM"),
    ("GET", "/api/v1/events/bay/2", "", "MMMAMMMMMMMM"),
    ("GET", "/api/v1/events/desk", "", "UUFFFAAFFAFF"),
    // The demo store's history: the call list and complaints, with names and plates.
    ("GET", "/api/v1/events/aftersales", "", "UUFFFAFFFAAA"),
    ("GET", "/api/v1/events/track/{token}", "", "MMMMMMMMMMMM"),
    (
        "GET",
        "/api/v1/events/track/nosuchtoken",
        "",
        "NNNNNNNNNNNN",
    ),
    ("GET", "/api/v1/events/bay/abc", "", "NNNNNNNNNNNN"),
    ("POST", "{snapshot}", "channel=lounge", "MMMMMMMMMMMM"),
    ("POST", "{snapshot}", "channel=bay/1", "MMAMAMMMMMMM"),
    ("POST", "{snapshot}", "channel=desk", "UUFFFAAFFAFF"),
    ("POST", "{snapshot}", "channel=aftersales", "UUFFFAFFFAAA"),
    (
        "POST",
        "{snapshot}",
        "channel=track/{token}",
        "MMMMMMMMMMMM",
    ),
    // Last: it ends each session.
    ("DELETE", "/api/v1/sessions", "", "UUAAAAAAAAAA"),
];

/// A channel that opened: is its view full or masked? Anything personal in a masked
/// view is a failure of its own.
fn view_class(data: &str) -> Result<char, String> {
    let plates = DEMO_PLATES.iter().any(|plate| data.contains(plate));
    let personal = DEMO_CUSTOMERS
        .iter()
        .flat_map(|(name, phone)| [*name, *phone])
        .find(|secret| data.contains(secret));
    match (plates, personal) {
        (true, _) => Ok('A'),
        (false, None) => Ok('M'),
        (false, Some(secret)) => Err(format!("a masked view shows {secret:?}")),
    }
}

fn class(status: StatusCode) -> char {
    match status.as_u16() {
        200..=299 | 400 | 409 | 422 => 'A',
        401 => 'U',
        403 => 'F',
        404 => 'N',
        _ => '?',
    }
}

/// One signed-in client per column (anonymous and the customer have none).
async fn clients(app: &TestApp) -> Vec<Client> {
    let staff = |name: &'static str| async move { app.sign_in_staff(name, "pitwall").await.client };
    vec![
        new_client(),
        new_client(),
        app.sign_in_bay(1, "1110").await.client,
        app.sign_in_bay(2, "2220").await.client,
        app.lead(1).await.client,
        staff("advisor").await,
        staff("foreman").await,
        staff("qc").await,
        staff("washer").await,
        staff("manager").await,
        staff("followup").await,
        staff("supervisor").await,
    ]
}

async fn first_id(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

#[tokio::test]
async fn every_endpoint_answers_every_role_as_documented() {
    let app = spawn_app().await;
    let clients = clients(&app).await;
    let a03 = app.job_id("A03").await.to_string();
    let a05 = app.job_id("A05").await.to_string();
    let item = first_id(&app, "SELECT i.id FROM job_items i JOIN jobs j ON j.id = i.job_id WHERE j.ticket = 'A03' ORDER BY i.id LIMIT 1").await.to_string();
    let extra = first_id(&app, "SELECT i.id FROM job_items i JOIN jobs j ON j.id = i.job_id WHERE j.ticket = 'A01' AND i.status = 'pending'").await.to_string();
    let a01_token: String =
        sqlx::query_scalar("SELECT tracking_token FROM jobs WHERE ticket = 'A01'")
            .fetch_one(&app.pool)
            .await
            .unwrap();

    let mut wrong = Vec::new();
    for (method, path, body, expected) in MATRIX {
        let mut answers = String::new();
        for (role, client) in clients.iter().enumerate() {
            let mut path = path
                .replace("{snapshot}", app::live::ChannelSnapshot::PATH)
                .replace("{token}", &a01_token)
                .replace("{a03}", &a03)
                .replace("{a05}", &a05)
                .replace("{item}", &item)
                .replace("{extra}", &extra);
            if path.contains("{request}") {
                // A fresh request per column: a resolved one is gone for the next.
                let id = sqlx::query_scalar::<_, i64>(
                    "INSERT INTO desk_requests (at, source, language) VALUES ('2026-12-01T00:00:00.000Z', 'kiosk', 'zh') RETURNING id",
                )
                .fetch_one(&app.pool)
                .await
                .unwrap();
                path = path.replace("{request}", &id.to_string());
            }
            let mut request = client.request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                app.url(&path),
            );
            if let Some(form) = body.strip_prefix("channel=") {
                request = request.form(&[("channel", form.replace("{token}", &a01_token))]);
            } else if !body.is_empty() {
                let mut json: Value =
                    serde_json::from_str(&body.replace("$ROLE", &role.to_string())).unwrap();
                // The customer proves who they are with their job's token, as their page does.
                if role == 1 && path.ends_with("/decision") {
                    json = json!({ "approve": true, "by": "advisor", "tracking_token": a01_token });
                }
                request = request.json(&json);
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let channel = path.starts_with("/api/v1/events/") || body.starts_with("channel=");
            let (got, text) = if channel && status == StatusCode::OK {
                // The stream's first frame, or the server function's answer.
                let data = if method == &"GET" {
                    SseStream::from_response(response).snapshot().await.data
                } else {
                    response.text().await.unwrap_or_default()
                };
                match view_class(&data) {
                    Ok(view) => (view, data),
                    Err(leak) => ('!', leak),
                }
            } else {
                let got = class(status);
                let text = if Some(got) == expected.chars().nth(role) {
                    String::new()
                } else {
                    response.text().await.unwrap_or_default()
                };
                (got, text)
            };
            answers.push(got);
            if Some(got) != expected.chars().nth(role) {
                let shown: String = text.chars().take(300).collect();
                wrong.push(format!(
                    "{method} {path} {body} as {}: {status} ({got}) {shown}",
                    ROLES[role]
                ));
            }
        }
        assert_eq!(answers.len(), ROLES.len());
    }
    assert!(
        wrong.is_empty(),
        "answers differ from the table:\n{}",
        wrong.join("\n")
    );
}

#[tokio::test]
async fn only_the_desk_sees_the_customer_on_a_job() {
    let app = spawn_app().await;
    let a03 = app.job_id("A03").await;
    for (who, sees) in [("advisor", true), ("qc", false), ("washer", false)] {
        let actor = app.sign_in_staff(who, "pitwall").await;
        let job = actor.get_json(&format!("/api/v1/jobs/{a03}")).await;
        assert_eq!(job["ticket"], "A03", "{who}: {job}");
        assert_eq!(job.get("customer").is_some(), sees, "{who}: {job}");
        assert_eq!(job.get("tracking_token").is_some(), sees, "{who}: {job}");
    }
}
