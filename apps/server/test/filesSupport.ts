import { createHash } from "node:crypto";
import { encodeChunk, type ServerMessageOf } from "@duplex/protocol";
import sharp from "sharp";
import type { TestClient } from "./helpers.js";

export const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A real PNG of `w`×`h` pixels. */
export function png(w: number, h: number): Promise<Buffer> {
  return sharp({ create: { width: w, height: h, channels: 3, background: "#3366cc" } })
    .png()
    .toBuffer();
}

let refs = 0;

/** `upload_start` → its `upload_ready` (or the error). */
export async function start(
  c: TestClient,
  room: string,
  name: string,
  size: number,
  extra: { cid?: string; resume?: string } = {},
): Promise<
  ServerMessageOf<"upload_ready"> | ServerMessageOf<"error"> | ServerMessageOf<"upload_done">
> {
  const ref = `u${++refs}`;
  c.send({
    type: "upload_start",
    ref,
    cid: extra.cid ?? `cid${refs}`,
    room,
    name,
    size,
    ...(extra.resume && { resume: extra.resume }),
  });
  return Promise.race([
    c.waitFor("upload_ready", (m) => m.ref === ref),
    c.waitFor("error", (m) => m.ref === ref),
  ]);
}

/** Sends bytes `[from, to)` in chunks within the window, waiting for the acknowledgements. */
export async function sendBytes(
  c: TestClient,
  ready: ServerMessageOf<"upload_ready">,
  bytes: Uint8Array,
  from: number,
  to: number,
): Promise<void> {
  let next = from;
  let acked = from;
  while (acked < to) {
    while (next < to && next - acked < ready.window) {
      const end = Math.min(to, next + ready.chunkSize);
      c.sendRaw(Buffer.from(encodeChunk(ready.uploadId, next, bytes.subarray(next, end))), true);
      next = end;
    }
    const target = Math.min(next, acked + ready.chunkSize);
    const p = await c.waitFor(
      "upload_progress",
      (m) => m.uploadId === ready.uploadId && m.offset >= target,
    );
    acked = p.offset;
  }
}

/** The whole upload; resolves with `upload_done`. */
export async function upload(
  c: TestClient,
  room: string,
  name: string,
  bytes: Uint8Array,
): Promise<ServerMessageOf<"upload_done">> {
  const ready = await start(c, room, name, bytes.byteLength);
  if (ready.type !== "upload_ready") throw new Error(`upload refused: ${JSON.stringify(ready)}`);
  return finishUpload(c, ready, bytes);
}

/** Sends the bytes from `ready.offset` on, then `upload_finish`; resolves with `upload_done`. */
export async function finishUpload(
  c: TestClient,
  ready: ServerMessageOf<"upload_ready">,
  bytes: Uint8Array,
): Promise<ServerMessageOf<"upload_done">> {
  await sendBytes(c, ready, bytes, ready.offset, bytes.byteLength);
  c.send({ type: "upload_finish", uploadId: ready.uploadId, sha256: sha256(bytes) });
  return c.waitFor("upload_done", (m) => m.uploadId === ready.uploadId, 15_000);
}
