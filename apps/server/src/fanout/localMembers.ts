import { Capability } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";

/**
 * This node's sockets per room, and among them the ones a big room's quiet broadcasts still reach:
 * sockets without `member_pages` (they know only per-change presence) and those watching the room's
 * member list. A big room's presence is published quietly for `member_pages` (PresenceFeed), every
 * presence window while the room churns: walking only these, a room of 10,000 such clients with
 * nobody watching costs no pass at all, not a pass that visits every socket to skip it.
 */
export class LocalMembers {
  readonly #all = new Map<string, Set<Peer>>();
  readonly #loud = new Map<string, Set<Peer>>();

  add(room: string, peer: Peer): void {
    addTo(this.#all, room, peer);
    if (hearsQuiet(peer, room)) addTo(this.#loud, room, peer);
  }

  /** Removes the peer; returns whether the room has no local socket left. */
  remove(room: string, peer: Peer): boolean {
    deleteFrom(this.#loud, room, peer);
    return deleteFrom(this.#all, room, peer);
  }

  /** The peer's `watch_members` for the room changed (already recorded on the peer). */
  watchChanged(room: string, peer: Peer): void {
    if (!this.#all.get(room)?.has(peer)) return;
    if (hearsQuiet(peer, room)) addTo(this.#loud, room, peer);
    else deleteFrom(this.#loud, room, peer);
  }

  has(room: string): boolean {
    return this.#all.has(room);
  }

  /**
   * The sockets a broadcast may reach: with `quietFor` = `member_pages`, only those that hear it;
   * otherwise every local socket (the broadcast's own filters then pick).
   */
  reachable(room: string, quietFor: Capability | undefined): ReadonlySet<Peer> | undefined {
    return quietFor === Capability.MemberPages ? this.#loud.get(room) : this.#all.get(room);
  }
}

function hearsQuiet(peer: Peer, room: string): boolean {
  return !peer.caps.has(Capability.MemberPages) || peer.watchesMembers(room);
}

function addTo(map: Map<string, Set<Peer>>, room: string, peer: Peer): void {
  let set = map.get(room);
  if (!set) {
    set = new Set();
    map.set(room, set);
  }
  set.add(peer);
}

/** Returns whether the peer was the room's last in `map`. */
function deleteFrom(map: Map<string, Set<Peer>>, room: string, peer: Peer): boolean {
  const set = map.get(room);
  if (!set?.delete(peer) || set.size > 0) return false;
  map.delete(room);
  return true;
}
