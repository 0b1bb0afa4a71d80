/**
 * A flush that wrote to at least this many sockets was a big room's fan-out: one `writev` per socket
 * is then most of the server's work (on loopback the receiver's TCP work runs inside it too).
 */
export const BIG_FLUSH_SOCKETS = 1_000;

/** Longest a gather may last: a big room's message waits at most this long for the next ones. */
export const MAX_GATHER_MS = 20;

/**
 * Writes that come back sooner than this share of the last big flush's duration mean a saturated
 * server. With the whole duration, a big room at half a core was held back up to 20 ms per message
 * for writes that came ~60 ms later and shared nothing (scenario a's latency at R = 10,000).
 */
export const SATURATED_GAP_SHARE = 0.25;

/** Shortest gather worth a timer: below it the next check phase comes as soon. */
const MIN_GATHER_MS = 1;

/**
 * When the next flush runs, from what the last one cost. Writes are flushed right after the current
 * I/O phase (0) unless the last flush was a big fan-out AND new writes come back within a quarter of
 * the time that flush took ({@link SATURATED_GAP_SHARE}): the server is then saturated by big-room
 * fan-outs, and gathering for about one flush's duration (bounded to {@link MAX_GATHER_MS}) lets the
 * messages arriving meanwhile share each socket's next `writev`, so the syscalls per message fall as
 * the load grows. Small rooms, and big rooms below saturation, keep today's latency: a room of
 * 10,000 at half a core (a 100 ms flush, the next message ~60 ms after it) is written at once.
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
    if (nowMs - this.#lastEnd >= this.#lastMs * SATURATED_GAP_SHARE) return 0;
    return Math.min(MAX_GATHER_MS, Math.max(MIN_GATHER_MS, Math.ceil(this.#lastMs)));
  }
}
