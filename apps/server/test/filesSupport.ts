import { createHash } from "node:crypto";
import { Capability, encodeChunk, type ServerMessageOf } from "@duplex/protocol";
import sharp from "sharp";
import { expect } from "vitest";
import type { ConnectOptions, TestClient } from "./helpers.js";
import type { TestWorld } from "./support/testWorld.js";

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

/**
 * A files-capable user uploads `bytes` to #general, its link drops after `cut` bytes, and it signs in
 * again on a new link (`via` both times): the upload goes on under its id from the server's offset
 * (at least `cut`) and completes whole, so the digest proves no byte was sent twice.
 */
export async function expectUploadResumesAfterDrop(
  world: TestWorld<string>,
  bytes: Uint8Array,
  { cut, via }: { cut: number; via?: ConnectOptions },
): Promise<void> {
  const caps = [Capability.Files];
  const a = await world.hello({ name: "Dropper", caps }, via);
  await a.client.join("general");
  const ready = await start(a.client, "general", "r.bin", bytes.length, { cid: "again" });
  if (ready.type !== "upload_ready") throw new Error(`refused: ${JSON.stringify(ready)}`);
  await sendBytes(a.client, ready, bytes, 0, cut);
  a.client.ws.terminate();

  const back = await world.hello({ token: a.welcome.token, caps }, via);
  await back.client.join("general");
  const resumed = await start(back.client, "general", "r.bin", bytes.length, {
    cid: "again",
    resume: ready.uploadId,
  });
  if (resumed.type !== "upload_ready")
    throw new Error(`resume refused: ${JSON.stringify(resumed)}`);
  expect(resumed.uploadId).toBe(ready.uploadId);
  expect(resumed.offset).toBeGreaterThanOrEqual(cut);
  const done = await finishUpload(back.client, resumed, bytes);
  expect(done.attachment.size).toBe(bytes.length);
}
