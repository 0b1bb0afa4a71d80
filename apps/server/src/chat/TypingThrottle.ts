import { LIMITS } from "@duplex/protocol";
import { KeyedBuckets } from "../limits/keyedBuckets.js";

/** Above this many remembered (user, room) pairs, expired ones are swept, so memory stays bounded. */
const SWEEP_AT = 10_000;

/**
 * Server-side defence for `typing`: clients throttle themselves (one per ~2 s), but a modified client
 * could flood a room with volatile relays. At most one `typing` per user and room is relayed per
 * window; the rest are dropped silently (an error per dropped frame would be its own flood).
 * Each room also has a budget of relays per second whoever types: in a room of 10,000 a crowd typing
 * at once would otherwise cost 10,000 deliveries per typist.
 * Per node: a user typing through two nodes may be relayed once per node.
 */
export class TypingThrottle {
  readonly #last = new Map<string, number>();
  readonly #rooms: KeyedBuckets;

  constructor(
    private readonly now: () => number,
    private readonly windowMs: number = LIMITS.typingIntervalMs,
    perRoomPerSecond: number = LIMITS.typingPerRoomPerSecond,
  ) {
    this.#rooms = new KeyedBuckets(perRoomPerSecond, perRoomPerSecond);
  }

  /** Whether this `typing` should be relayed; records it if so. */
  allow(userId: string, room: string): boolean {
    const now = this.now();
    const key = `${userId}\n${room}`;
    const last = this.#last.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    if (this.#rooms.take(room, now) > 0) return false;
    if (this.#last.size >= SWEEP_AT) this.#sweep(now);
    this.#last.set(key, now);
    return true;
  }

  #sweep(now: number): void {
    for (const [key, at] of this.#last) {
      if (now - at >= this.windowMs) this.#last.delete(key);
    }
  }

  get size(): number {
    return this.#last.size;
  }
}
