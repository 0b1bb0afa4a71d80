import type { User } from "@duplex/protocol";
import type { MemberPage, MemberPageRequest } from "./Presence.js";
import { RECENT_JOINERS, pageOf } from "./memberOrder.js";

interface Member {
  user: User;
  // A lone socket id (the common case), a Set only from a user's second socket in the room: at
  // 10,000 idle sockets a Set per member showed in the memory per connection.
  conns: string | Set<string>;
  /** The `firstPage` call that last picked this member (dedup without a Map per call); GONE once it left. */
  pickedBy: number;
}

/** {@link Member.pickedBy} of a member that left: no call's round (rounds count up from 1). */
const GONE = -1;

/**
 * Who is in one room: each user once, with the ids of that user's sockets in the room. Mutable, so a
 * join or leave costs O(1) whatever the room's size (copying the room per join made N joins O(N²)).
 */
export class RoomMembers {
  readonly #members = new Map<string, Member>();
  // Latest joiners, newest last; may hold members that left since (GONE, skipped when read): a page
  // takes them without a lookup by id each. Trimmed in halves so a join costs O(1) amortised.
  #recent: Member[] = [];
  // Ids in ascending order for `page`, rebuilt lazily after a change: a fill of N joins never sorts,
  // only a `members` request after it does (once).
  #sorted: string[] | undefined;
  /** Numbers `firstPage` calls, for {@link Member.pickedBy}. */
  #pickRound = 0;

  /** Users in the room (not sockets). */
  get size(): number {
    return this.#members.size;
  }

  /**
   * Adds one socket of `user`. True when this made the user a member, i.e. the only case in which
   * others hear `presence join`: a second tab of a member is not news (Phoenix presence.js).
   */
  join(user: User, connId: string): boolean {
    const member = this.#members.get(user.id);
    if (!member) {
      const joined: Member = { user, conns: connId, pickedBy: 0 };
      this.#members.set(user.id, joined);
      this.#recent.push(joined);
      if (this.#recent.length > 2 * RECENT_JOINERS)
        this.#recent = this.#recent.slice(-RECENT_JOINERS);
      this.#sorted = undefined;
      return true;
    }
    if (typeof member.conns === "string") {
      if (member.conns !== connId) member.conns = new Set([member.conns, connId]);
    } else {
      member.conns.add(connId);
    }
    return false;
  }

  /** Removes one socket. `last` when the user's last socket left: only then others hear `leave`. */
  leave(userId: string, connId: string): { last: boolean; user?: User } {
    const member = this.#members.get(userId);
    if (!member) return { last: false };
    if (typeof member.conns === "string") {
      if (member.conns !== connId) return { last: false };
    } else {
      if (!member.conns.delete(connId) || member.conns.size > 0) return { last: false };
    }
    this.#members.delete(userId);
    member.pickedBy = GONE;
    this.#sorted = undefined;
    return { last: true, user: member.user };
  }

  /**
   * At most `limit` members: `prefer` first, then the latest joiners, then in order of joining. Each
   * member is marked with the call's round instead of collected in a Map: in a join storm every joiner
   * asks for a page, and a Map of 100 per join was a tenth of the storm's allocations.
   */
  firstPage(prefer: readonly string[], limit: number): User[] {
    const round = ++this.#pickRound;
    const picked: User[] = [];
    for (const id of prefer) take(this.#members.get(id), round, picked, limit);
    for (let i = this.#recent.length - 1; i >= 0 && picked.length < limit; i--) {
      take(this.#recent[i], round, picked, limit);
    }
    for (const member of this.#members.values()) {
      if (picked.length >= limit) break;
      take(member, round, picked, limit);
    }
    return picked;
  }

  /** Members in id order after the cursor (see {@link pageOf}). */
  page(request: MemberPageRequest): MemberPage {
    this.#sorted ??= [...this.#members.keys()].sort();
    return pageOf(this.#sorted, (id) => this.#members.get(id)?.user, request);
  }

  /** The members, one entry per user however many sockets it has, in order of joining. */
  members(): User[] {
    return Array.from(this.#members.values(), (m) => m.user);
  }
}

/** Adds the member to `picked` unless it is absent, gone, already picked this round, or the page is full. */
function take(member: Member | undefined, round: number, picked: User[], limit: number): void {
  if (member === undefined || member.pickedBy === round || member.pickedBy === GONE) return;
  if (picked.length >= limit) return;
  member.pickedBy = round;
  picked.push(member.user);
}
