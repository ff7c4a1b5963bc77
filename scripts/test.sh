#!/usr/bin/env bash
# Runs every test: unit (domain, model), server integration (real router, real SQLite
# file per test), and the browser end-to-end suite in Debian's Chromium.
# One release build serves all three.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-chromium
source scripts/env.sh

echo "== build (release: server binary + hydrate wasm)"
cargo leptos build --release

echo "== unit and server integration tests"
cargo test --release --workspace

echo "== end-to-end (Playwright, Chromium)"
export PITWALL_BIN="$CARGO_TARGET_DIR/release/pitwall"
# The demo store is opt-in; the browser tests sign in with its accounts and PINs.
export PITWALL_DEMO=1
export PITWALL_SITE_ROOT="$PWD/target/site"
(cd end2end && npx playwright test)
