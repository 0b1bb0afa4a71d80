import { randomBytes } from "node:crypto";
import { Capability, CloseCode, ErrorCode, decodeClientMessage } from "@duplex/protocol";
import type { RawData } from "ws";
import type { PeerSocket } from "./PeerSocket.js";
import type { ServerContext } from "../context.js";
import { dispatch } from "../handlers/dispatch.js";
import { sendError } from "../handlers/replyToFailure.js";
import { addressKey } from "../limits/addressKey.js";
import { admitFrame } from "../limits/admitFrame.js";
import { RateLimiter, limitsAnything } from "../limits/rateLimiter.js";
import { stopTokenRefresh } from "../session/tokenRefresh.js";
import { Connection } from "./Connection.js";
import { detachUploads } from "../files/uploadHandlers.js";
import { receiveChunk } from "../files/chunkFlow.js";

// Unique across nodes and restarts, short enough to read in logs.
const NODE = randomBytes(3).toString("hex");
let counter = 0;
const nextConnectionId = () => `c_${NODE}_${(++counter).toString(36)}`;

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(data).toString("utf8");
}

/** Leaves every room (announcing last-socket leaves) and forgets the user's socket. */
async function cleanup(ctx: ServerContext, conn: Connection): Promise<void> {
  const user = conn.user;
  if (!user) return;
  await conn.frames.settled();
  await ctx.membership.leaveAll(conn, user);
  ctx.online.disconnect(user.id, conn.id);
  await ctx.webPush.tabs.remove(user.id, conn.id);
}

/**
 * What the shared socket listeners below need of one socket. One small object per socket instead of
 * a closure per listener sharing one scope (~0.3 KiB per idle connection).
 */
class Accepted {
  /** Stopped by the first frame after the hello, else spent at its deadline (then dropped). */
  helloTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ctx: ServerContext,
    readonly conn: Connection,
    /** Absent when rate limits are off. */
    readonly limiter: RateLimiter | undefined,
  ) {}

  stopHelloTimer(): void {
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
  }
}

const acceptedSockets = new WeakMap<PeerSocket, Accepted>();

function onHelloTimeout(state: Accepted): void {
  state.helloTimer = undefined;
  if (!state.conn.user) state.conn.closeConnection(CloseCode.HelloTimeout);
}

// The listeners are shared by every socket: `this` is the socket, its state comes from the WeakMap.

function onSocketError(this: PeerSocket, err: Error): void {
  acceptedSockets.get(this)?.conn.log.warn({ err: err.message }, "socket error");
}

function onPong(this: PeerSocket): void {
  const state = acceptedSockets.get(this);
  if (state) state.conn.alive = true;
}

function onMessage(
  this: PeerSocket,
  data: RawData,
  isBinary: boolean,
  handled?: (stored: boolean) => void,
): void {
  const state = acceptedSockets.get(this);
  if (!state) return handled?.(false);
  const { ctx, conn } = state;
  if (isBinary && conn.caps.has(Capability.Files)) {
    ctx.traffic.framesIn += 1;
    const frame = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    receiveChunk(ctx, conn, this, frame, handled);
    return;
  }
  handled?.(false);
  if (isBinary) {
    sendError(conn, ErrorCode.UnsupportedData, "binary frames are not supported");
    conn.closeConnection(CloseCode.UnsupportedData);
    return;
  }
  if (conn.closed) return;
  ctx.traffic.framesIn += 1;
  // Decoded here, not in the queue, so the rate limit is applied before any work is queued.
  const decoded = decodeClientMessage(frameText(data));
  ctx.tolerated.note(decoded);
  // Welcomed: the hello deadline is moot; its timer goes with the first frame after the hello.
  if (conn.user && state.helloTimer !== undefined) state.stopHelloTimer();
  if (!admitFrame(conn, state.limiter, ctx.budgets, decoded, ctx.now())) return;
  // A `send` is pipelined: it finishes after its commit without holding the queue (FrameQueue.ts).
  const pipelined = decoded.ok && decoded.value.type === "send";
  // Past PAUSE_READS_AT queued frames the socket stops reading (Connection's backlog marks).
  void conn.frames.enqueue(() => dispatch(ctx, conn, decoded), pipelined);
}

function onClose(this: PeerSocket, code: number, reason: Buffer): void {
  const state = acceptedSockets.get(this);
  if (!state) return;
  const { ctx, conn } = state;
  state.stopHelloTimer();
  stopTokenRefresh(ctx, conn);
  ctx.connections.delete(conn);
  ctx.chat.directory.unwatch(conn);
  detachUploads(ctx, conn);
  ctx.log.info({ conn: conn.id, code, reason: reason.toString() }, "connection closed");
  void conn.frames.enqueue(() => cleanup(ctx, conn));
}

/**
 * The accept path: the socket is an edge that decodes, authenticates and dispatches, nothing more.
 */
export function acceptConnection(ctx: ServerContext, ws: PeerSocket, remote: string): Connection {
  const id = nextConnectionId();
  const conn = new Connection(id, ws, ctx.log, ctx.config.limits.maxBufferedBytes, ctx.traffic);
  conn.address = addressKey(remote);
  const rate = ctx.config.limits.rate;
  const state = new Accepted(
    ctx,
    conn,
    // Writes are limited per user and address (Budgets), not per socket; the socket keeps its frame
    // bucket and the strike count that closes a flooder.
    limitsAnything(rate) ? new RateLimiter({ ...rate, sendPerSecond: 0 }, ctx.now()) : undefined,
  );
  acceptedSockets.set(ws, state);
  // First, before anything can fail: an unhandled 'error' (e.g. an oversize frame) kills the process
  // (ws#1777). ws closes the socket itself (1009 for an oversize frame) after emitting it.
  ws.on("error", onSocketError);
  ctx.connections.add(conn);
  // The server's logger with `conn`, as the socket's child would print it, without making that child
  // for every socket (see Connection.log).
  ctx.log.info({ conn: id, remote }, "connection open");
  state.helloTimer = setTimeout(onHelloTimeout, ctx.config.helloTimeoutMs, state);
  ws.on("pong", onPong);
  ws.on("message", onMessage);
  ws.on("close", onClose);
  return conn;
}
