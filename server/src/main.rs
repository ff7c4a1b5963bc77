//! Start-up: configuration, logging, then serve until Ctrl-C or SIGTERM.

use std::process::ExitCode;

use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("pitwall failed to start: {e}");
            eprintln!("pitwall failed to start: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), server::StartError> {
    let config = server::Config::from_env()?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| {
            server::StartError::Config(format!("cannot listen on {}: {e}", config.addr))
        })?;
    tracing::info!("pitwall listening on http://{}", config.addr);
    server::serve(config, listener, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
