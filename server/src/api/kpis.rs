//! The KPI endpoints (`/desk/kpis`): the store's after-sales figures by day, week or
//! month as JSON, and the same table as CSV. The complaint chain's four roles (follow-up
//! agent, advisor, reception supervisor, manager); everyone else `403`.

use app::domain::kpi::Period;
use app::i18n::Lang;
use app::model::{ErrorBody, KpiReport};
use axum::{
    extract::{rejection::QueryRejection, Query, State},
    http::header,
    response::{IntoResponse, Response},
    Json,
};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use super::doc::responses::*;
use crate::{aftersales::kpis, auth::SessionActor, error::AppError, AppState};

/// Which periods the report shows.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KpiQuery {
    /// `day`, `week` (Monday to Sunday) or `month`; `week` when not given.
    pub period: Option<Period>,
    /// The first store date (YYYY-MM-DD); its whole period is shown. By default 13
    /// periods back, the current one included.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    /// The last store date (YYYY-MM-DD); today (the store's time zone) when not given.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
}

/// Which periods the CSV shows, and the language of its header row.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KpiCsvQuery {
    /// `day`, `week` (Monday to Sunday) or `month`; `week` when not given.
    pub period: Option<Period>,
    /// The first store date (YYYY-MM-DD), as for the JSON report.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    /// The last store date (YYYY-MM-DD), as for the JSON report.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
    /// The header row's language: `zh` (default) or `en`.
    pub lang: Option<String>,
}

/// The KPIs (after-sales figures)
///
/// One row per period (store-local days, Monday-to-Sunday weeks or months) from the one
/// containing `from` to the one containing `to`: follow-up rate (reached / delivered,
/// "no calls" left out), satisfaction, delight (customers very satisfied / customers
/// served), returning customers, on-time delivery (ready by the promised time), QC first
/// pass, returns (返修), average minutes per stage, check-in seconds by channel, bay
/// utilisation (minutes in service / open bay minutes) and complaints opened, resolved,
/// overdue and time to resolve. Every ratio carries the ids of the jobs behind it.
#[utoipa::path(get, path = "/api/v1/kpis", tag = "aftersales", operation_id = "getKpis",
    security(("session" = [])), params(KpiQuery),
    responses(
        (status = 200, description = "The report.", body = KpiReport),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not a follow-up agent, advisor, reception supervisor or manager.", body = ErrorBody),
        (status = 422, description = "`invalid`: `fields.from` (after `to`, or more than 400 days before it).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn report(
    State(state): State<AppState>,
    actor: SessionActor,
    query: Result<Query<KpiQuery>, QueryRejection>,
) -> Result<Json<KpiReport>, AppError> {
    let Query(q) = query.map_err(|e| AppError::BadRequest(e.body_text()))?;
    kpis::report(
        &state,
        &actor,
        q.period.unwrap_or(Period::Week),
        q.from,
        q.to,
    )
    .await
    .map(Json)
}

/// The KPIs as CSV
///
/// The report of `GET /api/v1/kpis` as a download: a header row naming each column,
/// then one row per period with every figure (numerator, denominator and percent of
/// each ratio, count and mean of each average; an empty percent or mean: no data).
#[utoipa::path(get, path = "/api/v1/kpis.csv", tag = "aftersales", operation_id = "getKpisCsv",
    security(("session" = [])), params(KpiCsvQuery),
    responses(
        (status = 200, description = "The report as an attachment, `pitwall-kpis-{period}-{from}-{to}.csv`.", body = String, content_type = "text/csv"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthenticated),
        (status = 403, description = "`forbidden`: not a follow-up agent, advisor, reception supervisor or manager.", body = ErrorBody),
        (status = 422, description = "`invalid`: `fields.from` (after `to`, or more than 400 days before it).", body = ErrorBody),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ))]
pub async fn csv(
    State(state): State<AppState>,
    actor: SessionActor,
    query: Result<Query<KpiCsvQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(q) = query.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let period = q.period.unwrap_or(Period::Week);
    let report = kpis::report(&state, &actor, period, q.from, q.to).await?;
    let lang = q.lang.as_deref().map(Lang::parse).unwrap_or_default();
    let body = kpis::csv(&report, lang);
    let disposition = format!(
        "attachment; filename=\"pitwall-kpis-{}-{}-{}.csv\"",
        period.as_str(),
        report.from,
        report.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
