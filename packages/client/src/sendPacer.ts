import type { SendLimits } from "@duplex/protocol";
import type { Timers } from "./types.js";
import { TokenBucket } from "@duplex/protocol";

/**
 * Share of the server's announced write budget the client uses: the server's clock and ours drift
 * and its bucket also counts edits and deletes, so aim a little under it.
 */
export const PACING_HEADROOM = 0.9;

/**
 * When the outbox may transmit its next write. Paces under the server's `welcome.limits` (unpaced when
 * it announces none) and stops completely for a while after a refusal. `wake` is called once the
 * pacer allows again after it said no, so the caller just tries again then.
 */
export class SendPacer {
  #bucket: TokenBucket | undefined;
  #pausedUntil = 0;
  #timer: unknown;
  #timerAt = 0;

  constructor(
    private readonly timers: Timers,
    private readonly wake: () => void,
  ) {}

  /** A new connection: the server's bucket for it starts full, and so does ours. */
  reset(limits: SendLimits | undefined): void {
    this.stop();
    this.#pausedUntil = 0;
    this.#bucket =
      limits === undefined
        ? undefined
        : new TokenBucket(
            Math.max(1, Math.floor(limits.sendBurst * PACING_HEADROOM)),
            limits.sendPerSecond * PACING_HEADROOM,
            this.timers.now(),
          );
  }

  /** Whether one write may go now (and spends it); if not, `wake` follows when one may. */
  tryTake(): boolean {
    const now = this.timers.now();
    if (now < this.#pausedUntil) {
      this.#wakeAt(this.#pausedUntil);
      return false;
    }
    if (this.#bucket === undefined || this.#bucket.tryTake(now)) return true;
    this.#wakeAt(now + this.#bucket.msUntilToken(now));
    return false;
  }

  /** The server refused a write anyway: nothing goes for `ms`, then writes resume at the sustained pace. */
  pause(ms: number): void {
    const now = this.timers.now();
    this.#pausedUntil = Math.max(this.#pausedUntil, now + ms);
    this.#bucket?.drain(now);
    this.#wakeAt(this.#pausedUntil);
  }

  /** The socket is gone: no wake-ups for it. */
  stop(): void {
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #wakeAt(at: number): void {
    if (this.#timer !== undefined && this.#timerAt >= at) return;
    this.stop();
    this.#timerAt = at;
    this.#timer = this.timers.setTimeout(
      () => {
        this.#timer = undefined;
        this.wake();
      },
      Math.max(0, at - this.timers.now()),
    );
  }
}
