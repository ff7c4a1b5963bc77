#!/usr/bin/env bash
# Installs what a fresh machine lacks to build, serve and test pitwall.
# Idempotent: every step checks first and skips what is already there.
# Versions and why they are pinned: see README ("Toolchain").
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 min)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! cargo leptos --version >/dev/null 2>&1; then
  # 0.3.11's lock needs rustc 1.96; 0.3.10 builds on 1.95. LTO off: 20 min instead of 40.
  step "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (about 20 min on 2 cores)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ]; then
  step "npm ci in end2end/ (playwright test runner, binaryen's wasm-opt)"
  (cd end2end && npm ci --no-audit --no-fund)
fi

SCHEMATHESIS_VERSION=4.32.5
# Python 3.12 where pyenv has it: under 3.11 the fuzzer's coverage phase crashes inside
# CPython's ast module ("AST constructor recursion depth mismatch") on this API's schemas.
py312=$(command -v pyenv >/dev/null 2>&1 && pyenv versions --bare 2>/dev/null | grep -E '^3\.12(\.|$)' | tail -n 1 || true)
st_python=$(head -n 1 "$HOME/.local/bin/st" 2>/dev/null || true)
if [ "$(PATH="$HOME/.local/bin:$PATH" st --version 2>/dev/null | awk '{print $3}')" != "$SCHEMATHESIS_VERSION" ] \
  || { [ -n "$py312" ] && [[ "$st_python" != *"$py312"* ]]; }; then
  step "pip install schemathesis $SCHEMATHESIS_VERSION (the API fuzzer)"
  PYENV_VERSION=${py312:-${PYENV_VERSION:-}} python3 -m pip install --quiet --user \
    --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# Chromium for the e2e suite, and a CJK font so its screenshots show Chinese as glyphs
# (Debian's chromium depends on no CJK font; without one every 汉字 is a box).
if [ "${1:-}" = "--with-chromium" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-cjk)
  if [ "${#missing[@]}" -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
  fi
fi
