import { Capability, encode, type ServerMessageOf, type User } from "@duplex/protocol";
import { presetWireText, rewrite, variantOf } from "./capVariants.js";
import type { Peer } from "./Peer.js";
import { usersFor } from "./guestMarks.js";

// Each member's JSON, by the presence seam's User object (kept, never mutated, while the user is in
// the room): a storm's joiners get pages of mostly the same 100 users, so each is encoded once, not
// once per joiner. Two maps: with the guest mark (sockets granted `accounts`) and without.
const marked = new WeakMap<User, string>();
const unmarked = new WeakMap<User, string>();

function memberJson(user: User, marksWanted: boolean): string {
  const cache = marksWanted ? marked : unmarked;
  let json = cache.get(user);
  if (json === undefined) {
    json = JSON.stringify(usersFor([user], marksWanted)[0]);
    cache.set(user, json);
  }
  return json;
}

// Placed first by `joined`'s key order after `type`, `ref` and `room`, whose values are JSON strings
// (every `"` in them escaped), so the first occurrence is the frame's own key.
const EMPTY_MEMBERS = '"members":[]';

/**
 * Sends `joined` exactly as `conn` reads it: the same text as encoding it whole and taking out the
 * marks `conn` lacks. The frame is encoded and rewritten with its `members` empty (in their place in
 * the key order), and the members' cached JSON is spliced in: a `User` carries no reply, file or
 * thread mark, and its guest mark is left out here for a socket without `accounts` (`usersFor`).
 */
export function sendJoined(
  conn: Peer,
  message: ServerMessageOf<"joined">,
  members: readonly User[],
): void {
  if (message.members.length > 0) throw new Error("sendJoined: members go in their own argument");
  const mask = variantOf(conn.caps);
  const marksWanted = conn.caps.has(Capability.Accounts);
  const rest = rewrite(encode(message), mask);
  const at = rest.indexOf(EMPTY_MEMBERS);
  if (at < 0) throw new Error("joined frame without members");
  const slot = at + EMPTY_MEMBERS.length - 1;
  // One flat string built in one pass: a list joined and then spliced into the frame was a rope
  // that the UTF-8 write flattened again, two copies of ~5 KB per joiner of a storm.
  const parts: string[] = [rest.slice(0, slot)];
  for (let i = 0; i < members.length; i++) {
    if (i > 0) parts.push(",");
    parts.push(memberJson(members[i] as User, marksWanted));
  }
  parts.push(rest.slice(slot));
  const text = parts.join("");
  presetWireText(text, mask);
  conn.sendFrame(text);
}
