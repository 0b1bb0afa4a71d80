import type { Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { MemoryPresence } from "../../presence/MemoryPresence.js";
import type { Presence } from "../../presence/Presence.js";
import { RedisPresence } from "../../presence/redis/RedisPresence.js";
import type { Broker } from "../Broker.js";
import { InProcessBroker } from "../InProcessBroker.js";
import { RedisBroker } from "./RedisBroker.js";

/** The two seams a scale-out swaps, as the config selects them. */
export interface ScaleOut {
  broker: Broker;
  presence: Presence;
  /** Set with Redis: the presence's expired-entry reports (a crashed node's users). */
  redisPresence?: RedisPresence;
  redisBroker?: RedisBroker;
}

/** Start-up failure naming the variable at fault, like a ConfigError. */
export class RedisStartError extends Error {
  override name = "RedisStartError";
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/**
 * Redis broker + presence when `redisUrl` is set (both connected before start-up goes on, so a wrong
 * URL stops the node with a clear error), else the in-process ones: one code path either way.
 */
export async function openScaleOut(
  config: Pick<Config, "redisUrl" | "nodeId" | "presenceTtlMs">,
  log: Logger,
): Promise<ScaleOut> {
  if (config.redisUrl === undefined) {
    return { broker: new InProcessBroker(), presence: new MemoryPresence() };
  }
  const url = config.redisUrl;
  const broker = new RedisBroker({ url, log });
  const presence = new RedisPresence({
    url,
    log,
    nodeId: config.nodeId,
    ttlMs: config.presenceTtlMs,
  });
  try {
    await Promise.all([broker.connected(), presence.connected()]);
  } catch (err) {
    await Promise.all([broker.close(), presence.close()]);
    const why = err instanceof Error ? err.message : String(err);
    throw new RedisStartError(`REDIS_URL: cannot reach ${redact(url)}: ${why}`);
  }
  log.info({ redis: redact(url), nodeId: config.nodeId }, "fan-out and presence on Redis");
  return { broker, presence, redisPresence: presence, redisBroker: broker };
}
