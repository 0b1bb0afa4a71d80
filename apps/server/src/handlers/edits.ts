import { Capability, ErrorCode, type ClientMessageOf, type ServerMessage } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import type { MessageChangeResult } from "../store/messageEdits.js";
import { moderatesRoom } from "../moderation/Moderation.js";
import { assertMaySpeak, joinedUser } from "./access.js";
import { deleteAttachments } from "../files/storeUpload.js";
import { assertTextBytes } from "./messages.js";

type Change = Extract<ServerMessage, { type: "edited" | "deleted" }>;

function changedMessage(result: MessageChangeResult, room: string, id: string) {
  switch (result.status) {
    case "ok":
      return { ...result.message, changeSeq: result.changeSeq };
    case "not_found":
      throw new DuplexError(ErrorCode.NotFound, `no message ${id} in ${room}`);
    case "not_author":
      throw new DuplexError(ErrorCode.Unauthorized, "only the author may change a message");
    default: {
      const unreachable: never = result;
      throw new Error(`unhandled result ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * The requester gets its answer directly (with its `ref`); every other socket in the room, the
 * author's other tabs included, gets the same event through the room fan-out.
 */
async function announce(
  ctx: ServerContext,
  conn: Peer,
  change: Change,
  ref: string | undefined,
  changeSeq: number | undefined,
): Promise<void> {
  // Sockets granted `changes` keep a change cursor: theirs carries the change's seq.
  const logged = changeSeq === undefined ? change : { ...change, changeSeq };
  const mine = conn.caps.has(Capability.Changes) ? logged : change;
  conn.send({ ...mine, ...(ref !== undefined && { ref }) });
  if (changeSeq === undefined) {
    await ctx.fanout.publish(change.room, change, { exceptConnection: conn.id });
    return;
  }
  await ctx.fanout.publish(change.room, logged, {
    exceptConnection: conn.id,
    onlyCap: Capability.Changes,
  });
  await ctx.fanout.publish(change.room, change, {
    exceptConnection: conn.id,
    exceptCap: Capability.Changes,
  });
}

/** `edit` → `edited` to the room. Only the author may edit; a deleted message cannot be. */
export async function handleEdit(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"edit">,
): Promise<void> {
  const user = joinedUser(conn, msg.room);
  assertMaySpeak(ctx, conn, msg.room);
  assertTextBytes(msg.text);
  ctx.budgets.chargeStorage(user.id, conn.address, msg.text, ctx.now());
  const result = await ctx.store.editMessage({
    room: msg.room,
    id: msg.id,
    userId: user.id,
    text: msg.text,
    editedAt: ctx.now(),
    at: ctx.now(),
  });
  const message = changedMessage(result, msg.room, msg.id);
  const change: Change = {
    type: "edited",
    room: message.room,
    id: message.id,
    seq: message.seq,
    text: message.text,
    editedAt: message.editedAt ?? ctx.now(),
  };
  await announce(ctx, conn, change, msg.ref, message.changeSeq);
}

/**
 * `delete` → `deleted` to the room. The author may delete; so may a moderator of the room (an owner
 * or admin, or a private room's owner), and that is written to the audit log. Deleting twice answers
 * again.
 */
export async function handleDelete(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"delete">,
): Promise<void> {
  const user = joinedUser(conn, msg.room);
  const input = { room: msg.room, id: msg.id, userId: user.id, at: ctx.now() };
  let result = await ctx.store.deleteMessage(input);
  if (result.status === "not_author" && (await moderatesRoom(ctx.store, user.id, msg.room))) {
    result = await ctx.store.deleteMessage({ ...input, anyAuthor: true });
    if (result.status === "ok") {
      await ctx.store.accounts.audit({
        ts: ctx.now(),
        actorId: user.id,
        action: "delete",
        targetId: result.message.from.id,
        detail: `${msg.room} ${msg.id}`,
      });
    }
  }
  const message = changedMessage(result, msg.room, msg.id);
  await deleteAttachments(ctx, message.id);
  const change: Change = { type: "deleted", room: message.room, id: message.id, seq: message.seq };
  await announce(ctx, conn, change, msg.ref, message.changeSeq);
}
