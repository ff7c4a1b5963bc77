#!/usr/bin/env bash
# Runs every test: unit (domain, model, property tests), server integration (real router,
# real SQLite file per test; the crash test with the real binary), API fuzzing, and the
# browser end-to-end suite in Debian's Chromium.
# One release build serves all three.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-chromium
source scripts/env.sh

echo "== build (release: server binary + hydrate wasm)"
cargo leptos build "${RELEASE_BUILD[@]}"

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
