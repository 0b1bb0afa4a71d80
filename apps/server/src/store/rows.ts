import type { Attachment, ChatMessage, Notification } from "@duplex/protocol";
import type { NewNotification } from "./NotificationStore.js";
import type { AppendInput, RoomState } from "./Store.js";

// Row shapes and row → message mapping shared by SqliteStore and PostgresStore, so both build the
// very same objects (SQLite returns booleans as 0/1, Postgres as true/false).

/** A `messages` row with the name its author had when it was sent, as every message query selects it. */
export interface MessageRow {
  room: string;
  seq: number;
  id: string;
  user_id: string;
  user_name: string;
  cid: string;
  text: string;
  ts: number;
  edited_at: number | null;
  deleted: boolean | number;
  /** The attachment as JSON (migration SQLite 9 / Postgres 7). */
  attachment: string | null;
}

export interface RoomRow {
  name: string;
  seq: number;
  epoch: string;
}

/** The columns of {@link MessageRow} from `messages m` joined with `users u`. */
// A row written without an author name (a direct insert by a tool or an older node) falls back to
// the author's current name.
export const MESSAGE_COLUMNS = `m.room, m.seq, m.id, m.user_id, COALESCE(m.author_name, u.name) AS
  user_name, m.cid, m.text, m.ts, m.edited_at, m.deleted, m.attachment`;

/** What {@link toMessage} would build from the row an append just wrote (same keys, same order). */
export function appendedMessage(input: AppendInput, seq: number, userName: string): ChatMessage {
  const message: ChatMessage = {
    room: input.room,
    id: input.id,
    seq,
    cid: input.cid,
    from: { id: input.userId, name: userName },
    text: input.text,
    ts: input.ts,
  };
  if (input.attachment !== undefined) message.attachment = input.attachment;
  return message;
}

/**
 * A new message's column values in the order both stores insert them: id, user_id, cid, text, ts,
 * author_name (null: the users table's name).
 */
export function messageValues(input: AppendInput): (string | number | null)[] {
  return [input.id, input.userId, input.cid, input.text, input.ts, input.userName ?? null];
}

/** The `attachment` column: the attachment as JSON, or null. */
export function attachmentJson(input: AppendInput): string | null {
  return input.attachment === undefined ? null : JSON.stringify(input.attachment);
}

export function toMessage(row: MessageRow): ChatMessage {
  const message: ChatMessage = {
    room: row.room,
    id: row.id,
    seq: row.seq,
    cid: row.cid,
    from: { id: row.user_id, name: row.user_name },
    text: row.deleted ? "" : row.text,
    ts: row.ts,
  };
  if (row.edited_at !== null) message.editedAt = row.edited_at;
  if (row.deleted) message.deleted = true;
  else if (row.attachment !== null) message.attachment = JSON.parse(row.attachment) as Attachment;
  return message;
}

export const toRoom = (row: RoomRow): RoomState => ({
  room: row.name,
  seq: row.seq,
  epoch: row.epoch,
});

/** A `notifications` row. */
export interface NotificationRow {
  id: string;
  kind: Notification["kind"];
  title: string;
  body: string;
  level: Notification["level"];
  ts: number;
  read: boolean | number;
  link_room: string | null;
  link_message_id: string | null;
  link_seq: number | null;
}

export function toNotification(row: NotificationRow): Notification {
  const notification: Notification = {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    level: row.level,
    ts: row.ts,
    read: row.read === true || row.read === 1,
  };
  if (row.link_room !== null && row.link_message_id !== null && row.link_seq !== null) {
    notification.link = { room: row.link_room, messageId: row.link_message_id, seq: row.link_seq };
  }
  return notification;
}

/**
 * A new notification's column values after `user_id`, in the order both stores insert them:
 * id, kind, title, body, level, ts, link_room, link_message_id, link_seq (`read` starts false).
 */
export function notificationValues(n: NewNotification): (string | number | null)[] {
  return [
    n.id,
    n.kind,
    n.title,
    n.body,
    n.level,
    n.ts,
    n.link?.room ?? null,
    n.link?.messageId ?? null,
    n.link?.seq ?? null,
  ];
}
