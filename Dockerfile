# pitwall: one binary, its site (wasm, JS, CSS) and a SQLite file on a volume.
#   docker build -t pitwall .
#   docker run -p 3000:3000 -v pitwall-data:/data \
#     -e PITWALL_PUBLIC_URL=https://service.example-store.cn pitwall
# Tool versions are the ones scripts/setup.sh pins (README, "Toolchain").

# ---- builder: rust 1.95 (workspace rust-version), wasm32 target, cargo-leptos 0.3.10,
# ---- wasm-bindgen-cli 0.2.130 (= the crate), npm's binaryen 132 for wasm-opt.
FROM rust:1.95-slim-bookworm AS builder
ARG CARGO_LEPTOS_VERSION=0.3.10
ARG WASM_BINDGEN_VERSION=0.2.130
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm pkg-config ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN rustup target add wasm32-unknown-unknown
# 0.3.11's lock needs rustc 1.96; LTO off halves the install (toolchain.md).
RUN CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked \
 && cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
WORKDIR /src
# binaryen's wasm-opt from npm (Debian's 108 breaks hydration): end2end's lock pins it.
COPY end2end/package.json end2end/package-lock.json end2end/
RUN cd end2end && npm ci --no-audit --no-fund
COPY . .
ENV PATH="/src/end2end/node_modules/.bin:${PATH}" LEPTOS_OUTPUT_NAME=pitwall
RUN cargo leptos build --release --split --precompress \
 && mkdir -p /out \
 && cp target/release/pitwall /out/ \
 && cp target/release/hash.txt /out/ \
 && cp -r target/site /out/site

# ---- runtime: Debian slim, a non-root user, the data on a volume.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin pitwall \
 && mkdir -p /data && chown pitwall:pitwall /data
# The binary finds its content-hashed asset names in hash.txt beside it.
COPY --from=builder /out/pitwall /out/hash.txt /app/
COPY --from=builder /out/site /app/site
ENV PITWALL_ADDR=0.0.0.0:3000 \
    PITWALL_DB=/data/pitwall.db \
    PITWALL_SITE_ROOT=/app/site \
    PITWALL_TZ=+08:00 \
    RUST_LOG=info,sqlx=warn
VOLUME /data
USER pitwall
WORKDIR /data
EXPOSE 3000
# The health probe commits a heartbeat row: 503 when the store cannot take writes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:3000/api/v1/health >/dev/null || exit 1
# SIGTERM ends every event stream and stops within a second.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/pitwall"]
