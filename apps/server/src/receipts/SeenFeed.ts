import { Capability, LIMITS, type User } from "@duplex/protocol";
import type { UserFanout } from "../fanout/UserFanout.js";

/** Who should learn that a reader moved: the room's members who share receipts, the reader aside. */
export type SeenAudience = (room: string, reader: string) => Promise<readonly string[]>;

interface Pending {
  user: User;
  seq: number;
}

/**
 * "Seen by" news, coalesced: a reader's moves in one room over `LIMITS.seenIntervalMs` become one
 * `seen` (the latest seq) to the members that may see it, on every node (through the user fan-out).
 * What it holds is bounded by the readers active in one window.
 */
export class SeenFeed {
  readonly #pending = new Map<string, Map<string, Pending>>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly users: UserFanout,
    private readonly audience: SeenAudience,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs: number = LIMITS.seenIntervalMs,
  ) {}

  /** `user` has read `room` up to `seq`: announced at the end of the window. */
  read(room: string, user: User, seq: number): void {
    let readers = this.#pending.get(room);
    if (!readers) this.#pending.set(room, (readers = new Map()));
    const prev = readers.get(user.id);
    if (!prev || prev.seq < seq) readers.set(user.id, { user, seq });
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch(this.onError);
    }, this.intervalMs);
    this.#timer.unref?.();
  }

  /** Announces what is pending now. */
  async flush(): Promise<void> {
    const batch = [...this.#pending];
    this.#pending.clear();
    for (const [room, readers] of batch) {
      for (const { user, seq } of readers.values()) {
        const to = await this.audience(room, user.id);
        await this.users.publish(
          to,
          { type: "seen", room, user, seq },
          { onlyCap: Capability.ReadReceipts },
        );
      }
    }
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
