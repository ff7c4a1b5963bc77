//! Start-up: configuration, logging (text, or JSON lines with `PITWALL_LOG_FORMAT=json`),
//! then serve until Ctrl-C or SIGTERM; or, as
//! `pitwall backup <dest.db>`, copy the store at `PITWALL_DB` while it is in use.

use std::{io::IsTerminal, path::PathBuf, process::ExitCode};

use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let format = match server::config::LogFormat::from_env() {
        Ok(format) => format,
        Err(e) => {
            eprintln!("pitwall failed to start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        // One JSON object a line, the request's span (id, method, route) in each.
        server::config::LogFormat::Json => logs.json().with_current_span(true).init(),
        // Colour codes belong on a terminal, not in a log file or a journal.
        server::config::LogFormat::Text => logs.with_ansi(std::io::stdout().is_terminal()).init(),
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => match run().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                tracing::error!("pitwall failed to start: {e}");
                eprintln!("pitwall failed to start: {e}");
                ExitCode::FAILURE
            }
        },
        ["backup", dest] => backup(PathBuf::from(dest)).await,
        _ => {
            eprintln!("usage: pitwall                  serve (configured by PITWALL_* variables)");
            eprintln!("       pitwall backup <dest.db>  copy the store at PITWALL_DB, even while it serves");
            ExitCode::from(2)
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

/// `pitwall backup <dest>`: an online, consistent copy; never overwrites `dest`.
async fn backup(dest: PathBuf) -> ExitCode {
    let source = match server::Config::from_env() {
        Ok(config) => config.db_path,
        Err(e) => {
            eprintln!("pitwall backup: {e}");
            return ExitCode::FAILURE;
        }
    };
    match server::store::backup(&source, &dest).await {
        Ok(()) => {
            println!("backed up {} to {}", source.display(), dest.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pitwall backup: {e}");
            ExitCode::FAILURE
        }
    }
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
