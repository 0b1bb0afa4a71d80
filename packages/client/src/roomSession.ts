import { Capability, ErrorCode } from "@duplex/protocol";
import type { ClientMessage, SendLimits, ServerMessageOf } from "@duplex/protocol";
import type { JoinOptions } from "./types.js";
import type { Outbox } from "./outbox.js";
import type { RoomCursors } from "./roomCursors.js";
import type { RoomFeeds } from "./roomFeeds.js";
import type { SendPacer } from "./sendPacer.js";

/** Send errors that no retry can fix: the entry is marked failed. */
const PERMANENT_SEND_ERRORS: ReadonlySet<string> = new Set<ErrorCode>([
  ErrorCode.TooLarge,
  ErrorCode.InvalidMessage,
  ErrorCode.Unauthorized,
  ErrorCode.NotJoined,
  ErrorCode.Muted,
]);

/** Join errors after which the room is dropped instead of rejoined on every reconnect. */
const PERMANENT_JOIN_ERRORS: ReadonlySet<string> = new Set<ErrorCode>([
  ErrorCode.Unauthorized,
  ErrorCode.InvalidMessage,
  ErrorCode.NotFound,
]);

/** Retry delay for a transient send error that names none. */
const SEND_RETRY_MS = 1000;

export interface RoomSessionDeps {
  outbox: Outbox;
  cursors: RoomCursors;
  feeds: RoomFeeds;
  /** The outbox's write budget: fresh per connection, paused after a refusal. */
  pacer: SendPacer;
  /** Writes to the current socket; only called while connected. */
  write: (message: ClientMessage) => void;
  nextRef: () => string;
  /** Whether the node granted a capability (a resume names its change cursor only under `changes`). */
  granted?: (cap: string) => boolean;
  /** A join the server refused for good (private room, not found): the room is dropped. */
  onJoinRefused?: (room: string, error: ServerMessageOf<"error">) => void;
}

/**
 * Room membership over a sequence of sockets: which rooms to (re)join and from where, and whether a
 * room is live (`isReady`): the outbox sends a room's entries only after its `joined`, so a resent
 * message can never race ahead of its join and earn `not_joined`. It also tells the outbox's pacer
 * about each connection's limits and the server's refusals.
 */
export class RoomSession {
  /** Rooms the app asked for, rejoined after every reconnect. */
  readonly #rooms = new Set<string>();
  /** Rooms whose `joined` arrived on the current socket. */
  readonly #ready = new Set<string>();
  /** Rooms this instance has loaded once, so later joins resume instead of reloading. */
  readonly #loaded = new Set<string>();
  readonly #resumeRequested = new Set<string>();
  /** In-flight joins by ref: the room, and whether the join carried `since`. */
  readonly #joins = new Map<string, { room: string; resumed: boolean }>();
  #connected = false;

  constructor(private readonly deps: RoomSessionDeps) {}

  get rooms(): readonly string[] {
    return [...this.#rooms];
  }

  isReady(room: string): boolean {
    return this.#ready.has(room);
  }

  join(room: string, options: JoinOptions): void {
    if (options.resume === true) this.#resumeRequested.add(room);
    if (this.#rooms.has(room)) return;
    this.#rooms.add(room);
    this.deps.feeds.track(room);
    if (this.#connected) this.#sendJoin(room);
  }

  leave(room: string): void {
    if (this.#drop(room) && this.#connected) this.deps.write({ type: "leave", room });
  }

  /** Forgets the room; returns whether it was one. */
  #drop(room: string): boolean {
    if (!this.#rooms.delete(room)) return false;
    this.#ready.delete(room);
    this.#loaded.delete(room);
    this.deps.outbox.dropAcked(room);
    this.deps.feeds.forget(room);
    this.deps.cursors.delete(room);
    return true;
  }

  /**
   * `left` arrived. Unasked for a live room, it means the user was removed from a private room: the
   * room is dropped (no `leave` to send, no rejoin after a reconnect). The answer to our own `leave`
   * finds the room already gone, and one overtaken by a new `join` finds it not live yet.
   */
  onLeft(room: string): void {
    if (this.#ready.has(room)) this.#drop(room);
  }

  /**
   * `welcome` arrived: pace writes under its `limits` (a fresh budget per connection), and rejoin every
   * room, each from its cursor once this instance has loaded it.
   */
  onWelcome(limits?: SendLimits): void {
    this.#connected = true;
    this.deps.pacer.reset(limits);
    for (const room of this.#rooms) this.#sendJoin(room);
  }

  onJoined(joined: ServerMessageOf<"joined">): void {
    const pending = joined.ref === undefined ? undefined : this.#joins.get(joined.ref);
    if (joined.ref !== undefined) this.#joins.delete(joined.ref);
    if (!this.#rooms.has(joined.room)) return;
    this.#ready.add(joined.room);
    this.#loaded.add(joined.room);
    this.deps.feeds.onJoined(joined, pending?.resumed === true);
    this.deps.outbox.flush(joined.room);
  }

  /** Routes an `error` answering a send or a join; returns whether it was one of ours. */
  onError(error: ServerMessageOf<"error">): boolean {
    if (error.ref === undefined) return false;
    const join = this.#joins.get(error.ref);
    if (join !== undefined) {
      this.#joins.delete(error.ref);
      if (PERMANENT_JOIN_ERRORS.has(error.code)) {
        this.leave(join.room);
        this.deps.onJoinRefused?.(join.room, error);
      }
      return true;
    }
    const entry = this.deps.outbox.get(error.ref);
    if (entry === undefined) return false;
    if (PERMANENT_SEND_ERRORS.has(error.code)) {
      this.deps.outbox.fail(entry.cid, `${error.code}: ${error.message}`);
    } else {
      this.deps.outbox.requeueFrom(entry.cid);
      this.deps.pacer.pause(error.retryAfterMs ?? SEND_RETRY_MS);
    }
    return true;
  }

  onDisconnect(): void {
    this.#connected = false;
    this.#ready.clear();
    this.#joins.clear();
    this.deps.pacer.stop();
    this.deps.feeds.onDisconnect();
    this.deps.outbox.requeueSent();
  }

  /** Forgets every room and its resume position, persisted ones included (sign-out). */
  forgetAll(): void {
    this.onDisconnect();
    this.#rooms.clear();
    this.#loaded.clear();
    this.#resumeRequested.clear();
    this.deps.feeds.forgetAll();
    this.deps.cursors.clear();
  }

  #sendJoin(room: string): void {
    const resume = this.#loaded.has(room) || this.#resumeRequested.has(room);
    const since = resume ? this.deps.cursors.get(room) : undefined;
    const ref = this.deps.nextRef();
    this.#joins.set(ref, { room, resumed: since !== undefined });
    const changesSince =
      since !== undefined && this.deps.granted?.(Capability.Changes) === true
        ? this.deps.cursors.changeSeq(room)
        : undefined;
    this.deps.write(
      since === undefined
        ? { type: "join", room, ref }
        : { type: "join", room, ref, since, ...(changesSince !== undefined && { changesSince }) },
    );
  }
}
