#!/usr/bin/env bash
# The development loop: a debug build served on http://127.0.0.1:3000 with the demo store,
# rebuilt on every saved change and reloaded in the browser (cargo leptos watch; the page
# reloads through the live-reload port 3001). Debug builds only: one wasm, no splitting,
# no compression, no hashed names. Its site goes to target/site-dev so the release build
# that serve.sh and test.sh share stays as it was.
# Extra arguments go to cargo leptos watch (e.g. `scripts/dev.sh --hot-reload`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
export PITWALL_DEMO="${PITWALL_DEMO:-1}"
export PITWALL_DB="${PITWALL_DB:-data/dev.db}"
export LEPTOS_SITE_ROOT=target/site-dev LEPTOS_HASH_FILES=false
echo "== dev: debug build, watching app/ server/ style/ public/; data in $PITWALL_DB (demo store: $PITWALL_DEMO)"
exec cargo leptos watch "$@"
