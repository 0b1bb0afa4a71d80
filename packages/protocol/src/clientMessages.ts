import { z } from "zod";
import { typesOf } from "./typesOf.js";
import { LIMITS } from "./limits.js";
import { Name, RoomId, UserId } from "./names.js";
import {
  CapabilityName,
  Cid,
  historyPage,
  MessageId,
  Ref,
  StreamPosition,
  Text,
  Timestamp,
  Topic,
} from "./fields.js";
import { InspectMessage } from "./inspectMessages.js";
import { MAX_CAPS } from "./capabilities.js";
import { ChangeSeq, ReadMessage, SetPrefsMessage } from "./receipts.js";
import { VisibilityMessage } from "./visibilityMessage.js";
import { ReactMessage } from "./reactions.js";
import { UploadCancelMessage, UploadFinishMessage, UploadStartMessage } from "./files.js";
import { ThreadReadMessage, ThreadRequestMessage } from "./threads.js";

// Every client message is a strict object: unknown fields are an error, not silently dropped.

export const HelloMessage = z.strictObject({
  type: z.literal("hello"),
  ref: Ref.optional(),
  /** Display name; the server picks one if absent. */
  name: Name.optional(),
  /** A token from an earlier `welcome`, to be the same user again. */
  token: z.string().min(1).max(LIMITS.maxTokenLength).optional(),
  /** Optional behaviour this client understands (see `Capability`); unknown names are ignored. */
  caps: z.array(CapabilityName).max(MAX_CAPS).optional(),
});

export const JoinMessage = z.strictObject({
  type: z.literal("join"),
  ref: Ref.optional(),
  room: RoomId,
  /** Resume from here: the server replays exactly what came after (`joined.recovered`). */
  since: StreamPosition.optional(),
  /** With capability `changes` and `since`: replay the edits and deletes after this change cursor. */
  changesSince: ChangeSeq.optional(),
});

export const LeaveMessage = z.strictObject({
  type: z.literal("leave"),
  ref: Ref.optional(),
  room: RoomId,
});

export const SendMessage = z.strictObject({
  type: z.literal("send"),
  ref: Ref.optional(),
  room: RoomId,
  cid: Cid,
  text: Text,
  /** The message of the same room this one answers; only from sockets granted `replies`. */
  replyTo: MessageId.optional(),
  /** With `threads`: the root (of the same room) whose thread this reply goes to. */
  thread: MessageId.optional(),
  /** With `thread`: show the reply in the room's timeline too. */
  alsoToRoom: z.literal(true).optional(),
});

export const TypingMessage = z.strictObject({
  type: z.literal("typing"),
  room: RoomId,
});

export const HistoryMessage = z.strictObject({
  type: z.literal("history"),
  ref: Ref.optional(),
  room: RoomId,
  ...historyPage,
});

export const PingMessage = z.strictObject({
  type: z.literal("ping"),
  /** Client clock, echoed in `pong` to measure the round trip. */
  t: z.number(),
});

export const RoomsMessage = z.strictObject({
  type: z.literal("rooms"),
  ref: Ref.optional(),
  /** With capability `rooms_paged`: only rooms whose name contains this (ASCII case-insensitive). */
  query: z.string().max(LIMITS.maxNameLength).optional(),
  /** With `rooms_paged`: the page after this room name (the previous reply's `next`). */
  after: z.string().max(LIMITS.maxNameLength).optional(),
  /** With `rooms_paged`: at most this many rooms. @default LIMITS.roomsPageSize */
  limit: z.number().int().min(1).max(LIMITS.maxRoomsPage).optional(),
});

export const EditMessage = z.strictObject({
  type: z.literal("edit"),
  ref: Ref.optional(),
  room: RoomId,
  id: MessageId,
  text: Text,
});

export const DeleteMessage = z.strictObject({
  type: z.literal("delete"),
  ref: Ref.optional(),
  room: RoomId,
  id: MessageId,
});

export const SubscribeMessage = z.strictObject({
  type: z.literal("subscribe"),
  ref: Ref.optional(),
  topic: Topic,
});

export const UnsubscribeMessage = z.strictObject({
  type: z.literal("unsubscribe"),
  ref: Ref.optional(),
  topic: Topic,
});

export const MarkReadMessage = z.strictObject({
  type: z.literal("mark_read"),
  ref: Ref.optional(),
  /** Notification ids to mark read; absent with `all: true` marks every one. */
  ids: z.array(z.string().min(1).max(64)).max(500).optional(),
  all: z.literal(true).optional(),
});

/**
 * The room now on screen, remembered per user so another device opens it too (`rooms.open`). Only for
 * a joined room; sent only to nodes that granted `Capability.SavedRooms`. No reply.
 */
export const OpenMessage = z.strictObject({
  type: z.literal("open"),
  room: RoomId,
});

/**
 * One page of a room's online members in user id order (capability `member_pages`): after `cursor`
 * (the previous reply's `next`), only names containing `query` (case-insensitive). Charged to the
 * user's read budget like `history`.
 */
export const MembersMessage = z.strictObject({
  type: z.literal("members"),
  ref: Ref.optional(),
  room: RoomId,
  cursor: UserId.optional(),
  limit: z.number().int().min(1).max(LIMITS.maxMembersPage).optional(),
  query: z.string().max(LIMITS.maxNameLength).optional(),
});

/**
 * The member list of a joined room is on screen (capability `member_pages`): this socket gets the
 * room's membership changes (`presence` / `presence_diff`) even when the room is big, until
 * `unwatch_members`, `leave` or the socket closes. Answered by `watching_members`.
 */
export const WatchMembersMessage = z.strictObject({
  type: z.literal("watch_members"),
  ref: Ref.optional(),
  room: RoomId,
});

export const UnwatchMembersMessage = z.strictObject({
  type: z.literal("unwatch_members"),
  ref: Ref.optional(),
  room: RoomId,
});

/**
 * Full-text search over every room the user may read, newest first (`search_results`). A message
 * hits when it contains every whitespace-separated term of `query`, case-insensitively, in any script.
 * Charged to the user's read budget like `history`.
 */
export const SearchMessage = z.strictObject({
  type: z.literal("search"),
  ref: Ref.optional(),
  query: z.string().max(LIMITS.maxSearchQueryLength).regex(/\S/u, "query must not be blank"),
  /** Only this room. */
  room: RoomId.optional(),
  /** Only messages by this user. */
  author: UserId.optional(),
  /** Only messages sent before this time (ms since epoch, exclusive). */
  before: Timestamp.optional(),
  /** Only messages sent at or after this time (ms since epoch). */
  after: Timestamp.optional(),
  /** At most this many hits. @default LIMITS.maxSearchLimit */
  limit: z.number().int().min(1).max(LIMITS.maxSearchLimit).optional(),
  /** The previous reply's `nextCursor`: the page of older hits. */
  cursor: z.string().min(1).max(LIMITS.maxSearchCursorLength).optional(),
});

/** Every message a client may send. Discriminated on `type`. */
export const ClientMessage = z.discriminatedUnion("type", [
  HelloMessage,
  JoinMessage,
  LeaveMessage,
  SendMessage,
  TypingMessage,
  HistoryMessage,
  PingMessage,
  RoomsMessage,
  EditMessage,
  DeleteMessage,
  SubscribeMessage,
  UnsubscribeMessage,
  MarkReadMessage,
  InspectMessage,
  OpenMessage,
  MembersMessage,
  WatchMembersMessage,
  UnwatchMembersMessage,
  SearchMessage,
  VisibilityMessage,
  ReadMessage,
  SetPrefsMessage,
  ReactMessage,
  UploadStartMessage,
  UploadFinishMessage,
  UploadCancelMessage,
  ThreadRequestMessage,
  ThreadReadMessage,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage["type"];
export type ClientMessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;

export const CLIENT_MESSAGE_TYPES: readonly ClientMessageType[] = typesOf(ClientMessage);
