#!/usr/bin/env bash
# Builds pitwall (release) and serves it with its demo store on http://127.0.0.1:3000.
# Data: ./data/pitwall.db (created and seeded on first run; PITWALL_DB moves it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
exec cargo leptos serve --release
