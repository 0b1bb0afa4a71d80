import type {
  ClientEventName,
  ClientEvents,
  ConnectionState,
  HistoryReply,
  MembersOptions,
  MembersReply,
  OutboxEntry,
  RequestMessage,
  RoomsReply,
  SendOptions,
  ThreadReply,
} from "@duplex/client";
import type { ServerMessage, User } from "@duplex/protocol";

/**
 * The part of `DuplexClient` the store uses. The store depends on this shape, not on the class, so
 * component tests can drive it with a scripted client and the app passes the real one.
 */
export interface ChatClient {
  readonly state: ConnectionState;
  readonly user: User | undefined;
  readonly rttMs: number | undefined;
  readonly outbox: readonly OutboxEntry[];
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends ClientEventName>(event: E, handler: ClientEvents[E]): () => void;
  /** The stored session token (sent in the next `hello`). */
  readonly token: string | undefined;
  /** Sets (an account's) or forgets (sign-out) the token for the next `hello`. */
  useToken(token: string | undefined): void;
  /**
   * Sign-out: closes and forgets the identity's token, unsent messages, rooms and resume positions,
   * so nothing of it is sent or rejoined as whoever signs in next.
   */
  forget(): void;
  setName(name: string): void;
  connect(): void;
  /** Closes for good with this code and reason (the inspector's close buttons). */
  close(code?: number, reason?: string): void;
  join(room: string): void;
  leave(room: string): void;
  /** Tells a `saved_rooms` node which joined room is on screen (dropped by older nodes). */
  open(room: string): void;
  send(room: string, text: string, options?: SendOptions): OutboxEntry;
  /** Moves the read cursor (`read_receipts`; dropped by older nodes). */
  read(room: string, seq: number): void;
  /** Puts a failed outbox entry back in the queue. */
  retry(cid: string): void;
  /** Drops a failed outbox entry. */
  discard(cid: string): void;
  /** Volatile `typing` for a joined room. */
  typing(room: string): void;
  /** A page of messages with `seq < before`, oldest first. */
  history(room: string, before?: number, limit?: number): Promise<HistoryReply>;
  /** One page of a joined room's online members (`member_pages`). */
  members(room: string, options?: MembersOptions): Promise<MembersReply>;
  /** Subscribes (or not) to a big room's membership changes; resolves with whether it watches. */
  watchMembers(room: string, watch: boolean): Promise<boolean>;
  /** The room directory (the reply also arrives as a `message` event). */
  rooms(): Promise<RoomsReply>;
  /** Any request with a `ref`; resolves with its reply, rejects with the server's error. */
  request(message: RequestMessage): Promise<ServerMessage>;
  /** One page of a thread (`threads`). */
  thread(room: string, root: string, before?: number): Promise<ThreadReply>;
  /** Moves the thread cursor (`threads`; dropped by older nodes). */
  threadRead(room: string, root: string, seq: number): void;
}
