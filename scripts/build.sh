#!/usr/bin/env bash
# Builds the release server binary and the site (hydrate wasm split per screen, JS, CSS,
# brotli and gzip copies), unless the last build here was of exactly these sources.
# serve.sh and test.sh both call it, so serving after testing starts at once.
# The stamp hashes every tracked or new file that goes into the build, the toolchain and
# the build flags; it is kept beside the site and beside the binary, and both must match
# (another clone on this machine may share the binary's build directory).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bin="$CARGO_TARGET_DIR/release/pitwall"
site="target/site"

stamp() {
  {
    git ls-files -co --exclude-standard -- Cargo.toml Cargo.lock app server style public \
      | sort | while IFS= read -r f; do [ -f "$f" ] && sha1sum "$f"; done
    rustc -V
    cargo leptos --version
    echo "${RELEASE_BUILD[*]}"
  } | sha1sum | cut -d' ' -f1
}

want=$(stamp)
if [ -x "$bin" ] && [ -d "$site/pkg" ] \
  && [ "$(cat "$site/.build-stamp" 2>/dev/null)" = "$want" ] \
  && [ "$(cat "$bin.build-stamp" 2>/dev/null)" = "$want" ]; then
  echo "== build: up to date (sources unchanged since the last release build)"
  exit 0
fi

echo "== build (release: server binary + hydrate wasm)"
rm -f "$site/.build-stamp" "$bin.build-stamp"
cargo leptos build "${RELEASE_BUILD[@]}"
echo "$want" >"$site/.build-stamp"
echo "$want" >"$bin.build-stamp"
