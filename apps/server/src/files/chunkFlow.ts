import { ErrorCode, decodeChunk, type Chunk } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { PeerSocket } from "../connection/PeerSocket.js";
import { holdReads, releaseReads } from "../connection/readPause.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { sendError } from "../handlers/replyToFailure.js";
import { drop, handleChunk } from "./uploadHandlers.js";

/** Uploads of one socket failed for flow control whose late chunks are dropped without a reply. */
const FAILED_REMEMBERED = 8;

/** Chunk bytes one socket has read and not yet stored, and whether its reading is paused. */
interface Flow {
  pending: number;
  paused: boolean;
  failed: string[];
}

const flows = new WeakMap<Peer, Flow>();

function flowOf(conn: Peer): Flow {
  let flow = flows.get(conn);
  if (flow === undefined) {
    flow = { pending: 0, paused: false, failed: [] };
    flows.set(conn, flow);
  }
  return flow;
}

/** Chunk bytes read from `conn` and not yet written (what its uploads hold in memory). */
export function pendingChunkBytes(conn: Peer): number {
  return flows.get(conn)?.pending ?? 0;
}

function sendFailure(conn: Peer, err: unknown): void {
  if (err instanceof DuplexError) sendError(conn, err.code, err.message);
  else {
    conn.log.error({ err }, "chunk failed");
    sendError(conn, ErrorCode.Internal, "internal server error");
  }
}

/** The upload is failed for breaking the flow control: its bytes go, its sender is told why. */
function failFlow(ctx: ServerContext, conn: Peer, flow: Flow, id: string, why: string): void {
  const upload = ctx.files.uploads.get(id);
  if (upload === undefined) return;
  flow.failed.push(id);
  if (flow.failed.length > FAILED_REMEMBERED) flow.failed.shift();
  void drop(ctx, upload);
  conn.send({ type: "upload_cancel", uploadId: id, code: ErrorCode.FlowControl, message: why });
}

/**
 * Checks a chunk when it is read, before anything is queued for it: it must belong to an upload of
 * this socket, start where the previous one ended, and start within `window` bytes of the stored
 * offset — the same rule the client follows against the acknowledged offset, which is never ahead
 * of the stored one. So an upload holds at most `window` + one chunk in memory, however fast its
 * client writes.
 */
function admit(ctx: ServerContext, conn: Peer, flow: Flow, frame: Buffer): Chunk | undefined {
  const chunk = decodeChunk(frame);
  if ("error" in chunk) throw new DuplexError(ErrorCode.InvalidMessage, chunk.error);
  if (flow.failed.includes(chunk.uploadId)) return undefined;
  const upload = ctx.files.uploads.get(chunk.uploadId);
  if (!upload || upload.connId !== conn.id || upload.outcome || upload.finishing) {
    throw new DuplexError(ErrorCode.NotFound, "no such upload on this connection");
  }
  const { chunkSize, windowBytes } = ctx.files.config;
  if (chunk.payload.byteLength > chunkSize) {
    throw new DuplexError(ErrorCode.TooLarge, "chunk larger than chunkSize");
  }
  if (chunk.offset !== upload.received) {
    failFlow(ctx, conn, flow, upload.id, `chunk at ${chunk.offset}, expected ${upload.received}`);
    return undefined;
  }
  if (chunk.offset - upload.offset >= windowBytes) {
    failFlow(ctx, conn, flow, upload.id, `chunk beyond the window of ${windowBytes} bytes`);
    return undefined;
  }
  upload.received = chunk.offset + chunk.payload.byteLength;
  return chunk;
}

/**
 * A binary frame of a socket granted `files`. Admitted at once, then stored in the socket's queue,
 * in order with its JSON frames: a `send` waits behind at most one window of chunks. While the chunk
 * bytes read and not yet stored reach a window, the socket stops reading (TCP pushes back on the
 * sender) instead of buffering them. `handled` (SSE) learns whether the chunk was stored.
 */
export function receiveChunk(
  ctx: ServerContext,
  conn: Peer,
  socket: PeerSocket,
  frame: Buffer,
  handled?: (stored: boolean) => void,
): void {
  const flow = flowOf(conn);
  let chunk: Chunk | undefined;
  try {
    chunk = admit(ctx, conn, flow, frame);
  } catch (err) {
    sendFailure(conn, err);
  }
  if (chunk === undefined) {
    handled?.(false);
    return;
  }
  const bytes = chunk.payload.byteLength;
  const limit = ctx.files.config.windowBytes;
  flow.pending += bytes;
  if (flow.pending >= limit && !flow.paused) {
    flow.paused = true;
    holdReads(socket, "chunks");
  }
  const admitted = chunk;
  // Like any frame that is not a chat send, a chunk waits for the sends read before it to finish: its
  // progress reply never overtakes their acks, so a send is acked behind at most one window of chunks
  // however long its commit's sync takes (the loop stores other sockets' work meanwhile).
  void conn.frames.enqueue(async () => {
    let stored = false;
    try {
      // Chunks queued before their upload failed its flow control go quietly with it.
      if (!flow.failed.includes(admitted.uploadId)) stored = await handleChunk(ctx, conn, admitted);
    } catch (err) {
      sendFailure(conn, err);
    } finally {
      flow.pending -= bytes;
      if (flow.paused && flow.pending < limit) {
        flow.paused = false;
        releaseReads(socket, "chunks");
      }
      handled?.(stored);
    }
  });
}
