import type { AccountStore } from "./AccountStore.js";
import type { ChangeLog } from "./changeLog.js";
import type { MessageReactions, MessageReplies } from "./MessageReactions.js";
import type { JoinReads } from "./JoinReads.js";
import type { MessageSearch } from "./MessageSearch.js";
import type { NotificationStore } from "./NotificationStore.js";
import type { PasskeyStore } from "./PasskeyStore.js";
import type { ReadStore } from "./ReadStore.js";
import type { RoomAccess } from "./RoomAccess.js";
import type { SavedRooms } from "./SavedRooms.js";
import type { ThreadStore } from "./ThreadStore.js";
import type { WebPushStore } from "./WebPushStore.js";

/** What an engine builds a store's sub-stores from: one object keeps both reactions and replies. */
export type EngineParts = Omit<StoreOfParts, "reactions" | "replies"> & {
  reactions: MessageReactions & MessageReplies;
};

/**
 * The sub-stores a Store exposes beside its own methods (`store.accounts`…), as its own
 * fields, whichever engine built them.
 */
export abstract class StoreOfParts {
  /** Names, accounts and sign-in sessions, in the same database. */
  declare readonly accounts: AccountStore;
  /** Per-user notifications (the push issue), in the same database. */
  declare readonly notifications: NotificationStore;
  /** Private rooms, their members, and mutes, in the same database. */
  declare readonly access: RoomAccess;
  /** Each user's joined rooms and the one on screen, across disconnects, in the same database. */
  declare readonly savedRooms: SavedRooms;
  /** Passkeys (WebAuthn credentials) and ceremony challenges, in the same database. */
  declare readonly passkeys: PasskeyStore;
  /** Full-text search over the messages a user may read, in the same database. */
  declare readonly search: MessageSearch;
  /** Web Push: the VAPID keys, each device's subscription, delivery claims, in the same database. */
  declare readonly webPush: WebPushStore;
  /** Read cursors and notification preferences per user, in the same database. */
  declare readonly reads: ReadStore;
  /** The per-room log of edits and deletes (written by `editMessage` / `deleteMessage`). */
  declare readonly changes: ChangeLog;
  /** Emoji reactions on messages, in the same database. */
  declare readonly reactions: MessageReactions;
  /** Which message a reply answers, in the same database. */
  declare readonly replies: MessageReplies;
  /** Threads: which replies answer which root, and each user's thread cursor. */
  declare readonly threads: ThreadStore;
  /** A `join`'s reads after it subscribed (the room, the joiner's DM rooms), as one statement. */
  declare readonly joinReads: JoinReads;

  // EngineParts has every field declared above (reactions standing for replies too), so this
  // assigns them all.
  protected constructor({ reactions, ...parts }: EngineParts) {
    Object.assign(this, parts, { reactions, replies: reactions });
  }
}
