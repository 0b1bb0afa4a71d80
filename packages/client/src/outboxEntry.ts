import { Capability, checkText } from "@duplex/protocol";
import type { OutboxEntry, SendOptions } from "./types.js";

/**
 * What `send` puts in the outbox: the text checked as the server would check it (a `RangeError`
 * instead of an entry the server would refuse), and only the fields the node granted.
 */
export function draftEntry(
  room: string,
  text: string,
  options: SendOptions,
  at: { cid: string; now: number; caps: ReadonlySet<string> },
): OutboxEntry {
  const valid = checkText(text);
  if (!valid.ok) throw new RangeError(`text ${valid.problem.message}`);
  return {
    cid: at.cid,
    room,
    text,
    createdAt: at.now,
    status: "queued",
    // Only a node that granted `replies` accepts the field; elsewhere the message goes unquoted.
    ...(options.replyTo !== undefined &&
      at.caps.has(Capability.Replies) && { replyTo: options.replyTo }),
    // Without `threads` the reply goes to the room, where every client shows it.
    ...(options.thread !== undefined &&
      at.caps.has(Capability.Threads) && {
        thread: options.thread,
        ...(options.alsoToRoom === true && { alsoToRoom: true as const }),
      }),
  };
}
