import type { User } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { Presence } from "../presence/Presence.js";

/** This node's subscription to a room's broadcasts, per local peer (RoomFanout). */
export interface LocalFanout {
  /** Resolves once this node receives the room's broadcasts. */
  add(room: string, peer: Peer): Promise<void>;
  remove(room: string, peer: Peer): Promise<void>;
  /** The peer's `watch_members` for the room changed: quiet broadcasts reach it, or stop to. */
  watchChanged(room: string, peer: Peer): void;
}

export interface MembershipDeps {
  fanout: LocalFanout;
  presence: Pick<Presence, "join" | "leave">;
  /** Batched `presence` / `presence_diff` announcements (PresenceFeed). */
  feed: { announce(room: string, event: "join" | "leave", user: User): void };
  /** The live room directory: a room's online count changed (RoomDirectory). */
  directory: { touch(room: string): void };
}

/** A join in progress. */
export interface Entry {
  readonly room: string;
  /** The peer was not in the room before this join (a repeated join enters nothing). */
  readonly entered: boolean;
  /** This peer made its user a member of the room: announced once `joined` is sent. */
  readonly first: boolean;
}

/**
 * The one owner of room membership: the peer's room set, this node's fan-out subscription, presence,
 * the presence feed and the directory change together here, in one order, and nowhere else. Handlers
 * (`join`, `leave`, `watch_members`, a removal) and the close path call it.
 *
 * A join is two steps because the room's page is read in between: `enter` subscribes first, so
 * nothing committed while the page is read is missed (the peer buffers it), and `joined`, called
 * right after the `joined` frame, releases that buffer and announces the user.
 */
export class RoomMembership {
  constructor(private readonly deps: MembershipDeps) {}

  /**
   * Subscribes the peer to the room (broadcasts buffered until `joined`) and makes it present.
   * Idempotent: a peer already in the room is not entered twice.
   */
  async enter(peer: Peer, user: User, room: string): Promise<Entry> {
    if (peer.rooms.has(room)) return { room, entered: false, first: false };
    peer.enterRoom(room);
    await this.deps.fanout.add(room, peer);
    const { first } = await this.deps.presence.join(room, user, peer.id);
    return { room, entered: true, first };
  }

  /** Call right after sending `joined`: buffered broadcasts follow it; a new member is announced. */
  joined(peer: Peer, user: User, entry: Entry): void {
    peer.markJoined(entry.room);
    if (entry.first) this.#announce(entry.room, "join", user);
  }

  /** Takes the peer out of the room; announces `leave` if it was the user's last socket there. */
  async leave(peer: Peer, user: User, room: string): Promise<void> {
    peer.forgetRoom(room);
    await this.deps.fanout.remove(room, peer);
    const { last } = await this.deps.presence.leave(room, user.id, peer.id);
    if (last) this.#announce(room, "leave", user);
  }

  /** The peer closed: out of every room it was in, one after another. */
  async leaveAll(peer: Peer, user: User): Promise<void> {
    for (const room of [...peer.rooms.keys()]) await this.leave(peer, user, room);
  }

  /** A member whose presence lapsed (its node stopped without leaving): announced as a leave. */
  expired(room: string, user: User): void {
    this.#announce(room, "leave", user);
  }

  /** Whether the peer hears the membership changes of a big room (`watch_members`). */
  watch(peer: Peer, room: string, watching: boolean): void {
    peer.watchMembers(room, watching);
    this.deps.fanout.watchChanged(room, peer);
  }

  #announce(room: string, event: "join" | "leave", user: User): void {
    this.deps.directory.touch(room);
    this.deps.feed.announce(room, event, user);
  }
}
