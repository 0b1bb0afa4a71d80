import { Capability, LIMITS, type ServerMessage, type User } from "@duplex/protocol";
import type { FanoutOptions, RoomSignal } from "../fanout/RoomFanout.js";
import type { Logger } from "../logger.js";

type Change = { user: User; event: "join" | "leave" };

/** Where announcements go: the room's broadcast (RoomFanout). */
export interface PresencePublisher {
  publish(room: string, message: ServerMessage, options?: FanoutOptions): Promise<void>;
  publishMany(
    room: string,
    messages: ReadonlyArray<{ message: ServerMessage; exceptUser?: string }>,
    options?: Omit<FanoutOptions, "exceptUser">,
  ): Promise<void>;
  signal(room: string, signal: RoomSignal): Promise<void>;
}

export interface PresenceFeedOptions {
  /** @default LIMITS.presenceIntervalMs */
  intervalMs?: number;
  /** Online members of a room (the presence seam); absent: every room counts as small. */
  roomSize?: (room: string) => Promise<number>;
  /** Above this many members a room is big ([R12]). @default LIMITS.bigRoomThreshold */
  bigRoomThreshold?: number;
}

/**
 * Gathers a room's presence changes over a short window and announces them in one frame: a lone change
 * as `presence` (the joiner's own sockets left out: `joined` told them), several as `presence_diff` to
 * sockets granted that capability. A plain v1 socket knows only `presence`, so it gets one per change,
 * as the v1 table promises, never its own join (README [C4]); those go out as one batch per window.
 * In a storm of joins to a room of N members that is one frame per member per window instead of one
 * per join. The last change of a user in a window wins, so a quick reconnect is announced as nothing
 * more than a join of someone present.
 *
 * Above the big-room threshold, `member_pages` sockets that do not watch the member list are left out
 * and the room is signalled instead: each node then sends its sockets a coalesced `occupancy`
 * (OccupancyFeed), so a fill of N `member_pages` clients costs O(N) bytes, not O(N²) ([R12]).
 */
export class PresenceFeed {
  #pending = new Map<string, Map<string, Change>>();
  // Rooms that were big at their last announcement: shrinking back sends one last occupancy.
  readonly #big = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  readonly #intervalMs: number;
  readonly #threshold: number;

  constructor(
    private readonly publisher: PresencePublisher,
    private readonly log: Logger,
    private readonly options: PresenceFeedOptions = {},
  ) {
    this.#intervalMs = options.intervalMs ?? LIMITS.presenceIntervalMs;
    this.#threshold = options.bigRoomThreshold ?? LIMITS.bigRoomThreshold;
  }

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
    }, this.#intervalMs);
  }

  /** Announces what is pending now (shutdown) and waits for announcements in flight. */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#flushing;
    await this.#flush();
  }

  async #flush(): Promise<void> {
    const rooms = this.#pending;
    this.#pending = new Map();
    for (const [room, changes] of rooms) await this.#announceRoom(room, [...changes.values()]);
  }

  async #announceRoom(room: string, list: Change[]): Promise<void> {
    const size = (await this.options.roomSize?.(room)) ?? 0;
    const big = size > this.#threshold;
    const wasBig = this.#big.has(room);
    if (big) this.#big.add(room);
    else this.#big.delete(room);
    const quiet: FanoutOptions = big ? { quietFor: Capability.MemberPages } : {};
    const perChange = list.map(({ event, user }) => ({
      message: { type: "presence", room, event, user } satisfies ServerMessage,
      ...(event === "join" && { exceptUser: user.id }),
    }));
    if (list.length === 1) {
      const [only] = perChange;
      if (only) {
        await this.publisher.publish(room, only.message, {
          ...quiet,
          ...(only.exceptUser !== undefined && { exceptUser: only.exceptUser }),
        });
      }
    } else {
      await this.publisher.publish(
        room,
        {
          type: "presence_diff",
          room,
          joined: list.filter((c) => c.event === "join").map((c) => c.user),
          left: list.filter((c) => c.event === "leave").map((c) => c.user),
        },
        { onlyCap: Capability.PresenceDiff, ...quiet },
      );
      await this.publisher.publishMany(room, perChange, { exceptCap: Capability.PresenceDiff });
    }
    if (big || wasBig) await this.publisher.signal(room, "occupancy");
  }
}
