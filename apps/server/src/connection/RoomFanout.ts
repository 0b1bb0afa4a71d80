import { encode, type ServerMessage } from "@duplex/protocol";
import type { Broker, Unsubscribe } from "../broker/Broker.js";
import type { Logger } from "../logger.js";
import type { Connection } from "./Connection.js";

/** How a broadcast is delivered: to everyone but one user's sockets, and whether it may be dropped. */
export interface FanoutOptions {
  exceptUser?: string;
  /** One socket (id unique across nodes) that was already answered directly. */
  exceptConnection?: string;
  volatile?: boolean;
}

interface Header {
  exceptUser?: string;
  exceptConnection?: string;
  volatile?: boolean;
}

const channelOf = (room: string) => `room:${room}`;

/**
 * Broker payload: the encoded frame, optionally preceded by a one-line JSON header. Frames are JSON
 * objects and start with `{`, headers start with `!`, so the two cannot be confused.
 */
export function packPayload(frame: string, options: FanoutOptions): string {
  if (
    options.exceptUser === undefined &&
    options.exceptConnection === undefined &&
    !options.volatile
  ) {
    return frame;
  }
  return `!${JSON.stringify(options satisfies Header)}\n${frame}`;
}

export function unpackPayload(payload: string): { frame: string; header: Header } {
  if (!payload.startsWith("!")) return { frame: payload, header: {} };
  const newline = payload.indexOf("\n");
  return {
    header: JSON.parse(payload.slice(1, newline)) as Header,
    frame: payload.slice(newline + 1),
  };
}

/**
 * Room broadcasts through the broker: this node subscribes to a room's channel while it has a local
 * socket in the room and hands each payload to those sockets. Swapping the broker for Redis makes the
 * same code fan out across nodes.
 */
export class RoomFanout {
  readonly #local = new Map<string, Set<Connection>>();
  readonly #subscriptions = new Map<string, Promise<Unsubscribe>>();

  constructor(
    private readonly broker: Broker,
    private readonly log: Logger,
  ) {}

  /** Adds a local socket to the room; resolves once this node receives the room's broadcasts. */
  async add(room: string, conn: Connection): Promise<void> {
    let sockets = this.#local.get(room);
    if (!sockets) {
      sockets = new Set();
      this.#local.set(room, sockets);
    }
    sockets.add(conn);
    let subscription = this.#subscriptions.get(room);
    if (!subscription) {
      subscription = this.broker.subscribe(channelOf(room), (payload) =>
        this.#deliver(room, payload),
      );
      this.#subscriptions.set(room, subscription);
    }
    await subscription;
  }

  async remove(room: string, conn: Connection): Promise<void> {
    const sockets = this.#local.get(room);
    if (!sockets?.delete(conn) || sockets.size > 0) return;
    this.#local.delete(room);
    const subscription = this.#subscriptions.get(room);
    this.#subscriptions.delete(room);
    if (subscription) await (await subscription)();
  }

  /** Encodes once and publishes to every member socket on every node. */
  async publish(room: string, message: ServerMessage, options: FanoutOptions = {}): Promise<void> {
    await this.broker.publish(channelOf(room), packPayload(encode(message), options));
  }

  #deliver(room: string, payload: string): void {
    const sockets = this.#local.get(room);
    if (!sockets) return;
    let unpacked;
    try {
      unpacked = unpackPayload(payload);
    } catch (err) {
      this.log.error({ err, room }, "undecodable broker payload");
      return;
    }
    const { frame, header } = unpacked;
    for (const conn of sockets) {
      if (header.exceptUser !== undefined && conn.user?.id === header.exceptUser) continue;
      if (conn.id === header.exceptConnection) continue;
      conn.deliver(room, frame, header.volatile === true);
    }
  }
}
