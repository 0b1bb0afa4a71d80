import type { Broker } from "./broker/Broker.js";
import type { Chat } from "./chat/Chat.js";
import type { Config } from "./config.js";
import type { Connection } from "./connection/Connection.js";
import type { RoomFanout } from "./fanout/RoomFanout.js";
import type { TrafficCounters } from "./connection/trafficCounters.js";
import type { ToleratedInput } from "./connection/toleratedInput.js";
import type { Budgets } from "./limits/Budgets.js";
import type { Logger } from "./logger.js";
import type { Moderation } from "./moderation/Moderation.js";
import type { Presence } from "./presence/Presence.js";
import type { Push } from "./push/Push.js";
import type { OnlineUsers } from "./session/OnlineUsers.js";
import type { SessionEnder } from "./session/SessionEnder.js";
import type { Sessions } from "./session/Sessions.js";
import type { Store } from "./store/Store.js";
import type { WebPush } from "./webpush/WebPush.js";
import type { Files } from "./files/Files.js";
import type { AfterCommit, StoredMessage } from "./afterCommit/AfterCommit.js";
import type { RoomMembership } from "./rooms/RoomMembership.js";
import type { BackgroundWork } from "./lifecycle/BackgroundWork.js";

/** Everything a handler may use. Built once per server by `startServer`. */
export interface ServerContext {
  config: Config & { tokenSecret: string };
  log: Logger;
  store: Store;
  broker: Broker;
  presence: Presence;
  fanout: RoomFanout;
  /** The one owner of join and leave: room set, local fan-out, presence, its feed, the directory. */
  membership: RoomMembership;
  online: OnlineUsers;
  /** Session-backed tokens: issue, resume, refresh. */
  sessions: Sessions;
  /** Closes the sockets of ended sessions on every node. */
  sessionEnder: SessionEnder;
  /** Mutes and removals from private rooms, felt on every node. */
  moderation: Moderation;
  /** Notifications to users and the live stats topic. */
  push: Push;
  /** The live room directory, DM invites and the typing throttle. */
  chat: Chat;
  /** Open sockets on this node. */
  connections: Set<Connection>;
  /** Budgets charged per user and per address across their sockets. */
  budgets: Budgets;
  /** Socket traffic totals for `/metrics`. */
  traffic: TrafficCounters;
  /** Counts and logs (once) what tolerant reading ignored in client frames. */
  tolerated: ToleratedInput;
  /** Uploads, file records and blobs. */
  files: Files;
  now(): number;
  /** Web Push to users with no visible tab, and which tabs are visible (on every node). */
  webPush: WebPush;
  /** What runs after a new message is committed and acked: the publish first, then the rest, in order. */
  afterCommit: AfterCommit<StoredMessage>;
  /** Notifications a stored message started in the background: shutdown waits for them. */
  background: BackgroundWork;
}
