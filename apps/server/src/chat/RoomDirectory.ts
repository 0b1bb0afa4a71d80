import { LIMITS, encode, isDmRoom } from "@duplex/protocol";
import type { Broker, Unsubscribe } from "../broker/Broker.js";
import type { Connection } from "../connection/Connection.js";
import type { Logger } from "../logger.js";
import type { Presence } from "../presence/Presence.js";
import type { Store } from "../store/Store.js";

const CHANNEL = "directory";

export interface RoomDirectoryDeps {
  broker: Broker;
  store: Store;
  presence: Presence;
  log: Logger;
  /** @default LIMITS.roomUpdateIntervalMs */
  intervalMs?: number;
}

/**
 * Keeps directory sidebars live: sockets that asked for `rooms` are watchers and receive
 * `room_update {room, online, seq}` when a public room changes. Changes are coalesced per room over
 * one interval, so a busy room costs each watcher at most a few frames a second, not one per message.
 * Updates travel through the broker, so watchers on every node hear about changes made on any node.
 */
export class RoomDirectory {
  // Only the watchers, not every socket: a room update costs O(watchers), not O(connections).
  readonly #watchers = new Set<Connection>();
  readonly #dirty = new Set<string>();
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #subscription: Promise<Unsubscribe> | undefined;

  constructor(private readonly deps: RoomDirectoryDeps) {
    this.#intervalMs = deps.intervalMs ?? LIMITS.roomUpdateIntervalMs;
  }

  async start(): Promise<void> {
    this.#subscription ??= this.deps.broker.subscribe(CHANNEL, (frame) => this.#deliver(frame));
    await this.#subscription;
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dirty.clear();
    await this.#flushing;
    const subscription = this.#subscription;
    this.#subscription = undefined;
    if (subscription) await (await subscription)();
  }

  /** From now on `conn` receives `room_update` (it has just been sent the `rooms` reply). */
  watch(conn: Connection): void {
    this.#watchers.add(conn);
  }

  /** `conn` closed: it hears no more updates and is not kept alive by the directory. */
  unwatch(conn: Connection): void {
    this.#watchers.delete(conn);
  }

  /** A public room's online count or seq may have changed; watchers hear of it after the interval. */
  touch(room: string): void {
    if (isDmRoom(room) || this.#subscription === undefined) return;
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
      if (!state) continue;
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
    for (const conn of this.#watchers) conn.sendFrame(frame);
  }
}
