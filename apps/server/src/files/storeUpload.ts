import { createHash } from "node:crypto";
import type { Attachment } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { userOf } from "../handlers/access.js";
import { randomToken } from "../ids/randomId.js";
import type { BlobStore } from "./BlobStore.js";
import type { FileRecords } from "./FileRecords.js";
import { inspectFile } from "./inspectFile.js";
import type { PartialUpload, UploadOutcome } from "./PartialUpload.js";

/**
 * A complete, verified upload becomes a file: type sniffed, thumbnail made, blobs and record stored,
 * then a message carrying the attachment appended and fanned out like any `send`.
 */
export async function storeUpload(
  ctx: ServerContext,
  conn: Peer,
  upload: PartialUpload,
  sha256: string,
  fileId: string,
): Promise<UploadOutcome> {
  const { files } = ctx;
  const inspected = await inspectFile(upload.tempPath, files.config);
  await files.blobs.putFile(sha256, upload.tempPath, upload.size);
  let thumbSha256: string | undefined;
  if (inspected.thumb) {
    thumbSha256 = createHash("sha256").update(inspected.thumb).digest("hex");
    await files.blobs.putBytes(thumbSha256, inspected.thumb);
  }
  const attachment: Attachment = {
    id: fileId,
    name: upload.name,
    size: upload.size,
    mime: inspected.mime,
    ...(inspected.width !== undefined && { width: inspected.width }),
    ...(inspected.height !== undefined && { height: inspected.height }),
    thumb: thumbSha256 !== undefined,
  };
  const user = userOf(conn);
  const messageId = `m_${randomToken(12)}`;
  await files.records.insert({
    id: fileId,
    room: upload.room,
    messageId,
    sha256,
    thumbSha256,
    name: upload.name,
    size: upload.size,
    mime: inspected.mime,
    createdAt: ctx.now(),
  });
  ctx.budgets.chargeStorage(user.id, conn.address, upload.name, ctx.now());
  const { message, duplicate } = await ctx.store.append({
    room: upload.room,
    userId: user.id,
    userName: user.name,
    cid: upload.cid,
    // What a client without `files` shows: the file name.
    text: upload.name,
    id: messageId,
    ts: ctx.now(),
    attachment,
  });
  if (!duplicate) {
    const from = user.guest === true ? { ...message.from, guest: true } : message.from;
    await ctx.afterCommit.run({ message, frame: { type: "message", ...message, from } });
  }
  return { messageId: message.id, seq: message.seq, attachment: message.attachment ?? attachment };
}

/** After a message was deleted: its files go, and each blob no other file uses. */
export async function deleteAttachments(ctx: ServerContext, messageId: string): Promise<void> {
  const unused = await ctx.files.records.deleteForMessage(messageId);
  for (const sha256 of unused) await ctx.files.blobs.delete(sha256);
}

/** Files per sweep statement: one sweep never holds the database for long. */
const ORPHAN_BATCH = 500;

/**
 * After retention deleted messages: their files go too (created before the same cut-off), and
 * each blob no other file uses. Answers how many files went.
 */
export async function deleteOrphanedFiles(
  files: { records: FileRecords; blobs: BlobStore },
  createdBefore: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { deleted, unused } = await files.records.deleteOrphans(createdBefore, ORPHAN_BATCH);
    for (const sha256 of unused) await files.blobs.delete(sha256);
    total += deleted;
    if (deleted < ORPHAN_BATCH) return total;
  }
}
