import {
  CLOSE_REASONS,
  Capability,
  CloseCode,
  checkText,
  encode,
  isRetryable,
} from "@duplex/protocol";
import type { ClientMessage, ServerMessage, User } from "@duplex/protocol";
import type {
  ClientEvents,
  ConnectionState,
  HistoryReply,
  ThreadReply,
  JoinOptions,
  LastClose,
  MembersOptions,
  MembersReply,
  SearchOptions,
  SearchReply,
  OutboxEntry,
  SendOptions,
  RequestMessage,
  RoomsReply,
  WebSocketLike,
} from "./types.js";
import type { DuplexClientOptions, ResolvedOptions } from "./options.js";
import { Emitter } from "./emitter.js";
import type { ToleratedCounts } from "./toleratedFrames.js";
import { randomId } from "./environment.js";
import { Heartbeat } from "./heartbeat.js";
import { heartbeatTiming, resolveOptions } from "./options.js";
import { Outbox, SIGNED_OUT } from "./outbox.js";
import { PendingRequests, RequestError } from "./requests.js";
import { ReconnectScheduler } from "./reconnectScheduler.js";
import { RoomCursors } from "./roomCursors.js";
import { RoomFeeds } from "./roomFeeds.js";
import { RoomSession } from "./roomSession.js";
import { SessionStore } from "./sessionStore.js";
import { Transport } from "./transport.js";
import type { TransportKind } from "./autoTransport.js";
import { supportsSubprotocol } from "./versionProbe.js";
import { UpgradeProber } from "./wsUpgrade.js";
import { sha256Hex, type Upload, type UploadInput } from "./uploads.js";
import { UploadQueue } from "./uploadsQueue.js";
import { FileUrls } from "./uploadsUrls.js";
import { httpBaseOf } from "./sseSocket.js";

/**
 * One Duplex connection: hello/welcome, reconnect with jittered backoff, heartbeat, an outbox that
 * survives reloads, and gap-free per-room resume. Knows nothing of React.
 */
export class DuplexClient {
  readonly #o: ResolvedOptions;
  readonly #events = new Emitter<ClientEvents>();
  readonly #requests: PendingRequests;
  readonly #session: SessionStore;
  readonly #outbox: Outbox;
  readonly #rooms: RoomSession;
  #state: ConnectionState = { status: "idle", attempt: 0 };
  readonly #transport: Transport;
  readonly #reconnect: ReconnectScheduler;
  #heartbeat: Heartbeat | undefined;
  #unsubscribeOnline: (() => void) | undefined;
  #name: string | undefined;
  #user: User | undefined;
  #rttMs: number | undefined;
  #caps: ReadonlySet<string> = new Set();
  /** Whether the app is on screen, as last told by `setVisibility` (re-sent after every welcome). */
  #visible = true;
  readonly #cursors: RoomCursors;
  #probing = false;
  readonly #prober: UpgradeProber | undefined;
  readonly #uploads: UploadQueue;
  readonly #fileUrls: FileUrls;

  constructor(options: DuplexClientOptions) {
    this.#o = resolveOptions(options);
    this.#name = options.name;
    const { storage, storageKey, timers } = this.#o;
    this.#requests = new PendingRequests(timers);
    this.#reconnect = new ReconnectScheduler({ ...this.#o, timers });
    this.#transport = new Transport(this.#o.WebSocket, this.#o.url, timers, {
      open: () => this.#sayHello(),
      message: (m) => this.#onMessage(m),
      close: (code, reason, opened) => {
        this.#onClose(code, reason);
        if (!opened) this.#probeVersion();
      },
      frame: (f) => this.#events.emit("frame", f),
    });
    const upgrade = this.#o.links.upgrade;
    this.#prober =
      upgrade &&
      new UpgradeProber({
        WebSocket: upgrade.WebSocket,
        url: this.#o.url,
        timers,
        ...this.#o.upgradeProbe,
        timeoutMs: this.#o.fallbackMs,
        hello: () => (this.#session.token === undefined ? undefined : encode(this.#hello())),
        onUpgrade: (socket, hello, welcome) => this.#upgrade(socket, hello, welcome),
      });
    this.#session = new SessionStore(storage, storageKey);
    this.#outbox = new Outbox(storage, `${storageKey}:outbox`, (e) =>
      this.#events.emit("outbox", e),
    );
    const cursors = new RoomCursors(storage, `${storageKey}:cursors`);
    const feeds = new RoomFeeds({
      cursors,
      fetchHistory: (room, before, limit) => this.history(room, before, limit),
      deliver: (room, messages, reset) => {
        this.#events.emit("roomMessages", room, messages, reset);
        this.#outbox.delivered(room, messages); // the hand-over: the timeline has the copy now
      },
    });
    this.#cursors = cursors;
    this.#rooms = new RoomSession({
      outbox: this.#outbox,
      cursors,
      feeds,
      timers,
      write: (m) => this.#write(m),
      nextRef: () => this.#requests.nextRef(),
      granted: (cap) => this.#caps.has(cap),
      onJoinRefused: (room, error) => this.#events.emit("joinRefused", room, error),
    });
    this.#uploads = new UploadQueue({
      write: (m) => this.#write(m),
      writeBinary: (frame) => this.#transport.writeBinary(frame),
      ready: (room) => this.#state.status === "open" && this.#rooms.isReady(room),
      unsupported: () => this.#uploadsUnsupported(),
      sha256: sha256Hex,
      nextRef: () => this.#requests.nextRef(),
    });
    this.#fileUrls = new FileUrls(
      httpBaseOf(this.#o.url),
      (url, init) => globalThis.fetch(url, init),
      () => this.#session.token,
      () => timers.now(),
    );
  }

  get state(): ConnectionState {
    return this.#state;
  }
  /** Fields and frames a newer server sent that this client ignored (each kind logged once). */
  get tolerated(): ToleratedCounts {
    return { ...this.#transport.tolerated.counts };
  }

  /** What the node granted of `hello.caps` on this connection (empty before `welcome`). */
  /** What carries the current link (`transport` option); with `auto`, known after its first frame. */
  get activeTransport(): TransportKind | undefined {
    return this.#o.links.current();
  }

  get caps(): ReadonlySet<string> {
    return this.#caps;
  }

  get user(): User | undefined {
    return this.#user;
  }
  get token(): string | undefined {
    return this.#session.token;
  }
  get rttMs(): number | undefined {
    return this.#rttMs;
  }
  get outbox(): readonly OutboxEntry[] {
    return this.#outbox.entries();
  }
  get joinedRooms(): readonly string[] {
    return this.#rooms.rooms;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof ClientEvents>(event: K, handler: ClientEvents[K]): () => void {
    return this.#events.on(event, handler);
  }

  /** Opens the connection (from `idle` or `closed`); later drops reconnect by themselves. */
  connect(): void {
    if (this.#state.status !== "idle" && this.#state.status !== "closed") return;
    this.#reconnect.reset();
    this.#unsubscribeOnline ??= this.#o.online.subscribe((up) => this.#onOnlineChange(up));
    this.#setState({ status: "connecting", attempt: 0, lastClose: this.#state.lastClose });
    if (this.#o.online.isOnline()) this.#open();
  }

  /** Closes for good (until `connect()` again). The outbox stays persisted. */
  close(code: number = CloseCode.Normal, reason = "bye"): void {
    this.#transport.close(code, reason);
    this.#teardown();
    this.#stopWatchingOnline();
    this.#setState({ status: "closed", attempt: 0, lastClose: { code, reason, retryable: false } });
  }

  /**
   * Sign-out: closes, then forgets everything of this identity — its token, its unsent messages (the
   * persisted copy too), its rooms and their resume positions — so the next `connect()`, maybe as
   * someone else, neither sends what the previous user queued nor rejoins their rooms.
   */
  forget(code: number = CloseCode.Normal, reason = "signed out"): void {
    if (this.#state.status !== "closed" && this.#state.status !== "idle") this.close(code, reason);
    this.#rooms.forgetAll();
    this.#outbox.clear();
    this.#session.clearToken();
    this.#user = undefined;
    this.#caps = new Set();
  }

  /**
   * The session token for the next `hello`: one from the account API (register or login) signs in as
   * that account; `undefined` forgets the stored one (sign-out: the next `hello` is a new guest).
   */
  useToken(token: string | undefined): void {
    if (token === undefined) this.#session.clearToken();
    else this.#session.setToken(token);
  }

  /** The name for the next `hello` (a live connection keeps its name). */
  setName(name: string | undefined): void {
    this.#name = name;
  }

  /** Joins now if connected, and after every reconnect until `leave(room)`. */
  join(room: string, options: JoinOptions = {}): void {
    this.#rooms.join(room, options);
  }

  leave(room: string): void {
    this.#rooms.leave(room);
  }

  /**
   * Queues a chat message and sends it as soon as its room is joined. Throws a `RangeError` for text
   * the server would refuse (blank, or over `LIMITS.maxTextLength`), so it never enters the outbox.
   */
  send(room: string, text: string, options: SendOptions = {}): OutboxEntry {
    const valid = checkText(text);
    if (!valid.ok) throw new RangeError(`text ${valid.problem.message}`);
    const cid = randomId(this.#o.random);
    const entry: OutboxEntry = {
      cid,
      room,
      text,
      createdAt: this.#o.timers.now(),
      status: "queued",
      // Only a node that granted `replies` accepts the field; elsewhere the message goes unquoted.
      ...(options.replyTo !== undefined &&
        this.#caps.has(Capability.Replies) && { replyTo: options.replyTo }),
      // Without `threads` the reply goes to the room, where every client shows it.
      ...(options.thread !== undefined &&
        this.#caps.has(Capability.Threads) && {
          thread: options.thread,
          ...(options.alsoToRoom === true && { alsoToRoom: true as const }),
        }),
    };
    return this.#outbox.batch(() => {
      this.#outbox.add(entry);
      this.#rooms.flush(room);
      return this.#outbox.get(cid) ?? entry;
    });
  }

  /** Puts a failed entry back in the queue. */
  retry(cid: string): void {
    const entry = this.#outbox.get(cid);
    if (entry?.status !== "failed") return;
    this.#outbox.batch(() => {
      this.#outbox.setStatus(cid, "queued");
      this.#rooms.flush(entry.room);
    });
  }

  /** Drops an outbox entry (e.g. a failed one the user dismissed). */
  discard(cid: string): void {
    this.#outbox.remove(cid);
  }

  /**
   * Tells the server which joined room is on screen, so it opens on the user's other devices too.
   * Dropped unless the room is live and the node granted `saved_rooms` (older nodes reject `open`).
   */
  open(room: string): void {
    if (this.#caps.has(Capability.SavedRooms) && this.#rooms.isReady(room)) {
      this.#write({ type: "open", room });
    }
  }

  /**
   * Tells the server whether this tab is on screen (`document.visibilityState`): while none of the
   * user's tabs is, their notifications go out as Web Push too. Remembered and sent again after each
   * reconnect; sent only when the node granted `visibility` (older nodes reject the message).
   */
  setVisibility(visible: boolean): void {
    this.#visible = visible;
    if (this.#state.status === "open" && this.#caps.has(Capability.Visibility)) {
      this.#write({ type: "visibility", visible });
    }
  }

  /**
   * Moves the user's read cursor in `room` to `seq` (the newest message on screen). Dropped unless
   * the room is live and the node granted `read_receipts`; the server answers every tab with
   * `read_cursor`. Callers coalesce (the server limits the rate per user).
   */
  read(room: string, seq: number): void {
    if (this.#caps.has(Capability.ReadReceipts) && this.#rooms.isReady(room)) {
      this.#write({ type: "read", room, seq });
    }
  }

  /**
   * Moves the user's thread cursor of `root` to `seq` (the newest reply on screen); the server answers
   * every tab with `thread_read`. Dropped unless connected with `threads` granted.
   */
  threadRead(room: string, root: string, seq: number): void {
    if (this.#state.status === "open" && this.#caps.has(Capability.Threads)) {
      this.#write({ type: "thread_read", room, root, seq });
    }
  }

  /** One page of a thread (the latest replies, or those with seq < `before`), oldest first. */
  async thread(room: string, root: string, before?: number): Promise<ThreadReply> {
    const reply = await this.request({
      type: "thread",
      room,
      root,
      ...(before !== undefined && { before }),
    });
    if (reply.type !== "thread") throw new RequestError("internal", `unexpected ${reply.type}`);
    return reply;
  }

  /**
   * Sends a file into a room over binary frames (needs the `files` capability: pass it in `caps`).
   * Starts once the room is joined; after a reconnect it resumes at the server's offset by itself.
   */
  upload(input: UploadInput): Upload {
    return this.#uploads.add(randomId(this.#o.random), input);
  }

  /** Uploads of this client, oldest first, until `forgetUpload(id)` (which cancels a running one). */
  get uploads(): readonly Upload[] {
    return this.#uploads.list();
  }

  forgetUpload(id: string): void {
    this.#uploads.forget(id);
  }

  /**
   * A short-lived signed URL of a file (or its thumbnail) for `<img src>` or a download link, asked of
   * `GET /api/files/<id>/url` with this session's token and cached until shortly before it expires.
   */
  fileUrl(attachmentId: string, options: { thumb?: boolean } = {}): Promise<string> {
    return this.#fileUrls.url(attachmentId, options.thumb === true);
  }

  #uploadsUnsupported(): string | undefined {
    if (this.#state.status !== "open") return undefined; // not known until welcome
    if (!this.#caps.has(Capability.Files)) return "the server did not grant the files capability";
    return undefined;
  }

  /** Volatile: silently dropped unless the room is live. */
  typing(room: string): void {
    if (this.#rooms.isReady(room)) this.#write({ type: "typing", room });
  }

  /** A page of messages with `seq < before` (the latest page without `before`), oldest first. */
  async history(room: string, before?: number, limit?: number): Promise<HistoryReply> {
    const message: RequestMessage = { type: "history", room };
    if (before !== undefined) message.before = before;
    if (limit !== undefined) message.limit = limit;
    const reply = await this.request(message);
    if (reply.type !== "history") throw new RequestError("internal", `unexpected ${reply.type}`);
    return reply;
  }

  /**
   * One page of a joined room's online members in id order, with the room's `count` (needs the
   * `member_pages` capability: pass it in `caps`). Pass the reply's `next` as `cursor` for the next.
   */
  async members(room: string, options: MembersOptions = {}): Promise<MembersReply> {
    const message: RequestMessage = { type: "members", room, ...options };
    const reply = await this.request(message);
    if (reply.type !== "members") throw new RequestError("internal", `unexpected ${reply.type}`);
    return reply;
  }

  /** Full-text search over every room the user may read, newest first. */
  async search(query: string, options: SearchOptions = {}): Promise<SearchReply> {
    const reply = await this.request({ type: "search", query, ...options });
    if (reply.type !== "search_results") {
      throw new RequestError("internal", `unexpected ${reply.type}`);
    }
    return reply;
  }

  /**
   * Whether this connection hears the membership changes of a big room (`member_pages`): watch while
   * its member list is on screen. Dropped on `leave` and on reconnect (watch again after `joined`).
   */
  async watchMembers(room: string, watch: boolean): Promise<boolean> {
    const reply = await this.request({ type: watch ? "watch_members" : "unwatch_members", room });
    if (reply.type !== "watching_members") {
      throw new RequestError("internal", `unexpected ${reply.type}`);
    }
    return reply.watching;
  }

  /** The room directory. */
  async rooms(): Promise<RoomsReply> {
    const reply = await this.request({ type: "rooms" });
    if (reply.type !== "rooms") throw new RequestError("internal", `unexpected ${reply.type}`);
    return reply;
  }

  /**
   * Sends a request with a fresh `ref`; resolves with the reply carrying that ref, or rejects with a
   * `RequestError` (the server's `error {code}`, `timeout`, or `disconnected`).
   */
  request(message: RequestMessage): Promise<ServerMessage> {
    if (this.#state.status !== "open") {
      return Promise.reject(new RequestError("disconnected", "not connected"));
    }
    const ref = this.#requests.nextRef();
    const reply = this.#requests.wait(ref, this.#o.requestTimeoutMs);
    this.#write({ ...message, ref });
    return reply;
  }

  // --- connection lifecycle ------------------------------------------------------------------------

  /** The one place the state changes; every transition is an event. */
  #setState(next: ConnectionState): void {
    this.#state = next;
    this.#events.emit("state", next);
  }

  #open(): void {
    this.#reconnect.cancelRetry();
    try {
      this.#transport.open();
    } catch (error) {
      // A malformed URL does not get better by retrying.
      const reason = error instanceof Error ? error.message : "cannot open a socket";
      this.#stopWatchingOnline();
      this.#setState({
        status: "closed",
        attempt: 0,
        lastClose: { code: CloseCode.Abnormal, reason, retryable: false },
      });
      return;
    }
    if (this.#state.nextRetryAt !== undefined) {
      this.#setState({ ...this.#state, nextRetryAt: undefined });
    }
  }

  #hello(): ClientMessage {
    const hello: ClientMessage = { type: "hello" };
    if (this.#name !== undefined) hello.name = this.#name;
    if (this.#session.token !== undefined) hello.token = this.#session.token;
    if (this.#o.caps.length > 0) hello.caps = [...this.#o.caps];
    return hello;
  }

  #sayHello(): void {
    this.#write(this.#hello());
  }

  /**
   * A WebSocket probe was welcomed while on SSE: it becomes the link, as a reconnect would, without
   * a gap — rooms rejoin with their `seq` (what the old link delivered is not delivered twice),
   * unacked sends go again (idempotent by `cid`); then the SSE link closes.
   */
  #upgrade(socket: WebSocketLike, hello: string, welcome: string): void {
    if (this.#state.status !== "open") {
      socket.close(CloseCode.Normal, "not needed");
      return;
    }
    this.#o.links.upgrade?.upgraded();
    this.#heartbeat?.stop();
    this.#heartbeat = undefined;
    this.#rooms.onDisconnect();
    this.#uploads.onDisconnect(); // resumed on the new link at the server's offset
    this.#requests.rejectAll("switching to WebSocket");
    const old = this.#transport.adopt(socket, hello, welcome);
    old?.close(CloseCode.Normal, "upgraded to WebSocket");
  }

  /** Drops the current socket's bookkeeping; the transport makes its late callbacks ghosts. */
  #teardown(): void {
    this.#prober?.stop();
    this.#transport.detach();
    this.#heartbeat?.stop();
    this.#heartbeat = undefined;
    this.#reconnect.cancel();
    this.#rooms.onDisconnect();
    this.#uploads.onDisconnect();
    this.#requests.rejectAll("connection lost");
  }

  #onClose(code: number, reason: string): void {
    this.#teardown();
    const lastClose: LastClose = { code, reason, retryable: isRetryable(code) };
    if (!lastClose.retryable) {
      if (code === CloseCode.Unauthorized) {
        this.#session.clearToken(); // next connect() starts afresh, as a new user
        // Queued under the refused identity: sent as the new one only if the user says so (`retry`).
        this.#outbox.failUnsent(SIGNED_OUT);
      }
      this.#stopWatchingOnline();
      this.#setState({ status: "closed", attempt: 0, lastClose });
      return;
    }
    const attempt = this.#reconnect.recordFailure(code);
    if (!this.#o.online.isOnline()) {
      // No loop while offline: the `online` event reconnects.
      this.#setState({ status: "reconnecting", attempt, lastClose });
      return;
    }
    const nextRetryAt = this.#reconnect.schedule(() => this.#open());
    this.#setState({ status: "reconnecting", attempt, lastClose, nextRetryAt });
  }

  /**
   * The socket never opened: maybe the server was upgraded past our subprotocol (a browser cannot read
   * the refusal's HTTP 400). If the server says so, stop retrying with the local 4426.
   */
  #probeVersion(): void {
    const fetch = this.#o.fetch;
    if (fetch === undefined || this.#probing || this.#state.status !== "reconnecting") return;
    this.#probing = true;
    void supportsSubprotocol(fetch, this.#o.url).then((supported) => {
      this.#probing = false;
      const { status } = this.#state;
      if (supported !== false || status === "open" || status === "closed") return;
      const code = CloseCode.UpgradeRequired;
      this.#teardown(); // also drops a retry's socket still handshaking
      this.#stopWatchingOnline();
      this.#setState({
        status: "closed",
        attempt: 0,
        lastClose: { code, reason: CLOSE_REASONS[code], retryable: false },
      });
    });
  }

  /** The link is dead though the socket looks open: drop it now and reconnect. */
  #onDeadLink(): void {
    this.#transport.terminate();
    this.#onClose(CloseCode.Abnormal, "no pong: link dead");
  }

  #onOnlineChange(online: boolean): void {
    const { status } = this.#state;
    if (!online && this.#transport.attached) {
      // The OS says the network is gone: a socket that looks open would only be found dead by the
      // heartbeat, up to a ping interval later, while the app still showed "online".
      this.#transport.terminate();
      this.#onClose(CloseCode.Abnormal, "offline");
      return;
    }
    if (this.#transport.attached || (status !== "reconnecting" && status !== "connecting")) return;
    if (online) {
      this.#open();
    } else {
      this.#reconnect.cancelRetry();
      this.#setState({ ...this.#state, nextRetryAt: undefined });
    }
  }

  #stopWatchingOnline(): void {
    this.#unsubscribeOnline?.();
    this.#unsubscribeOnline = undefined;
  }

  // --- frames --------------------------------------------------------------------------------------

  #write(message: ClientMessage): void {
    this.#transport.write(message);
  }

  #onMessage(message: ServerMessage): void {
    // One frame, one `outbox` event at most (an ack, a delivery, a refusal and its requeue).
    this.#outbox.batch(() => this.#handle(message));
    this.#requests.settle(message);
    this.#events.emit("message", message);
  }

  #handle(message: ServerMessage): void {
    switch (message.type) {
      case "welcome":
        return this.#onWelcome(message);
      case "joined":
        this.#noteJoinedChanges(message);
        this.#rooms.onJoined(message);
        this.#uploads.pump();
        return;
      case "message":
        return this.#rooms.onChatMessage(message);
      case "ack":
        return this.#rooms.onAck(message);
      case "pong":
        return this.#heartbeat?.onPong(message.t);
      case "token":
        return this.#session.setToken(message.token); // replaces the welcome's before it expires
      case "error":
        if (this.#uploads.handle(message)) return;
        this.#rooms.onError(message);
        return;
      case "upload_ready":
      case "upload_progress":
      case "upload_done":
      case "upload_cancel":
        this.#uploads.handle(message);
        return;
      case "left":
        this.#rooms.onLeft(message.room);
        return;
      case "edited":
      case "deleted":
      case "thread_summary":
      case "reaction":
        // Applied by the app (idempotently); the cursor names the latest, for the next resume.
        if (message.changeSeq !== undefined)
          this.#cursors.noteChange(message.room, message.changeSeq);
        return;
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
        return; // the app's business: it sees them through the `message` event
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  /**
   * A fresh page reflects every change up to `joined.changeSeq`. An exact resume does not move the
   * cursor: the replayed frames that follow do, one by one, so a socket lost mid-replay resumes from
   * the last change really applied.
   */
  #noteJoinedChanges(joined: ServerMessage & { type: "joined" }): void {
    if (joined.changeSeq === undefined) return;
    if (joined.recovered === true && this.#cursors.changeSeq(joined.room) !== undefined) return;
    this.#cursors.noteChange(joined.room, joined.changeSeq);
  }

  #onWelcome(welcome: ServerMessage & { type: "welcome" }): void {
    this.#user = welcome.user;
    this.#caps = new Set(welcome.caps ?? []);
    this.#session.setToken(welcome.token);
    const { intervalMs, timeoutMs } = heartbeatTiming(this.#o, welcome.heartbeatMs);
    this.#heartbeat = new Heartbeat({
      timers: this.#o.timers,
      intervalMs,
      timeoutMs,
      sendPing: (t) => this.#write({ type: "ping", t }),
      onDead: () => this.#onDeadLink(),
      onRtt: (ms) => {
        this.#rttMs = ms;
        this.#events.emit("rtt", ms);
      },
    });
    this.#heartbeat.start();
    this.#reconnect.markOpen();
    this.#setState({ status: "open", attempt: 0, lastClose: this.#state.lastClose });
    if (this.#caps.has(Capability.Visibility)) {
      this.#write({ type: "visibility", visible: this.#visible });
    }
    this.#events.emit("user", welcome.user);
    const kind = this.activeTransport;
    if (kind !== undefined) this.#events.emit("transport", kind);
    if (kind === "sse") this.#prober?.start();
    else this.#prober?.stop();
    this.#rooms.onWelcome(welcome.limits);
    this.#uploads.pump();
  }
}
