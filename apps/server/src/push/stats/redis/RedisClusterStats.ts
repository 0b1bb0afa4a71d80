import { StatsSample } from "@duplex/protocol";
import type { Redis, RedisOptions } from "ioredis";
import { sheddingRedis } from "../../../broker/redis/redisConnection.js";
import type { Logger } from "../../../logger.js";
import type { ClusterStats, StatsSource } from "../StatsSource.js";

export interface RedisClusterStatsOptions {
  url: string;
  /** This node's name: its sample's key. */
  nodeId: string;
  /** What this node measures of itself (started for the life of this source). */
  local: StatsSource;
  log: Logger;
  /** How often this node publishes its sample. @default 1000 */
  intervalMs?: number;
  /** A node whose sample is older than this has dropped out of the sum. @default 3000 */
  ttlMs?: number;
  /** Key prefix, so deployments (and tests) can share one Redis. @default "dx:s:" */
  prefix?: string;
  /** Extra ioredis options. */
  redis?: RedisOptions;
}

/** Sums counts and sizes; the lag of the slowest node is the one worth seeing. */
export function sumSamples(samples: readonly StatsSample[]): StatsSample {
  let sum: StatsSample = {
    connections: 0,
    messagesPerSecond: 0,
    eventLoopLagMs: 0,
    rssBytes: 0,
    heapUsedBytes: 0,
  };
  for (const s of samples) {
    sum = {
      connections: sum.connections + s.connections,
      messagesPerSecond: sum.messagesPerSecond + s.messagesPerSecond,
      eventLoopLagMs: Math.max(sum.eventLoopLagMs, s.eventLoopLagMs),
      rssBytes: sum.rssBytes + s.rssBytes,
      heapUsedBytes: sum.heapUsedBytes + s.heapUsedBytes,
    };
  }
  return { ...sum, messagesPerSecond: Math.round(sum.messagesPerSecond * 100) / 100 };
}

/**
 * The stats of every live node. Each node publishes its own sample every interval to a key
 * with a TTL (`SET … PX`), whether or not anyone here is subscribed — a subscriber on another node needs
 * it. A reader sums its own latest sample with every other node's live key, so a crashed node drops out
 * when its key expires and a stopped one at once (it deletes its key). TTLs, not timestamps, so the
 * nodes' clocks need not agree. While Redis is unreachable the sum is this node's alone.
 */
export class RedisClusterStats implements ClusterStats {
  readonly #redis: Redis;
  readonly #opts: Required<Omit<RedisClusterStatsOptions, "redis">>;
  readonly #timer: NodeJS.Timeout;
  #latest: StatsSample | undefined;
  #closed = false;

  constructor(options: RedisClusterStatsOptions) {
    this.#opts = { intervalMs: 1_000, ttlMs: 3_000, prefix: "dx:s:", ...options };
    // A Redis outage must not queue samples in the heap: a newer one follows anyway.
    this.#redis = sheddingRedis(options.url, {
      name: "duplex-stats",
      what: "stats",
      log: this.#opts.log,
      ...(options.redis && { redis: options.redis }),
    });
    void this.#opts.local.start();
    this.#timer = setInterval(() => void this.#publish(), this.#opts.intervalMs);
    this.#timer.unref();
  }

  get #nodesKey(): string {
    return `${this.#opts.prefix}nodes`;
  }

  #keyOf(nodeId: string): string {
    return `${this.#opts.prefix}node:${nodeId}`;
  }

  /** Measuring runs for the life of this source, not only while someone here is subscribed. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async sample(): Promise<StatsSample> {
    const own = this.#latest ?? (await this.#publish());
    return sumSamples([own, ...(await this.#others())]);
  }

  /** Measures this node and publishes the sample (errors logged: the next tick tries again). */
  async #publish(): Promise<StatsSample> {
    const sample = await this.#opts.local.sample();
    this.#latest = sample;
    if (this.#closed) return sample;
    try {
      await this.#redis
        .multi()
        .set(this.#keyOf(this.#opts.nodeId), JSON.stringify(sample), "PX", this.#opts.ttlMs)
        .sadd(this.#nodesKey, this.#opts.nodeId)
        .exec();
    } catch (err) {
      this.#opts.log.debug({ err }, "stats publish failed");
    }
    return sample;
  }

  async #others(): Promise<StatsSample[]> {
    try {
      const ids = (await this.#redis.smembers(this.#nodesKey)).filter(
        (id) => id !== this.#opts.nodeId,
      );
      if (ids.length === 0) return [];
      const values = await this.#redis.mget(ids.map((id) => this.#keyOf(id)));
      const out: StatsSample[] = [];
      const gone: string[] = [];
      values.forEach((value, i) => {
        const parsed = value === null ? undefined : parseSample(value);
        if (parsed) out.push(parsed);
        else if (value === null) gone.push(ids[i]!);
      });
      // Expired nodes leave the set, so it stays as small as the live cluster.
      if (gone.length > 0) await this.#redis.srem(this.#nodesKey, ...gone);
      return out;
    } catch (err) {
      this.#opts.log.debug({ err }, "stats read failed: showing this node only");
      return [];
    }
  }

  /** Stops publishing and removes this node's sample, so the sum drops at once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#opts.local.stop();
    try {
      await this.#redis
        .multi()
        .del(this.#keyOf(this.#opts.nodeId))
        .srem(this.#nodesKey, this.#opts.nodeId)
        .exec();
    } catch (err) {
      this.#opts.log.debug({ err }, "stats key removal failed: it expires by itself");
    }
    this.#redis.disconnect();
  }
}

function parseSample(text: string): StatsSample | undefined {
  try {
    const result = StatsSample.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** The `clusterStats` factory `startPush` takes: this node's sample summed with its peers' over Redis. */
export function redisClusterStats(
  url: string,
  nodeId: string,
): (local: StatsSource, log: Logger) => ClusterStats {
  return (local, log) => new RedisClusterStats({ url, nodeId, local, log });
}
