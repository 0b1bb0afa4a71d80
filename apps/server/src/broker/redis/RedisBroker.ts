import { Redis, type RedisOptions } from "ioredis";
import { retryStrategy, sheddingRedis } from "./redisConnection.js";
import type { Logger } from "../../logger.js";
import type { Broker, BrokerCounters, BrokerHandler, Unsubscribe } from "../Broker.js";

export interface RedisBrokerOptions {
  /** `redis://host:port[/db]`. */
  url: string;
  log: Logger;
  /** Channel names are prefixed with this, so several deployments can share one Redis. @default "dx:" */
  prefix?: string;
  /** A channel with no local handler left is unsubscribed after this delay (a rejoin reuses it). @default 5000 */
  unsubscribeDelayMs?: number;
  /** Publishes awaiting Redis's reply beyond this are dropped and counted, bounding memory. @default 10000 */
  maxInFlight?: number;
  /** How long `subscribe` waits for Redis before resolving anyway (it completes on reconnect). @default 1000 */
  subscribeWaitMs?: number;
  /** Extra ioredis options (tests shorten the reconnect backoff). */
  redis?: RedisOptions;
}

/** What the broker counts, for logs and `/metrics`. */
export type RedisBrokerCounters = BrokerCounters;

// Reconnect quickly at first, never slower than once a second: Redis is a local, ephemeral service.

/**
 * Fan-out between nodes over Redis pub/sub. One subscriber connection per node holds one Redis channel
 * per channel with a local handler; a separate publisher connection has no offline queue, so an outage
 * makes publishes fail fast (logged, counted) instead of growing the heap. Publishes never wait for
 * Redis's reply: the caller (the send path, after its ack) is never blocked by Redis.
 *
 * Pub/sub is at-most-once: on reconnect, `onReset` listeners run once the subscriptions are back, so
 * they can read what they missed from the store.
 */
export class RedisBroker implements Broker {
  readonly losesPayloads = true;
  readonly counters: RedisBrokerCounters = {
    published: 0,
    publishFailures: 0,
    received: 0,
    resets: 0,
  };
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #log: Logger;
  readonly #prefix: string;
  readonly #unsubscribeDelayMs: number;
  readonly #maxInFlight: number;
  readonly #subscribeWaitMs: number;
  readonly #handlers = new Map<string, Set<BrokerHandler>>();
  readonly #unsubscribeTimers = new Map<string, NodeJS.Timeout>();
  readonly #resetListeners = new Set<() => void>();
  #inFlight = 0;
  #wasDisconnected = false;
  #closed = false;
  #lastFailureLog = 0;

  constructor(options: RedisBrokerOptions) {
    this.#log = options.log;
    this.#prefix = options.prefix ?? "dx:";
    this.#unsubscribeDelayMs = options.unsubscribeDelayMs ?? 5_000;
    this.#maxInFlight = options.maxInFlight ?? 10_000;
    this.#subscribeWaitMs = options.subscribeWaitMs ?? 1_000;
    this.#pub = sheddingRedis(options.url, {
      name: "duplex-pub",
      what: "publisher",
      log: this.#log,
      ...(options.redis && { redis: options.redis }),
    });
    // The subscriber keeps its (small, bounded by channels) offline queue: a subscribe issued during an
    // outage is sent on reconnect, and ioredis re-subscribes the rest itself.
    this.#sub = new Redis(options.url, {
      retryStrategy,
      ...options.redis,
      maxRetriesPerRequest: null,
      connectionName: "duplex-sub",
    });
    this.#sub.on("error", (err: Error) =>
      this.#log.debug({ err: err.message }, "redis subscriber error"),
    );
    this.#sub.on("close", () => {
      this.#wasDisconnected = true;
    });
    this.#sub.on("ready", () => void this.#afterReady());
    this.#sub.on("message", (channel: string, payload: string) => this.#dispatch(channel, payload));
  }

  /** Resolves once both connections are up (tests and start-up use it to fail early). */
  async connected(timeoutMs = 5_000): Promise<void> {
    const ready = (client: Redis) =>
      client.status === "ready"
        ? Promise.resolve()
        : new Promise<void>((resolve) => client.once("ready", () => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis not reachable within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all([ready(this.#pub), ready(this.#sub)]), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  isReady(): boolean {
    return !this.#closed && this.#pub.status === "ready" && this.#sub.status === "ready";
  }

  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  async publish(channel: string, payload: string): Promise<void> {
    if (this.#closed) return;
    if (this.#inFlight >= this.#maxInFlight) {
      this.#failed(new Error("too many publishes in flight"), channel);
      return;
    }
    this.#inFlight++;
    this.#pub.publish(this.#prefix + channel, payload).then(
      () => {
        this.#inFlight--;
        this.counters.published++;
      },
      (err: unknown) => {
        this.#inFlight--;
        this.#failed(err, channel);
      },
    );
  }

  async subscribe(channel: string, handler: BrokerHandler): Promise<Unsubscribe> {
    const key = this.#prefix + channel;
    let handlers = this.#handlers.get(key);
    const entry: BrokerHandler = (payload) => handler(payload);
    if (handlers) {
      handlers.add(entry);
      this.#cancelUnsubscribe(key);
    } else {
      handlers = new Set([entry]);
      this.#handlers.set(key, handlers);
      if (!this.#unsubscribeTimers.has(key)) await this.#redisSubscribe(key);
      this.#cancelUnsubscribe(key);
    }
    return async () => {
      const set = this.#handlers.get(key);
      if (!set?.delete(entry) || set.size > 0) return;
      this.#handlers.delete(key);
      this.#scheduleUnsubscribe(key);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#unsubscribeTimers.values()) clearTimeout(timer);
    this.#unsubscribeTimers.clear();
    this.#handlers.clear();
    this.#resetListeners.clear();
    await Promise.all([quit(this.#pub), quit(this.#sub)]);
  }

  // During an outage the SUBSCRIBE waits in the subscriber's queue until Redis is back; a join must not
  // wait that long, and the reset listeners catch up once it is through.
  async #redisSubscribe(key: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const subscribed = this.#sub.subscribe(key).then(
      () => undefined,
      (err: unknown) => this.#log.warn({ err, channel: key }, "redis subscribe failed"),
    );
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#subscribeWaitMs);
    });
    await Promise.race([subscribed, waited]);
    clearTimeout(timer);
  }

  #dispatch(key: string, payload: string): void {
    const handlers = this.#handlers.get(key);
    if (!handlers) return;
    this.counters.received++;
    for (const handler of [...handlers]) {
      try {
        handler(payload);
      } catch (err) {
        this.#log.error({ err, channel: key }, "broker handler failed");
      }
    }
  }

  async #afterReady(): Promise<void> {
    if (!this.#wasDisconnected || this.#closed) return;
    this.#wasDisconnected = false;
    // ioredis re-sent SUBSCRIBE on reconnect; a PING on the same connection answers after them, so
    // listeners that read the store now cannot miss a payload published after the re-subscribe.
    try {
      await this.#sub.ping();
    } catch {
      return; // lost again: the next "ready" retries
    }
    this.counters.resets++;
    this.#log.warn({ channels: this.#handlers.size }, "redis subscriber reconnected; catching up");
    for (const listener of [...this.#resetListeners]) listener();
  }

  #failed(err: unknown, channel: string): void {
    this.counters.publishFailures++;
    // An outage fails every publish: log at most once a second.
    const now = Date.now();
    if (now - this.#lastFailureLog < 1_000) return;
    this.#lastFailureLog = now;
    this.#log.warn(
      {
        err: err instanceof Error ? err.message : String(err),
        channel,
        failures: this.counters.publishFailures,
      },
      "redis publish failed",
    );
  }

  #scheduleUnsubscribe(key: string): void {
    const unsubscribe = () => {
      this.#unsubscribeTimers.delete(key);
      if (this.#handlers.has(key) || this.#closed) return;
      this.#sub.unsubscribe(key).catch((err: unknown) => {
        this.#log.debug({ err, channel: key }, "redis unsubscribe failed");
      });
    };
    if (this.#unsubscribeDelayMs <= 0) return unsubscribe();
    const timer = setTimeout(unsubscribe, this.#unsubscribeDelayMs);
    timer.unref();
    this.#unsubscribeTimers.set(key, timer);
  }

  #cancelUnsubscribe(key: string): void {
    const timer = this.#unsubscribeTimers.get(key);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#unsubscribeTimers.delete(key);
  }
}

async function quit(client: Redis): Promise<void> {
  if (client.status === "end") return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
