import type { Broker } from "../broker/Broker.js";
import { JsonChannel } from "../broker/JsonChannel.js";
import type { Peer } from "../connection/Peer.js";
import type { Logger } from "../logger.js";

const CHANNEL = "rooms:evict";

interface Eviction {
  room: string;
  users: string[];
}

/** What a node does with one socket of a removed member: take it out of the room and tell it. */
export type EvictSocket = (conn: Peer, room: string) => Promise<void>;

/**
 * Takes removed members out of a private room on every node: one broker channel each node subscribes
 * to, so a removal on node A ends the membership of the tab connected to node B at once.
 */
export class RoomEvictions extends JsonChannel<Eviction> {
  /** `evictSocket` runs for each of this node's sockets a removal concerns. */
  constructor(
    broker: Broker,
    private readonly connections: ReadonlySet<Peer>,
    log: Logger,
    private readonly evictSocket: EvictSocket,
  ) {
    super(broker, CHANNEL, log, "room eviction");
  }

  /** Takes `users` out of `room` here and on every other node. */
  async evict(room: string, users: string[]): Promise<void> {
    await this.publish({ room, users });
  }

  /** Takes this node's sockets of the removed members out of the room. */
  protected hear(eviction: Eviction): void {
    const users = new Set(eviction.users);
    for (const conn of this.connections) {
      const user = conn.user?.id;
      if (user === undefined || !users.has(user) || !conn.rooms.has(eviction.room)) continue;
      this.evictSocket(conn, eviction.room).catch((err: unknown) => {
        this.log.error({ err, room: eviction.room }, "eviction failed");
      });
    }
  }
}
