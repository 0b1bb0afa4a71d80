import type {
  ChatMessage,
  ClientMessage,
  ClientMessageOf,
  ServerMessage,
  ServerMessageOf,
  User,
} from "@duplex/protocol";

/** Where the connection is. Changed only by the client's one `setState()`. */
export type ConnectionStatus = "idle" | "connecting" | "open" | "reconnecting" | "closed";

/** How the last socket ended. `retryable` comes from the protocol's `isRetryable(code)`. */
export interface LastClose {
  code: number;
  reason: string;
  retryable: boolean;
}

/** The connection's one state object; every transition is emitted as a `state` event. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** Reconnect attempts since the last stable connection (0 while connected). */
  attempt: number;
  /** How the previous socket closed, if one did. */
  lastClose?: LastClose;
  /** When the next reconnect attempt is due (ms since epoch), while `reconnecting`. */
  nextRetryAt?: number;
}

/** Lifecycle of an outgoing chat message, keyed by its `cid`: queued → sent → acked | failed. */
export type OutboxStatus = "queued" | "sent" | "acked" | "failed";

export interface OutboxEntry {
  cid: string;
  room: string;
  text: string;
  /** When the user sent it (client clock). */
  createdAt: number;
  status: OutboxStatus;
  /** With `failed`: why (an `error` message from the server). */
  error?: string;
  /** The message this one answers (capability `replies`). */
  replyTo?: string;
  /** The root whose thread this reply goes to (capability `threads`). */
  thread?: string;
  /** With `thread`: shown in the room's timeline too. */
  alsoToRoom?: true;
  /** With `acked`: the `seq` the server stored it as (the entry leaves once the room delivers it). */
  seq?: number;
}

/**
 * An event handler property, checked bivariantly (as method parameters are) so that implementations
 * whose handlers take a richer event type — the browser's `Event`, `ws`'s `WebSocket.Event` — still fit.
 */
type EventHandler<E> = { bivarianceHack(event: E): void }["bivarianceHack"];

/** The subset of the WebSocket API the client uses: the browser's `WebSocket` and `ws` both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  readonly bufferedAmount: number;
  onopen: EventHandler<unknown> | null;
  onclose: EventHandler<{ code: number; reason: string; wasClean?: boolean }> | null;
  onerror: EventHandler<unknown> | null;
  onmessage: EventHandler<{ data: unknown }> | null;
  /** Text frames; binary frames (a `Uint8Array`) only for uploads over a real WebSocket. */
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;

/** Timers, injectable so tests run under fake time. @default globalThis timers */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** Network reachability, injectable. In browsers: `navigator.onLine` and the `online`/`offline` events. */
export interface OnlineSource {
  isOnline(): boolean;
  /** Calls `listener(true)` on `online`, `listener(false)` on `offline`; returns an unsubscribe. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/** The part of `fetch` the client uses (the version probe); the global `fetch` fits. */
export type FetchLike = (url: string) => Promise<{ ok: boolean; json(): Promise<unknown> }>;

/** Key-value persistence for the outbox, token and resume positions (localStorage in browsers). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Events a `DuplexClient` emits. Handlers run synchronously, in order of registration. */
export interface ClientEvents {
  /** Every state transition. */
  state: (state: ConnectionState) => void;
  /** After `welcome`: who we are. */
  user: (user: User) => void;
  /** Every decoded server message, after the client's own bookkeeping (acks, resume, de-dup). */
  message: (message: ServerMessage) => void;
  /**
   * Chat messages for a room, in `seq` order, never twice. Fired for live messages, and for replayed
   * ones after a resume. `reset: true` means the client's copy of the room must be replaced (stale
   * epoch or first join): the messages are the latest page.
   */
  roomMessages: (room: string, messages: ChatMessage[], reset: boolean) => void;
  /**
   * The outbox changed (entries added, sent, acked, failed, or handed over to the room): one event per
   * step — a send (already `sent` when its room is live), an ack, a delivery, a flushed backlog —
   * however many entries it touched. An acked entry is listed
   * until its room's `roomMessages` has delivered the stored copy, so the two never leave a gap.
   */
  outbox: (entries: readonly OutboxEntry[]) => void;
  /** A new round-trip time measurement from `ping`/`pong`, in milliseconds. */
  rtt: (ms: number) => void;
  /**
   * What carries the connection (`websocket`, or `sse` when WebSocket is blocked): after every
   * `welcome`, including an upgrade in place from SSE to WebSocket.
   */
  transport: (kind: "websocket" | "sse") => void;
  /**
   * Every frame in or out, for the inspector: direction, the raw text, and its decoded type. Close
   * frames come as `type: "close"` with `code` and `reason` (`text` is the reason); an `in` close with
   * code 1006 means the socket ended without one.
   */
  frame: (frame: FrameEvent) => void;
  /**
   * The server refused a join for good (`unauthorized`: a private room we are not a member of;
   * `not_found`; `invalid_message`): the room is dropped and not rejoined. Carries the `error`.
   */
  joinRefused: (room: string, error: ServerMessageOf<"error">) => void;
}

/** A frame the client sent (`out`) or received (`in`), as reported by the `frame` event. */
export interface FrameEvent {
  direction: "in" | "out";
  text: string;
  type: string;
  at: number;
  /** Close frames only. */
  code?: number;
  reason?: string;
  /** Binary frames only (`type: "binary"`, `text` empty): frame payload bytes and header bytes of them. */
  bytes?: number;
  headerBytes?: number;
}

export type ClientEventName = keyof ClientEvents;

/** A message the app may send with a request/reply correlation. */
export type RequestMessage = Extract<ClientMessage, { ref?: string }>;

/** The reply to `history(room, before?, limit?)`. */
export type HistoryReply = ServerMessageOf<"history">;
export type ThreadReply = ServerMessageOf<"thread">;

/** The reply to `members(room, options)`: one page of a room's online members (`member_pages`). */
export type MembersReply = ServerMessageOf<"members">;

/** The reply to `search(query, options)`: hits newest first, `nextCursor` for older ones. */
export type SearchReply = ServerMessageOf<"search_results">;

/** Options of `search(query, options)`: filters and paging (see the `search` message). */
export type SearchOptions = Omit<ClientMessageOf<"search">, "type" | "ref" | "query">;

/** Options of `members(room, options)`. */
export interface MembersOptions {
  /** The previous page's `next`. */
  cursor?: string;
  /** @default LIMITS.membersPageSize (100) */
  limit?: number;
  /** Only members whose name contains this (case-insensitive). */
  query?: string;
}

/** The reply to `rooms()`: the room directory. */
export type RoomsReply = ServerMessageOf<"rooms">;

/** Options of `join(room, options)`. */
export interface JoinOptions {
  /**
   * Resume from the persisted position even on this client's first join of the room (for an app that
   * keeps its own copy of the messages across reloads). Without it the first join loads the latest page.
   * @default false
   */
  resume?: boolean;
}

/** Options of `DuplexClient.send`. */
export interface SendOptions {
  /** The id of the message (of the same room) this one answers; sent only where `replies` is granted. */
  replyTo?: string;
  /** The root whose thread this reply goes to; sent only where `threads` is granted. */
  thread?: string;
  /** With `thread`: show the reply in the room's timeline too. */
  alsoToRoom?: boolean;
}
