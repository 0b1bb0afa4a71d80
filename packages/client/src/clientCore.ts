import { Capability } from "@duplex/protocol";
import type { ClientMessage, ServerMessage, User } from "@duplex/protocol";
import type { ClientEvents, HistoryReply, RequestMessage } from "./types.js";
import type { DuplexClientOptions, ResolvedOptions } from "./options.js";
import { Emitter } from "./emitter.js";
import { resolveOptions } from "./options.js";
import { ClientLink } from "./clientLink.js";
import { Outbox, SIGNED_OUT } from "./outbox.js";
import { PendingRequests, RequestError } from "./requests.js";
import { RoomCursors } from "./roomCursors.js";
import { RoomFeeds } from "./roomFeeds.js";
import { RoomSession } from "./roomSession.js";
import { SendPacer } from "./sendPacer.js";
import { SessionStore } from "./sessionStore.js";
import { sha256Hex } from "./uploads.js";
import { UploadQueue } from "./uploadsQueue.js";
import { FileUrls } from "./uploadsUrls.js";
import { httpBaseOf } from "./sseSocket.js";

/**
 * The parts of one client and how they are wired: the link (connection lifecycle), the rooms and
 * their feeds, the outbox, uploads, pending requests; and how a server frame reaches them. The
 * public `DuplexClient` is the API over this; nothing here is exported from the package.
 */
export class ClientCore {
  readonly o: ResolvedOptions;
  readonly events = new Emitter<ClientEvents>();
  readonly requests: PendingRequests;
  readonly session: SessionStore;
  readonly outbox: Outbox;
  readonly rooms: RoomSession;
  readonly link: ClientLink;
  name: string | undefined;
  user: User | undefined;
  rttMs: number | undefined;
  caps: ReadonlySet<string> = new Set();
  /** Whether the app is on screen, as last told by `setVisibility` (re-sent after every welcome). */
  visible = true;
  readonly cursors: RoomCursors;
  /** Each joined room's gap-free, de-duplicated message feed. */
  readonly feeds: RoomFeeds;
  readonly uploads: UploadQueue;
  readonly fileUrls: FileUrls;

  constructor(options: DuplexClientOptions) {
    this.o = resolveOptions(options);
    this.name = options.name;
    const { storage, storageKey, timers } = this.o;
    this.requests = new PendingRequests(timers);
    this.link = new ClientLink(this.o, {
      hello: () => this.hello(),
      signedIn: () => this.session.token !== undefined,
      message: (m) => this.onMessage(m),
      frame: (f) => this.events.emit("frame", f),
      state: (state) => this.events.emit("state", state),
      rtt: (ms) => {
        this.rttMs = ms;
        this.events.emit("rtt", ms);
      },
      detached: (reason) => {
        this.rooms.onDisconnect();
        this.uploads.onDisconnect();
        this.requests.rejectAll(reason);
      },
      unauthorized: () => {
        this.session.clearToken(); // next connect() starts afresh, as a new user
        // Queued under the refused identity: sent as the new one only if the user says so (`retry`).
        this.outbox.failUnsent(SIGNED_OUT);
      },
    });
    this.session = new SessionStore(storage, storageKey);
    const pacer = new SendPacer(timers, () => this.outbox.flush());
    this.outbox = new Outbox(
      storage,
      `${storageKey}:outbox`,
      (e) => this.events.emit("outbox", e),
      {
        live: (room) => this.rooms.isReady(room),
        pacer,
        // Straight to the socket: a send passes no other layer on its way out.
        write: (m) => this.link.transport.write(m),
      },
    );
    const cursors = new RoomCursors(storage, `${storageKey}:cursors`);
    const feeds = new RoomFeeds({
      cursors,
      fetchHistory: (room, before, limit) => this.history(room, before, limit),
      deliver: (room, messages, reset) => {
        this.events.emit("roomMessages", room, messages, reset);
        this.outbox.delivered(room, messages); // the hand-over: the timeline has the copy now
      },
    });
    this.cursors = cursors;
    this.feeds = feeds;
    this.rooms = new RoomSession({
      outbox: this.outbox,
      cursors,
      feeds,
      pacer,
      write: (m) => this.link.transport.write(m),
      nextRef: () => this.requests.nextRef(),
      granted: (cap) => this.caps.has(cap),
      onJoinRefused: (room, error) => this.events.emit("joinRefused", room, error),
    });
    this.uploads = new UploadQueue({
      write: (m) => this.write(m),
      writeBinary: (frame) => this.link.transport.writeBinary(frame),
      ready: (room) => this.link.state.status === "open" && this.rooms.isReady(room),
      unsupported: () => this.uploadsUnsupported(),
      sha256: sha256Hex,
      nextRef: () => this.requests.nextRef(),
    });
    this.fileUrls = new FileUrls(
      httpBaseOf(this.o.url),
      (url, init) => globalThis.fetch(url, init),
      () => this.session.token,
      () => timers.now(),
    );
  }

  // --- frames --------------------------------------------------------------------------------------

  write(message: ClientMessage): void {
    this.link.write(message);
  }

  /**
   * Every decoded server frame enters here: the part of the client that keeps its bookkeeping gets it
   * first, then the pending request it answers, then the app (`message` event).
   */
  onMessage(message: ServerMessage): void {
    switch (message.type) {
      case "welcome":
        this.onWelcome(message);
        break;
      case "joined":
        this.noteJoinedChanges(message);
        this.rooms.onJoined(message);
        this.uploads.pump();
        break;
      case "message":
        this.feeds.onMessage(message);
        break;
      case "ack":
        // Kept until its copy is delivered, unless the room's feed is already past it or gone.
        this.outbox.ack(message.cid, message.seq, this.cursors.get(message.room)?.seq);
        break;
      case "pong":
        this.link.pong(message.t);
        break;
      case "token":
        this.session.setToken(message.token); // replaces the welcome's before it expires
        break;
      case "error":
        if (!this.uploads.handle(message)) this.rooms.onError(message);
        break;
      case "upload_ready":
      case "upload_progress":
      case "upload_done":
      case "upload_cancel":
        this.uploads.handle(message);
        break;
      case "left":
        this.rooms.onLeft(message.room);
        break;
      case "edited":
      case "deleted":
      case "thread_summary":
      case "reaction":
        // Applied by the app (idempotently); the cursor names the latest, for the next resume.
        if (message.changeSeq !== undefined) {
          this.cursors.noteChange(message.room, message.changeSeq);
        }
        break;
      case "presence":
      case "presence_diff":
      case "members":
      case "occupancy":
      case "watching_members":
      case "typing":
      case "history":
      case "search_results":
      case "rooms":
      case "room_update":
      case "dm_invite":
      case "read_cursor":
      case "seen":
      case "prefs":
      case "notification":
      case "notifications_read":
      case "subscribed":
      case "unsubscribed":
      case "data":
      case "inspecting":
      case "control":
      case "thread":
      case "thread_read":
        break; // the app's business: it sees them through the `message` event
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
    this.requests.settle(message);
    this.events.emit("message", message);
  }

  /**
   * A fresh page reflects every change up to `joined.changeSeq`. An exact resume does not move the
   * cursor: the replayed frames that follow do, one by one, so a socket lost mid-replay resumes from
   * the last change really applied.
   */
  noteJoinedChanges(joined: ServerMessage & { type: "joined" }): void {
    if (joined.changeSeq === undefined) return;
    if (joined.recovered === true && this.cursors.changeSeq(joined.room) !== undefined) return;
    this.cursors.noteChange(joined.room, joined.changeSeq);
  }

  onWelcome(welcome: ServerMessage & { type: "welcome" }): void {
    this.user = welcome.user;
    this.caps = new Set(welcome.caps ?? []);
    this.session.setToken(welcome.token);
    this.link.welcomed(welcome.heartbeatMs);
    if (this.caps.has(Capability.Visibility)) {
      this.write({ type: "visibility", visible: this.visible });
    }
    this.events.emit("user", welcome.user);
    const kind = this.o.links.current();
    if (kind !== undefined) this.events.emit("transport", kind);
    this.link.probeUpgrade(kind === "sse");
    this.rooms.onWelcome(welcome.limits);
    this.uploads.pump();
  }

  hello(): ClientMessage {
    const hello: ClientMessage = { type: "hello" };
    if (this.name !== undefined) hello.name = this.name;
    if (this.session.token !== undefined) hello.token = this.session.token;
    if (this.o.caps.length > 0) hello.caps = [...this.o.caps];
    return hello;
  }

  uploadsUnsupported(): string | undefined {
    if (this.link.state.status !== "open") return undefined; // not known until welcome
    if (!this.caps.has(Capability.Files)) return "the server did not grant the files capability";
    return undefined;
  }

  /**
   * Sends a request with a fresh `ref`; resolves with the reply carrying that ref, or rejects with a
   * `RequestError` (the server's `error {code}`, `timeout`, or `disconnected`).
   */
  request(message: RequestMessage): Promise<ServerMessage> {
    if (this.link.state.status !== "open") {
      return Promise.reject(new RequestError("disconnected", "not connected"));
    }
    const ref = this.requests.nextRef();
    const reply = this.requests.wait(ref, this.o.requestTimeoutMs);
    this.write({ ...message, ref });
    return reply;
  }

  /** A request whose reply must be of `type` (else an `internal` error). */
  async ask<T extends ServerMessage["type"]>(
    message: RequestMessage,
    type: T,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const reply = await this.request(message);
    if (reply.type !== type) throw new RequestError("internal", `unexpected ${reply.type}`);
    return reply as Extract<ServerMessage, { type: T }>;
  }

  /** A page of messages with `seq < before` (the latest page without `before`), oldest first. */
  history(room: string, before?: number, limit?: number): Promise<HistoryReply> {
    const message: RequestMessage = { type: "history", room };
    if (before !== undefined) message.before = before;
    if (limit !== undefined) message.limit = limit;
    return this.ask(message, "history");
  }
}
