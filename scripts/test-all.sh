#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine with Node >= 20.19, then runs every test:
# typecheck, lint, unit + integration + component (vitest), e2e (Playwright on Debian's Chromium), and a
# benchmark smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1; then
  echo "› installing pnpm@$PNPM_VERSION"
  npm install --global "pnpm@$PNPM_VERSION" >/dev/null
fi

# Debian packages the tests drive for real:
#   chromium       Playwright cannot download browsers here; it drives Debian's Chromium
#   postgresql     the Postgres store's suites (a throwaway cluster per test process)
#   redis-server   cross-node fan-out and presence
#   nginx          the load balancer in front of several nodes (`pnpm cluster`, cluster tests)
#   strace         counts the database's fsyncs per ack (the power-loss durability test)
#   libjemalloc2   the malloc `pnpm start` preloads (apps/server/bin/start.sh; its test checks it is mapped)
#   fonts-noto-cjk, fonts-noto-color-emoji
#                  中文 and emoji glyphs for the screenshots and the 中文 e2e (boxes without them)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v strace >/dev/null 2>&1 || missing+=(strace)
[ -n "$(ls /usr/lib/*-linux-gnu/libjemalloc.so.2 2>/dev/null)" ] || missing+=(libjemalloc2)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  echo "› installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# better-sqlite3 compiles from source here; node-gyp must use the installed Node headers.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
pnpm install --frozen-lockfile

pnpm typecheck
pnpm lint

log=$(mktemp)
trap 'rm -f "$log"' EXIT
pnpm test 2>&1 | tee "$log"

# Benchmark smoke run: every target must deliver; figures are printed, never asserted.
pnpm bench --quick

# One closing line with the totals of both runners (vitest, then Playwright); any failure exited above.
strip() { sed -E 's/\x1b\[[0-9;]*m//g' "$log"; }
unit=$(strip | grep -E '^\s+Tests\s+[0-9]+ passed' | tail -1 | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
e2e=$(strip | grep -E '^\s+[0-9]+ passed \(' | tail -1 | grep -oE '[0-9]+' | head -1 || echo 0)
echo "all tests: $((unit + e2e)) passed, 0 failed"
