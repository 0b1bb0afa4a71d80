import { Capability, LIMITS, type ServerMessage, type StreamPosition } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import type { ChangeRow } from "../store/changeLog.js";
import { threadSummaryFrame } from "../threads/threadReplay.js";
import { reactionFrame } from "./reactionReplay.js";

type ChangeFrame = Extract<
  ServerMessage,
  { type: "edited" | "deleted" | "thread_summary" | "reaction" }
>;

/**
 * The frame a logged change replays as — the form live clients got. `withSeq`: the socket was
 * granted `changes` and keeps a change cursor. A new change kind adds its case here.
 */
export function changeFrame(row: ChangeRow, withSeq: boolean): ChangeFrame | undefined {
  const changeSeq = withSeq ? { changeSeq: row.changeSeq } : {};
  switch (row.kind) {
    case "edit": {
      const { text, editedAt } = row.payload;
      if (typeof text !== "string" || typeof editedAt !== "number") return undefined;
      return {
        type: "edited",
        room: row.room,
        id: row.messageId,
        seq: row.messageSeq,
        text,
        editedAt,
        ...changeSeq,
      };
    }
    case "delete":
      return {
        type: "deleted",
        room: row.room,
        id: row.messageId,
        seq: row.messageSeq,
        ...changeSeq,
      };
    case "thread":
      return threadSummaryFrame(row, changeSeq);
    case "reaction":
      return reactionFrame(row, changeSeq);
    default: {
      const unreachable: never = row.kind;
      throw new Error(`unhandled change kind ${String(unreachable)}`);
    }
  }
}

/** The changes a resuming socket is owed, or `too_many` when a full reload is cheaper. */
export type Replay = ChangeRow[] | "too_many";

/**
 * What a join that resumed exactly (`recovered: true`) replays after `joined`:
 * - with `changes` and `changesSince`: every change after that cursor, in order;
 * - otherwise (a v1 client, which keeps no change cursor): the changes to messages it holds
 *   (seq ≤ `since.seq`) made since the message at `since.seq` was stored — it has held its messages
 *   at least since then, so nothing it may have missed is older. Edits and deletes apply idempotently,
 *   so replaying one it did see changes nothing on screen.
 * More than `LIMITS.maxChangeReplay` changes: `too_many` (the join answers `recovered: false`).
 */
export async function changesOwed(
  ctx: ServerContext,
  room: string,
  since: StreamPosition,
  changesSince: number | undefined,
): Promise<Replay> {
  const limit = LIMITS.maxChangeReplay;
  let rows: ChangeRow[];
  if (changesSince !== undefined) {
    rows = await ctx.store.changes.after(room, changesSince, limit + 1);
  } else {
    if (since.seq === 0) return [];
    const heldSince = await ctx.store.changes.messageTime(room, since.seq);
    if (heldSince === undefined) return [];
    rows = await ctx.store.changes.madeSince(room, heldSince, since.seq, limit + 1);
  }
  return rows.length > limit ? "too_many" : rows;
}

/** Sends the replayed changes (right after `joined`, before any buffered live frame). */
export function sendReplay(conn: Peer, rows: readonly ChangeRow[]): void {
  const withSeq = conn.caps.has(Capability.Changes);
  const threads = conn.caps.has(Capability.Threads);
  const withReactions = conn.caps.has(Capability.Reactions);
  for (const row of rows) {
    // A thread summary is news only to a socket that reads threads, a reaction to one that asked for them.
    if (row.kind === "thread" && !threads) continue;
    if (row.kind === "reaction" && !withReactions) continue;
    const frame = changeFrame(row, withSeq);
    if (frame) conn.send(frame);
  }
}
