#!/bin/sh
# `pnpm start`: the built server, with jemalloc as its malloc when the machine has it.
#
# Under glibc's malloc, memory a burst of connections allocated natively and freed again (socket
# reads, SQLite, compiled code) stays resident in fragmented pages: after a 10,000-member join storm
# about a third of the server's RSS growth was free memory glibc kept (malloc_trim gave back 43 MiB).
# jemalloc returns such pages on its own. See docs/decisions/0015-allocator.md.
#
# DUPLEX_MALLOC=system keeps glibc's malloc; node flags may be passed as arguments.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
case "${DUPLEX_MALLOC:-jemalloc}" in
  jemalloc)
    # The same places as src/bin/allocator.ts: Debian/Ubuntu (multiarch), Alpine, Fedora.
    for lib in "/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2" /usr/lib/libjemalloc.so.2 \
      /usr/lib64/libjemalloc.so.2 /usr/local/lib/libjemalloc.so.2; do
      if [ -r "$lib" ]; then
        case "${LD_PRELOAD:-}" in
          *libjemalloc*) ;;
          *) LD_PRELOAD="$lib${LD_PRELOAD:+ $LD_PRELOAD}"; export LD_PRELOAD ;;
        esac
        # Purge on jemalloc's own thread: an idle server makes no malloc calls to purge on.
        MALLOC_CONF="${MALLOC_CONF:-background_thread:true}"
        export MALLOC_CONF
        break
      fi
    done
    ;;
  system) ;;
  *)
    echo "DUPLEX_MALLOC must be jemalloc or system, not '${DUPLEX_MALLOC}'" >&2
    exit 2
    ;;
esac
exec node "$@" "$here/../dist/main.js"
