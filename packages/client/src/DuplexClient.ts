import { Capability, CloseCode } from "@duplex/protocol";
import type { ServerMessage, User } from "@duplex/protocol";
import type {
  ClientEvents,
  ConnectionState,
  HistoryReply,
  ThreadReply,
  JoinOptions,
  MembersOptions,
  MembersReply,
  SearchOptions,
  SearchReply,
  OutboxEntry,
  SendOptions,
  RequestMessage,
  RoomsReply,
} from "./types.js";
import type { DuplexClientOptions } from "./options.js";
import type { ToleratedCounts } from "./toleratedFrames.js";
import { randomId } from "./environment.js";
import { ClientCore } from "./clientCore.js";
import type { TransportKind } from "./autoTransport.js";
import type { Upload, UploadInput } from "./uploads.js";

/**
 * One Duplex connection: hello/welcome, reconnect with jittered backoff, heartbeat, an outbox that
 * survives reloads, and gap-free per-room resume. Knows nothing of React.
 */
export class DuplexClient {
  readonly #c: ClientCore;

  constructor(options: DuplexClientOptions) {
    this.#c = new ClientCore(options);
  }

  get state(): ConnectionState {
    return this.#c.link.state;
  }
  /** Fields and frames a newer server sent that this client ignored (each kind logged once). */
  get tolerated(): ToleratedCounts {
    return { ...this.#c.link.transport.tolerated.counts };
  }

  /** What carries the current link (`transport` option); with `auto`, known after its first frame. */
  get activeTransport(): TransportKind | undefined {
    return this.#c.o.links.current();
  }

  /** What the node granted of `hello.caps` on this connection (empty before `welcome`). */
  get caps(): ReadonlySet<string> {
    return this.#c.caps;
  }

  get user(): User | undefined {
    return this.#c.user;
  }
  get token(): string | undefined {
    return this.#c.session.token;
  }
  get rttMs(): number | undefined {
    return this.#c.rttMs;
  }
  get outbox(): readonly OutboxEntry[] {
    return this.#c.outbox.entries();
  }
  get joinedRooms(): readonly string[] {
    return this.#c.rooms.rooms;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof ClientEvents>(event: K, handler: ClientEvents[K]): () => void {
    return this.#c.events.on(event, handler);
  }

  /** Opens the connection (from `idle` or `closed`); later drops reconnect by themselves. */
  connect(): void {
    this.#c.link.connect();
  }

  /** Closes for good (until `connect()` again). The outbox stays persisted. */
  close(code: number = CloseCode.Normal, reason = "bye"): void {
    this.#c.link.close(code, reason);
  }

  /**
   * Sign-out: closes, then forgets everything of this identity — its token, its unsent messages (the
   * persisted copy too), its rooms and their resume positions — so the next `connect()`, maybe as
   * someone else, neither sends what the previous user queued nor rejoins their rooms.
   */
  forget(code: number = CloseCode.Normal, reason = "signed out"): void {
    if (this.#c.link.state.status !== "closed" && this.#c.link.state.status !== "idle")
      this.close(code, reason);
    this.#c.rooms.forgetAll();
    this.#c.outbox.clear();
    this.#c.session.clearToken();
    this.#c.user = undefined;
    this.#c.caps = new Set();
  }

  /**
   * The session token for the next `hello`: one from the account API (register or login) signs in as
   * that account; `undefined` forgets the stored one (sign-out: the next `hello` is a new guest).
   */
  useToken(token: string | undefined): void {
    if (token === undefined) this.#c.session.clearToken();
    else this.#c.session.setToken(token);
  }

  /** The name for the next `hello` (a live connection keeps its name). */
  setName(name: string | undefined): void {
    this.#c.name = name;
  }

  /** Joins now if connected, and after every reconnect until `leave(room)`. */
  join(room: string, options: JoinOptions = {}): void {
    this.#c.rooms.join(room, options);
  }

  leave(room: string): void {
    this.#c.rooms.leave(room);
  }

  /**
   * Queues a chat message and sends it as soon as its room is joined. Throws a `RangeError` for text
   * the server would refuse (blank, or over `LIMITS.maxTextLength`), so it never enters the outbox.
   */
  send(room: string, text: string, options: SendOptions = {}): OutboxEntry {
    // One `outbox` event for the new entry, already `sent` when the room was live.
    return this.#c.outbox.add(room, text, options, {
      cid: randomId(this.#c.o.random),
      now: this.#c.o.timers.now(),
      caps: this.#c.caps,
    });
  }

  /** Puts a failed entry back in the queue. */
  retry(cid: string): void {
    this.#c.outbox.retry(cid);
  }

  /** Drops an outbox entry (e.g. a failed one the user dismissed). */
  discard(cid: string): void {
    this.#c.outbox.remove(cid);
  }

  /**
   * Tells the server which joined room is on screen, so it opens on the user's other devices too.
   * Dropped unless the room is live and the node granted `saved_rooms` (older nodes reject `open`).
   */
  open(room: string): void {
    if (this.#c.caps.has(Capability.SavedRooms) && this.#c.rooms.isReady(room)) {
      this.#c.write({ type: "open", room });
    }
  }

  /**
   * Tells the server whether this tab is on screen (`document.visibilityState`): while none of the
   * user's tabs is, their notifications go out as Web Push too. Remembered and sent again after each
   * reconnect; sent only when the node granted `visibility` (older nodes reject the message).
   */
  setVisibility(visible: boolean): void {
    this.#c.visible = visible;
    if (this.#c.link.state.status === "open" && this.#c.caps.has(Capability.Visibility)) {
      this.#c.write({ type: "visibility", visible });
    }
  }

  /**
   * Moves the user's read cursor in `room` to `seq` (the newest message on screen). Dropped unless
   * the room is live and the node granted `read_receipts`; the server answers every tab with
   * `read_cursor`. Callers coalesce (the server limits the rate per user).
   */
  read(room: string, seq: number): void {
    if (this.#c.caps.has(Capability.ReadReceipts) && this.#c.rooms.isReady(room)) {
      this.#c.write({ type: "read", room, seq });
    }
  }

  /**
   * Moves the user's thread cursor of `root` to `seq` (the newest reply on screen); the server answers
   * every tab with `thread_read`. Dropped unless connected with `threads` granted.
   */
  threadRead(room: string, root: string, seq: number): void {
    if (this.#c.link.state.status === "open" && this.#c.caps.has(Capability.Threads)) {
      this.#c.write({ type: "thread_read", room, root, seq });
    }
  }

  /** One page of a thread (the latest replies, or those with seq < `before`), oldest first. */
  async thread(room: string, root: string, before?: number): Promise<ThreadReply> {
    const reply = await this.#c.ask(
      {
        type: "thread",
        room,
        root,
        ...(before !== undefined && { before }),
      },
      "thread",
    );
    return reply;
  }

  /**
   * Sends a file into a room over binary frames (needs the `files` capability: pass it in `caps`).
   * Starts once the room is joined; after a reconnect it resumes at the server's offset by itself.
   */
  upload(input: UploadInput): Upload {
    return this.#c.uploads.add(randomId(this.#c.o.random), input);
  }

  /** Uploads of this client, oldest first, until `forgetUpload(id)` (which cancels a running one). */
  get uploads(): readonly Upload[] {
    return this.#c.uploads.list();
  }

  forgetUpload(id: string): void {
    this.#c.uploads.forget(id);
  }

  /**
   * A short-lived signed URL of a file (or its thumbnail) for `<img src>` or a download link, asked of
   * `GET /api/files/<id>/url` with this session's token and cached until shortly before it expires.
   */
  fileUrl(attachmentId: string, options: { thumb?: boolean } = {}): Promise<string> {
    return this.#c.fileUrls.url(attachmentId, options.thumb === true);
  }

  /** Volatile: silently dropped unless the room is live. */
  typing(room: string): void {
    if (this.#c.rooms.isReady(room)) this.#c.write({ type: "typing", room });
  }

  /** A page of messages with `seq < before` (the latest page without `before`), oldest first. */
  history(room: string, before?: number, limit?: number): Promise<HistoryReply> {
    return this.#c.history(room, before, limit);
  }

  /**
   * One page of a joined room's online members in id order, with the room's `count` (needs the
   * `member_pages` capability: pass it in `caps`). Pass the reply's `next` as `cursor` for the next.
   */
  async members(room: string, options: MembersOptions = {}): Promise<MembersReply> {
    const message: RequestMessage = { type: "members", room, ...options };
    const reply = await this.#c.ask(message, "members");
    return reply;
  }

  /** Full-text search over every room the user may read, newest first. */
  async search(query: string, options: SearchOptions = {}): Promise<SearchReply> {
    const reply = await this.#c.ask({ type: "search", query, ...options }, "search_results");
    return reply;
  }

  /**
   * Whether this connection hears the membership changes of a big room (`member_pages`): watch while
   * its member list is on screen. Dropped on `leave` and on reconnect (watch again after `joined`).
   */
  async watchMembers(room: string, watch: boolean): Promise<boolean> {
    const reply = await this.#c.ask(
      { type: watch ? "watch_members" : "unwatch_members", room },
      "watching_members",
    );
    return reply.watching;
  }

  /** The room directory. */
  async rooms(): Promise<RoomsReply> {
    const reply = await this.#c.ask({ type: "rooms" }, "rooms");
    return reply;
  }

  /**
   * Sends a request with a fresh `ref`; resolves with the reply carrying that ref, or rejects with a
   * `RequestError` (the server's `error {code}`, `timeout`, or `disconnected`).
   */
  request(message: RequestMessage): Promise<ServerMessage> {
    return this.#c.request(message);
  }
}
