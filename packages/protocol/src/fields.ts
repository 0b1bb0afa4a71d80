import { z } from "zod";
import { LIMITS } from "./limits.js";
import { Name, RoomId, UserId, utf16Max } from "./names.js";
import { openEnum } from "./openEnum.js";
import { ReactionSummary, ReplyRef } from "./messageExtras.js";
import { Attachment } from "./attachment.js";
import { ThreadRef, ThreadSummary } from "./threadsFields.js";

/** Correlation id a request may carry; the reply or error that answers it echoes it. */
export const Ref = z.string().min(1).max(64);

/** Client-generated message id, unique per message; the key of acks and de-duplication. */
export const Cid = z.string().min(1).max(LIMITS.maxCidLength);

/** Server-assigned message id. */
export const MessageId = z.string().min(1).max(64);

/** Per-room sequence number: 1, 2, 3… with no gaps. 0 means "nothing yet". */
export const Seq = z.number().int().nonnegative();

/** Identifies one life of a room's sequence; changes if the store is reset. */
export const Epoch = z.string().min(1).max(64);

/** Milliseconds since the Unix epoch. */
export const Timestamp = z.number().int().nonnegative();

/** Paging back through a room or a thread: `seq` below `before` (absent: the latest page), at most `limit`. */
export const historyPage = {
  before: Seq.optional(),
  limit: z.number().int().min(1).max(LIMITS.maxHistoryLimit).optional(),
};

/** Chat text: non-empty after trimming, at most `maxTextLength` characters. */
export const Text = z
  .string()
  .max(LIMITS.maxTextLength, `must be at most ${LIMITS.maxTextLength} characters`)
  .superRefine(utf16Max(LIMITS.maxTextLength, `must be at most ${LIMITS.maxTextLength} characters`))
  .regex(/\S/, "must not be empty");

export const User = z.strictObject({
  id: UserId,
  name: Name,
  /**
   * A guest, not an account: on every user object of a guest (welcome, members, presence, typing,
   * message authors), only to sockets granted the `accounts` capability.
   */
  guest: z.boolean().optional(),
});
export type User = z.infer<typeof User>;

/** A stored chat message as it travels to clients (in `message`, `joined` and `history`). */
export const ChatMessage = z.strictObject({
  room: RoomId,
  id: MessageId,
  seq: Seq,
  cid: Cid,
  from: User,
  text: z.string().max(LIMITS.maxTextLength),
  ts: Timestamp,
  /** Set when the author edited the text. */
  editedAt: Timestamp.optional(),
  /** Set when the author deleted the message; `text` is then empty. */
  deleted: z.boolean().optional(),
  /** Reactions, most first: only to sockets granted `reactions`. */
  reactions: z.array(ReactionSummary).max(20).optional(),
  /** The message this one answers: only to sockets granted `replies`. */
  replyTo: ReplyRef.optional(),
  /** A file posted with the message (its `text` is the file name); only to sockets granted `files`. */
  attachment: Attachment.optional(),
  /** On a thread reply: its root; only to sockets granted `threads`. */
  thread: ThreadRef.optional(),
  /** On a thread's root: its replies so far; only to sockets granted `threads`. */
  threadSummary: ThreadSummary.optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

const NOTIFICATION_LEVELS = ["info", "success", "warning", "error"] as const;
export const NotificationLevel = z.enum(NOTIFICATION_LEVELS);
export type NotificationLevel = z.infer<typeof NotificationLevel>;

/** Where a notification points: a message in a room. */
export const NotificationLink = z.strictObject({ room: RoomId, messageId: MessageId, seq: Seq });
export type NotificationLink = z.infer<typeof NotificationLink>;

export const NotificationTitle = z.string().trim().min(1).max(LIMITS.maxTitleLength);
export const NotificationBody = z.string().max(LIMITS.maxBodyLength);

/** A notification as stored per user. `id` is stable, so a client shows each one once. */
export const Notification = z.strictObject({
  id: z.string().min(1).max(64),
  /**
   * Open: a kind this reader does not know reads as `system`, a generic notice ([C3]). `dm` goes only
   * to sockets granted `dm_notifications`.
   */
  kind: openEnum(["mention", "dm", "system"], "system", "notification.kind"),
  title: NotificationTitle,
  body: NotificationBody,
  /** Open: a level this reader does not know reads as `info` ([C3]). */
  level: openEnum(NOTIFICATION_LEVELS, "info", "notification.level"),
  ts: Timestamp,
  read: z.boolean(),
  link: NotificationLink.optional(),
});
export type Notification = z.infer<typeof Notification>;

/** Where to resume a room from: the last `seq` the client holds and the `epoch` it belongs to. */
export const StreamPosition = z.strictObject({ seq: Seq, epoch: Epoch });
export type StreamPosition = z.infer<typeof StreamPosition>;

/** A room in the directory. */
export const RoomSummary = z.strictObject({
  room: RoomId,
  /** Users currently online in the room. */
  online: z.number().int().nonnegative(),
  /** The room's current sequence (number of messages ever stored). */
  seq: Seq,
});
export type RoomSummary = z.infer<typeof RoomSummary>;

/** A direct-message conversation of the asking user, in the `rooms` reply. */
export const DmSummary = z.strictObject({
  room: RoomId,
  /** The other participant. */
  user: User,
  /** Participants currently joined (0–2). */
  online: z.number().int().nonnegative(),
  seq: Seq,
});
export type DmSummary = z.infer<typeof DmSummary>;

/** Topics a client can subscribe to for pushed live data. */
export const Topic = z.enum(["stats"]);
export type Topic = z.infer<typeof Topic>;

/** One sample of the server statistics ticker. */
export const StatsSample = z.strictObject({
  connections: z.number().int().nonnegative(),
  messagesPerSecond: z.number().nonnegative(),
  eventLoopLagMs: z.number().nonnegative(),
  rssBytes: z.number().int().nonnegative(),
  heapUsedBytes: z.number().int().nonnegative(),
});
export type StatsSample = z.infer<typeof StatsSample>;

/** A capability name as it travels: a newer client may ask for names this node does not know. */
export const CapabilityName = z.string().min(1).max(64);
