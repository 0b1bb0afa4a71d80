import { encode, type Capability, type ServerMessage } from "@duplex/protocol";
import type { Broker } from "../broker/Broker.js";
import { NodeSubscription } from "../broker/NodeSubscription.js";
import type { Peer } from "../connection/Peer.js";
import type { Logger } from "../logger.js";
import { packEnvelope, unpackEnvelope, type Envelope } from "./brokerEnvelope.js";

/** Whom a user push is for: every welcomed socket, or the sockets of some users. */
export type Audience = "all" | readonly string[];

const CHANNEL = "push:users";

interface Header {
  to: "all" | string[];
  /** A connection id (unique across nodes) that already has the answer. */
  except?: string;
  /** Skip sockets in this room (joined or joining): they already have the news. */
  exceptInRoom?: string;
  /** Only sockets granted this capability (the frame is one an older client would misread). */
  onlyCap?: Capability;
}

/**
 * Pushes to users (not rooms) through the broker: one channel every node subscribes to once, payload
 * = the frame encoded once under a header naming the audience (brokerEnvelope.ts). Each node hands the frame to
 * its own welcomed sockets of those users, so the same code serves a multi-node deployment.
 */
export class UserFanout {
  /** Sockets that have received `welcome`: nothing is pushed to a socket before it. */
  readonly #welcomed = new WeakSet<Peer>();
  readonly #channel: NodeSubscription;

  constructor(
    private readonly broker: Broker,
    private readonly connections: ReadonlySet<Peer>,
    private readonly log: Logger,
  ) {
    this.#channel = new NodeSubscription(this.broker, CHANNEL, (payload) => this.#deliver(payload));
  }

  /** Subscribes this node to user pushes. Call once at start. */
  async start(): Promise<void> {
    await this.#channel.start();
  }

  async stop(): Promise<void> {
    await this.#channel.stop();
  }

  /** From now on `conn` receives pushes for its user. Call right after sending `welcome`. */
  markWelcomed(conn: Peer): void {
    this.#welcomed.add(conn);
  }

  /** Encodes `message` once and sends it to every socket of `to`, on every node. */
  async publish(
    to: Audience,
    message: ServerMessage,
    options: { exceptConnection?: string; exceptInRoom?: string; onlyCap?: Capability } = {},
  ): Promise<void> {
    if (to !== "all" && to.length === 0) return;
    const header: Header = {
      to: to === "all" ? "all" : [...to],
      ...(options.exceptConnection !== undefined && { except: options.exceptConnection }),
      ...(options.exceptInRoom !== undefined && { exceptInRoom: options.exceptInRoom }),
      ...(options.onlyCap !== undefined && { onlyCap: options.onlyCap }),
    };
    await this.broker.publish(CHANNEL, packEnvelope(header, encode(message)));
  }

  #deliver(payload: string): void {
    let envelope: Envelope<Header>;
    try {
      envelope = unpackEnvelope<Header>(payload);
    } catch (err) {
      this.log.error({ err }, "undecodable user push payload");
      return;
    }
    const { header, frame } = envelope;
    if (header.to === undefined) return;
    const users = header.to === "all" ? undefined : new Set(header.to);
    for (const conn of this.connections) {
      if (!this.#welcomed.has(conn) || conn.user === undefined || conn.id === header.except)
        continue;
      if (header.exceptInRoom !== undefined && conn.rooms.has(header.exceptInRoom)) continue;
      if (header.onlyCap !== undefined && !conn.caps.has(header.onlyCap)) continue;
      if (users === undefined || users.has(conn.user.id)) conn.sendFrame(frame);
    }
  }
}
