import { encode, type Topic } from "@duplex/protocol";
import type { Peer } from "../../connection/Peer.js";
import type { Logger } from "../../logger.js";
import type { StatsSource } from "./StatsSource.js";

/** @default 1000 */
export const STATS_INTERVAL_MS = 1_000;

/**
 * The `stats` topic: while anyone is subscribed, samples once per interval, encodes the `data` frame
 * once and hands it to every subscriber as volatile (dropped for a congested socket: a newer sample
 * follows anyway). No subscriber, no timer and no measuring.
 */
export class StatsTicker {
  readonly topic: Topic = "stats";
  readonly #subscribers = new Set<Peer>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: StatsSource,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly intervalMs = STATS_INTERVAL_MS,
  ) {}

  get running(): boolean {
    return this.#timer !== undefined;
  }

  async subscribe(conn: Peer): Promise<void> {
    this.#subscribers.add(conn);
    if (this.#timer) return;
    // The timer is set before any await, so two concurrent first subscribers start one ticker.
    this.#timer = setInterval(() => void this.#tick(), this.intervalMs);
    this.#timer.unref();
    await this.source.start();
  }

  async unsubscribe(conn: Peer): Promise<void> {
    this.#subscribers.delete(conn);
    if (this.#subscribers.size === 0) await this.#stopTimer();
  }

  /** Stops the ticker for good (server shutdown). */
  async close(): Promise<void> {
    this.#subscribers.clear();
    await this.#stopTimer();
  }

  async #stopTimer(): Promise<void> {
    if (!this.#timer) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.source.stop();
  }

  async #tick(): Promise<void> {
    // A closed socket unsubscribes itself here: the close path needs no hook into this module.
    for (const conn of this.#subscribers) if (conn.closed) this.#subscribers.delete(conn);
    if (this.#subscribers.size === 0) return this.#stopTimer();
    try {
      const value = await this.source.sample();
      const frame = encode({ type: "data", topic: this.topic, ts: this.now(), value });
      for (const conn of this.#subscribers) conn.sendVolatile(frame);
    } catch (err) {
      this.log.error({ err }, "stats sample failed");
    }
  }
}
