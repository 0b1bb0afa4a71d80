import { SUBPROTOCOL, decodeClientMessage, encode } from "@duplex/protocol";
import type { ClientMessage, ServerMessage, User } from "@duplex/protocol";
import type { WebSocketLike } from "./types.js";

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** What a socket tells the fake server behind it (kept narrow so the two files do not import each other). */
export interface FakeSocketHost {
  onClientFrame(socket: FakeSocket, message: ClientMessage): void;
  onBinary: ((socket: FakeSocket, frame: Uint8Array) => void) | undefined;
  forget(socket: FakeSocket): void;
}

/**
 * One side of an in-process socket pair: the client holds it as its `WebSocket`; the test drives the
 * server side (`accept`, `push`, `serverClose`, `drop`). Events are delivered on a microtask, like a
 * real socket, so client code never re-enters itself.
 */
export class FakeSocket implements WebSocketLike {
  readyState = CONNECTING;
  protocol = "";
  bufferedAmount = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string; wasClean?: boolean }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  /** Frames the client sent, decoded. */
  readonly received: ClientMessage[] = [];
  /** Binary frames the client sent (copies). */
  readonly binary: Uint8Array[] = [];
  /** Whether the client called `close()` (and with what). */
  closedByClient: { code?: number; reason?: string } | undefined;
  /** Per-socket server state the fake peer keeps. */
  user: User | undefined;
  readonly rooms = new Set<string>();

  constructor(
    readonly url: string,
    readonly protocols: string | string[] | undefined,
    private readonly peer: FakeSocketHost,
  ) {}

  send(data: string | Uint8Array): void {
    if (this.readyState !== OPEN) throw new Error("FakeSocket: send while not open");
    if (typeof data !== "string") {
      this.binary.push(data.slice());
      this.peer.onBinary?.(this, data);
      return;
    }
    const decoded = decodeClientMessage(data);
    if (!decoded.ok) throw new Error(`FakeSocket: client sent an invalid frame: ${data}`);
    this.received.push(decoded.value);
    this.peer.onClientFrame(this, decoded.value);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= CLOSING) return;
    this.closedByClient = { code, reason };
    this.readyState = CLOSING;
    this.#later(() => this.#finish(code ?? 1005, reason ?? "", true));
  }

  // --- server side ---

  accept(protocol = SUBPROTOCOL): void {
    if (this.readyState !== CONNECTING) return;
    this.#later(() => {
      this.readyState = OPEN;
      this.protocol = protocol;
      this.onopen?.({});
    });
  }

  /** The server sends a message. */
  push(message: ServerMessage): void {
    this.pushRaw(encode(message));
  }

  pushRaw(text: string): void {
    this.#later(() => {
      if (this.readyState === OPEN) this.onmessage?.({ data: text });
    });
  }

  /** The server closes with a close frame. */
  serverClose(code: number, reason = ""): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSING;
    this.#later(() => this.#finish(code, reason, true));
  }

  /** The connection is cut without a close frame (1006). */
  drop(): void {
    if (this.readyState === CLOSED) return;
    this.#later(() => {
      this.onerror?.({});
      this.#finish(1006, "", false);
    });
  }

  #finish(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.peer.forget(this);
    this.onclose?.({ code, reason, wasClean });
  }

  #later(fn: () => void): void {
    queueMicrotask(fn);
  }
}
