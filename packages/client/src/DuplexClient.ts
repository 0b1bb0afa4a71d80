import {
  CloseCode,
  SUBPROTOCOL,
  Text,
  decodeServerMessage,
  encode,
  isRetryable,
} from "@duplex/protocol";
import type { ClientMessage, ServerMessage, User } from "@duplex/protocol";
import type {
  ClientEvents,
  ConnectionState,
  HistoryReply,
  JoinOptions,
  LastClose,
  OutboxEntry,
  RequestMessage,
  RoomsReply,
  WebSocketLike,
} from "./types.js";
import type { DuplexClientOptions, ResolvedOptions } from "./options.js";
import { backoffDelay } from "./backoff.js";
import { Emitter } from "./emitter.js";
import { randomId } from "./environment.js";
import { Heartbeat } from "./heartbeat.js";
import { heartbeatTiming, resolveOptions } from "./options.js";
import { Outbox } from "./outbox.js";
import { PendingRequests, RequestError } from "./requests.js";
import { RoomCursors } from "./roomCursors.js";
import { RoomFeeds } from "./roomFeeds.js";
import { RoomSession } from "./roomSession.js";
import { SessionStore } from "./sessionStore.js";

/** After a deploy (1001) every client lost the server at once: start from a wider jitter window. */
export const GOING_AWAY_MIN_ATTEMPT = 2;

type Timer = "retry" | "stable";

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
  #socket: WebSocketLike | undefined;
  /** Identifies the current socket; callbacks of a replaced one see another number and do nothing. */
  #generation = 0;
  /** Backoff exponent; reset only after a connection stayed up `stableAfterMs`. */
  #retryAttempt = 0;
  readonly #timers = new Map<Timer, unknown>();
  #heartbeat: Heartbeat | undefined;
  #unsubscribeOnline: (() => void) | undefined;
  #name: string | undefined;
  #user: User | undefined;
  #rttMs: number | undefined;

  constructor(options: DuplexClientOptions) {
    this.#o = resolveOptions(options);
    this.#name = options.name;
    const { storage, storageKey, timers } = this.#o;
    this.#requests = new PendingRequests(timers);
    this.#session = new SessionStore(storage, storageKey);
    this.#outbox = new Outbox(storage, `${storageKey}:outbox`, (e) =>
      this.#events.emit("outbox", e),
    );
    const cursors = new RoomCursors(storage, `${storageKey}:cursors`);
    const feeds = new RoomFeeds({
      cursors,
      fetchHistory: (room, before, limit) => this.history(room, before, limit),
      deliver: (room, messages, reset) => this.#events.emit("roomMessages", room, messages, reset),
    });
    this.#rooms = new RoomSession({
      outbox: this.#outbox,
      cursors,
      feeds,
      timers,
      write: (m) => this.#write(m),
      nextRef: () => this.#requests.nextRef(),
    });
  }

  get state(): ConnectionState {
    return this.#state;
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
    this.#retryAttempt = 0;
    this.#unsubscribeOnline ??= this.#o.online.subscribe((up) => this.#onOnlineChange(up));
    this.#setState({ status: "connecting", attempt: 0, lastClose: this.#state.lastClose });
    if (this.#o.online.isOnline()) this.#open();
  }

  /** Closes for good (until `connect()` again). The outbox stays persisted. */
  close(code: number = CloseCode.Normal, reason = "bye"): void {
    const socket = this.#socket;
    this.#teardown();
    this.#stopWatchingOnline();
    socket?.close(code, reason);
    this.#setState({ status: "closed", attempt: 0, lastClose: { code, reason, retryable: false } });
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
  send(room: string, text: string): OutboxEntry {
    const valid = Text.safeParse(text);
    if (!valid.success) {
      throw new RangeError(`text ${valid.error.issues[0]?.message ?? "is invalid"}`);
    }
    const cid = randomId(this.#o.random);
    const entry: OutboxEntry = {
      cid,
      room,
      text,
      createdAt: this.#o.timers.now(),
      status: "queued",
    };
    this.#outbox.add(entry);
    this.#rooms.send(entry);
    return this.#outbox.get(cid) ?? entry;
  }

  /** Puts a failed entry back in the queue. */
  retry(cid: string): void {
    const entry = this.#outbox.get(cid);
    if (entry?.status !== "failed") return;
    this.#outbox.setStatus(cid, "queued");
    this.#rooms.flush(entry.room);
  }

  /** Drops an outbox entry (e.g. a failed one the user dismissed). */
  discard(cid: string): void {
    this.#outbox.remove(cid);
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
    this.#clearTimer("retry");
    const generation = ++this.#generation;
    let socket: WebSocketLike;
    try {
      socket = new this.#o.WebSocket(this.#o.url, SUBPROTOCOL);
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
    this.#socket = socket;
    if (this.#state.nextRetryAt !== undefined) {
      this.#setState({ ...this.#state, nextRetryAt: undefined });
    }
    socket.onopen = () => {
      if (generation !== this.#generation) return;
      const hello: ClientMessage = { type: "hello" };
      if (this.#name !== undefined) hello.name = this.#name;
      if (this.#session.token !== undefined) hello.token = this.#session.token;
      this.#write(hello);
    };
    socket.onmessage = (ev) => {
      if (generation === this.#generation && typeof ev.data === "string") this.#onFrame(ev.data);
    };
    socket.onclose = (ev) => {
      if (generation === this.#generation) this.#onClose(ev.code, ev.reason);
    };
    socket.onerror = () => undefined; // `close` always follows and carries the code
  }

  /** Forgets the current socket; its late callbacks become ghosts. */
  #teardown(): void {
    this.#generation += 1;
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket !== undefined) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onclose = null;
    }
    this.#heartbeat?.stop();
    this.#heartbeat = undefined;
    this.#clearTimer("stable");
    this.#clearTimer("retry");
    this.#rooms.onDisconnect();
    this.#requests.rejectAll("connection lost");
  }

  #onClose(code: number, reason: string): void {
    this.#teardown();
    const lastClose: LastClose = { code, reason, retryable: isRetryable(code) };
    if (!lastClose.retryable) {
      if (code === CloseCode.Unauthorized) this.#session.clearToken(); // next connect() starts afresh
      this.#stopWatchingOnline();
      this.#setState({ status: "closed", attempt: 0, lastClose });
      return;
    }
    const attempt =
      code === CloseCode.GoingAway
        ? Math.max(this.#retryAttempt, GOING_AWAY_MIN_ATTEMPT)
        : this.#retryAttempt;
    this.#retryAttempt = attempt + 1;
    if (!this.#o.online.isOnline()) {
      // No loop while offline: the `online` event reconnects.
      this.#setState({ status: "reconnecting", attempt: this.#retryAttempt, lastClose });
      return;
    }
    const delay = backoffDelay(attempt, this.#o.backoff, this.#o.random);
    this.#timers.set(
      "retry",
      this.#o.timers.setTimeout(() => this.#open(), delay),
    );
    this.#setState({
      status: "reconnecting",
      attempt: this.#retryAttempt,
      lastClose,
      nextRetryAt: this.#o.timers.now() + delay,
    });
  }

  /** The link is dead though the socket looks open: drop it now and reconnect. */
  #onDeadLink(): void {
    const socket = this.#socket;
    this.#onClose(CloseCode.Abnormal, "no pong: link dead");
    // `ws` waits 30 s for the close handshake on a dead link; terminate() frees it at once.
    const terminable = socket as (WebSocketLike & { terminate?: () => void }) | undefined;
    if (typeof terminable?.terminate === "function") terminable.terminate();
    else socket?.close(CloseCode.Normal, "heartbeat timeout");
  }

  #onOnlineChange(online: boolean): void {
    const { status } = this.#state;
    if (this.#socket !== undefined || (status !== "reconnecting" && status !== "connecting"))
      return;
    if (online) {
      this.#open();
    } else {
      this.#clearTimer("retry");
      this.#setState({ ...this.#state, nextRetryAt: undefined });
    }
  }

  #stopWatchingOnline(): void {
    this.#unsubscribeOnline?.();
    this.#unsubscribeOnline = undefined;
  }

  #clearTimer(name: Timer): void {
    const handle = this.#timers.get(name);
    if (handle === undefined) return;
    this.#o.timers.clearTimeout(handle);
    this.#timers.delete(name);
  }

  // --- frames --------------------------------------------------------------------------------------

  #write(message: ClientMessage): void {
    const socket = this.#socket;
    if (socket === undefined) return;
    const text = encode(message);
    socket.send(text);
    this.#events.emit("frame", {
      direction: "out",
      text,
      type: message.type,
      at: this.#o.timers.now(),
    });
  }

  #onFrame(text: string): void {
    const decoded = decodeServerMessage(text);
    const type = decoded.ok ? decoded.value.type : "invalid";
    this.#events.emit("frame", { direction: "in", text, type, at: this.#o.timers.now() });
    if (!decoded.ok) {
      console.warn(`duplex client: ignored a bad frame (${decoded.error.message})`);
      return;
    }
    const message = decoded.value;
    this.#handle(message);
    this.#requests.settle(message);
    this.#events.emit("message", message);
  }

  #handle(message: ServerMessage): void {
    switch (message.type) {
      case "welcome":
        return this.#onWelcome(message);
      case "joined":
        return this.#rooms.onJoined(message);
      case "message":
        return this.#rooms.onChatMessage(message);
      case "ack":
        return this.#rooms.onAck(message);
      case "pong":
        return this.#heartbeat?.onPong(message.t);
      case "error":
        this.#rooms.onError(message);
        return;
      case "left":
      case "presence":
      case "typing":
      case "history":
      case "rooms":
      case "edited":
      case "deleted":
      case "notification":
      case "notifications_read":
      case "subscribed":
      case "unsubscribed":
      case "data":
        return; // the app's business: it sees them through the `message` event
      default: {
        const unhandled: never = message;
        return unhandled;
      }
    }
  }

  #onWelcome(welcome: ServerMessage & { type: "welcome" }): void {
    this.#user = welcome.user;
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
    this.#timers.set(
      "stable",
      this.#o.timers.setTimeout(() => {
        this.#timers.delete("stable");
        this.#retryAttempt = 0;
      }, this.#o.stableAfterMs),
    );
    this.#setState({ status: "open", attempt: 0, lastClose: this.#state.lastClose });
    this.#events.emit("user", welcome.user);
    this.#rooms.onWelcome();
  }
}
