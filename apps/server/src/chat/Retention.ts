import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import { startPeriodicSweep } from "./periodicSweep.js";

/** Messages deleted per statement: one sweep never holds the database for long. */
const BATCH = 1_000;

/**
 * Deletes messages older than `retentionMs` (0: keep forever), a batch at a time, every minute (or
 * sooner for short retentions, as in tests). Storage then holds at most `retentionMs` of messages,
 * each bounded by the storage quotas.
 */
export function startRetention(deps: {
  store: Store;
  log: Logger;
  now(): number;
  retentionMs: number;
  /** After messages were deleted: what else goes with them (their files); answers a count. */
  alsoDelete?: (cutoff: number) => Promise<number>;
}): { stop(): Promise<void> } {
  if (deps.retentionMs <= 0) return { stop: async () => {} };
  let stopped = false;
  const sweep = async () => {
    let deleted = 0;
    const cutoff = deps.now() - deps.retentionMs;
    for (;;) {
      if (stopped) break;
      const n = await deps.store.deleteMessagesBefore(cutoff, BATCH);
      deleted += n;
      if (n < BATCH) break;
    }
    if (deleted === 0) return;
    const files = (await deps.alsoDelete?.(cutoff)) ?? 0;
    deps.log.info({ deleted, files }, "messages past retention deleted");
  };
  const sweeps = startPeriodicSweep(
    sweep,
    Math.max(50, Math.min(deps.retentionMs / 4, 60_000)),
    (err) => deps.log.warn({ err }, "retention sweep failed"),
  );
  return {
    stop: async () => {
      stopped = true;
      await sweeps.stop();
    },
  };
}
