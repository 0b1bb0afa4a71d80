import type { Socket } from "node:net";
import type { WebSocket } from "ws";
import { TestClient } from "../helpers.js";

/** The `p`th percentile of `values` (nearest rank), NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** The TCP socket under a ws client; pausing it stops reading, as a stalled tab would. */
export function rawSocket(ws: WebSocket): Socket {
  return (ws as unknown as { _socket: Socket })._socket;
}

/**
 * A signed-in `/ws` user pinging in a loop while an attack runs: its round trips are the figure
 * "a bystander's ping p99" (recorded, not asserted), and `stop()` proves the connection still works.
 */
export class Bystander {
  readonly latencies: number[] = [];
  #running = true;
  #loop: Promise<void> = Promise.resolve();
  #failure: unknown;

  private constructor(readonly client: TestClient) {}

  static async start(url: string, name = "Bystander"): Promise<Bystander> {
    const { client } = await TestClient.hello(url, { name });
    const bystander = new Bystander(client);
    bystander.#loop = bystander.#run().catch((err: unknown) => {
      bystander.#failure = err;
    });
    return bystander;
  }

  async #run(): Promise<void> {
    for (let i = 0; this.#running; i += 1) {
      const started = performance.now();
      // A generous timeout: a stalled server is a figure to record, not a crash of the test.
      this.client.send({ type: "ping", t: i });
      await this.client.waitFor("pong", (m) => m.t === i, 60_000);
      this.latencies.push(performance.now() - started);
    }
  }

  /** Stops pinging; rejects if a ping was lost or the socket closed. */
  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
    if (this.#failure !== undefined) throw this.#failure;
    await this.client.roundTrip();
  }

  get p99(): number {
    return percentile(this.latencies, 99);
  }

  [Symbol.dispose](): void {
    this.#running = false;
    this.client.close();
  }
}

/** Samples this process's RSS every 50 ms; `peakGrowth` is the largest rise over the start. */
export class RssSampler {
  readonly start = process.memoryUsage().rss;
  peak = this.start;
  readonly #timer = setInterval(() => {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }, 50);

  stop(): void {
    clearInterval(this.#timer);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }

  get peakGrowth(): number {
    return this.peak - this.start;
  }

  [Symbol.dispose](): void {
    this.stop();
  }
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
