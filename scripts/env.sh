# Sourced by the scripts: tool paths and one shared build directory.
# The build lives outside the clone unless the caller set CARGO_TARGET_DIR, so a fresh
# clone on this machine (as CI makes) reuses the last build instead of starting cold.
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/pitwall/target}"
# The name cargo-leptos gives the build; set for plain `cargo test` so it shares that build.
export LEPTOS_OUTPUT_NAME=pitwall
# How every script builds the release: one piece of wasm per screen (`--split`), and a
# brotli and a gzip copy of every static file beside it (`--precompress`).
RELEASE_BUILD=(--release --split --precompress)
