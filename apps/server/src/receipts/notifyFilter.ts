import { notifyDecision, type NotifyKind } from "@duplex/protocol";
import type { NewNotification } from "../store/NotificationStore.js";
import type { ReadStore } from "../store/ReadStore.js";

type Reads = Pick<ReadStore, "notifyState">;

/**
 * The users of `userIds` whose room level lets `kind` in `room` notify them (`none` never, `mentions`
 * only mentions and DMs). Do-not-disturb is not applied here: a notification made during it is still
 * stored and listed in the notification centre, it only interrupts nobody (no toast, no push).
 */
export async function wantNotified(
  reads: Reads,
  userIds: readonly string[],
  room: string,
  kind: NotifyKind,
): Promise<string[]> {
  const states = await Promise.all(userIds.map((id) => reads.notifyState(id, room)));
  return userIds.filter((_, i) => {
    const state = states[i];
    return state === undefined || notifyDecision(state.level, 0, kind, 0);
  });
}

/** What a stored notification is about, for the notify rule. */
export function notifyKindOf(notification: Pick<NewNotification, "kind">): NotifyKind {
  return notification.kind === "mention" || notification.kind === "dm"
    ? notification.kind
    : "message";
}

/**
 * Whether a stored notification may interrupt `userId` now (Web Push): never during do-not-disturb,
 * and under the room's level when it links to a room. A notification of no room (an operator's
 * broadcast) is held back by do-not-disturb alone.
 */
export async function mayInterrupt(
  reads: Reads,
  userId: string,
  notification: Pick<NewNotification, "kind" | "link">,
  now: number,
): Promise<boolean> {
  const room = notification.link?.room;
  const { level, dndUntil } = await reads.notifyState(userId, room ?? "");
  return notifyDecision(
    room === undefined ? "all" : level,
    dndUntil,
    notifyKindOf(notification),
    now,
  );
}
