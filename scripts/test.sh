#!/usr/bin/env bash
# Runs every test: unit (domain, model, property tests), server integration (real router,
# real SQLite file per test; the crash test with the real binary), API fuzzing, and the
# browser end-to-end suite in Debian's Chromium; first the formatting and lint gates
# (rustfmt, clippy -D warnings for the server build and for the wasm build).
# One release build serves all three (scripts/build.sh; skipped when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-chromium
source scripts/env.sh

echo "== cargo fmt --check"
cargo fmt --all --check

echo "== clippy -D warnings (server, tests, benches: the ssr build)"
cargo clippy --release --workspace --all-targets -- -D warnings
echo "== clippy -D warnings (the browser's wasm build)"
cargo clippy --release -p app --lib --no-default-features --features hydrate \
  --target wasm32-unknown-unknown -- -D warnings

scripts/build.sh

echo "== unit and server integration tests"
cargo test --release --workspace

echo "== API fuzzing (schemathesis against the served OpenAPI document, 60 s)"
scripts/fuzz.sh 60

echo "== end-to-end (Playwright, Chromium)"
export PITWALL_BIN="$CARGO_TARGET_DIR/release/pitwall"
# The demo store is opt-in; the browser tests sign in with its accounts and PINs.
export PITWALL_DEMO=1
export PITWALL_SITE_ROOT="$PWD/target/site"
(cd end2end && npx playwright test)
