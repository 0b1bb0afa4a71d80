import type { ControlMessage } from "@duplex/protocol";

/**
 * What the reporter needs of a connection: its socket's ping/pong events and a way to send. Declared
 * here, not imported, because `Connection` itself calls `noteClosing` (no import circle).
 */
export interface ReportedConnection {
  readonly ws: {
    on(event: "ping" | "pong", listener: (data: Buffer) => void): unknown;
    off(event: "ping" | "pong", listener: (data: Buffer) => void): unknown;
  };
  send(message: ControlMessage): unknown;
}

/**
 * Reports one connection's control frames to that connection while its inspector is on. Browsers never
 * expose ping/pong/close frames (not even in DevTools), so the server tells its own client about them.
 */
class ControlFrameReporter {
  /** Send times of pings not yet answered, oldest first: pongs answer pings in order (RFC 6455 §5.5.3). */
  readonly #pendingPings: number[] = [];
  #enabled = false;
  readonly #onPong = (data: Buffer) => {
    const sentAt = this.#pendingPings.shift();
    const at = this.now();
    this.#report({
      kind: "pong",
      direction: "to_server",
      at,
      bytes: data.length,
      ...(sentAt !== undefined && { rttMs: at - sentAt }),
    });
  };
  // ws answers a client's ping by itself; both frames are reported.
  readonly #onPing = (data: Buffer) => {
    const at = this.now();
    this.#report({ kind: "ping", direction: "to_server", at, bytes: data.length });
    this.#report({ kind: "pong", direction: "to_client", at, bytes: data.length });
  };

  constructor(
    private readonly conn: ReportedConnection,
    private readonly now: () => number,
  ) {}

  get enabled(): boolean {
    return this.#enabled;
  }

  enable(): void {
    if (this.#enabled) return;
    this.#enabled = true;
    this.conn.ws.on("pong", this.#onPong);
    this.conn.ws.on("ping", this.#onPing);
  }

  disable(): void {
    if (!this.#enabled) return;
    this.#enabled = false;
    this.#pendingPings.length = 0;
    this.conn.ws.off("pong", this.#onPong);
    this.conn.ws.off("ping", this.#onPing);
  }

  pingSent(): void {
    if (!this.#enabled) return;
    const at = this.now();
    this.#pendingPings.push(at);
    this.#report({ kind: "ping", direction: "to_client", at, bytes: 0 });
  }

  closing(code: number, reason: string): void {
    if (!this.#enabled) return;
    const bytes = 2 + Buffer.byteLength(reason);
    this.#report({ kind: "close", direction: "to_client", at: this.now(), bytes, code, reason });
  }

  #report(frame: Omit<ControlMessage, "type">): void {
    // Not `conn.closed`: a close is reported after the connection is marked closing; `send` itself
    // writes only while the socket is open.
    this.conn.send({ type: "control", ...frame });
  }
}

const reporters = new WeakMap<ReportedConnection, ControlFrameReporter>();

/** The connection's reporter, created (disabled) on first use. */
export function controlFramesOf(
  conn: ReportedConnection,
  now: () => number = Date.now,
): ControlFrameReporter {
  let reporter = reporters.get(conn);
  if (!reporter) {
    reporter = new ControlFrameReporter(conn, now);
    reporters.set(conn, reporter);
  }
  return reporter;
}

/** Call right after a ws-level ping was sent on `conn`. Nothing happens unless it is inspected. */
export function notePingSent(conn: ReportedConnection): void {
  reporters.get(conn)?.pingSent();
}

/** Call right before the server sends a close frame on `conn` (no data frame may follow it). */
export function noteClosing(conn: ReportedConnection, code: number, reason: string): void {
  reporters.get(conn)?.closing(code, reason);
}

export type { ControlFrameReporter };
