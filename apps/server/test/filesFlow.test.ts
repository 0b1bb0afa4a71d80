import { Capability, encodeChunk } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { start, upload } from "./filesSupport.js";
import { testWorld, withScene, type WorldUser } from "./support/testWorld.js";

const FILES = [Capability.Files];

/** Bytes that differ along the file, so a chunk at the wrong offset would change the digest. */
function bytesOf(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + (i >> 10)) % 251;
  return bytes;
}

/** `name`, files-capable, in #general of a fresh world, having started an upload of `size` bytes. */
async function uploading(name: string, file: string, size: number) {
  const world = await testWorld({ users: [name], rooms: ["general"], caps: FILES });
  return withScene(world, async () => {
    const a = world.users[name] as WorldUser;
    const bytes = bytesOf(size);
    const ready = await start(a.client, "general", file, bytes.length);
    if (ready.type !== "upload_ready") throw new Error(`refused: ${JSON.stringify(ready)}`);
    return { a, bytes, ready };
  });
}

describe("flow control of uploads over WebSocket", () => {
  it("a client that floods past the window has its upload failed with flow_control; the socket goes on", async () => {
    await using world = await uploading("Flooder", "flood.bin", 2 * 1024 * 1024);
    const { a, bytes, ready } = world;
    // Every chunk at once, ignoring `upload_progress`.
    for (let at = 0; at < bytes.length; at += ready.chunkSize) {
      const end = Math.min(bytes.length, at + ready.chunkSize);
      a.client.sendRaw(Buffer.from(encodeChunk(ready.uploadId, at, bytes.subarray(at, end))), true);
    }
    const cancel = await a.client.waitFor("upload_cancel", (m) => m.uploadId === ready.uploadId);
    expect(cancel.code).toBe("flow_control");
    // Stored no further than the window: the rest was never queued.
    const stored = a.client.received.flatMap((m) =>
      m.type === "upload_progress" && m.uploadId === ready.uploadId ? [m.offset] : [],
    );
    expect(Math.max(0, ...stored)).toBeLessThanOrEqual(ready.window);
    // Its late chunks are dropped quietly (no error per chunk), and the socket still chats.
    a.client.send({ type: "send", room: "general", cid: "after", text: "still here" });
    await a.client.waitFor("ack", (m) => m.cid === "after");
    expect(a.client.received.filter((m) => m.type === "error")).toEqual([]);
    const done = await upload(a.client, "general", "honest.bin", bytes.subarray(0, 100_000));
    expect(done.attachment.size).toBe(100_000);
  });

  it("a chunk out of order fails the upload with flow_control", async () => {
    await using world = await uploading("Skipper", "skip.bin", 200_000);
    const { a, bytes, ready } = world;
    const size = ready.chunkSize;
    a.client.sendRaw(Buffer.from(encodeChunk(ready.uploadId, 0, bytes.subarray(0, size))), true);
    const skipped = bytes.subarray(2 * size, 3 * size);
    a.client.sendRaw(Buffer.from(encodeChunk(ready.uploadId, 2 * size, skipped)), true);
    const cancel = await a.client.waitFor("upload_cancel", (m) => m.uploadId === ready.uploadId);
    expect(cancel).toMatchObject({ code: "flow_control" });
    expect(cancel.message).toContain(`expected ${size}`);
  });

  it("a chat send on the uploading socket is acked behind at most one window of chunks", async () => {
    await using world = await uploading("Busy", "big.bin", 3 * 1024 * 1024);
    const { a, bytes, ready } = world;
    // An honest sender that keeps the window full; the chat frame goes once 1 MiB is stored.
    let next = 0;
    let acked = 0;
    let chatAt = -1;
    const fill = () => {
      while (next < bytes.length && next - acked < ready.window) {
        const end = Math.min(bytes.length, next + ready.chunkSize);
        const chunk = Buffer.from(encodeChunk(ready.uploadId, next, bytes.subarray(next, end)));
        a.client.sendRaw(chunk, true);
        next = end;
      }
    };
    fill();
    while (acked < bytes.length) {
      const p = await a.client.waitFor("upload_progress", (m) => m.offset > acked);
      acked = p.offset;
      if (chatAt < 0 && acked >= 1024 * 1024) {
        fill(); // the window is full when the chat frame is written
        a.client.send({ type: "send", room: "general", cid: "mid", text: "while uploading" });
        chatAt = a.client.received.length;
      }
      fill();
    }
    const ack = a.client.received.findIndex((m) => m.type === "ack" && m.cid === "mid");
    expect(ack).toBeGreaterThan(chatAt - 1);
    const between = a.client.received
      .slice(chatAt, ack)
      .filter((m) => m.type === "upload_progress").length;
    // Chunks read before the chat frame: at most a window's worth, never the rest of the file.
    expect(between).toBeLessThanOrEqual(ready.window / ready.chunkSize);
  });
});
