//! The application state built once at start-up and handed to every handler.

use std::{sync::Arc, time::Duration};

use axum::extract::FromRef;
use futures::future::BoxFuture;
use leptos::config::LeptosOptions;
use sqlx::{SqliteConnection, SqlitePool};

use crate::{
    auth::RateLimiter,
    checkin::{KioskThrottles, LookupRefs},
    clock::Clock,
    error::AppError,
    live::Hub,
    metrics::Metrics,
    setup::SetupGate,
    store, Config, StartError,
};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// Reads; every change goes through `writer`.
    pub pool: SqlitePool,
    pub writer: store::Writer,
    pub hub: Arc<Hub>,
    pub limiter: Arc<RateLimiter>,
    /// Returning customers found at a kiosk, by the reference it was given.
    pub lookups: Arc<LookupRefs>,
    /// Per-address limits of the kiosk's anonymous writes (check-ins, desk requests).
    pub kiosk_throttles: Arc<KioskThrottles>,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
    /// The first start's one-time setup (a store without staff).
    pub setup: Arc<SetupGate>,
    /// Where every "now" comes from (tests move it).
    pub clock: Clock,
}

impl AppState {
    /// Runs one change through the store's writer (its own savepoint in the next group
    /// commit) and, once it is durable, wakes the live hub to publish its events.
    pub async fn change<T, F>(&self, change: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T, AppError>>
            + Send
            + 'static,
    {
        let done = self.writer.write(change).await;
        if done.is_ok() {
            self.hub.notify();
        }
        done
    }

    /// Opens and migrates the store, seeds the demo store into a new one, and readies
    /// the event hub from the log's current end.
    pub async fn open(config: Config) -> Result<AppState, StartError> {
        let (pool, writer) = store::open(&config.db_path).await?;
        if config.seed_demo
            && store::seed::seed_demo_store_if_new(&pool, chrono::Utc::now())
                .await
                .map_err(store::StoreError::from)?
        {
            tracing::info!("seeded the demo store into {}", config.db_path.display());
        }
        let setup = SetupGate::new(
            store::staff_count(&pool).await? == 0,
            config.setup_code.clone(),
        );
        if setup.needed() {
            tracing::warn!(
                "no staff accounts exist yet in {}: open /setup on this server and enter the \
                 setup code {} to create the store and its first manager (PITWALL_DEMO=1 \
                 seeds the demo store into a new database instead)",
                config.db_path.display(),
                setup.code()
            );
        }
        // The zone chosen at setup, unless PITWALL_TZ says otherwise.
        if !config.zone_from_env {
            let mut conn = pool.acquire().await.map_err(store::StoreError::from)?;
            if let Some(zone) = store::setting(&mut conn, "timezone").await? {
                let zone = app::domain::parse_utc_offset(&zone)
                    .map_err(|e| StartError::Config(format!("stored timezone: {e}")))?;
                app::domain::set_store_zone(zone);
            }
        }
        let mut leptos_options = leptos::config::get_configuration(None)
            .map_err(|e| StartError::Config(format!("leptos configuration: {e}")))?
            .leptos_options;
        leptos_options.site_root = config.site_root.as_str().into();
        leptos_options.site_addr = config.addr;
        // A release build names its wasm, JS and CSS by content and lists the names in
        // `hash.txt` beside the binary; the page must ask for those names.
        leptos_options.hash_files |= crate::assets::hash_file_beside_binary(&leptos_options);
        let metrics = Arc::new(Metrics::default());
        let clock = Clock::default();
        let hub = Hub::new(
            pool.clone(),
            config.keepalive,
            metrics.clone(),
            clock.clone(),
        )
        .await?;
        Ok(AppState {
            leptos_options,
            pool,
            writer,
            hub,
            limiter: Arc::new(
                RateLimiter::start()
                    .await
                    .map_err(|e| StartError::Config(format!("hashing the dummy secret: {e}")))?,
            ),
            lookups: Arc::new(LookupRefs::default()),
            kiosk_throttles: Arc::new(KioskThrottles::default()),
            config: Arc::new(config),
            metrics,
            setup: Arc::new(setup),
            clock,
        })
    }

    /// Once a minute, moves the ETAs that time has moved (a job overrunning, a car
    /// waiting for parts) and tells the screens.
    pub fn spawn_eta_clock(&self) {
        let (writer, hub, clock) = (self.writer.clone(), self.hub.clone(), self.clock.clone());
        tokio::spawn(async move {
            let minute = Duration::from_secs(60);
            let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + minute, minute);
            loop {
                tick.tick().await;
                match refresh_now(&writer, clock.now()).await {
                    Ok(0) => {}
                    Ok(_) => hub.notify(),
                    Err(e) => tracing::warn!("refreshing ETAs: {e}"),
                }
            }
        });
    }

    /// Background upkeep: trims the event log to its retention every ten minutes.
    pub fn spawn_housekeeping(&self) {
        let (pool, keep) = (self.pool.clone(), self.config.event_retention);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(600));
            loop {
                tick.tick().await;
                if let Err(e) = store::prune_events(&pool, keep).await {
                    tracing::warn!("pruning the event log: {e}");
                }
            }
        });
    }
}

async fn refresh_now(
    writer: &store::Writer,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, store::StoreError> {
    writer
        .write(move |conn| {
            Box::pin(async move {
                crate::eta::refresh_etas(conn, now, crate::eta::Announce::AllBut(None)).await
            })
        })
        .await
}
