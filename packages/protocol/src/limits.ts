/** Hard limits of the protocol. The server enforces them; clients check them before sending. */
export const LIMITS = {
  /** Largest frame the server accepts (`maxPayload`); a bigger one closes the socket with 1009. */
  maxFrameBytes: 64 * 1024,
  /** Longest chat message text, in characters (UTF-16 code units, as `String.length` counts). */
  maxTextLength: 4000,
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
  /** Most rooms the server remembers as joined per user (`rooms.joined`); the longest-held go first. */
  maxSavedRooms: 100,
  /** Longest token. */
  maxTokenLength: 512,
} as const;
