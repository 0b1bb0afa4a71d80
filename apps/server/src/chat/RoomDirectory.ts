import { LIMITS, encode, isDmRoom } from "@duplex/protocol";
import type { Broker } from "../broker/Broker.js";
import { NodeSubscription } from "../broker/NodeSubscription.js";
import type { Peer } from "../connection/Peer.js";
import type { Logger } from "../logger.js";
import type { Presence } from "../presence/Presence.js";
import type { Store } from "../store/Store.js";

const CHANNEL = "directory";

/** A watcher with more than this queued gets its updates later, folded per room, not now. */
const WATCHER_CONGESTED_BYTES = 256 * 1024;

export interface RoomDirectoryDeps {
  broker: Broker;
  store: Store;
  presence: Presence;
  log: Logger;
  /** @default LIMITS.roomUpdateIntervalMs */
  intervalMs?: number;
}

/** The room a `room_update` frame is about (frames are made by `#flush` below). */
function roomOf(frame: string): string | undefined {
  const parsed: unknown = JSON.parse(frame);
  return typeof parsed === "object" && parsed !== null && "room" in parsed
    ? String(parsed.room)
    : undefined;
}

/**
 * Keeps directory sidebars live: sockets that asked for `rooms` are watchers and receive
 * `room_update {room, online, seq}` when a public room changes. Changes are coalesced per room over
 * one interval at the source, and again per watcher: what a watcher has not been sent yet is held as
 * the latest frame per room and sent once per interval, and held longer while the watcher is
 * congested — so a burst of changes never queues more than one frame per room for anyone.
 * Updates travel through the broker, so watchers on every node hear about changes made on any node.
 */
export class RoomDirectory {
  // Only the watchers, not every socket: a room update costs O(watchers), not O(connections).
  readonly #watchers = new Set<Peer>();
  readonly #dirty = new Set<string>();
  /** Per watcher, the latest unsent frame of each room (bounded by the number of rooms). */
  readonly #pending = new Map<Peer, Map<string, string>>();
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #sendTimer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  readonly #channel: NodeSubscription;

  constructor(private readonly deps: RoomDirectoryDeps) {
    this.#channel = new NodeSubscription(this.deps.broker, CHANNEL, (frame) =>
      this.#deliver(frame),
    );
    this.#intervalMs = deps.intervalMs ?? LIMITS.roomUpdateIntervalMs;
  }

  async start(): Promise<void> {
    await this.#channel.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    clearTimeout(this.#sendTimer);
    this.#timer = undefined;
    this.#sendTimer = undefined;
    this.#dirty.clear();
    this.#pending.clear();
    await this.#flushing;
    await this.#channel.stop();
  }

  /** From now on `conn` receives `room_update` (it has just been sent the `rooms` reply). */
  watch(conn: Peer): void {
    this.#watchers.add(conn);
  }

  /** `conn` closed: it hears no more updates and is not kept alive by the directory. */
  unwatch(conn: Peer): void {
    this.#watchers.delete(conn);
    this.#pending.delete(conn);
  }

  /**
   * A public room's online count or seq may have changed; watchers hear of it after the interval.
   * Private rooms are never announced (members see their counts in the next `rooms` reply).
   */
  touch(room: string): void {
    if (isDmRoom(room) || !this.#channel.active) return;
    this.#dirty.add(room);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#flushing = this.#flush().catch((err: unknown) => {
        this.deps.log.error({ err }, "room directory update failed");
      });
    }, this.#intervalMs);
    this.#timer.unref();
  }

  async #flush(): Promise<void> {
    const rooms = [...this.#dirty];
    this.#dirty.clear();
    const counts = await this.deps.presence.counts();
    for (const room of rooms) {
      const state = await this.deps.store.getRoom(room);
      // Every watcher hears an update: a private room's name must not reach non-members.
      if (!state || (await this.deps.store.access.privateRoom(room))) continue;
      const frame = encode({
        type: "room_update",
        room,
        online: counts.get(room) ?? 0,
        seq: state.seq,
      });
      await this.deps.broker.publish(CHANNEL, frame);
    }
  }

  #deliver(frame: string): void {
    const room = roomOf(frame);
    if (room === undefined) return;
    for (const conn of this.#watchers) {
      let pending = this.#pending.get(conn);
      if (pending === undefined) {
        pending = new Map();
        this.#pending.set(conn, pending);
      }
      pending.set(room, frame);
    }
    this.#scheduleSend(0);
  }

  #scheduleSend(delayMs: number): void {
    if (this.#sendTimer !== undefined) return;
    this.#sendTimer = setTimeout(() => {
      this.#sendTimer = undefined;
      this.#sendPending();
    }, delayMs);
    this.#sendTimer.unref();
  }

  /** Sends what each watcher is owed, unless it is congested: then its frames wait, folded. */
  #sendPending(): void {
    for (const [conn, pending] of this.#pending) {
      if (conn.closed) {
        this.#pending.delete(conn);
        continue;
      }
      if (conn.ws.bufferedAmount > WATCHER_CONGESTED_BYTES) continue;
      this.#pending.delete(conn);
      for (const frame of pending.values()) conn.sendFrame(frame);
    }
    if (this.#pending.size > 0) this.#scheduleSend(this.#intervalMs);
  }
}
