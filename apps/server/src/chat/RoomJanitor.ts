import type { Logger } from "../logger.js";
import type { Presence } from "../presence/Presence.js";
import type { Store } from "../store/Store.js";
import { startPeriodicSweep } from "./periodicSweep.js";

export interface RoomJanitorDeps {
  store: Store;
  presence: Presence;
  log: Logger;
  now(): number;
  /** Rooms that are never collected (`general`). */
  permanent: readonly string[];
  /** A room with no message and nobody in it is deleted this long after its creation (0: never). */
  emptyTtlMs: number;
}

/**
 * Deletes rooms that were created and never used, so joins alone cannot grow the directory forever.
 * A room with messages is history and stays; a room someone is in stays. Runs on every node; the
 * delete is one statement, so nodes racing on it delete each room once.
 */
export function startRoomJanitor(deps: RoomJanitorDeps): { stop(): Promise<void> } {
  if (deps.emptyTtlMs <= 0) return { stop: async () => {} };
  const sweep = async () => {
    const online = [...(await deps.presence.counts()).keys()];
    const deleted = await deps.store.deleteEmptyRooms(deps.now() - deps.emptyTtlMs, [
      ...deps.permanent,
      ...online,
    ]);
    if (deleted.length > 0) deps.log.info({ deleted: deleted.length }, "empty rooms collected");
  };
  return startPeriodicSweep(sweep, Math.max(50, Math.min(deps.emptyTtlMs / 2, 60_000)), (err) =>
    deps.log.warn({ err }, "empty room collection failed"),
  );
}
