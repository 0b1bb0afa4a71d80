import { SSE_PATH, SSE_SEND_PATH, SSE_STREAM_PATH, SSE_TICKET_HEADER } from "@duplex/protocol";
import type { StreamEvent } from "@duplex/client";
import { describe, expect, it } from "vitest";
import { MAX_FRAMES_PER_POST } from "../src/sse/sseRoutes.js";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { readEventStream, type RawLink as Link } from "./support/rawSse.js";

async function openLink(base: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${SSE_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ protocols: ["duplex.v1"] }),
  });
}

function post(base: string, link: Link, frames: string[]): Promise<Response> {
  return fetch(`${base}${SSE_SEND_PATH}?stream=${link.stream}`, {
    method: "POST",
    headers: { "content-type": "text/plain", [SSE_TICKET_HEADER]: link.ticket },
    body: frames.join("\n"),
  });
}

/** A raw stream reader: the events so far, and a wait for the next one matching. */
async function attach(base: string, link: Link, lastEventId?: number) {
  const abort = new AbortController();
  const res = await fetch(`${base}${SSE_STREAM_PATH}?stream=${link.stream}`, {
    headers: {
      [SSE_TICKET_HEADER]: link.ticket,
      ...(lastEventId !== undefined && { "last-event-id": String(lastEventId) }),
    },
    signal: abort.signal,
  });
  const { events, waitFor } = readEventStream(res);
  return { res, events, waitFor, abort: () => abort.abort() };
}

const ofType = (type: string) => (e: StreamEvent) => e.data.includes(`"type":"${type}"`);

describe("SSE + POST transport", () => {
  it("resumes a dropped stream with Last-Event-ID: the missed frames, no new session", async () => {
    await using world = await testWorld();
    const link = (await (await openLink(world.server.httpUrl)).json()) as Link;
    const first = await attach(world.server.httpUrl, link);
    await post(world.server.httpUrl, link, [
      JSON.stringify({ type: "hello", name: "Streamer" }),
      JSON.stringify({ type: "join", room: "general" }),
    ]);
    const joined = await first.waitFor(ofType("joined"));
    first.abort();

    const { client: writer } = await world.hello({ name: "Writer" });
    await writer.join("general");
    writer.send({ type: "send", room: "general", cid: "w1", text: "while you were away" });
    await writer.waitFor("ack", (m) => m.cid === "w1");

    const second = await attach(world.server.httpUrl, link, Number(joined.id));
    expect(second.res.status).toBe(200);
    const missed = await second.waitFor((e) => e.data.includes("while you were away"));
    expect(Number(missed.id)).toBeGreaterThan(Number(joined.id));
    expect(second.events.some(ofType("welcome"))).toBe(false);
    second.abort();
  });

  it("refuses a stream or a POST without the link's ticket, and a foreign Origin", async () => {
    await using world = await testWorld();
    const foreign = await openLink(world.server.httpUrl, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const link = (await (await openLink(world.server.httpUrl)).json()) as Link;
    const stolen = await attach(world.server.httpUrl, { ...link, ticket: "x".repeat(43) });
    expect(stolen.res.status).toBe(403);
    const posted = await post(world.server.httpUrl, { ...link, ticket: "nope" }, ["{}"]);
    expect(posted.status).toBe(403);
    const unknown = await attach(world.server.httpUrl, { ...link, stream: "gone" });
    expect(unknown.res.status).toBe(404);
  });

  it(`refuses a POST of more than ${MAX_FRAMES_PER_POST} frames whole (413)`, async () => {
    await using world = await testWorld();
    const link = (await (await openLink(world.server.httpUrl)).json()) as Link;
    const stream = await attach(world.server.httpUrl, link);
    const hello = JSON.stringify({ type: "hello" });
    const ping = JSON.stringify({ type: "ping", t: 1 });
    const res = await post(world.server.httpUrl, link, [
      hello,
      ...Array.from({ length: MAX_FRAMES_PER_POST }, () => ping),
    ]);
    expect(res.status).toBe(413);
    expect((await post(world.server.httpUrl, link, [hello])).status).toBe(202);
    await stream.waitFor(ofType("welcome"));
    expect(stream.events.some(ofType("pong"))).toBe(false);
    stream.abort();
  });

  it("ends a stream that never comes back by heartbeat: its user's leave is announced", async () => {
    using db = tempDb();
    await using server = await startTestServer(
      { dbPath: db.path, heartbeatMs: 100, leaveGraceMs: 0 },
      { presenceIntervalMs: 0 },
    );
    const { client: watcher } = await TestClient.hello(server.url, { name: "Watcher" });
    using _ = watcher;
    await watcher.join("general");
    const link = (await (await openLink(server.httpUrl)).json()) as Link;
    const stream = await attach(server.httpUrl, link);
    await post(server.httpUrl, link, [
      JSON.stringify({ type: "hello", name: "Leaver" }),
      JSON.stringify({ type: "join", room: "general" }),
    ]);
    const welcome = JSON.parse((await stream.waitFor(ofType("welcome"))).data) as {
      user: { id: string };
    };
    await watcher.waitForPresence("join", welcome.user.id);
    stream.abort();
    await watcher.waitForPresence("leave", welcome.user.id);
    // The link is gone: it can no longer be resumed.
    expect((await post(server.httpUrl, link, ['{"type":"ping","t":1}'])).status).toBe(404);
  });
});
