import type { Broker } from "../broker/Broker.js";
import { NodeSubscription } from "../broker/NodeSubscription.js";
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
export class RoomEvictions {
  readonly #channel: NodeSubscription;
  #evictSocket: EvictSocket | undefined;

  constructor(
    private readonly broker: Broker,
    private readonly connections: ReadonlySet<Peer>,
    private readonly log: Logger,
  ) {
    this.#channel = new NodeSubscription(this.broker, CHANNEL, (payload) => this.#evict(payload));
  }

  /** Starts listening; `evictSocket` runs for each of this node's sockets a removal concerns. */
  async start(evictSocket: EvictSocket): Promise<void> {
    this.#evictSocket = evictSocket;
    await this.#channel.start();
  }

  async stop(): Promise<void> {
    await this.#channel.stop();
  }

  /** Takes `users` out of `room` here and on every other node. */
  async evict(room: string, users: string[]): Promise<void> {
    const eviction: Eviction = { room, users };
    await this.broker.publish(CHANNEL, JSON.stringify(eviction));
  }

  #evict(payload: string): void {
    let eviction: Eviction;
    try {
      eviction = JSON.parse(payload) as Eviction;
    } catch (err) {
      this.log.error({ err }, "undecodable room eviction");
      return;
    }
    const users = new Set(eviction.users);
    for (const conn of this.connections) {
      const user = conn.user?.id;
      if (user === undefined || !users.has(user) || !conn.rooms.has(eviction.room)) continue;
      this.#evictSocket?.(conn, eviction.room).catch((err: unknown) => {
        this.log.error({ err, room: eviction.room }, "eviction failed");
      });
    }
  }
}
