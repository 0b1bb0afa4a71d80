import { z } from "zod";

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
} as const;
export type Capability = (typeof Capability)[keyof typeof Capability];

/** Every capability this version of the protocol knows, in a stable order. */
export const CAPABILITIES: readonly Capability[] = Object.values(Capability);

/** The most capabilities a `hello` may ask for. */
export const MAX_CAPS = 64;

/** A capability name as it travels: a newer client may ask for names this node does not know. */
export const CapabilityName = z.string().min(1).max(64);

const KNOWN: ReadonlySet<string> = new Set(CAPABILITIES);

/** Whether `name` is a capability this version knows. */
export function isCapability(name: string): name is Capability {
  return KNOWN.has(name);
}

/** The capabilities granted for what a client asked: the known ones, each once, in the asked order. */
export function grantCapabilities(asked: readonly string[] | undefined): Capability[] {
  if (asked === undefined) return [];
  return [...new Set(asked)].filter(isCapability);
}
