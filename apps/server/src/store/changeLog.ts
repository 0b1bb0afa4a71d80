/**
 * The per-room change log: edits and deletes (and, later, other kinds) numbered per room in the
 * transaction that makes them, so a resuming client can be replayed exactly what changed.
 */

/**
 * What a change replays as. Adding a kind is one entry here plus one case in `changeFrame`
 * (handlers/changeReplay.ts); its writer calls the store's change writer in its own transaction.
 */
// "thread": a thread got a reply; logged on its root, the payload is the root's summary.
export const CHANGE_KINDS = ["edit", "delete", "thread", "reaction"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One row of the change log. `payload` is the kind's JSON (an edit: `{text, editedAt}`; a reaction:
 * `{emoji, user, on, count}`, as its live `reaction` frame).
 */
export interface ChangeRow {
  room: string;
  changeSeq: number;
  kind: ChangeKind;
  messageId: string;
  messageSeq: number;
  payload: Record<string, unknown>;
  at: number;
}

/** Reads of the change log. Part of the {@link Store} seam (`store.changes`). */
export interface ChangeLog {
  /** The room's latest change seq (0 before any change). */
  head(room: string): Promise<number>;
  /** Changes with change seq > `after`, in order, at most `limit`. */
  after(room: string, after: number, limit: number): Promise<ChangeRow[]>;
  /**
   * Changes made at or after `since` (ms) to messages with seq ≤ `maxSeq`, in order, at most
   * `limit`: what a resuming v1 client may not know.
   */
  madeSince(room: string, since: number, maxSeq: number, limit: number): Promise<ChangeRow[]>;
  /** When the message at `seq` was stored, if it still is. */
  messageTime(room: string, seq: number): Promise<number | undefined>;
}

interface RawChangeRow {
  room: string;
  change_seq: number | string;
  kind: string;
  message_id: string;
  message_seq: number | string;
  payload: string | Record<string, unknown>;
  at: number | string;
}

export function toChangeRow(r: RawChangeRow): ChangeRow {
  return {
    room: r.room,
    changeSeq: Number(r.change_seq),
    kind: r.kind as ChangeKind,
    messageId: r.message_id,
    messageSeq: Number(r.message_seq),
    payload:
      typeof r.payload === "string"
        ? (JSON.parse(r.payload) as Record<string, unknown>)
        : r.payload,
    at: Number(r.at),
  };
}
export type { RawChangeRow };
