//! `POST /api/test/clock`: moves the server's clock, for end-to-end tests only (mounted
//! only with `PITWALL_TEST_CLOCK=1`, outside the API and its document).

use axum::{extract::State, Json};
use serde::{Deserialize, Serialize};

use crate::{
    error::{ApiJson, AppError},
    AppState,
};

/// At most a year either way in one move.
const MAX_MINUTES: i64 = 366 * 24 * 60;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    pub advance_minutes: i64,
}

#[derive(Debug, Serialize)]
pub struct ClockNow {
    pub now: chrono::DateTime<chrono::Utc>,
    pub shift_minutes: i64,
}

pub async fn advance(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<Advance>,
) -> Result<Json<ClockNow>, AppError> {
    if req.advance_minutes.abs() > MAX_MINUTES {
        return Err(AppError::field(
            "advance_minutes",
            format!("at most {MAX_MINUTES} minutes either way"),
        ));
    }
    state
        .clock
        .advance(chrono::Duration::minutes(req.advance_minutes));
    // What time moved falls due now, not at the next minute's tick.
    crate::aftersales::sweep(&state).await?;
    Ok(Json(ClockNow {
        now: state.clock.now(),
        shift_minutes: state.clock.shift().num_minutes(),
    }))
}
