import { notifyDecision, type NotifyKind } from "@duplex/protocol";
import type { ReadStore } from "../store/ReadStore.js";

export type { NotifyKind };

/**
 * Whether `userId` wants to be interrupted (toast, desktop notification, Web Push) about `kind` in
 * `room` now: never while do-not-disturb lasts; `none` rooms never; `mentions` rooms only for
 * mentions and DMs; `all` rooms always. The one decision every notifying path asks.
 */
export async function shouldNotify(
  reads: Pick<ReadStore, "notifyState">,
  userId: string,
  room: string,
  kind: NotifyKind,
  now: number = Date.now(),
): Promise<boolean> {
  const { level, dndUntil } = await reads.notifyState(userId, room);
  return notifyDecision(level, dndUntil, kind, now);
}
