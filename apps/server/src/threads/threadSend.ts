import {
  Capability,
  ErrorCode,
  type ChatMessage,
  type ClientMessageOf,
  type ServerMessageOf,
} from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import type { LinkedThread, LinkThreadResult } from "../store/ThreadStore.js";
import { notifyThreadFollowers } from "./threadNotifications.js";

/** A send's thread fields are only for sockets granted `threads`; `alsoToRoom` only with `thread`. */
export function assertThreadSend(conn: Peer, msg: ClientMessageOf<"send">): void {
  if (msg.thread === undefined && msg.alsoToRoom === undefined) return;
  if (!conn.caps.has(Capability.Threads)) {
    throw new DuplexError(ErrorCode.InvalidMessage, "thread needs the threads capability");
  }
  if (msg.thread === undefined) {
    throw new DuplexError(ErrorCode.InvalidMessage, "alsoToRoom needs thread");
  }
}

/**
 * What a send's thread link came to (the store links it with the append): nothing when the root is
 * no message of the room or is itself a reply, and the message then stands in the room, as if sent
 * without `thread`.
 */
export function linkedThread(
  result: LinkThreadResult | undefined,
  msg: ClientMessageOf<"send">,
): LinkedThread | undefined {
  if (msg.thread === undefined || result?.status !== "ok") return undefined;
  return {
    ref: { root: msg.thread, ...(msg.alsoToRoom === true && { alsoToRoom: true as const }) },
    result,
  };
}

/**
 * Fans a thread reply out: with `thread` to sockets granted `threads` (followed by the root's new
 * `thread_summary`), as an ordinary message to every other socket, so a v1 client loses nothing.
 */
export async function publishThreadReply(
  ctx: ServerContext,
  frame: ServerMessageOf<"message">,
  linked: LinkedThread,
): Promise<void> {
  // One frame for every socket (the room's sequencer delivers a seq once): sockets without
  // `threads` read it without its `thread` (Peer.sendFrame).
  await ctx.fanout.publish(frame.room, { ...frame, thread: linked.ref });
  if (!linked.result.changed) return;
  await ctx.fanout.publish(frame.room, summaryFrame(frame.room, linked), {
    onlyCap: Capability.Threads,
  });
}

function summaryFrame(room: string, linked: LinkedThread): ServerMessageOf<"thread_summary"> {
  const { rootSeq, summary, changeSeq } = linked.result;
  return {
    type: "thread_summary",
    room,
    root: linked.ref.root,
    rootSeq,
    summary,
    ...(changeSeq !== undefined && { changeSeq }),
  };
}

/** After the fan-out: the thread's followers are notified in the background. */
export function afterThreadReply(
  ctx: ServerContext,
  message: ChatMessage,
  linked: LinkedThread,
): void {
  if (!linked.result.changed) return;
  void ctx.background.track(
    notifyThreadFollowers(ctx, message, linked).catch((err: unknown) => {
      ctx.log.error({ err, message: message.id }, "thread notifications failed");
    }),
  );
}
