/**
 * A flush that wrote to at least this many sockets was a big room's fan-out: one `writev` per socket
 * is then most of the server's work (on loopback the receiver's TCP work runs inside it too).
 */
export const BIG_FLUSH_SOCKETS = 1_000;

/** Longest a gather may last: a big room's message waits at most this long for the next ones. */
export const MAX_GATHER_MS = 20;

/** Shortest gather worth a timer: below it the next check phase comes as soon. */
const MIN_GATHER_MS = 1;

/**
 * When the next flush runs, from what the last one cost. Writes are flushed right after the current
 * I/O phase (0) unless the last flush was a big fan-out AND new writes come back before as much time
 * has passed again as that flush took: the server is then saturated by big-room fan-outs, and
 * gathering for about one flush's duration (bounded to {@link MAX_GATHER_MS}) lets the messages
 * arriving meanwhile share each socket's next `writev`, so the syscalls per message fall as the load
 * grows. Small rooms, and big rooms below saturation, keep today's latency.
 */
export class AdaptiveFlush {
  // The last big flush: its duration and end. Small flushes between two big ones (an ack, a typing
  // frame) do not reset it, or they would break the gathering of a saturated big room.
  #lastMs = 0;
  #lastEnd = Number.NEGATIVE_INFINITY;

  /** Records a flush that wrote to `sockets` sockets from `startMs` to `endMs`. */
  flushed(sockets: number, startMs: number, endMs: number): void {
    if (sockets < BIG_FLUSH_SOCKETS) return;
    this.#lastMs = endMs - startMs;
    this.#lastEnd = endMs;
  }

  /** How long writes held at `nowMs` should gather before they are flushed (0: this tick). */
  gatherMs(nowMs: number): number {
    if (nowMs - this.#lastEnd >= this.#lastMs) return 0;
    return Math.min(MAX_GATHER_MS, Math.max(MIN_GATHER_MS, Math.ceil(this.#lastMs)));
  }
}
