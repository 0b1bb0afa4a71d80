import { SUBPROTOCOL } from "@duplex/protocol";
import type { Timers, WebSocketConstructor, WebSocketLike } from "./types.js";

export interface UpgradeProbeOptions {
  /** The real WebSocket (not the auto link): the probe must not fall back to SSE itself. */
  WebSocket: WebSocketConstructor;
  url: string;
  timers: Timers;
  /** First probe this long after the connection settles on SSE; doubled after each failure. */
  initialMs: number;
  maxMs: number;
  /** A probe with no `welcome` this long after it started has failed. */
  timeoutMs: number;
  /** The `hello` to send (with the session's token), encoded; undefined: nothing to resume yet. */
  hello: () => string | undefined;
  /** A probe was welcomed: the socket (open, hello'd) and the welcome frame, to take over the link. */
  onUpgrade: (socket: WebSocketLike, hello: string, welcome: string) => void;
}

/** Probing WebSocket again, by default 30 s after falling back, then backing off to 5 min. */
export const DEFAULT_UPGRADE_PROBE = { initialMs: 30_000, maxMs: 300_000 };

/**
 * While the connection rides SSE + POST, tries WebSocket again now and then (a network that blocked
 * it may have changed: another Wi-Fi, a VPN off). A probe is a real WebSocket that says `hello`
 * with the session's token: only a `welcome` proves frames pass both ways (a proxy may pass the
 * upgrade and then nothing). The welcomed socket is handed over, and the client resumes its rooms
 * on it by `seq` as after a reconnect. The delay grows after each failure and is kept across
 * stops, so a flapping network is not probed more often.
 */
export class UpgradeProber {
  #delayMs: number;
  #timer: unknown;
  #socket: WebSocketLike | undefined;
  #running = false;

  constructor(private readonly o: UpgradeProbeOptions) {
    this.#delayMs = o.initialMs;
  }

  get probing(): boolean {
    return this.#socket !== undefined;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  stop(): void {
    this.#running = false;
    this.o.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abandon();
  }

  /** After an upgrade: the next fallback starts from the first delay again. */
  reset(): void {
    this.#delayMs = this.o.initialMs;
  }

  #schedule(): void {
    this.o.timers.clearTimeout(this.#timer);
    this.#timer = this.o.timers.setTimeout(() => this.#probe(), this.#delayMs);
  }

  #probe(): void {
    this.#timer = undefined;
    const hello = this.o.hello();
    if (!this.#running) return;
    if (hello === undefined) return this.#failed();
    let socket: WebSocketLike;
    try {
      socket = new this.o.WebSocket(this.o.url, SUBPROTOCOL);
    } catch {
      return this.#failed();
    }
    this.#socket = socket;
    const deadline = this.o.timers.setTimeout(() => this.#failed(), this.o.timeoutMs);
    const done = () => this.o.timers.clearTimeout(deadline);
    socket.onopen = () => socket.send(hello);
    socket.onmessage = (ev) => {
      done();
      const text = typeof ev.data === "string" ? ev.data : "";
      if (!isWelcome(text)) return this.#failed();
      this.#socket = undefined;
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.onerror = () => undefined;
      this.#delayMs = this.o.initialMs;
      this.#running = false;
      this.o.onUpgrade(socket, hello, text);
    };
    socket.onclose = () => {
      done();
      if (this.#socket === socket) this.#failed();
    };
    // `ws` emits an error before its close; unheard, it would throw.
    socket.onerror = () => undefined;
  }

  #failed(): void {
    this.#abandon();
    this.#delayMs = Math.min(this.#delayMs * 2, this.o.maxMs);
    if (this.#running) this.#schedule();
  }

  #abandon(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket === undefined) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.onerror = () => undefined;
    if (socket.readyState <= 1) socket.close(1000, "probe over");
  }
}

function isWelcome(text: string): boolean {
  try {
    return (JSON.parse(text) as { type?: unknown }).type === "welcome";
  } catch {
    return false;
  }
}
