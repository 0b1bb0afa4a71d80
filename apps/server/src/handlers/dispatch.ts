import { CloseCode, type ClientMessage, type DecodeResult } from "@duplex/protocol";
import type { Finish } from "../connection/FrameQueue.js";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { replyToFailure, sendError } from "./replyToFailure.js";
import { handleHistory, handleSend } from "./messages.js";
import { handleMarkRead } from "./notifications.js";
import { handleRooms } from "./directory.js";
import { handleDelete, handleEdit } from "./edits.js";
import { handleInspect } from "./inspect.js";
import { handleMembers, handleWatchMembers } from "./members.js";
import { handleJoin, handleLeave, handleOpen, handleTyping } from "./rooms.js";
import { handleSearch } from "./search.js";
import { handleRead, handleSetPrefs } from "./reads.js";
import { handleReact } from "./reactions.js";
import { handleHello, handlePing } from "./session.js";
import { handleSubscribe, handleUnsubscribe } from "./topics.js";
import { handleVisibility } from "./visibility.js";
import {
  handleUploadCancel,
  handleUploadFinish,
  handleUploadStart,
} from "../files/uploadHandlers.js";
import { handleThread, handleThreadRead } from "../threads/threadHandlers.js";

/**
 * Handles one decoded frame, in the peer's turn (FrameQueue.ts): until welcomed only a valid `hello`
 * is acceptable; a frame that did not decode is answered with its error; a valid one goes to its
 * handler, whose failure becomes its reply or close (replyToFailure.ts). A `send` returns its finish
 * (ack and fan-out after the commit) for the queue to run in order. Exhaustive: a new message type
 * fails the build here.
 */
export async function dispatch(
  ctx: ServerContext,
  conn: Peer,
  decoded: DecodeResult<ClientMessage>,
): Promise<void | Finish> {
  if (conn.closed) return;
  if (!conn.user && (!decoded.ok || decoded.value.type !== "hello")) {
    conn.closeConnection(CloseCode.BadHello);
    return;
  }
  if (!decoded.ok) {
    sendError(conn, decoded.error.code, decoded.error.message, decoded.error.ref);
    return;
  }
  const msg = decoded.value;
  try {
    switch (msg.type) {
      case "hello":
        return await handleHello(ctx, conn, msg);
      case "ping":
        return await handlePing(ctx, conn, msg);
      case "join":
        return await handleJoin(ctx, conn, msg);
      case "leave":
        return await handleLeave(ctx, conn, msg);
      case "rooms":
        return await handleRooms(ctx, conn, msg);
      case "open":
        return await handleOpen(ctx, conn, msg);
      case "typing":
        return await handleTyping(ctx, conn, msg);
      case "send":
        return handleSend(ctx, conn, msg);
      case "history":
        return await handleHistory(ctx, conn, msg);
      case "subscribe":
        return await handleSubscribe(ctx, conn, msg);
      case "unsubscribe":
        return await handleUnsubscribe(ctx, conn, msg);
      case "mark_read":
        return await handleMarkRead(ctx, conn, msg);
      case "edit":
        return await handleEdit(ctx, conn, msg);
      case "delete":
        return await handleDelete(ctx, conn, msg);
      case "inspect":
        return await handleInspect(ctx, conn, msg);
      case "members":
        return await handleMembers(ctx, conn, msg);
      case "watch_members":
      case "unwatch_members":
        return await handleWatchMembers(ctx, conn, msg);
      case "search":
        return await handleSearch(ctx, conn, msg);
      case "visibility":
        return await handleVisibility(ctx, conn, msg);
      case "read":
        return await handleRead(ctx, conn, msg);
      case "set_prefs":
        return await handleSetPrefs(ctx, conn, msg);
      case "react":
        return await handleReact(ctx, conn, msg);
      case "upload_start":
        return await handleUploadStart(ctx, conn, msg);
      case "upload_finish":
        return await handleUploadFinish(ctx, conn, msg);
      case "upload_cancel":
        return await handleUploadCancel(ctx, conn, msg);
      case "thread":
        return await handleThread(ctx, conn, msg);
      case "thread_read":
        return await handleThreadRead(ctx, conn, msg);
      default: {
        const unreachable: never = msg;
        throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
      }
    }
  } catch (err) {
    replyToFailure(conn, msg, err);
  }
}
