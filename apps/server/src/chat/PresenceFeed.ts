import { Capability, LIMITS, type ServerMessage, type User } from "@duplex/protocol";
import type { FanoutOptions } from "../connection/RoomFanout.js";
import type { Logger } from "../logger.js";

type Change = { user: User; event: "join" | "leave" };

/** Where announcements go: the room's broadcast (RoomFanout). */
export interface PresencePublisher {
  publish(room: string, message: ServerMessage, options?: FanoutOptions): Promise<void>;
}

/**
 * Gathers a room's presence changes over a short window and announces them in one frame: a lone change
 * as `presence` (the joiner's own sockets left out: `joined` told them), several as `presence_diff` to
 * sockets granted that capability. A plain v1 socket knows only `presence`, so it gets one per change,
 * as the v1 table promises, never its own join (README [C4]).
 * In a storm of joins to a room of N members that is one frame per member per window instead of one
 * per join: N joins cost O(N) frames per window, not O(N²) (issue 8). The last change of a user in a
 * window wins, so a quick reconnect is announced as nothing more than a join of someone present.
 */
export class PresenceFeed {
  #pending = new Map<string, Map<string, Change>>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly publisher: PresencePublisher,
    private readonly log: Logger,
    private readonly intervalMs: number = LIMITS.presenceIntervalMs,
  ) {}

  announce(room: string, event: "join" | "leave", user: User): void {
    let changes = this.#pending.get(room);
    if (!changes) {
      changes = new Map();
      this.#pending.set(room, changes);
    }
    changes.set(user.id, { user, event });
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#flushing = this.#flush().catch((err: unknown) => {
        this.log.error({ err }, "presence announcement failed");
      });
    }, this.intervalMs);
  }

  /** Announces what is pending now (shutdown) and waits for announcements in flight. */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#flushing;
    await this.#flush();
  }

  #announceOne(room: string, change: Change, options: FanoutOptions = {}): Promise<void> {
    const { event, user } = change;
    return this.publisher.publish(
      room,
      { type: "presence", room, event, user },
      event === "join" ? { ...options, exceptUser: user.id } : options,
    );
  }

  async #flush(): Promise<void> {
    const rooms = this.#pending;
    this.#pending = new Map();
    for (const [room, changes] of rooms) {
      const list = [...changes.values()];
      if (list.length === 1) {
        await this.#announceOne(room, list[0] as Change);
        continue;
      }
      await this.publisher.publish(
        room,
        {
          type: "presence_diff",
          room,
          joined: list.filter((c) => c.event === "join").map((c) => c.user),
          left: list.filter((c) => c.event === "leave").map((c) => c.user),
        },
        { onlyCap: Capability.PresenceDiff },
      );
      for (const change of list) {
        await this.#announceOne(room, change, { exceptCap: Capability.PresenceDiff });
      }
    }
  }
}
