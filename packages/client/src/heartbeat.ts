import type { Timers } from "./types.js";

export interface HeartbeatOptions {
  timers: Timers;
  intervalMs: number;
  timeoutMs: number;
  sendPing: (t: number) => void;
  /** No `pong` within `timeoutMs`: the link is dead even if the socket still looks open. */
  onDead: () => void;
  onRtt: (ms: number) => void;
  /**
   * Quick probes after the first, this far apart, before settling on `intervalMs`: the first sample
   * is taken while the page is still starting up and can be many times the real round trip.
   * @default { count: 2, delayMs: 1000 }
   */
  warmup?: { count: number; delayMs: number };
}

const DEFAULT_WARMUP = { count: 2, delayMs: 1000 };

/**
 * Application-level ping/pong. Browsers cannot send WebSocket ping frames, and a half-open TCP link
 * (peer vanished, NAT dropped the mapping) never fires `close` by itself, so the client probes: a ping
 * every interval, and a missing pong within the timeout declares the link dead. Worst-case detection
 * is interval + timeout after the last answered ping.
 */
export class Heartbeat {
  #pingTimer: unknown;
  #pongTimer: unknown;
  #outstanding: number | undefined;
  #running = false;
  #samples = 0;

  constructor(private readonly options: HeartbeatOptions) {}

  /** Starts probing with an immediate ping, so the round-trip time is known right after connecting. */
  start(): void {
    this.stop();
    this.#running = true;
    this.#samples = 0;
    this.#ping();
  }

  stop(): void {
    this.#running = false;
    const { timers } = this.options;
    if (this.#pingTimer !== undefined) timers.clearTimeout(this.#pingTimer);
    if (this.#pongTimer !== undefined) timers.clearTimeout(this.#pongTimer);
    this.#pingTimer = undefined;
    this.#pongTimer = undefined;
    this.#outstanding = undefined;
  }

  /** A `pong` arrived; only the answer to the outstanding ping counts. */
  onPong(t: number): void {
    if (!this.#running || t !== this.#outstanding) return;
    const { timers } = this.options;
    if (this.#pongTimer !== undefined) timers.clearTimeout(this.#pongTimer);
    this.#pongTimer = undefined;
    this.#outstanding = undefined;
    this.options.onRtt(Math.max(0, timers.now() - t));
    this.#samples += 1;
    this.#schedulePing();
  }

  #schedulePing(): void {
    const { timers, intervalMs, warmup = DEFAULT_WARMUP } = this.options;
    const delay = this.#samples <= warmup.count ? Math.min(warmup.delayMs, intervalMs) : intervalMs;
    this.#pingTimer = timers.setTimeout(() => this.#ping(), delay);
  }

  #ping(): void {
    const { timers, timeoutMs } = this.options;
    this.#pingTimer = undefined;
    const t = timers.now();
    this.#outstanding = t;
    this.#pongTimer = timers.setTimeout(() => {
      this.#pongTimer = undefined;
      if (!this.#running) return;
      this.stop();
      this.options.onDead();
    }, timeoutMs);
    this.options.sendPing(t);
  }
}
