import type { CloseCode } from "@duplex/protocol";
import type { Broker } from "../broker/Broker.js";
import { JsonChannel } from "../broker/JsonChannel.js";
import type { Peer } from "../connection/Peer.js";
import type { Logger } from "../logger.js";

const CHANNEL = "sessions:end";

/** Whose sockets to close: those of some sessions (a logout) or of every session of some users (a ban). */
export interface SessionEnd {
  sessions?: string[];
  users?: string[];
  /** 4401 after a logout or revocation (sign in again), 4403 after a ban. */
  code: typeof CloseCode.Unauthorized | typeof CloseCode.Forbidden;
}

/**
 * Closes the live sockets of ended sessions on every node: one broker channel each node subscribes
 * to, so a logout on node A closes the tab connected to node B (within the broker's delivery time).
 */
export class SessionEnder extends JsonChannel<SessionEnd> {
  constructor(
    broker: Broker,
    private readonly connections: ReadonlySet<Peer>,
    log: Logger,
  ) {
    super(broker, CHANNEL, log, "session end");
  }

  /** Closes the matching sockets here and on every other node. */
  async end(what: SessionEnd): Promise<void> {
    await this.publish(what);
  }

  /** Closes this node's matching sockets. */
  protected hear(what: SessionEnd): void {
    const sessions = new Set(what.sessions ?? []);
    const users = new Set(what.users ?? []);
    let closed = 0;
    for (const conn of this.connections) {
      const sid = conn.sessionId;
      const user = conn.user?.id;
      if ((sid !== undefined && sessions.has(sid)) || (user !== undefined && users.has(user))) {
        conn.closeConnection(what.code);
        closed += 1;
      }
    }
    if (closed > 0) this.log.info({ closed, code: what.code }, "sessions ended");
  }
}
