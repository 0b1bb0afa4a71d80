import { CHUNK_HEADER_BYTES, CloseCode, SUBPROTOCOL, encode } from "@duplex/protocol";
import { decodeServerFrame, loadServerDecoder } from "./lazyDecoder.js";
import { ToleratedFrames } from "./toleratedFrames.js";
import type { ClientMessage, ServerMessage } from "@duplex/protocol";
import type { ClientEvents, Timers, WebSocketConstructor, WebSocketLike } from "./types.js";

export interface TransportHandlers {
  open: () => void;
  message: (message: ServerMessage) => void;
  /** `opened`: whether this socket ever opened (false: the upgrade itself failed or was refused). */
  close: (code: number, reason: string, opened: boolean) => void;
  frame: ClientEvents["frame"];
}

/**
 * At most one socket at a time, speaking the protocol's codec. Each socket's callbacks capture its
 * generation; once the socket is detached (replaced, timed out, closed) they do nothing, so events
 * from orphaned sockets can never change the client's state (tldraw rule CW10).
 */
export class Transport {
  #socket: WebSocketLike | undefined;
  #generation = 0;
  /** What tolerant reading ignored in this client's frames, across its sockets. */
  readonly tolerated = new ToleratedFrames();

  constructor(
    private readonly WebSocket: WebSocketConstructor,
    private readonly url: string,
    private readonly timers: Timers,
    private readonly on: TransportHandlers,
  ) {
    void loadServerDecoder();
  }

  get attached(): boolean {
    return this.#socket !== undefined;
  }

  /** Opens a new socket offering the `duplex.v1` subprotocol. Throws if the URL is unusable. */
  open(): void {
    this.detach();
    this.#wire(new this.WebSocket(this.url, SUBPROTOCOL), false);
  }

  /**
   * Takes over `socket`, already open and greeted (an upgrade probe's): `hello` was written on it and
   * `welcome` is its first frame, handled now. Returns the socket it replaces, detached, to close.
   */
  adopt(socket: WebSocketLike, hello: string, welcome: string): WebSocketLike | undefined {
    const old = this.detach();
    this.#wire(socket, true);
    this.on.frame({ direction: "out", text: hello, type: "hello", at: this.timers.now() });
    this.#receive(welcome);
    return old;
  }

  #wire(socket: WebSocketLike, alreadyOpen: boolean): void {
    const generation = ++this.#generation;
    this.#socket = socket;
    let opened = alreadyOpen;
    socket.onopen = () => {
      if (generation !== this.#generation) return;
      opened = true;
      this.on.open();
    };
    socket.onmessage = (ev) => {
      if (generation === this.#generation && typeof ev.data === "string") this.#receive(ev.data);
    };
    socket.onclose = (ev) => {
      if (generation !== this.#generation) return;
      this.detach();
      this.#reportClose("in", ev.code, ev.reason);
      this.on.close(ev.code, ev.reason, opened);
    };
    socket.onerror = () => undefined; // `close` always follows and carries the code
  }

  write(message: ClientMessage): void {
    const socket = this.#socket;
    if (socket === undefined) return;
    const text = encode(message);
    socket.send(text);
    this.on.frame({ direction: "out", text, type: message.type, at: this.timers.now() });
  }

  /** Sends one binary frame (an upload chunk); the inspector sees its size and header cost. */
  writeBinary(frame: Uint8Array): void {
    const socket = this.#socket;
    if (socket === undefined) return;
    socket.send(frame);
    this.on.frame({
      direction: "out",
      text: "",
      type: "binary",
      at: this.timers.now(),
      bytes: frame.byteLength,
      headerBytes: CHUNK_HEADER_BYTES,
    });
  }

  /** The socket's queued bytes (0 when none is attached). */
  get bufferedAmount(): number {
    return this.#socket?.bufferedAmount ?? 0;
  }

  /** Abandons the current socket without closing it: its late callbacks become ghosts. */
  detach(): WebSocketLike | undefined {
    this.#generation += 1;
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket !== undefined) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      // Node's `ws` emits an error when a socket still connecting is closed; unheard, it would throw.
      socket.onerror = () => undefined;
    }
    return socket;
  }

  close(code: number, reason: string): void {
    const socket = this.detach();
    if (socket === undefined) return;
    this.#reportClose("out", code, reason);
    // The peer's answering close frame, for the inspector only: the socket is detached, so this
    // callback reports a frame and can change no state.
    socket.onclose = (ev) => this.#reportClose("in", ev.code, ev.reason);
    socket.close(code, reason);
  }

  /** Drops a dead link at once: `ws` would wait 30 s for a close handshake that will never come. */
  terminate(): void {
    const socket = this.detach() as (WebSocketLike & { terminate?: () => void }) | undefined;
    if (typeof socket?.terminate === "function") socket.terminate();
    else socket?.close(CloseCode.Normal, "heartbeat timeout");
  }

  #reportClose(direction: "in" | "out", code: number, reason: string): void {
    this.on.frame({ direction, text: reason, type: "close", code, reason, at: this.timers.now() });
  }

  #receive(text: string): void {
    const decoded = decodeServerFrame(text);
    const type = decoded.ok ? decoded.value.type : "invalid";
    this.on.frame({ direction: "in", text, type, at: this.timers.now() });
    if (this.tolerated.note(decoded) && decoded.ok) this.on.message(decoded.value);
  }
}
