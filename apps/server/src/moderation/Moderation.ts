import type { Broker } from "../broker/Broker.js";
import type { Peer } from "../connection/Peer.js";
import type { Logger } from "../logger.js";
import type { StoredUser } from "../store/AccountStore.js";
import type { Store } from "../store/Store.js";
import { Mutes } from "./Mutes.js";
import { RoomEvictions, type EvictSocket } from "./RoomEvictions.js";

/** Mutes and room removals, felt on every node. */
export interface Moderation {
  mutes: Mutes;
  evictions: RoomEvictions;
  stop(): Promise<void>;
}

export interface ModerationDeps {
  broker: Broker;
  store: Store;
  connections: ReadonlySet<Peer>;
  log: Logger;
  now(): number;
  evictSocket: EvictSocket;
}

export async function startModeration(deps: ModerationDeps): Promise<Moderation> {
  const log = deps.log.child({ module: "moderation" });
  const mutes = new Mutes({ broker: deps.broker, access: deps.store.access, log, now: deps.now });
  const evictions = new RoomEvictions(deps.broker, deps.connections, log, deps.evictSocket);
  await mutes.start();
  await evictions.start();
  return {
    mutes,
    evictions,
    stop: async () => {
      await mutes.stop();
      await evictions.stop();
    },
  };
}

/** A server-wide moderator: an owner or admin account that is not banned. */
export function isModerator(user: StoredUser | undefined): boolean {
  return (
    user !== undefined &&
    !user.guest &&
    user.bannedAt === undefined &&
    (user.role === "owner" || user.role === "admin")
  );
}

/**
 * Whether `userId` moderates `room`: a server-wide moderator anywhere, or the owner of a private room
 * in that room (it invites, removes and deletes there; mutes and bans stay with moderators).
 */
export async function moderatesRoom(store: Store, userId: string, room: string): Promise<boolean> {
  if (isModerator(await store.accounts.getUser(userId))) return true;
  return (await store.access.privateRoom(room))?.ownerId === userId;
}
