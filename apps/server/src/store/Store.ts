import type { Attachment, ChatMessage, ReplyRef, User } from "@duplex/protocol";
import type { StoreOfParts } from "./storeParts.js";
import type { EditInput, MessageChangeInput, MessageChangeResult } from "./messageEdits.js";

import type { RoomState } from "./roomState.js";
import type { LinkThreadResult } from "./ThreadStore.js";

// In a file of its own so the sub-stores' interfaces can name it without importing this one.
export type { RoomState };

/** A page of the room directory (DM rooms are never listed; private ones only to their members). */
export interface RoomQuery {
  /** The asker: private rooms it is a member of are listed too. */
  viewer?: string;
  /** Only names after this one (the last name of the previous page). */
  after?: string;
  /** Only names containing this text, ASCII case-insensitively. */
  query?: string;
  /** At most this many, in name order. */
  limit: number;
}

export interface AppendInput {
  room: string;
  userId: string;
  /**
   * The author's display name now, kept with the message for good. Absent: the name the users
   * table holds at the time of the append.
   */
  userName?: string;
  cid: string;
  text: string;
  /** Server-assigned id and time, used only if the message is new. */
  id: string;
  ts: number;
  /** A file posted with the message (its text is then the file name). */
  attachment?: Attachment;
  /** The message of the room this one answers: linked with the append (again for a duplicate). */
  replyTo?: string;
  /** The thread root this one answers: linked into its thread with the append (again for a duplicate). */
  thread?: { rootId: string; alsoToRoom: boolean };
}

/**
 * `duplicate`: the user's `cid` was already stored; `message` is then the original. `replyTo` and
 * `thread` answer the input's links: the quote (none when the message answered is not in the room),
 * and the thread link's result.
 */
export interface AppendResult {
  message: ChatMessage;
  duplicate: boolean;
  replyTo?: ReplyRef;
  thread?: LinkThreadResult;
}

export interface MessagePage {
  /** Oldest first. */
  messages: ChatMessage[];
  /** Whether older messages exist before the first one. */
  hasMore: boolean;
}

/**
 * The message store: the seam a scale-out swaps (SQLite first; Postgres later). Every method returns a
 * Promise and callers always await it (socket.io#4789).
 */
export interface Store extends StoreOfParts {
  upsertUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
  /** The room, created (seq 0, fresh epoch) if it did not exist. */
  ensureRoom(room: string): Promise<RoomState>;
  getRoom(room: string): Promise<RoomState | undefined>;
  listRooms(): Promise<RoomState[]>;
  /**
   * Public rooms (and the private rooms `viewer` is a member of) in name order, a page at a time,
   * optionally only those matching `query`.
   */
  listPublicRooms(query: RoomQuery): Promise<RoomState[]>;
  /** Rooms of every kind (the total is capped). */
  countRooms(): Promise<number>;
  /**
   * Deletes rooms that never stored a message (seq 0), created before `createdBefore`, except those
   * named in `keep` and private rooms (their membership is the point); returns their names.
   */
  deleteEmptyRooms(createdBefore: number, keep: readonly string[]): Promise<string[]>;
  /**
   * Stores a message under the room's next seq in one transaction, or returns the original if this
   * user already stored this `cid` (in any room). Creates the room if needed. Its reply and thread
   * links are written before it resolves (on SQLite in the same transaction), so the sender never
   * publishes a message without them.
   */
  append(input: AppendInput): Promise<AppendResult>;
  /** The latest `limit` messages, or those with seq < `before`. */
  page(room: string, limit: number, before?: number): Promise<MessagePage>;
  /** Messages with seq > `since`, oldest first, at most `limit`. */
  after(room: string, since: number, limit: number): Promise<ChatMessage[]>;
  /** Replaces the text of the user's own message and stamps `editedAt`; seq is unchanged. */
  editMessage(input: EditInput): Promise<MessageChangeResult>;
  /** Marks the user's own message deleted and blanks its text. Deleting twice is `ok`. */
  deleteMessage(input: MessageChangeInput): Promise<MessageChangeResult>;
  /**
   * Retention: deletes up to `limit` messages stored before `ts` (oldest first); returns how many.
   * Seqs are not reused: a room's `seq` stays, and pages simply start later.
   */
  deleteMessagesBefore(ts: number, limit: number): Promise<number>;
  /** The DM rooms `userId` takes part in, by name. */
  listDmRooms(userId: string): Promise<RoomState[]>;
  /** Resolves when the database answers a trivial query (readiness, `/readyz`); rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
