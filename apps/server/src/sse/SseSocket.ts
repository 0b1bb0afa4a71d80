import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { WebSocket } from "ws";
import type { PeerSocket } from "../connection/PeerSocket.js";

/** One sent frame kept for a stream that reconnects with `Last-Event-ID`. */
interface Sent {
  id: number;
  text: string;
}

/** Kept for replay when nothing else bounds it (the slow-consumer bound is off). */
const DEFAULT_REPLAY_BYTES = 1024 * 1024;

/**
 * A client link over Server-Sent Events (server → client) and POSTs (client → server), shaped like a
 * `ws` socket so the connection code cannot tell them apart. Each frame is an event with an `id`; a
 * stream that drops and comes back with `Last-Event-ID` gets what it missed from a bounded replay
 * buffer, and the connection (session, rooms, presence) lives on meanwhile. A detached stream answers
 * no `ping`, so the heartbeat ends it after one or two intervals if it does not come back.
 */
export class SseSocket extends EventEmitter implements PeerSocket {
  #state: number = WebSocket.OPEN;
  #res: ServerResponse | undefined;
  #nextId = 1;
  #replay: Sent[] = [];
  #replayBytes = 0;
  // Bytes produced while no stream was attached: what a `ws` socket would have queued.
  #detachedBytes = 0;
  // Paused (readPause.ts): a POST's frames are taken, but its answer waits, and the client posts no
  // more until it has one: the link's backpressure, as TCP's is a socket's.
  #paused = false;
  #waitingToRead: (() => void)[] = [];

  constructor(
    readonly id: string,
    /** The capability that lets a request attach to or post to this link (never a user token). */
    readonly ticket: string,
    private readonly replayLimit = DEFAULT_REPLAY_BYTES,
  ) {
    super();
  }

  get readyState(): number {
    return this.#state;
  }

  get attached(): boolean {
    return this.#res !== undefined;
  }

  get bufferedAmount(): number {
    return this.#res ? this.#res.writableLength : this.#detachedBytes;
  }

  /**
   * Makes `res` the stream, replaying frames after `lastEventId`. Returns false (and closes the
   * link) when they are no longer kept: the client then resumes by the protocol (`seq`), as after a
   * lost socket. `preamble` (an event without an id) goes first, as the link's own description.
   */
  attach(res: ServerResponse, lastEventId: number, preamble = ""): boolean {
    if (this.#state !== WebSocket.OPEN) return false;
    const oldest = this.#replay[0]?.id ?? this.#nextId;
    if (lastEventId + 1 < oldest || lastEventId >= this.#nextId) {
      this.terminate();
      return false;
    }
    this.#res?.end();
    this.#res = res;
    this.#detachedBytes = 0;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      // nginx buffers proxied responses by default; a stream must pass each event at once.
      "x-accel-buffering": "no",
    });
    res.write(`: duplex\n\n${preamble}`);
    for (const sent of this.#replay) if (sent.id > lastEventId) res.write(sent.text);
    res.once("close", () => {
      if (this.#res === res) this.#res = undefined;
    });
    return true;
  }

  /** Holds the answer of the POST being handled, and so the client's next one, until `resume`. */
  pause(): void {
    if (this.#state === WebSocket.OPEN) this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    const waiting = this.#waitingToRead;
    this.#waitingToRead = [];
    for (const ready of waiting) ready();
  }

  /** Resolves once the link takes frames again: at once unless paused; a closed link resolves too. */
  reading(): Promise<void> {
    if (!this.#paused) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waitingToRead.push(resolve));
  }

  /** Frames a POST carried, in order: each one is a `message`, as a WebSocket text frame would be. */
  receive(frame: Buffer): void {
    if (this.#state === WebSocket.OPEN) this.emit("message", frame, false);
  }

  /**
   * One upload chunk a POST carried, as a binary frame of a socket would be. Resolves once the
   * connection has handled it (stored, or refused on the stream), so the POST is answered after it.
   */
  receiveChunk(frame: Buffer): Promise<boolean> {
    if (this.#state !== WebSocket.OPEN) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      // The listener settles it; without one (not yet accepted) nothing will.
      if (!this.emit("message", frame, true, resolve)) resolve(false);
    });
  }

  send(data: Buffer): void {
    if (this.#state !== WebSocket.OPEN) return;
    // Encoded frames are single-line JSON, so one `data:` line carries each.
    const text = `id: ${this.#nextId}\ndata: ${data.toString("utf8")}\n\n`;
    this.#keep({ id: this.#nextId, text });
    this.#nextId += 1;
    if (this.#res) this.#res.write(text);
    else this.#detachedBytes += text.length;
  }

  #keep(sent: Sent): void {
    this.#replay.push(sent);
    this.#replayBytes += sent.text.length;
    while (this.#replayBytes > this.replayLimit && this.#replay.length > 1) {
      const dropped = this.#replay.shift();
      this.#replayBytes -= dropped?.text.length ?? 0;
    }
  }

  ping(): void {
    const res = this.#res;
    if (res === undefined || this.#state !== WebSocket.OPEN) return;
    // A comment keeps proxies from timing the stream out; a stream that takes it is alive.
    res.write(":\n\n");
    setImmediate(() => {
      if (this.#res === res && !res.destroyed) this.emit("pong");
    });
  }

  /** The server's close: a `close` event carries the code and reason, then the stream ends. */
  close(code: number, reason: string): void {
    if (this.#state !== WebSocket.OPEN) return;
    this.#res?.write(`event: close\ndata: ${JSON.stringify({ code, reason })}\n\n`);
    this.#finish(code, reason);
  }

  /** The client's close (a POST), or the end of a link that can no longer be resumed. */
  closeFromPeer(code: number, reason: string): void {
    this.#finish(code, reason);
  }

  terminate(): void {
    this.#res?.destroy();
    this.#finish(1006, "");
  }

  #finish(code: number, reason: string): void {
    if (this.#state === WebSocket.CLOSED) return;
    this.#state = WebSocket.CLOSED;
    this.#res?.end();
    this.#res = undefined;
    this.#replay = [];
    this.#replayBytes = 0;
    this.resume();
    this.emit("close", code, Buffer.from(reason));
  }
}
