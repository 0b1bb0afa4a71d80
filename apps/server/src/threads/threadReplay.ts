import { ThreadSummary, type ServerMessageOf } from "@duplex/protocol";
import type { ChangeRow } from "../store/changeLog.js";

/** A logged `thread` change as it replays: the root's summary when the reply was linked. */
export function threadSummaryFrame(
  row: ChangeRow,
  changeSeq: { changeSeq?: number },
): ServerMessageOf<"thread_summary"> | undefined {
  const summary = ThreadSummary.safeParse(row.payload);
  if (!summary.success) return undefined;
  return {
    type: "thread_summary",
    room: row.room,
    root: row.messageId,
    rootSeq: row.messageSeq,
    summary: summary.data,
    ...changeSeq,
  };
}
