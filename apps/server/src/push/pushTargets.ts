import { UserId, dmParticipants, isDmRoom, type PushNotificationRequest } from "@duplex/protocol";
import type { Presence } from "../presence/Presence.js";
import type { Store } from "../store/Store.js";
import { nameKey } from "./mentions.js";
import type { Notifier } from "./Notifier.js";
import type { Audience } from "../fanout/UserFanout.js";

export type PushTarget = PushNotificationRequest["to"];

export type ResolvedTarget = { ok: true; audience: Audience } | { ok: false; message: string };

export interface TargetDeps {
  store: Store;
  presence: Presence;
  notifier: Notifier;
}

/**
 * Who a push API target means (documented in the server README):
 * - `"all"`: every user the store knows, so offline users find it on their next connect;
 * - `{user}`: the user with that id, else the user holding that name (compared by nameKey; a name
 *   belongs to one user for good, so whoever is online under a look-alike never receives it);
 * - `{room}`: everyone who has written in the room plus everyone online in it now; a DM room
 *   only ever reaches its two participants, a private room only its current members.
 * An unknown user or room is an error (the API answers 404).
 */
export async function resolveTarget(deps: TargetDeps, to: PushTarget): Promise<ResolvedTarget> {
  if (to === "all") return { ok: true, audience: "all" };
  if ("user" in to) {
    if (UserId.safeParse(to.user).success && (await deps.store.getUser(to.user))) {
      return { ok: true, audience: [to.user] };
    }
    const user = (await deps.notifier.usersByNameKeys([nameKey(to.user)])).get(nameKey(to.user));
    return user
      ? { ok: true, audience: [user.id] }
      : { ok: false, message: `unknown user: ${to.user}` };
  }
  if ((await deps.store.getRoom(to.room)) === undefined) {
    return { ok: false, message: `unknown room: ${to.room}` };
  }
  const members = new Set(await deps.store.notifications.roomAuthors(to.room));
  for (const user of await deps.presence.members(to.room)) members.add(user.id);
  const participants = isDmRoom(to.room)
    ? dmParticipants(to.room)
    : (await deps.store.access.privateRoom(to.room)) && (await deps.store.access.members(to.room));
  const audience = [...members].filter((id) => participants?.includes(id) ?? true);
  return { ok: true, audience };
}
