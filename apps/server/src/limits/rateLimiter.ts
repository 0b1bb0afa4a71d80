import type { ClientMessageType } from "@duplex/protocol";
import { TokenBucket } from "@duplex/protocol";

/** Inbound message limits of one connection. A rate of 0 turns that bucket off. */
export interface RateLimits {
  /** Every frame (ping, typing, join…): sustained frames per second. @default 100 */
  framesPerSecond: number;
  /** Every frame: burst. @default 200 */
  framesBurst: number;
  /** Writes that persist (`send`, `edit`, `delete`): sustained per second, stricter. @default 20 */
  sendPerSecond: number;
  /** Writes that persist: burst, room for a reconnecting client's outbox. @default 100 */
  sendBurst: number;
  /** Refused frames tolerated within `strikeWindowMs` before the socket is closed with 4429 (0: never). @default 50 */
  maxStrikes: number;
  /** @default 10000 */
  strikeWindowMs: number;
}

/** What to do with one inbound frame. */
export type RateDecision =
  { action: "allow" } | { action: "refuse"; retryAfterMs: number } | { action: "close" };

// Writes cost a database transaction and a fan-out to every member: they get their own bucket.
export const PERSISTING: ReadonlySet<string> = new Set<ClientMessageType>([
  "send",
  "edit",
  "delete",
  "react",
]);

/** Whether limits this loose ever refuse a frame: with both rates off, no limiter is needed at all. */
export function limitsAnything(limits: RateLimits): boolean {
  return limits.framesPerSecond > 0 || limits.sendPerSecond > 0;
}

/**
 * Per-connection rate control: a token bucket for all frames and a stricter one for writes. A refused
 * frame is a strike; too many strikes in a window means the client ignores `retryAfterMs` → close.
 */
export class RateLimiter {
  readonly #frames: TokenBucket | undefined;
  readonly #sends: TokenBucket | undefined;
  // Lazy: only a client that has been refused once needs a strike list.
  #strikes: number[] | undefined;

  constructor(
    readonly limits: RateLimits,
    now: number,
  ) {
    if (limits.framesPerSecond > 0) {
      this.#frames = new TokenBucket(limits.framesBurst, limits.framesPerSecond, now);
    }
    if (limits.sendPerSecond > 0) {
      this.#sends = new TokenBucket(limits.sendBurst, limits.sendPerSecond, now);
    }
  }

  /** Decides on a frame of `type` (undefined when it did not decode) arriving at `now`. */
  check(type: string | undefined, now: number): RateDecision {
    const buckets = [this.#frames];
    if (type !== undefined && PERSISTING.has(type)) buckets.push(this.#sends);
    for (const bucket of buckets) {
      if (bucket === undefined || bucket.tryTake(now)) continue;
      return this.#strike(bucket.msUntilToken(now), now);
    }
    return { action: "allow" };
  }

  /** A refusal decided elsewhere (a budget shared by the user's sockets) counts as a strike too. */
  refuse(retryAfterMs: number, now: number): RateDecision {
    return this.#strike(retryAfterMs, now);
  }

  #strike(retryAfterMs: number, now: number): RateDecision {
    const since = now - this.limits.strikeWindowMs;
    this.#strikes = (this.#strikes ?? []).filter((t) => t > since);
    this.#strikes.push(now);
    if (this.limits.maxStrikes > 0 && this.#strikes.length > this.limits.maxStrikes) {
      return { action: "close" };
    }
    return { action: "refuse", retryAfterMs };
  }
}
