import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { StatsSample } from "@duplex/protocol";
import type { MessageRate } from "./MessageRate.js";

/**
 * Where the stats ticker's samples come from. One node measures itself ({@link LocalStats}); a
 * multi-node version sums the nodes' samples behind the same interface.
 */
export interface StatsSource {
  /** Begins measuring (called when the first subscriber arrives). */
  start(): Promise<void>;
  sample(): Promise<StatsSample>;
  /** Stops measuring (called when the last subscriber leaves). */
  stop(): Promise<void>;
}

/** A source summing several nodes: it holds a connection of its own, closed with the server. */
export interface ClusterStats extends StatsSource {
  close(): Promise<void>;
}

/** This process: open sockets, messages stored per second, event-loop lag, memory. */
export class LocalStats implements StatsSource {
  #lag: IntervalHistogram | undefined;

  constructor(
    private readonly connections: () => number,
    private readonly rate: MessageRate,
  ) {}

  async start(): Promise<void> {
    if (this.#lag) return;
    this.rate.reset();
    this.#lag = monitorEventLoopDelay({ resolution: 10 });
    this.#lag.enable();
  }

  async sample(): Promise<StatsSample> {
    // The histogram's baseline includes the 10 ms resolution timer itself; report only the excess.
    let lagMs = 0;
    if (this.#lag && this.#lag.count > 0) {
      lagMs = Math.max(0, this.#lag.mean / 1e6 - 10);
      this.#lag.reset();
    }
    const memory = process.memoryUsage();
    return {
      connections: this.connections(),
      messagesPerSecond: this.rate.read(),
      eventLoopLagMs: Math.round(lagMs * 100) / 100,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    };
  }

  async stop(): Promise<void> {
    this.#lag?.disable();
    this.#lag = undefined;
  }
}
