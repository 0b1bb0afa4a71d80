/**
 * Optional behaviour a client asks for in `hello.caps`; `welcome.caps` lists what this node granted.
 * Anything an existing v1 client would miss or misread (a new message type it would drop, a new enum
 * value, a batched form of a frame it knows) is sent only to sockets that were granted its capability.
 * Unknown names in `hello.caps` are ignored, so a newer client can talk to an older node.
 */
export const Capability = {
  /** Several presence changes of one room in one `presence_diff` frame instead of one `presence` each. */
  PresenceDiff: "presence_diff",
  /**
   * `rooms` answers one page of the public directory (`limit`, `after`, `query` honoured) with `next`
   * when more follow. Without it, `rooms` answers the whole (capped) directory in one reply, as in v1.
   */
  RoomsPaged: "rooms_paged",
  /**
   * The client may send `open {room}` to record the room on screen, so the next `rooms` reply (on any
   * device of the user) names it in `open`; old nodes would reject the unknown message type.
   */
  SavedRooms: "saved_rooms",
  /**
   * Accounts: `user` objects of guests carry `guest: true` wherever they appear (welcome, members,
   * presence, typing, message authors; a v1 reader's strict `User` would refuse the field), and a muted
   * user's send is answered with the error code `muted` (others read `unauthorized`).
   */
  Accounts: "accounts",
  /**
   * A new direct message also arrives as a stored `notification` of kind `dm` (toast, bell, replayed
   * while unread). Without it a client gets what v1 always sent for a DM: `dm_invite` and `message`,
   * and never a `dm` notification (a v1 reader would show it as a generic `system` notice).
   */
  DmNotifications: "dm_notifications",
  /**
   * Big rooms: `joined` carries `memberCount` and at most one page of members (most useful first);
   * `members` pages the rest; `watch_members` subscribes to membership changes. In a room above
   * `LIMITS.bigRoomThreshold` members, a granted socket gets a coalesced `occupancy` count instead of
   * every join and leave, unless it watches the room's members. Implies understanding `presence_diff`.
   */
  MemberPages: "member_pages",
  /**
   * The client may send `visibility {visible}` (whether its tab is on screen): while no socket of
   * the user is visible, their notifications also go out as Web Push. Old nodes reject the type.
   */
  Visibility: "visibility",
  /**
   * Read receipts and notification preferences: `read`, `set_prefs`; `read_cursor`, `seen`, `prefs`;
   * `joined.read` / `joined.readers` and `rooms.reads` carry the user's cursors and unread counts.
   */
  ReadReceipts: "read_receipts",
  /**
   * Change replay: `join.changesSince` replays the edits and deletes (and, to sockets also granted
   * `reactions`, the reaction changes) made after that change cursor, exactly once, in order, right
   * after `joined` (which carries the room's `changeSeq`); live `edited` / `deleted` / `reaction`
   * carry their `changeSeq`.
   */
  Changes: "changes",
  /**
   * `react` toggles an emoji reaction; granted sockets get live `reaction` frames and messages in
   * `joined`, `history` and `search_results` carry `reactions` (a v1 reader's strict message refuses it).
   */
  Reactions: "reactions",
  /**
   * `send` may carry `replyTo` (a message id of the same room); messages that answer one carry
   * `replyTo {messageId, seq, from, excerpt}`, only to granted sockets.
   */
  Replies: "replies",
  /**
   * Files: `upload_start` / binary chunk frames / `upload_finish` / `upload_cancel`, and chat messages
   * carry `attachment` (a v1 reader's strict `ChatMessage` would refuse it; others read the file name
   * as the text). Without it a binary frame on `/ws` still closes the socket with 1003.
   */
  Files: "files",
  /**
   * Threads: `send.thread` (+ `alsoToRoom`) answers a root in its thread; `thread` pages a thread,
   * `thread_read` moves the user's thread cursor; `thread_summary` and `thread_read` frames; messages
   * carry `thread` (on replies) and `threadSummary` (on roots). Without it a reply is an ordinary message.
   */
  Threads: "threads",
} as const;
export type Capability = (typeof Capability)[keyof typeof Capability];

/** Every capability this version of the protocol knows, in a stable order. */
export const CAPABILITIES: readonly Capability[] = Object.values(Capability);

/** The most capabilities a `hello` may ask for. */
export const MAX_CAPS = 64;

const KNOWN: ReadonlySet<string> = new Set(CAPABILITIES);

/** Whether `name` is a capability this version knows. */
export function isCapability(name: string): name is Capability {
  return KNOWN.has(name);
}

/**
 * The capabilities granted for what a client asked: the known ones, each once, in the asked order.
 * `member_pages` brings `presence_diff` with it (a watcher of a big room gets its changes batched).
 */
export function grantCapabilities(asked: readonly string[] | undefined): Capability[] {
  if (asked === undefined) return [];
  const granted = [...new Set(asked)].filter(isCapability);
  if (granted.includes(Capability.MemberPages) && !granted.includes(Capability.PresenceDiff)) {
    granted.push(Capability.PresenceDiff);
  }
  return granted;
}
