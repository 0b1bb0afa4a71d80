import { join } from "node:path";
import { Capability, ErrorCode, type Chunk, type ClientMessageOf } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { assertMaySpeak, joinedUser, userOf } from "../handlers/access.js";
import { rateLimited } from "../limits/Budgets.js";
import { randomToken } from "../ids/randomId.js";
import { PartialUpload } from "./PartialUpload.js";
import { storeUpload } from "./storeUpload.js";
import { randomBytes } from "node:crypto";

function assertFiles(conn: Peer): void {
  if (!conn.caps.has(Capability.Files)) {
    throw new DuplexError(ErrorCode.UnsupportedData, "ask for the files capability in hello.caps");
  }
}

function ready(ctx: ServerContext, conn: Peer, upload: PartialUpload, ref?: string): void {
  touch(ctx, upload);
  // Chunks are read from here on, whatever an earlier link had in flight.
  upload.received = upload.offset;
  conn.send({
    type: "upload_ready",
    ...(ref !== undefined && { ref }),
    cid: upload.cid,
    uploadId: upload.id,
    offset: upload.offset,
    chunkSize: ctx.files.config.chunkSize,
    window: ctx.files.config.windowBytes,
    expiresAt: upload.expiresAt,
  });
}

/** (Re)arms the expiry of a partial upload: idle for `partialTtlMs`, its bytes go. */
function touch(ctx: ServerContext, upload: PartialUpload): void {
  clearTimeout(upload.timer);
  const ttl = ctx.files.config.partialTtlMs;
  upload.expiresAt = ctx.now() + ttl;
  upload.timer = setTimeout(() => void drop(ctx, upload, "upload expired"), ttl);
  upload.timer.unref();
}

/** Forgets an upload and its bytes; tells its socket (if any) unless the client cancelled it. */
export async function drop(ctx: ServerContext, upload: PartialUpload, why?: string): Promise<void> {
  ctx.files.uploads.delete(upload.id);
  await upload.discard();
  if (why === undefined || upload.outcome) return;
  for (const conn of ctx.connections) {
    if (conn.id === upload.connId) {
      conn.send({
        type: "upload_cancel",
        uploadId: upload.id,
        code: ErrorCode.NotFound,
        message: why,
      });
    }
  }
}

function find(ctx: ServerContext, conn: Peer, msg: ClientMessageOf<"upload_start">) {
  const user = userOf(conn);
  if (msg.resume !== undefined) {
    const byId = ctx.files.uploads.get(msg.resume);
    if (byId?.userId === user.id) return byId;
  }
  for (const u of ctx.files.uploads.values()) {
    if (u.userId === user.id && u.cid === msg.cid) return u;
  }
  return undefined;
}

/** `upload_start`: a new upload, or the resumption of one at the server's stored offset. */
export async function handleUploadStart(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"upload_start">,
): Promise<void> {
  assertFiles(conn);
  const user = joinedUser(conn, msg.room);
  assertMaySpeak(ctx, conn, msg.room);
  const existing = find(ctx, conn, msg);
  if (existing) {
    if (existing.outcome) {
      conn.send({
        type: "upload_done",
        uploadId: existing.id,
        cid: existing.cid,
        ...existing.outcome,
      });
      return;
    }
    existing.connId = conn.id; // an earlier link's queued chunks are no longer written
    await existing.settled();
    ready(ctx, conn, existing, msg.ref);
    return;
  }
  const { config } = ctx.files;
  if (msg.size > config.maxUploadBytes) {
    throw new DuplexError(ErrorCode.TooLarge, `file larger than ${config.maxUploadBytes} bytes`);
  }
  let onSocket = 0;
  for (const u of ctx.files.uploads.values()) if (u.connId === conn.id && !u.outcome) onSocket += 1;
  if (onSocket >= config.maxPerSocket || ctx.files.openUploadsOf(user.id) >= config.maxPerUser) {
    throw rateLimited("too many uploads under way", 1_000);
  }
  const now = ctx.now();
  const wait =
    ctx.files.userBytes.take(user.id, now, msg.size) ||
    ctx.files.addressBytes.take(conn.address, now, msg.size);
  if (wait > 0) throw rateLimited("upload quota used up", wait);
  const id = randomBytes(16).toString("hex");
  const upload = new PartialUpload(
    id,
    user.id,
    conn.address,
    msg.cid,
    msg.room,
    msg.name,
    msg.size,
    join(ctx.files.tempDir, id),
  );
  upload.connId = conn.id;
  ctx.files.uploads.set(id, upload);
  ready(ctx, conn, upload, msg.ref);
}

/**
 * One chunk admitted by `receiveChunk` (chunkFlow.ts): written to disk, then acknowledged. Returns
 * whether it was stored.
 */
export async function handleChunk(ctx: ServerContext, conn: Peer, chunk: Chunk): Promise<boolean> {
  const upload = ctx.files.uploads.get(chunk.uploadId);
  // Checked again: the upload may have been cancelled or resumed elsewhere while this waited.
  if (!upload || upload.connId !== conn.id || upload.outcome || upload.finishing) {
    throw new DuplexError(ErrorCode.NotFound, "no such upload on this connection");
  }
  try {
    await upload.write(chunk.offset, chunk.payload);
  } catch (err) {
    await drop(ctx, upload);
    const message = err instanceof Error ? err.message : "bad chunk";
    conn.send({
      type: "upload_cancel",
      uploadId: upload.id,
      code: ErrorCode.InvalidMessage,
      message,
    });
    return false;
  }
  touch(ctx, upload);
  conn.send({ type: "upload_progress", uploadId: upload.id, offset: upload.offset });
  return true;
}

export async function handleUploadFinish(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"upload_finish">,
): Promise<void> {
  assertFiles(conn);
  const upload = ctx.files.uploads.get(msg.uploadId);
  if (!upload || upload.userId !== userOf(conn).id) {
    throw new DuplexError(ErrorCode.NotFound, "no such upload");
  }
  if (upload.outcome) {
    conn.send({ type: "upload_done", uploadId: upload.id, cid: upload.cid, ...upload.outcome });
    return;
  }
  if (upload.offset !== upload.size) {
    throw new DuplexError(ErrorCode.InvalidMessage, `${upload.offset} of ${upload.size} bytes`);
  }
  upload.finishing = true;
  const digest = await upload.digest();
  if (digest !== msg.sha256) {
    await drop(ctx, upload);
    conn.send({
      type: "upload_cancel",
      ...(msg.ref !== undefined && { ref: msg.ref }),
      uploadId: upload.id,
      code: ErrorCode.InvalidMessage,
      message: "sha256 does not match the bytes received",
    });
    return;
  }
  const outcome = await storeUpload(ctx, conn, upload, digest, `f${randomToken(16)}`);
  upload.outcome = outcome;
  await upload.discard();
  touch(ctx, upload); // the outcome is kept a while for a client that missed `upload_done`
  conn.send({
    type: "upload_done",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    uploadId: upload.id,
    cid: upload.cid,
    ...outcome,
  });
}

export async function handleUploadCancel(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"upload_cancel">,
): Promise<void> {
  const upload = ctx.files.uploads.get(msg.uploadId);
  if (!upload || upload.userId !== userOf(conn).id || upload.outcome || upload.finishing) return;
  await drop(ctx, upload);
}

/** The socket closed: its uploads wait (until they expire) for a resuming `upload_start`. */
export function detachUploads(ctx: ServerContext, conn: Peer): void {
  for (const upload of ctx.files.uploads.values()) {
    if (upload.connId === conn.id) upload.connId = undefined;
  }
}
