import type { DuplexClient, DuplexClientOptions, StreamEvent } from "@duplex/client";
import {
  Capability,
  SSE_SEND_PATH,
  SSE_TICKET_HEADER,
  SSE_UPLOAD_PATH,
  encodeChunk,
} from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient } from "./helpers.js";
import { openRawLink, type RawLink } from "./support/rawSse.js";
import { png, expectUploadResumesAfterDrop, sha256, upload } from "./filesSupport.js";
import { testWorld } from "./support/testWorld.js";
import { switchableNetwork } from "./support/switchableNetwork.js";
import { autoTransportClient } from "./support/autoClient.js";

const FILES = [Capability.Files];
const viaSse = { transport: "sse" } as const;

/** The client library on `WebSocket` (a switchable network), in #general; `transports` records its links. */
function switchingClient(
  url: string,
  options: Omit<DuplexClientOptions, "url" | "transport" | "caps">,
): { client: DuplexClient; transports: string[] } {
  const client = autoTransportClient(url, { caps: FILES, ...options });
  const transports: string[] = [];
  client.on("transport", (kind) => transports.push(kind));
  client.connect();
  client.join("general");
  return { client, transports };
}

/**
 * Uploads `size` bytes (byte `i` is `pattern(i)`) to #general as `name`, `onProgress` seeing how much
 * was sent at each progress (where a test breaks or mends the network); it must arrive whole.
 */
async function uploadThroughSwitch(
  client: DuplexClient,
  { size, pattern, name }: { size: number; pattern: (i: number) => number; name: string },
  onProgress: (sent: number) => void,
) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = pattern(i);
  const up = client.upload({ room: "general", data: bytes, name });
  const off = up.on("progress", (u) => onProgress(u.sent));
  const result = await up.done;
  off();
  expect(result.attachment.size).toBe(bytes.length);
  return { result, bytes };
}

/** A raw link, opened as the client opens it: its events, and POSTs of frames and of chunks. */
async function rawLink(base: string) {
  const opened = await openRawLink(base);
  const send = (frames: object[]) =>
    fetch(`${base}${SSE_SEND_PATH}?stream=${opened.link.stream}`, {
      method: "POST",
      headers: { "content-type": "text/plain", [SSE_TICKET_HEADER]: opened.link.ticket },
      body: frames.map((f) => JSON.stringify(f)).join("\n"),
    });
  return { ...opened, send };
}

function postChunk(
  base: string,
  link: RawLink,
  frame: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}${SSE_UPLOAD_PATH}?stream=${link.stream}`, {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      [SSE_TICKET_HEADER]: link.ticket,
      ...headers,
    },
    body: frame,
  });
}

const ofType = (type: string) => (e: StreamEvent) => e.data.includes(`"type":"${type}"`);
const parse = <T>(e: StreamEvent) => JSON.parse(e.data) as T;

describe("uploads over the SSE + POST fallback", () => {
  it("an image posted in chunks arrives for a WebSocket reader with its thumbnail", async () => {
    await using world = await testWorld();
    const a = await world.hello({ name: "Behind", caps: FILES }, viaSse);
    const b = await world.hello({ name: "Open", caps: FILES });
    await a.client.join("general");
    await b.client.join("general");
    const image = await png(800, 600);
    const done = await upload(a.client, "general", "over-sse.png", image);
    expect(done.attachment).toMatchObject({ mime: "image/png", width: 800, thumb: true });
    const seen = await b.client.waitFor("message", (m) => m.id === done.messageId);
    expect(seen.attachment?.id).toBe(done.attachment.id);
    const file = await fetch(`${world.server.httpUrl}/files/${done.attachment.id}`, {
      headers: { authorization: `Bearer ${b.welcome.token}` },
    });
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(image));
  });

  it("resumes on a new link after the old one dropped, at the server's offset", async () => {
    await using world = await testWorld();
    const bytes = Buffer.alloc(400_000);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 7) % 253;
    await expectUploadResumesAfterDrop(world, bytes, { cut: 150_000, via: viaSse });
  });

  it("refuses what is not the owner's, over the size cap, of the wrong type or origin; cancel stops it", async () => {
    await using world = await testWorld();
    const base = world.server.httpUrl;
    const alice = await rawLink(base);
    const bob = await rawLink(base);
    using _a = { [Symbol.dispose]: alice.abort };
    using _b = { [Symbol.dispose]: bob.abort };
    for (const [who, name] of [
      [alice, "Alice"],
      [bob, "Bob"],
    ] as const) {
      await who.send([
        { type: "hello", name, caps: FILES },
        { type: "join", room: "general" },
      ]);
      await who.waitFor(ofType("joined"));
    }
    await alice.send([
      { type: "upload_start", cid: "c1", room: "general", name: "a.bin", size: 100_000 },
    ]);
    const ready = parse<{ uploadId: string; chunkSize: number }>(
      await alice.waitFor(ofType("upload_ready")),
    );
    const bytes = new Uint8Array(ready.chunkSize).fill(5);
    const first = encodeChunk(ready.uploadId, 0, bytes);
    // Answered after the chunk is stored (its progress went on the stream before the answer).
    const ok = await postChunk(base, alice.link, first);
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ accepted: 1 });
    await alice.waitFor(ofType("upload_progress"));

    // Bob's link posting Alice's upload: refused as on a socket (not his), Alice's goes on.
    const next = encodeChunk(ready.uploadId, ready.chunkSize, bytes);
    const stolen = await postChunk(base, bob.link, next);
    expect(await stolen.json()).toEqual({ accepted: 0 });
    expect(parse<{ code: string }>(await bob.waitFor(ofType("error"))).code).toBe("not_found");
    // Bob's ticket does not open Alice's link.
    const forged = await postChunk(base, { ...alice.link, ticket: bob.link.ticket }, next);
    expect(forged.status).toBe(403);
    // Over the chunk size, not octet-stream, or from a foreign page: refused before any is read.
    const huge = encodeChunk(ready.uploadId, ready.chunkSize, new Uint8Array(ready.chunkSize + 1));
    expect((await postChunk(base, alice.link, huge)).status).toBe(413);
    const typed = await postChunk(base, alice.link, next, { "content-type": "text/plain" });
    expect(typed.status).toBe(415);
    const foreign = await postChunk(base, alice.link, next, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    // Out of order: the upload fails with flow_control.
    const skipped = await postChunk(base, alice.link, encodeChunk(ready.uploadId, 3 * 32, bytes));
    expect(await skipped.json()).toEqual({ accepted: 0 });
    const failed = parse<{ code: string }>(await alice.waitFor(ofType("upload_cancel")));
    expect(failed.code).toBe("flow_control");

    // A cancelled upload takes no more chunks.
    await alice.send([
      { type: "upload_start", cid: "c2", room: "general", name: "b.bin", size: 100_000 },
    ]);
    const second = parse<{ uploadId: string }>(
      await alice.waitFor((e) => ofType("upload_ready")(e) && e.data.includes('"c2"')),
    );
    await alice.send([{ type: "upload_cancel", uploadId: second.uploadId }]);
    const late = await postChunk(base, alice.link, encodeChunk(second.uploadId, 0, bytes));
    expect(await late.json()).toEqual({ accepted: 0 });
  });

  it("the client library's upload goes on across the SSE → WebSocket upgrade in place", async () => {
    await using world = await testWorld();
    const network = switchableNetwork(true);
    const { client: peer } = await TestClient.hello(world.server.url, {
      name: "Peer",
      caps: FILES,
    });
    using _ = peer;
    await peer.join("general");
    const { client, transports } = switchingClient(world.server.url, {
      WebSocket: network.WebSocket,
      upgradeProbe: { initialMs: 200, maxMs: 400 },
    });
    let sentAtSwitch = -1;
    client.on("transport", (kind) => {
      if (kind === "websocket") sentAtSwitch = client.uploads[0]?.sent ?? -1;
    });
    // WebSocket comes back partway through the upload.
    const { result, bytes } = await uploadThroughSwitch(
      client,
      { size: 6 * 1024 * 1024, pattern: (i) => (i * 13 + (i >> 12)) % 256, name: "switch.bin" },
      (sent) => {
        if (sent > 0 && client.activeTransport === "sse") network.blocked = false;
      },
    );
    expect(transports).toEqual(["sse", "websocket"]);
    // Switched mid-upload: part went by POSTs, the rest as binary frames.
    expect(sentAtSwitch).toBeGreaterThan(0);
    expect(sentAtSwitch).toBeLessThan(bytes.length);
    const seen = await peer.waitFor("message", (m) => m.id === result.messageId);
    expect(seen.attachment?.size).toBe(bytes.length);
    // One message for the file, however many links carried it.
    await peer.roundTrip();
    expect(peer.received.filter((m) => m.type === "message")).toHaveLength(1);
    client.close();
  }, 20_000);

  it("the client library's upload goes on when WebSocket breaks and the client falls back to SSE", async () => {
    await using world = await testWorld();
    const network = switchableNetwork(false);
    const { client, transports } = switchingClient(world.server.url, {
      WebSocket: network.WebSocket,
      backoff: { baseMs: 50, capMs: 200 },
    });
    let sentAtBreak = -1;
    const { bytes } = await uploadThroughSwitch(
      client,
      { size: 4 * 1024 * 1024, pattern: (i) => (i * 17 + (i >> 11)) % 256, name: "fallback.bin" },
      (sent) => {
        if (sentAtBreak >= 0 || sent === 0 || client.activeTransport !== "websocket") return;
        // The network starts refusing WebSocket and the live socket drops.
        sentAtBreak = sent;
        network.blocked = true;
        network.opened.at(-1)?.terminate();
      },
    );
    expect(transports).toEqual(["websocket", "sse"]);
    expect(sentAtBreak).toBeGreaterThan(0);
    expect(sentAtBreak).toBeLessThan(bytes.length);
    client.close();
  }, 20_000);
});
