#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine with Node >= 20.19, then runs every test:
# typecheck, lint, unit + integration + component (vitest), e2e (Playwright on Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1; then
  echo "› installing pnpm@$PNPM_VERSION"
  npm install --global "pnpm@$PNPM_VERSION" >/dev/null
fi

# Playwright cannot download browsers here; it drives Debian's Chromium.
if [ ! -x /usr/bin/chromium ]; then
  echo "› installing Debian's chromium"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The Postgres store's suites run on Debian's PostgreSQL 15 (a throwaway cluster per test process).
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "› installing Debian's postgresql"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

# Cross-node fan-out and presence run on Debian's redis-server; `pnpm cluster` puts Debian's nginx in front.
if ! command -v redis-server >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ]; then
  echo "› installing Debian's redis-server and nginx"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server nginx >/dev/null
fi

# better-sqlite3 compiles from source here; node-gyp must use the installed Node headers.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
pnpm install --frozen-lockfile

pnpm typecheck
pnpm lint
pnpm test

# Benchmark smoke run: every target must deliver; figures are printed, never asserted.
pnpm bench --quick
