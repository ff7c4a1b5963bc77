#!/usr/bin/env bash
# The benchmarks of BENCHMARKS.md (issue 14), against the release binary with a fresh
# demo store on a loopback port; every run stops by itself.
#   scripts/bench.sh writes  [CLIENTS] [SECONDS]          concurrent note writes
#   scripts/bench.sh growth  [ACTIONS]                    ACTIONS notes on one job: the
#                                                          store's size and the last event's
#   scripts/bench.sh eta     [ACTIVE] [ACTIONS]           bay actions, first on the demo
#                                                          store, then with ACTIVE jobs
#   scripts/bench.sh reminders [CARS] [REQUESTS]         the due-soon list, on the demo
#                                                          store, then with CARS more cars
#                                                          in the customer file
#   scripts/bench.sh fanout  [SUBSCRIBERS] [ACTIONS]      pitwall, then the minimal
#                                                          broadcast server, then nginx +
#                                                          nchan, same meter (needs
#                                                          Debian's libnginx-mod-nchan)
# Needs a release build (scripts/test.sh or `cargo leptos build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
ulimit -n "$(ulimit -Hn)"
cargo build --release -p bench --quiet
BENCH="$CARGO_TARGET_DIR/release/pitwall-bench"
PITWALL="${PITWALL_BIN:-$CARGO_TARGET_DIR/release/pitwall}"
DIR="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$DIR"
}
trap cleanup EXIT

# Starts a server command in the background on $PORT and waits for it to answer.
start() {
    "$@" >"$DIR/server.log" 2>&1 &
    PIDS+=($!)
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/health" && return 0
        sleep 0.1
    done
    echo "the server on port $PORT did not start:"; cat "$DIR/server.log"; exit 1
}

pitwall() {
    PORT=$1
    PITWALL_DEMO=1 PITWALL_DB="$DIR/pitwall-$PORT.db" PITWALL_ADDR="127.0.0.1:$PORT" \
        PITWALL_SITE_ROOT="$PWD/target/site" RUST_LOG=warn start "$PITWALL"
}

# Stops the last server started (each fan-out run has the machine to itself), and drops it
# from the cleanup's list.
stop() {
    kill -TERM "$SERVER_PID" && wait "$SERVER_PID" || true
    local left=()
    for pid in "${PIDS[@]}"; do [ "$pid" = "$SERVER_PID" ] || left+=("$pid"); done
    PIDS=("${left[@]}")
}

# nginx + nchan (bench/nchan/nginx.conf) in the foreground under $DIR/nginx-$1; WORKERS is
# its worker processes' pids, comma-separated (they hold the subscribers, not the master).
nchan() {
    PORT=$1
    local prefix="$DIR/nginx-$PORT"
    command -v "${NGINX_BIN:-nginx}" >/dev/null && [ -e /usr/lib/nginx/modules/ngx_nchan_module.so ] ||
        { echo "nginx with nchan not found: apt-get install libnginx-mod-nchan"; exit 1; }
    mkdir -p "$prefix"
    sed -e "s|@DIR@|$prefix|g" -e "s|@PORT@|$PORT|g" bench/nchan/nginx.conf >"$prefix/nginx.conf"
    start "${NGINX_BIN:-nginx}" -p "$prefix" -c "$prefix/nginx.conf"
    WORKERS=$(pgrep -d, -P "$SERVER_PID")
}

case "${1:-}" in
    writes)
        pitwall 3901
        "$BENCH" writes --base "http://127.0.0.1:$PORT" --clients "${2:-32}" --seconds "${3:-10}"
        ls -l "$DIR"/pitwall-3901.db* | awk '{print "  " $5 " bytes " $9}'
        ;;
    growth)
        pitwall 3904
        "$BENCH" writes --base "http://127.0.0.1:$PORT" --clients 8 --seconds 600 \
            --jobs 1 --count "${2:-10000}"
        du -cb "$DIR"/pitwall-3904.db* | tail -1 | awk '{print "  store: " $1 " bytes"}'
        sqlite3 "$DIR/pitwall-3904.db" "SELECT '  events: ' || count(*) || ', largest ' || max(length(payload)) || ' bytes, last ' || (SELECT length(payload) FROM events ORDER BY id DESC LIMIT 1) || ' bytes; timeline rows: ' || (SELECT count(*) FROM job_timeline) FROM events"
        ;;
    fanout)
        pitwall 3902
        echo "== pitwall"
        "$BENCH" fanout --base "http://127.0.0.1:$PORT" --subscribers "${2:-1000}" \
            --actions "${3:-30}" --pid "$SERVER_PID"
        stop
        PORT=3903 start "$BENCH" baseline --port 3903
        echo "== minimal axum broadcast server"
        "$BENCH" fanout --base "http://127.0.0.1:3903" --subscribers "${2:-1000}" \
            --actions "${3:-30}" --pid "$SERVER_PID"
        stop
        nchan 3906
        echo "== nginx + nchan (workers $WORKERS)"
        "$BENCH" fanout --base "http://127.0.0.1:$PORT" --subscribers "${2:-1000}" \
            --actions "${3:-30}" --pid "$WORKERS" \
            --publish "http://127.0.0.1:$PORT/api/v1/publish/lounge"
        ;;
    eta)
        pitwall 3905
        "$BENCH" eta --base "http://127.0.0.1:$PORT" --active 0 --actions "${3:-400}"
        "$BENCH" eta --base "http://127.0.0.1:$PORT" --active "${2:-200}" --actions "${3:-400}"
        ;;
    reminders)
        pitwall 3907
        "$BENCH" reminders --base "http://127.0.0.1:$PORT" --requests "${3:-30}"
        sqlite3 "$DIR/pitwall-3907.db" -cmd ".parameter set :cars ${2:-5000}" <bench/sql/grow_car_file.sql
        "$BENCH" reminders --base "http://127.0.0.1:$PORT" --requests "${3:-30}"
        ;;
    *) echo "usage: scripts/bench.sh writes|growth|eta|reminders|fanout [...]"; exit 2 ;;
esac
