//! pitwall-bench: the load generator behind BENCHMARKS.md. `writes` drives concurrent
//! writes at a running server; `fanout` opens N SSE subscribers and times each action's
//! frame to every one of them; `eta` times bay actions with many active jobs; `reminders` times the due-soon list; `baseline` is the minimal broadcast server they are
//! compared with (with nginx + nchan, `bench/nchan/nginx.conf`). Loopback only, bounded in time and connections.

mod args;
mod baseline;
mod client;
mod eta;
mod fanout;
mod reminders;
mod stats;
mod writes;

use std::process::ExitCode;

const USAGE: &str = "usage:
  pitwall-bench writes   --base URL [--clients 32] [--seconds 10]
  pitwall-bench fanout   --base URL [--subscribers 1000] [--actions 30] [--interval-ms 1000]
                         [--pid PID[,PID...]] [--publish URL (nginx + nchan: POST here, no sign-in)]
  pitwall-bench eta      --base URL [--active 200] [--actions 400]
  pitwall-bench reminders --base URL [--requests 30]
  pitwall-bench baseline [--port 3999]";

#[tokio::main]
async fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    let command = argv.next().unwrap_or_default();
    let args = match args::Args::parse(argv) {
        Ok(args) => args,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let outcome = match command.as_str() {
        "writes" => writes::run(&args).await,
        "fanout" => fanout::run(&args).await,
        "eta" => eta::run(&args).await,
        "reminders" => reminders::run(&args).await,
        "baseline" => baseline::run(&args).await,
        _ => Err(format!("unknown command {command:?}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pitwall-bench {command}: {e}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}
