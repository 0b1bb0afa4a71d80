import type { ChatMessage } from "@duplex/protocol";
import type { RoomState } from "../Store.js";

/** A `messages` row joined with its author's name, as every message query selects it. */
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
  deleted: boolean;
}

export interface RoomRow {
  name: string;
  seq: number;
  epoch: string;
}

/** The columns of {@link MessageRow} from `messages m` joined with `users u`. */
export const MESSAGE_COLUMNS = `m.room, m.seq, m.id, m.user_id, u.name AS user_name, m.cid, m.text,
  m.ts, m.edited_at, m.deleted`;

/** The same {@link ChatMessage} SqliteStore builds (the contract suite compares them field by field). */
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
  return message;
}

export const toRoom = (row: RoomRow): RoomState => ({
  room: row.name,
  seq: row.seq,
  epoch: row.epoch,
});
