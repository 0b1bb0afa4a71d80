import type { ClientMessage } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
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

/** Routes a decoded message to its handler. Exhaustive: a new message type fails the build here. */
export async function dispatch(ctx: ServerContext, conn: Peer, msg: ClientMessage): Promise<void> {
  switch (msg.type) {
    case "hello":
      return handleHello(ctx, conn, msg);
    case "ping":
      return handlePing(ctx, conn, msg);
    case "join":
      return handleJoin(ctx, conn, msg);
    case "leave":
      return handleLeave(ctx, conn, msg);
    case "rooms":
      return handleRooms(ctx, conn, msg);
    case "open":
      return handleOpen(ctx, conn, msg);
    case "typing":
      return handleTyping(ctx, conn, msg);
    case "send":
      return handleSend(ctx, conn, msg);
    case "history":
      return handleHistory(ctx, conn, msg);
    case "subscribe":
      return handleSubscribe(ctx, conn, msg);
    case "unsubscribe":
      return handleUnsubscribe(ctx, conn, msg);
    case "mark_read":
      return handleMarkRead(ctx, conn, msg);
    case "edit":
      return handleEdit(ctx, conn, msg);
    case "delete":
      return handleDelete(ctx, conn, msg);
    case "inspect":
      return handleInspect(ctx, conn, msg);
    case "members":
      return handleMembers(ctx, conn, msg);
    case "watch_members":
    case "unwatch_members":
      return handleWatchMembers(ctx, conn, msg);
    case "search":
      return handleSearch(ctx, conn, msg);
    case "visibility":
      return handleVisibility(ctx, conn, msg);
    case "read":
      return handleRead(ctx, conn, msg);
    case "set_prefs":
      return handleSetPrefs(ctx, conn, msg);
    case "react":
      return handleReact(ctx, conn, msg);
    case "upload_start":
      return handleUploadStart(ctx, conn, msg);
    case "upload_finish":
      return handleUploadFinish(ctx, conn, msg);
    case "upload_cancel":
      return handleUploadCancel(ctx, conn, msg);
    case "thread":
      return handleThread(ctx, conn, msg);
    case "thread_read":
      return handleThreadRead(ctx, conn, msg);
    default: {
      const unreachable: never = msg;
      throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
    }
  }
}
