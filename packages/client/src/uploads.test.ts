import { createHash } from "node:crypto";
import { decodeChunk, type Attachment, type ClientMessage } from "@duplex/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Harness, harness } from "../test/harness.js";
import type { FakeSocket } from "./fakeSocket.js";

const ID = "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb";

/** The chunk size the scripted server grants. */
const CHUNK_SIZE = 4;

/**
 * A scripted upload server on the fake peer: keeps bytes per upload id, acknowledges every chunk,
 * checks the digest on `upload_finish`. `ackChunks: false` holds the acknowledgements back.
 */
class FakeUploads {
  bytes = new Uint8Array(0);
  finished: string | undefined;
  ackChunks = true;
  chunksSeen = 0;
  maxUnacked = 0;
  #acked = 0;

  constructor(
    readonly h: Harness,
    readonly window = 8,
  ) {
    h.peer.onFrame = (socket, m) => this.#frame(socket, m);
    h.peer.onBinary = (socket, frame) => this.#binary(socket, frame);
  }

  /** Acknowledges every byte stored so far. */
  ackAll(socket: FakeSocket): void {
    this.#acked = this.bytes.byteLength;
    socket.push({ type: "upload_progress", uploadId: ID, offset: this.#acked });
  }

  #frame(socket: FakeSocket, m: ClientMessage): boolean {
    if (m.type === "upload_start") {
      this.#acked = this.bytes.byteLength;
      socket.push({
        type: "upload_ready",
        ...(m.ref !== undefined && { ref: m.ref }),
        cid: m.cid,
        uploadId: ID,
        offset: this.bytes.byteLength,
        chunkSize: CHUNK_SIZE,
        window: this.window,
        expiresAt: Date.now() + 60_000,
      });
      return true;
    }
    if (m.type === "upload_finish") {
      const digest = createHash("sha256").update(this.bytes).digest("hex");
      if (digest !== m.sha256) {
        socket.push({
          type: "upload_cancel",
          uploadId: ID,
          code: "invalid_message",
          message: "sha",
        });
        return true;
      }
      this.finished = digest;
      const attachment: Attachment = {
        id: "file_aaaaaaaaaaaaaaaa",
        name: "a.bin",
        size: this.bytes.byteLength,
        mime: "application/octet-stream",
        thumb: false,
      };
      socket.push({
        type: "upload_done",
        uploadId: ID,
        cid: "x",
        messageId: "m1",
        seq: 1,
        attachment,
      });
      return true;
    }
    return false;
  }

  #binary(socket: FakeSocket, frame: Uint8Array): void {
    const chunk = decodeChunk(frame);
    if ("error" in chunk) throw new Error(chunk.error);
    // Only the next bytes in order are kept: a repeat or a gap would show in the digest.
    if (chunk.offset !== this.bytes.byteLength)
      throw new Error(`offset ${chunk.offset} out of order`);
    const next = new Uint8Array(this.bytes.byteLength + chunk.payload.byteLength);
    next.set(this.bytes);
    next.set(chunk.payload, this.bytes.byteLength);
    this.bytes = next;
    this.chunksSeen += 1;
    this.maxUnacked = Math.max(this.maxUnacked, this.bytes.byteLength - this.#acked);
    if (this.ackChunks) this.ackAll(socket);
  }
}

function joinedWithFiles(): Harness {
  const h = harness({ caps: ["files"], random: Math.random });
  h.client.connect();
  h.client.join("general");
  return h;
}

/**
 * A 20-byte upload through a server with a `window`-byte window that does not ack its chunks,
 * once the first window of chunks has been sent.
 */
async function uploadHeldAtWindow(window: number) {
  const h = joinedWithFiles();
  const server = new FakeUploads(h, window);
  server.ackChunks = false;
  const upload = h.client.upload({ room: "general", data: payload(20), name: "a.bin" });
  await vi.waitFor(() => expect(server.chunksSeen).toBe(window / CHUNK_SIZE));
  return { h, server, upload };
}

/** How long a window-bound upload is watched for a chunk it must not send. */
const NOTHING_MORE_WITHIN_MS = 20;

const payload = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256);

afterEach(() => {
  vi.useRealTimers();
});

describe("client.upload", () => {
  it("sends the bytes in acknowledged chunks and resolves with the stored message", async () => {
    const h = joinedWithFiles();
    const server = new FakeUploads(h);
    const states: string[] = [];
    const upload = h.client.upload({ room: "general", data: payload(10), name: "a.bin" });
    upload.on("progress", (u) => states.push(u.state));
    expect(upload.state).toBe("queued");
    const result = await upload.done;
    expect(result).toMatchObject({ messageId: "m1", seq: 1 });
    expect(upload.state).toBe("done");
    expect(upload.sent).toBe(10);
    expect(server.bytes).toEqual(payload(10));
    expect(server.chunksSeen).toBe(3); // 4 + 4 + 2
    expect(states).toContain("sending");
    h.client.close();
  });

  it("keeps at most a window of bytes unacknowledged", async () => {
    const { h, server, upload } = await uploadHeldAtWindow(8);
    await new Promise((resolve) => setTimeout(resolve, NOTHING_MORE_WITHIN_MS));
    expect(server.chunksSeen).toBe(2); // 8 bytes out, nothing acked: it waits
    server.ackChunks = true;
    server.ackAll(h.peer.last);
    await upload.done;
    expect(server.maxUnacked).toBeLessThanOrEqual(8);
    expect(server.bytes).toEqual(payload(20));
    h.client.close();
  });

  it("resumes at the server's offset after a reconnect, sending nothing twice", async () => {
    const { h, server, upload } = await uploadHeldAtWindow(8);
    server.ackAll(h.peer.last);
    await vi.waitFor(() => expect(server.chunksSeen).toBe(4));
    // Bytes 8..16 arrived but were never acknowledged; then the link drops.
    server.ackChunks = true;
    h.peer.last.drop();
    await vi.waitFor(() => expect(h.peer.sockets).toHaveLength(2), { timeout: 3000 });
    const result = await upload.done;
    expect(result.seq).toBe(1);
    const resumed = h.peer.last.received.find((m) => m.type === "upload_start");
    expect(resumed).toMatchObject({ resume: ID });
    expect(server.bytes).toEqual(payload(20)); // the fake throws on any repeated or missing offset
    h.client.close();
  });

  it("fails when the server cancels, and retry starts again from the beginning", async () => {
    const h = joinedWithFiles();
    const server = new FakeUploads(h);
    server.bytes = Uint8Array.from([9, 9, 9]); // stray bytes: the digest will not match
    const upload = h.client.upload({ room: "general", data: payload(5), name: "a.bin" });
    const failed = vi.fn();
    upload.on("failed", failed);
    await expect(upload.done).rejects.toMatchObject({ code: "invalid_message" });
    expect(upload.state).toBe("failed");
    expect(failed).toHaveBeenCalledOnce();
    server.bytes = new Uint8Array(0);
    upload.retry();
    await upload.done;
    expect(upload.state).toBe("done");
    expect(server.bytes).toEqual(payload(5));
    h.client.close();
  });

  it("cancel tells the server and rejects done", async () => {
    const { h, upload } = await uploadHeldAtWindow(4);
    upload.cancel();
    await expect(upload.done).rejects.toMatchObject({ code: "cancelled" });
    expect(upload.state).toBe("cancelled");
    await vi.waitFor(() =>
      expect(h.peer.last.received).toContainEqual({ type: "upload_cancel", uploadId: ID }),
    );
    h.client.close();
  });

  it("fails at once when the node did not grant the files capability", async () => {
    const h = harness({ random: Math.random });
    h.client.connect();
    h.client.join("general");
    const upload = h.client.upload({ room: "general", data: payload(1), name: "a.bin" });
    await expect(upload.done).rejects.toMatchObject({ code: "unsupported_data" });
    h.client.close();
  });
});
