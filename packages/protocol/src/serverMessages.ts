import { z } from "zod";
import { typesOf } from "./typesOf.js";
import { LIMITS } from "./limits.js";
import { ErrorCode } from "./codes.js";
import { RoomId } from "./names.js";
import {
  CapabilityName,
  ChatMessage,
  Cid,
  DmSummary,
  Epoch,
  MessageId,
  Ref,
  RoomSummary,
  Seq,
  Timestamp,
  User,
} from "./fields.js";
import { ControlMessage, InspectingMessage } from "./inspectMessages.js";
import { openEnum } from "./openEnum.js";
import {
  ChangeSeq,
  PrefsMessage,
  ReadCursorMessage,
  ReadState,
  Reader,
  SeenMessage,
} from "./receipts.js";
import { ReactionEventMessage } from "./reactions.js";
import {
  MembersReplyMessage,
  OccupancyMessage,
  PresenceDiffMessage,
  PresenceMessage,
  TypingEventMessage,
  WatchingMembersMessage,
} from "./presenceMessages.js";
import { SearchResultsMessage } from "./searchMessages.js";
import {
  DataMessage,
  NotificationMessage,
  NotificationsReadMessage,
  SubscribedMessage,
  UnsubscribedMessage,
} from "./pushMessages.js";
import {
  UploadCancelledMessage,
  UploadDoneMessage,
  UploadProgressMessage,
  UploadReadyMessage,
} from "./files.js";
import { ThreadReadEventMessage, ThreadReplyMessage, ThreadSummaryMessage } from "./threads.js";

export * from "./presenceMessages.js";
export * from "./searchMessages.js";
export * from "./pushMessages.js";

// Written strictly (the server sends exactly these fields); read tolerantly by the codec, which ignores
// fields it does not know at any depth (README rules [C1]–[C3]).

/** The server's per-connection budget for writes (`send`, `edit`, `delete`), so clients can pace. */
export const SendLimits = z.strictObject({
  /** Sustained writes per second. */
  sendPerSecond: z.number().positive(),
  /** Writes allowed at once when the budget is full. */
  sendBurst: z.number().int().positive(),
});
export type SendLimits = z.infer<typeof SendLimits>;

export const WelcomeMessage = z.strictObject({
  type: z.literal("welcome"),
  ref: Ref.optional(),
  user: User,
  /** Signed token; present it in a later `hello` to be this user again. */
  token: z.string().min(1).max(LIMITS.maxTokenLength),
  /** When the token expires (ms since epoch). */
  tokenExpiresAt: Timestamp,
  /** How often the server pings; the client pings on the same cadence. */
  heartbeatMs: z.number().int().positive(),
  serverTime: Timestamp,
  protocolVersion: z.number().int().positive(),
  /** The write rate limit of this connection; absent when the server does not limit writes. */
  limits: SendLimits.optional(),
  /** The capabilities of `hello.caps` this node granted (absent from servers that know none). */
  caps: z.array(CapabilityName).optional(),
});

export const JoinedMessage = z.strictObject({
  type: z.literal("joined"),
  ref: Ref.optional(),
  room: RoomId,
  /**
   * Users online in the room now, the joiner included. To a socket granted `member_pages`: at most
   * `LIMITS.membersPageSize` of them, the most useful first (the joiner, DM partners, recent authors,
   * recent joiners); `memberCount` says how many there are and `members` pages the rest.
   */
  members: z.array(User),
  /** Only with capability `member_pages`: how many users are online in the room. */
  memberCount: z.number().int().nonnegative().optional(),
  /**
   * Without `since`, or when `recovered` is false: the latest page, oldest first.
   * With `since` and `recovered: true`: exactly the messages after `since.seq`, oldest first.
   */
  messages: z.array(ChatMessage),
  /** The room's current sequence: a client that saw no message can still resume from here. */
  seq: Seq,
  epoch: Epoch,
  /** Whether older messages exist before the first one carried. */
  hasMore: z.boolean(),
  /** Only when `join` carried `since`: true if `messages` fill the gap exactly. */
  recovered: z.boolean().optional(),
  /** With capability `read_receipts`: the user's read cursor here and the unread count after it. */
  read: ReadState.omit({ room: true }).optional(),
  /** With `read_receipts`, in a DM or small room, when the user shares receipts: others' cursors. */
  readers: z.array(Reader).optional(),
  /** With capability `changes`: the room's change cursor (resume from it with `changesSince`). */
  changeSeq: ChangeSeq.optional(),
});

export const LeftMessage = z.strictObject({
  type: z.literal("left"),
  ref: Ref.optional(),
  room: RoomId,
});

export const MessageMessage = ChatMessage.extend({
  type: z.literal("message"),
});

export const AckMessage = z.strictObject({
  type: z.literal("ack"),
  ref: Ref.optional(),
  room: RoomId,
  cid: Cid,
  id: MessageId,
  seq: Seq,
  ts: Timestamp,
});

export const HistoryReplyMessage = z.strictObject({
  type: z.literal("history"),
  ref: Ref.optional(),
  room: RoomId,
  /** Oldest first. */
  messages: z.array(ChatMessage),
  hasMore: z.boolean(),
});

export const PongMessage = z.strictObject({
  type: z.literal("pong"),
  t: z.number(),
  serverTime: Timestamp,
});

/**
 * A fresh session token, pushed unasked before the current one expires (at ~80% of its lifetime), so a
 * connection that outlives its token still resumes as the same user after a reconnect. Replaces the
 * `welcome` token; present it in the next `hello`.
 */
export const TokenMessage = z.strictObject({
  type: z.literal("token"),
  token: z.string().min(1).max(LIMITS.maxTokenLength),
  /** When this token expires (ms since epoch). */
  expiresAt: Timestamp,
});

export const RoomsReplyMessage = z.strictObject({
  type: z.literal("rooms"),
  ref: Ref.optional(),
  rooms: z.array(RoomSummary),
  /** The asking user's direct-message conversations, with the other participant. */
  dms: z.array(DmSummary).optional(),
  /** With capability `rooms_paged`: more rooms follow; ask again with `after: next`. */
  next: z.string().optional(),
  /**
   * The public rooms the asking user has joined and not left (on any device), in the order joined;
   * kept across disconnects so they follow the user. Only with capability `saved_rooms` (a v1
   * reader's strict `rooms` would refuse it); absent from servers that do not remember them.
   */
  joined: z.array(RoomId).optional(),
  /** With `saved_rooms`: the room the user last had on screen (`open`), if it is still joined. */
  open: RoomId.optional(),
  /** With `read_receipts`: the user's cursor and unread count in each listed room and DM read before. */
  reads: z.array(ReadState).optional(),
});

/**
 * Pushed to sockets that asked for `rooms`: a public room appeared or its online count or `seq`
 * changed. Coalesced per room (at most one every `LIMITS.roomUpdateIntervalMs`).
 */
export const RoomUpdateMessage = RoomSummary.extend({
  type: z.literal("room_update"),
});

/**
 * Pushed to a DM participant's sockets that have not joined the DM room when a message is stored
 * there, so the conversation can be listed (and counted unread) before it is opened.
 */
export const DmInviteMessage = z.strictObject({
  type: z.literal("dm_invite"),
  room: RoomId,
  /** The author of the message. */
  from: User,
  /** The message's seq (the room's head). */
  seq: Seq,
});

export const EditedMessage = z.strictObject({
  type: z.literal("edited"),
  ref: Ref.optional(),
  room: RoomId,
  id: MessageId,
  seq: Seq,
  text: z.string().max(LIMITS.maxTextLength),
  editedAt: Timestamp,
  /** Only to sockets granted `changes`: this change's place in the room's change sequence. */
  changeSeq: ChangeSeq.optional(),
});

export const DeletedMessage = z.strictObject({
  type: z.literal("deleted"),
  ref: Ref.optional(),
  room: RoomId,
  id: MessageId,
  seq: Seq,
  /** Only to sockets granted `changes`: this change's place in the room's change sequence. */
  changeSeq: ChangeSeq.optional(),
});

export const ErrorMessage = z.strictObject({
  type: z.literal("error"),
  ref: Ref.optional(),
  /** Open: a code this reader does not know reads as `internal` ([C3]). */
  code: openEnum(
    Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]],
    ErrorCode.Internal,
    "error.code",
  ),
  message: z.string(),
  /** With `rate_limited`: when the client may try again. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});

/** Every message the server may send. Discriminated on `type`. */
export const ServerMessage = z.discriminatedUnion("type", [
  WelcomeMessage,
  JoinedMessage,
  LeftMessage,
  MessageMessage,
  AckMessage,
  PresenceMessage,
  PresenceDiffMessage,
  MembersReplyMessage,
  OccupancyMessage,
  WatchingMembersMessage,
  TypingEventMessage,
  HistoryReplyMessage,
  PongMessage,
  TokenMessage,
  RoomsReplyMessage,
  RoomUpdateMessage,
  DmInviteMessage,
  EditedMessage,
  DeletedMessage,
  NotificationMessage,
  NotificationsReadMessage,
  SubscribedMessage,
  UnsubscribedMessage,
  DataMessage,
  ErrorMessage,
  InspectingMessage,
  ControlMessage,
  SearchResultsMessage,
  ReadCursorMessage,
  SeenMessage,
  PrefsMessage,
  ReactionEventMessage,
  UploadReadyMessage,
  UploadProgressMessage,
  UploadDoneMessage,
  UploadCancelledMessage,
  ThreadReplyMessage,
  ThreadReadEventMessage,
  ThreadSummaryMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageType = ServerMessage["type"];
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

export const SERVER_MESSAGE_TYPES: readonly ServerMessageType[] = typesOf(ServerMessage);

/** Server messages that may be dropped for a congested socket (never persisted, superseded soon). */
export const VOLATILE_TYPES: ReadonlySet<ServerMessageType> = new Set(["typing", "data"]);
