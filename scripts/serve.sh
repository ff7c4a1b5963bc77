#!/usr/bin/env bash
# Builds pitwall (release, skipped when the sources have not changed since the last
# build, e.g. right after scripts/test.sh) and serves it with its demo store on
# http://127.0.0.1:3000. Data: ./data/pitwall.db (created and seeded on first run;
# PITWALL_DB moves it). The demo store's passwords and PINs are public: this script is for
# demos and development only (PITWALL_DEMO=0 scripts/serve.sh serves without it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
source scripts/env.sh
export PITWALL_DEMO="${PITWALL_DEMO:-1}"
case "$PITWALL_DEMO" in
    0|false|no|off) echo "== PITWALL_DEMO=$PITWALL_DEMO: a new database starts empty (no staff, nobody can sign in)" ;;
    *) echo "== PITWALL_DEMO=$PITWALL_DEMO: a new database gets the demo store (password 'pitwall', bay PINs 1111 ...): demos only, never real use" ;;
esac
export PITWALL_SITE_ROOT="$PWD/target/site"
echo "== serving http://${PITWALL_ADDR:-127.0.0.1:3000} (Ctrl-C stops)"
exec "$CARGO_TARGET_DIR/release/pitwall"
