import type { StreamEvent } from "@duplex/client";
import {
  Capability,
  SSE_SEND_PATH,
  SSE_STREAM_PATH,
  SSE_TICKET_HEADER,
  SSE_UPLOAD_PATH,
} from "@duplex/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../helpers.js";
import { png, sha256, upload } from "../filesSupport.js";
import { startTestNginx } from "../support/nginx.js";
import { openRawLink, type RawLink } from "../support/rawSse.js";
import { describeWithRedis } from "../support/redis.js";
import { startCluster, stopClusterPostgres, type TestCluster } from "./clusterHarness.js";
import { autoTransportClient, connectAndJoin } from "../support/autoClient.js";

function post(base: string, link: RawLink, path: string, frames: string[] = []) {
  return fetch(`${base}${path}?stream=${link.stream}`, {
    method: "POST",
    headers: { "content-type": "text/plain", [SSE_TICKET_HEADER]: link.ticket },
    body: frames.join("\n"),
  });
}

const ofType = (type: string) => (e: StreamEvent) => e.data.includes(`"type":"${type}"`);

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithRedis("SSE + POST on two nodes without sticky sessions", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 30_000);
  afterAll(async () => {
    await cluster[Symbol.asyncDispose]();
    await stopClusterPostgres();
  });

  it("a POST on the other node reaches the link's node through the broker, answered as there", async () => {
    const a = cluster.a.httpUrl;
    const b = cluster.b.httpUrl;
    const opened = await openRawLink(a);
    const hello = await post(b, opened.link, SSE_SEND_PATH, [
      JSON.stringify({ type: "hello", name: "Roamer" }),
      JSON.stringify({ type: "join", room: "general" }),
    ]);
    expect(hello.status).toBe(202);
    expect(await hello.json()).toEqual({ accepted: 2 });
    await opened.waitFor(ofType("joined"));
    // The link's node checks the ticket and the stream, and its refusal comes back unchanged.
    const forged = await post(b, { ...opened.link, ticket: "x".repeat(43) }, SSE_SEND_PATH, ["{}"]);
    expect(forged.status).toBe(403);
    // So does an upload chunk's: forwarded as bytes, refused by the link's node.
    const chunk = await fetch(`${b}${SSE_UPLOAD_PATH}?stream=${opened.link.stream}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", [SSE_TICKET_HEADER]: "x".repeat(43) },
      body: new Uint8Array(30),
    });
    expect(chunk.status).toBe(403);
    const gone = await post(b, { ...opened.link, stream: `${opened.link.stream}x` }, SSE_SEND_PATH);
    expect(gone.status).toBe(404);
    // A close posted to the other node ends the link where it lives: its stream ends.
    expect((await post(b, opened.link, "/sse/close")).status).toBe(204);
    await until(opened.ended, "the stream ends");
  });

  it("a stream reattached on the other node is refused (410) and its link ends on its node", async () => {
    const opened = await openRawLink(cluster.a.httpUrl);
    const { client: peer } = await TestClient.hello(cluster.a.url, { name: "Watcher" });
    using _ = peer;
    await peer.join("general");
    await post(cluster.a.httpUrl, opened.link, SSE_SEND_PATH, [
      JSON.stringify({ type: "hello", name: "Moved" }),
      JSON.stringify({ type: "join", room: "general" }),
    ]);
    const welcome = JSON.parse((await opened.waitFor(ofType("welcome"))).data) as {
      user: { id: string };
    };
    opened.abort();
    const again = await fetch(
      `${cluster.b.httpUrl}${SSE_STREAM_PATH}?stream=${opened.link.stream}`,
      {
        headers: { [SSE_TICKET_HEADER]: opened.link.ticket, "last-event-id": "2" },
      },
    );
    expect(again.status).toBe(410);
    // Ended at once, not after heartbeats: the leave follows the grace period.
    await peer.waitForPresence("leave", welcome.user.id);
  });

  describe("through nginx, round-robin, no affinity, WebSocket refused", () => {
    it("a client on SSE gets each send acked and delivered once in seq order, sees presence, resumes", async () => {
      await using proxy = await startTestNginx([cluster.a.port, cluster.b.port], {
        refuseUpgrades: true,
      });
      const via = { transport: "sse" } as const;
      const { client: peer } = await TestClient.hello(cluster.b.url, { name: "Peer" });
      using _p = peer;
      await peer.join("general");
      const behind = await TestClient.hello(proxy.wsUrl, { name: "Behind" }, via);
      const first = await behind.client.join("general");
      await peer.waitForPresence("join", behind.welcome.user.id);
      // 20 sends, each POST landing on either node: each acked once, delivered once, in seq order.
      // (Pipelined sends of one link may commit out of send order on Postgres, as over WebSocket.)
      const base = first.seq;
      for (let i = 1; i <= 20; i += 1) {
        behind.client.send({ type: "send", room: "general", cid: `b${i}`, text: `b${i}` });
      }
      const acks = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          behind.client.waitFor("ack", (m) => m.cid === `b${i + 1}`),
        ),
      );
      const seqs = acks.map((ack) => ack.seq - base).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await until(
        () => peer.received.filter((m) => m.type === "message").length >= 20,
        "the peer has all 20",
      );
      const seen = peer.received.flatMap((m) => (m.type === "message" ? [m] : []));
      expect(seen.map((m) => m.seq - base)).toEqual(seqs);
      expect(new Set(seen.map((m) => m.text)).size).toBe(20);
      peer.send({ type: "send", room: "general", cid: "p0", text: "to the stream" });
      const latest = await behind.client.waitFor("message", (m) => m.text === "to the stream");

      const last = latest.seq;
      behind.client.close();
      await behind.client.closed;
      for (let i = 1; i <= 3; i += 1) {
        peer.send({ type: "send", room: "general", cid: `p${i}`, text: `missed ${i}` });
      }
      await peer.waitFor("ack", (m) => m.cid === "p3");
      const back = await TestClient.hello(proxy.wsUrl, { token: behind.welcome.token }, via);
      using _b = back.client;
      const resumed = await back.client.join("general", { seq: last, epoch: first.epoch });
      expect(resumed.recovered).toBe(true);
      expect(resumed.messages.map((m) => m.text).sort()).toEqual([
        "missed 1",
        "missed 2",
        "missed 3",
      ]);
    });

    it("a file uploaded over SSE, its chunk POSTs landing on either node, reaches a reader on the other", async () => {
      await using proxy = await startTestNginx([cluster.a.port, cluster.b.port], {
        refuseUpgrades: true,
      });
      const files = [Capability.Files];
      const reader = await TestClient.hello(cluster.b.url, { name: "Reader", caps: files });
      const peer = reader.client;
      using _p = peer;
      await peer.join("general");
      const behind = await TestClient.hello(
        proxy.wsUrl,
        { name: "Uploader", caps: files },
        { transport: "sse" },
      );
      using _b = behind.client;
      await behind.client.join("general");
      const image = await png(900, 700);
      const done = await upload(behind.client, "general", "roamed.png", image);
      expect(done.attachment).toMatchObject({ mime: "image/png", thumb: true });
      const seen = await peer.waitFor("message", (m) => m.id === done.messageId);
      expect(seen.attachment?.id).toBe(done.attachment.id);
      const file = await fetch(`${cluster.a.httpUrl}/files/${done.attachment.id}`, {
        headers: { authorization: `Bearer ${reader.welcome.token}` },
      });
      expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(image));
    });

    it("the app's client in auto mode falls back to SSE and chats across both nodes", async () => {
      await using proxy = await startTestNginx([cluster.a.port, cluster.b.port], {
        refuseUpgrades: true,
      });
      const { client: peer } = await TestClient.hello(cluster.a.url, { name: "Direct" });
      using _ = peer;
      await peer.join("general");
      const client = autoTransportClient(proxy.wsUrl);
      const id = await connectAndJoin(client, "general");
      expect(client.activeTransport).toBe("sse");
      await peer.waitForPresence("join", id);
      const texts = ["one", "two", "three", "four", "five", "six"];
      for (const text of texts) client.send("general", text);
      await until(
        () => texts.every((t) => peer.received.some((m) => m.type === "message" && m.text === t)),
        "the peer has all six",
      );
      const got = peer.received.flatMap((m) => (m.type === "message" ? [m] : []));
      expect(got.map((m) => m.text).sort()).toEqual([...texts].sort());
      const order = got.map((m) => m.seq);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      client.close();
      await peer.waitForPresence("leave", id);
    });
  });
});
