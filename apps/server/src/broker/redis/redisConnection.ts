import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../../logger.js";

/** Reconnects 50 ms, 100 ms, … at most 1 s apart, for as long as it takes. */
export const retryStrategy = (times: number) => Math.min(50 * times, 1_000);

/**
 * A Redis connection that sheds rather than queues: while Redis is away every command fails at once
 * (no offline queue, no retries), so an outage never piles work up in the heap; the owner decides
 * what a failure means. Connection errors go to the debug log as `redis <what> error`.
 */
export function sheddingRedis(
  url: string,
  { name, what, log, redis }: { name: string; what: string; log: Logger; redis?: RedisOptions },
): Redis {
  const connection = new Redis(url, {
    retryStrategy,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectionName: name,
    ...redis,
  });
  connection.on("error", (err: Error) => log.debug({ err: err.message }, `redis ${what} error`));
  return connection;
}
