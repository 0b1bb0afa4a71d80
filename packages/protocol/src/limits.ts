/** Hard limits of the protocol. The server enforces them; clients check them before sending. */
export const LIMITS = {
  /** Largest frame the server accepts (`maxPayload`); a bigger one closes the socket with 1009. */
  maxFrameBytes: 64 * 1024,
  /** Longest chat message text, in characters (UTF-16 code units, as `String.length` counts). */
  maxTextLength: 4000,
  /**
   * Most UTF-8 bytes of a chat message text. Every valid text fits: a UTF-16 unit is at most 3 UTF-8
   * bytes (a surrogate pair, 2 units, is 4), so 4,000 units of any script are at most 12,000 bytes.
   */
  maxTextBytes: 12_000,
  /** Shortest and longest room and user names, after trimming. */
  minNameLength: 1,
  maxNameLength: 32,
  /** Largest history page a client may ask for, and the page `joined` carries. */
  maxHistoryLimit: 100,
  joinedPageSize: 50,
  /** Longest client-generated message id. */
  maxCidLength: 64,
  /** The first frame must be `hello` within this many milliseconds. */
  helloTimeoutMs: 5000,
  /** A resume further behind than this answers `recovered: false` and the client reloads the room. */
  maxResumeGap: 1000,
  /** Longest notification title and body. */
  maxTitleLength: 120,
  maxBodyLength: 1000,
  /** The server relays at most one `typing` per user and room in this window; the rest are ignored. */
  typingIntervalMs: 1500,
  /** Presence changes of one room are gathered over this window into one `presence` or `presence_diff`. */
  presenceIntervalMs: 50,
  /** `room_update` pushes are coalesced per room over this window. */
  roomUpdateIntervalMs: 250,
  /** A paged `rooms` reply (capability `rooms_paged`) holds this many rooms unless asked for fewer, and at most `maxRoomsPage`. */
  roomsPageSize: 100,
  maxRoomsPage: 500,
  /** Most rooms the server remembers as joined per user (`rooms.joined`); the longest-held go first. */
  maxSavedRooms: 100,
  /** Members a `joined` carries to a socket granted `member_pages`, and a `members` page by default and at most. */
  membersPageSize: 100,
  maxMembersPage: 100,
  /**
   * A room with more online members than this is big: sockets granted `member_pages` that do not
   * watch its members get `occupancy` (at most once per `occupancyIntervalMs`, less often above
   * `occupancyMembersPerInterval`) instead of presence.
   */
  bigRoomThreshold: 200,
  occupancyIntervalMs: 1000,
  /**
   * Above this many online members a room's `occupancy` slows down in step (every 2 s at twice as
   * many, 5 s at 10,000): its news then costs each node about this many frames a second, not one per
   * socket every second, while the room churns.
   */
  occupancyMembersPerInterval: 2000,
  /** Typing relays per room per second, whoever types: a crowd typing in a big room stays cheap. */
  typingPerRoomPerSecond: 5,
  /** Longest token. */
  maxTokenLength: 512,
  /** Longest `search` query (characters), and most hits a `search_results` page holds (the default too). */
  maxSearchQueryLength: 200,
  maxSearchLimit: 50,
  /** Longest search cursor a client may echo back. */
  maxSearchCursorLength: 200,
  /** "Seen by" (`seen`, `joined.readers`) only in DMs and rooms of at most this many members. */
  seenByMaxMembers: 50,
  /** `seen` is coalesced per room and reader over this window. */
  seenIntervalMs: 250,
  /** Unread counts stop at this many. */
  maxUnreadCount: 999,
  /** `read` messages per user per second (sustained; the burst is twice this); beyond: `rate_limited`. */
  readsPerSecond: 10,
  /** `dndUntil` meaning "until turned off" (the year 9999). */
  dndForever: 253_402_300_799_000,
  /** Most changes one `join` replays; beyond it the join answers `recovered: false`. */
  maxChangeReplay: 1000,
} as const;
