import { ReactionEventMessage, type ServerMessageOf } from "@duplex/protocol";
import type { ChangeRow } from "../store/changeLog.js";

/**
 * A logged reaction change as the `reaction` frame live sockets got (its payload holds that frame's
 * fields); undefined for a row that does not parse, so one bad row never breaks a resume.
 */
export function reactionFrame(
  row: ChangeRow,
  changeSeq: { changeSeq?: number },
): ServerMessageOf<"reaction"> | undefined {
  const parsed = ReactionEventMessage.safeParse({
    ...row.payload,
    type: "reaction",
    room: row.room,
    messageId: row.messageId,
    ...changeSeq,
  });
  return parsed.success ? parsed.data : undefined;
}
