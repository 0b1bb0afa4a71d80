import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { RedisVisibleTabs } from "./redis/RedisVisibleTabs.js";
import { MemoryVisibleTabs, type VisibleTabs } from "./VisibleTabs.js";

/** Visibility in memory for one node; on Redis (`REDIS_URL`) when nodes share users. */
export async function openVisibleTabs(
  config: Pick<Config, "redisUrl" | "presenceTtlMs">,
  log: Logger,
): Promise<VisibleTabs> {
  if (config.redisUrl === undefined) return new MemoryVisibleTabs();
  const tabs = new RedisVisibleTabs({ url: config.redisUrl, log, ttlMs: config.presenceTtlMs });
  await tabs.connected().catch((err: unknown) => {
    // Not fatal: the broker and presence already proved Redis reachable; this one reconnects.
    log.warn({ err: (err as Error).message }, "visibility: Redis not ready yet");
  });
  return tabs;
}
