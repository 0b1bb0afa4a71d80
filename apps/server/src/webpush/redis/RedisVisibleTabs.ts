import type { Redis, RedisOptions } from "ioredis";
import { sheddingRedis } from "../../broker/redis/redisConnection.js";
import type { Logger } from "../../logger.js";
import { MemoryVisibleTabs, type VisibleTabs } from "../VisibleTabs.js";

export interface RedisVisibleTabsOptions {
  url: string;
  log: Logger;
  /** A visible socket whose node stopped refreshing it counts as gone after this. @default 15000 */
  ttlMs?: number;
  /** Key prefix, so deployments (and tests) can share one Redis. @default "dx:v:" */
  prefix?: string;
  redis?: RedisOptions;
}

// Deadlines are read from Redis's clock (TIME), so the nodes' clocks need not agree.
const NOW = `local t = redis.call('TIME'); local now = t[1] * 1000 + math.floor(t[2] / 1000)`;
const SHOW = `${NOW}
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[i - 1], now + tonumber(ARGV[1]), ARGV[i])
  redis.call('PEXPIRE', KEYS[i - 1], ARGV[1])
end
return 1`;
const ANY = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])`;

/**
 * {@link VisibleTabs} across nodes: a sorted set per user of visible socket ids scored by a deadline.
 * Each node re-registers its visible sockets every ttl/3, so a node that died stops counting once
 * its deadlines pass (its users then get pushes, as they should: nobody is looking). While Redis is
 * unreachable a node answers from its own sockets.
 */
export class RedisVisibleTabs implements VisibleTabs {
  readonly #redis: Redis;
  readonly #local = new MemoryVisibleTabs();
  readonly #log: Logger;
  readonly #ttlMs: number;
  readonly #prefix: string;
  readonly #timer: NodeJS.Timeout;

  constructor(options: RedisVisibleTabsOptions) {
    this.#log = options.log;
    this.#ttlMs = options.ttlMs ?? 15_000;
    this.#prefix = options.prefix ?? "dx:v:";
    this.#redis = sheddingRedis(options.url, {
      name: "duplex-visibility",
      what: "visibility",
      log: this.#log,
      ...(options.redis && { redis: options.redis }),
    });
    this.#timer = setInterval(() => void this.#refresh(), Math.max(10, this.#ttlMs / 3));
    this.#timer.unref();
  }

  #key(userId: string): string {
    return `${this.#prefix}${userId}`;
  }

  async set(userId: string, connId: string, visible: boolean): Promise<void> {
    this.#local.setLocal(userId, connId, visible);
    try {
      if (visible) await this.#redis.eval(SHOW, 1, this.#key(userId), this.#ttlMs, connId);
      else await this.#redis.zrem(this.#key(userId), connId);
    } catch (err) {
      this.#log.debug({ err: (err as Error).message }, "visibility not shared");
    }
  }

  async remove(userId: string, connId: string): Promise<void> {
    await this.set(userId, connId, false);
  }

  async anyVisible(userId: string): Promise<boolean> {
    if (this.#local.hasLocal(userId)) return true;
    try {
      return Number(await this.#redis.eval(ANY, 1, this.#key(userId))) > 0;
    } catch (err) {
      this.#log.debug({ err: (err as Error).message }, "visibility unknown: this node only");
      return false;
    }
  }

  /** Resolves once connected to Redis; rejects after `timeoutMs`. */
  async connected(timeoutMs = 5_000): Promise<void> {
    if (this.#redis.status === "ready") return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error("Redis not reachable")), timeoutMs);
        this.#redis.once("ready", () => resolve());
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    const entries = [...this.#local.entries()];
    if (entries.length > 0 && this.#redis.status === "ready") {
      const pipeline = this.#redis.pipeline();
      for (const [userId, connId] of entries) pipeline.zrem(this.#key(userId), connId);
      await pipeline.exec().catch(() => undefined);
    }
    await this.#local.close();
    this.#redis.disconnect();
  }

  async #refresh(): Promise<void> {
    if (this.#redis.status !== "ready") return;
    const entries = [...this.#local.entries()];
    // Batches keep each script short: Redis runs one at a time.
    for (let i = 0; i < entries.length; i += 500) {
      const batch = entries.slice(i, i + 500);
      await this.#redis
        .eval(
          SHOW,
          batch.length,
          ...batch.map(([userId]) => this.#key(userId)),
          this.#ttlMs,
          ...batch.map(([, connId]) => connId),
        )
        .catch((err: unknown) =>
          this.#log.debug({ err: (err as Error).message }, "visibility refresh failed"),
        );
    }
  }
}
