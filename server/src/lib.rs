//! pitwall's server: configuration, the store, the event log and its SSE fan-out, the
//! REST API and the Leptos pages, assembled by `router` and started by `serve`.

#![recursion_limit = "256"]

pub mod actions;
pub mod admin;
pub mod aftersales;
pub mod api;
pub mod appointments;
pub mod assets;
pub mod auth;
pub mod checkin;
pub mod clock;
pub mod config;
pub mod customers;
pub mod delivery;
pub mod desk;
pub mod error;
pub mod eta;
pub mod idempotent;
pub mod layers;
pub mod live;
pub mod metrics;
pub mod notify;
pub mod outbox;
pub mod reminders;
pub mod setup;
pub mod state;
pub mod stock;
pub mod store;
pub mod workshop;

use std::sync::Arc;

use axum::{extract::DefaultBodyLimit, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;

pub use config::Config;
pub use state::AppState;

/// The whole application: the API, the event streams and the server-rendered screens.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let snapshots = app::live::Snapshots(Arc::new(live::SnapshotSource::new(state.clone())));
    let public_url = state.config.public_url.clone();
    // The zone is read per page: the setup may set it while the server runs.
    let page_context = move || {
        provide_context(app::settings::SiteSettings {
            public_url: public_url.clone(),
            zone: app::domain::store_zone(),
        });
        layers::page_csp();
    };
    let router = api::routes(state.config.test_clock)
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let page_context = page_context.clone();
                move || {
                    provide_context(snapshots.clone());
                    page_context();
                }
            },
            {
                let options = state.leptos_options.clone();
                move || app::shell(options.clone())
            },
        )
        .nest_service(
            "/pkg",
            assets::pkg_service(state.leptos_options.site_root.as_ref()),
        )
        // The not-found page is a page too: its scripts need the nonce in its CSP.
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(page_context, app::shell))
        .layer(CatchPanicLayer::custom(api::panic_response))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            setup::lead_to_setup,
        ))
        .layer(DefaultBodyLimit::max(64 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::count_requests,
        ));
    layers::request_log(layers::security_headers(layers::compress_pages(router))).with_state(state)
}

/// Opens the store (migrating, seeding a new one), starts the event dispatcher and
/// serves until `shutdown` resolves.
pub async fn serve(
    config: Config,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    // The store's clock, for every date and time this process shows or buckets.
    app::domain::set_store_zone(config.store_zone);
    if config.public_url.is_none() {
        tracing::warn!(
            "PITWALL_PUBLIC_URL is not set: tracking links and QR codes carry the address the \
             kiosk was opened at, which a customer's phone may not reach"
        );
    }
    let state = AppState::open(config).await?;
    state.hub.spawn_dispatcher();
    state.spawn_housekeeping();
    state.spawn_eta_clock();
    aftersales::spawn_escalations(&state);
    outbox::spawn_outbox(state.clone());
    let hub = state.hub.clone();
    let app = router(state);
    // Graceful shutdown waits for every response to finish, and an event stream never
    // does by itself: ending the streams is what lets the server stop with screens open.
    let shutdown = async move {
        shutdown.await;
        hub.shut_down();
    };
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(StartError::Serve)
}

/// Why the server could not start (or stopped serving): printed in full at start-up.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("opening the database: {0}")]
    Store(#[from] store::StoreError),
    #[error("applying migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("serving: {0}")]
    Serve(std::io::Error),
}
