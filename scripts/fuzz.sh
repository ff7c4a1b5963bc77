#!/usr/bin/env bash
# Fuzzes every endpoint of the served OpenAPI document with schemathesis (valid and
# invalid data) against the release binary with the demo store, signed in as an advisor.
# Fails on any 5xx, any response outside the documented schema, or a panic in the log.
# Usage: scripts/fuzz.sh [SECONDS]   (default 60: the test command's bounded run;
# BENCHMARKS.md records a long run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export PATH="$HOME/.local/bin:$PATH"
secs=${1:-60}
bin=${PITWALL_BIN:-$CARGO_TARGET_DIR/release/pitwall}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

PITWALL_ADDR="127.0.0.1:$port" PITWALL_DB="$dir/pitwall.db" PITWALL_DEMO=1 PITWALL_SEED_DEMO=1 \
  PITWALL_SITE_ROOT="$PWD/target/site" RUST_LOG=info "$bin" >"$dir/server.log" 2>&1 &
pid=$!
cleanup() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 300); do
  curl -fs "$base/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done

cookie=$(curl -si -H 'content-type: application/json' \
  -d '{"username":"advisor","password":"pitwall"}' "$base/api/v1/sessions" |
  tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "fuzz: could not sign in"; exit 1; }

fuzz() {
  # Signing out would end the fuzzer's own session; the event streams never end by design.
  st run "$base/api/v1/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --exclude-path-regex '^/api/v1/events/' \
    --exclude-method DELETE \
    -H "Cookie: $cookie" \
    --max-time "$secs" --request-timeout 10 --workers 2 \
    --suppress-health-check all --warnings off 2>&1 | tee "$dir/st.log"
  return "${PIPESTATUS[0]}"
}

echo "== schemathesis: every operation, ${secs}s"
status=0
fuzz || status=$?
# CPython 3.11's ast module can trip over its own recursion counter when Hypothesis
# describes a strategy's lambda deep in a stack ("AST constructor recursion depth
# mismatch"): a crash of the fuzzer's reporting, not an answer of ours. Only then, and
# only when no check failed, the run is made once more, and that run's result stands.
if [ "$status" -ne 0 ] && grep -q 'AST constructor recursion depth mismatch' "$dir/st.log" \
  && ! grep -q '^Failures:\|FAILURES' "$dir/st.log"; then
  echo "== schemathesis crashed inside CPython's ast module (not an API failure): once more"
  status=0
  fuzz || status=$?
fi

if grep -n 'panicked' "$dir/server.log"; then
  echo "fuzz: the server panicked (above)"
  status=1
fi
exit "$status"
