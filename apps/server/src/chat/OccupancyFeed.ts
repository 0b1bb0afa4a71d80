import { Capability, LIMITS, type ServerMessage } from "@duplex/protocol";
import type { FanoutOptions } from "../fanout/RoomFanout.js";
import type { Logger } from "../logger.js";

/** This node's sockets in a room: what the occupancy is delivered through (RoomFanout). */
export interface LocalRoomSink {
  hasLocal(room: string): boolean;
  deliverLocal(room: string, message: ServerMessage, options?: FanoutOptions): void;
}

interface RoomState {
  lastSentAt: number;
  lastCount?: number;
  timer?: NodeJS.Timeout;
}

/**
 * How long a room's `occupancy` waits after one was sent with `online`: the interval, and one more for
 * every `LIMITS.occupancyMembersPerInterval` members beyond the first, so a churning room of 10,000
 * costs each node ~2,000 frames a second instead of 10,000.
 */
export function occupancyInterval(online: number, intervalMs: number): number {
  return intervalMs * Math.max(1, Math.ceil(online / LIMITS.occupancyMembersPerInterval));
}

/**
 * Per node: turns "this big room changed" signals (from any node) into `occupancy {room, online}` for
 * the node's `member_pages` sockets, at most once per interval per room (longer in rooms of thousands:
 * {@link occupancyInterval}). The count is read from the presence seam when sent, not carried by the
 * signal, so signals from several nodes arriving out of order cannot leave a stale count behind: the
 * last send of a burst follows its last change ([R12]).
 */
export class OccupancyFeed {
  readonly #rooms = new Map<string, RoomState>();
  #closed = false;

  constructor(
    private readonly sink: LocalRoomSink,
    private readonly count: (room: string) => Promise<number>,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly intervalMs: number = LIMITS.occupancyIntervalMs,
  ) {}

  /** The room's membership changed: an occupancy follows within the interval. */
  changed(room: string): void {
    if (this.#closed) return;
    let state = this.#rooms.get(room);
    if (!state) {
      state = { lastSentAt: -Infinity };
      this.#rooms.set(room, state);
    }
    if (state.timer) return;
    // The pace follows the count last sent: a room of thousands waits longer between sends.
    const interval = occupancyInterval(state.lastCount ?? 0, this.intervalMs);
    const delay = Math.max(0, state.lastSentAt + interval - this.now());
    state.timer = setTimeout(() => {
      this.#send(room).catch((err: unknown) => this.log.error({ err, room }, "occupancy failed"));
    }, delay);
  }

  close(): void {
    this.#closed = true;
    for (const state of this.#rooms.values()) clearTimeout(state.timer);
    this.#rooms.clear();
  }

  async #send(room: string): Promise<void> {
    const state = this.#rooms.get(room);
    if (!state) return;
    state.timer = undefined;
    state.lastSentAt = this.now();
    const online = await this.count(room);
    if (!this.sink.hasLocal(room)) {
      // Nobody here to tell; forget the room so the map holds only rooms with local sockets.
      if (!state.timer) this.#rooms.delete(room);
      return;
    }
    if (online === state.lastCount) return;
    state.lastCount = online;
    this.sink.deliverLocal(
      room,
      { type: "occupancy", room, online },
      { onlyCap: Capability.MemberPages },
    );
  }
}
