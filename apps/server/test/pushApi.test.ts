import { request } from "node:http";
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { Clients, TestClient, startTestServer, tempDb } from "./helpers.js";

const ADMIN_TOKEN = "admin-token-for-tests";

interface PostOptions {
  token?: string | null;
  contentType?: string;
  method?: string;
  raw?: string;
}

async function post(
  server: RunningServer,
  body: unknown,
  { token = ADMIN_TOKEN, contentType = "application/json", method = "POST", raw }: PostOptions = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { "content-type": contentType };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.httpUrl}/api/notifications`, {
    method,
    headers,
    ...(method !== "GET" && { body: raw ?? JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A chunked upload (no content-length): the limit must hold while streaming too. */
function postChunked(server: RunningServer, chunks: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.httpUrl}/api/notifications`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("POST /api/notifications", () => {
  it("is disabled (404) when ADMIN_TOKEN is not set", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    expect((await post(server, { to: "all", title: "x" })).status).toBe(404);
  });

  it("refuses a missing or wrong token with 401 and a wrong method with 405", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path, adminToken: ADMIN_TOKEN });
    const body = { to: "all", title: "x" };
    expect((await post(server, body, { token: null })).status).toBe(401);
    expect((await post(server, body, { token: `${ADMIN_TOKEN}x` })).status).toBe(401);
    expect((await post(server, body, { token: "short" })).status).toBe(401);
    expect((await post(server, body, { method: "GET" })).status).toBe(405);
  });

  it("answers 400 naming the problem, 415 for non-JSON and 413 over 16 KiB", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path, adminToken: ADMIN_TOKEN });
    const noTitle = await post(server, { to: "all" });
    expect(noTitle.status).toBe(400);
    expect(noTitle.json.error).toMatch(/title/);
    const badLevel = await post(server, { to: "all", title: "t", level: "panic" });
    expect(badLevel.status).toBe(400);
    expect(badLevel.json.error).toMatch(/level/);
    expect((await post(server, null, { raw: "{not json" })).status).toBe(400);
    expect(
      (await post(server, { to: "all", title: "t" }, { contentType: "text/plain" })).status,
    ).toBe(415);
    const huge = { to: "all", title: "t", body: "x".repeat(17 * 1024) };
    expect((await post(server, huge)).status).toBe(413);
    expect(await postChunked(server, ["x".repeat(10 * 1024), "x".repeat(10 * 1024)])).toBe(413);
  });

  it("pushes to one user by name (202 {id, recipients}) and 404s an unknown one", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path, adminToken: ADMIN_TOKEN });
    using clients = new Clients();
    const alice = await clients.hello(server.url, { name: "Alice" });
    const bob = await clients.hello(server.url, { name: "Bob" });

    const answer = await post(server, {
      to: { user: "alice" },
      title: "Deploy finished",
      body: "v42",
      level: "success",
    });
    expect(answer).toEqual({ status: 202, json: { id: expect.any(String), recipients: 1 } });
    expect((await alice.client.waitFor("notification")).notification).toMatchObject({
      id: answer.json.id,
      kind: "system",
      title: "Deploy finished",
      body: "v42",
      level: "success",
      read: false,
    });
    await bob.client.roundTrip();
    expect(bob.client.receivedOf("notification")).toEqual([]);

    const unknown = await post(server, { to: { user: "Nobody" }, title: "x" });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatch(/unknown user/);
  });

  it("pushes to a room's writers and online members only, including offline writers", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path, adminToken: ADMIN_TOKEN });
    const writer = await TestClient.hello(server.url, { name: "Writer" });
    using clients = new Clients();
    const member = await clients.hello(server.url, { name: "Member" });
    const outsider = await clients.hello(server.url, { name: "Outsider" });
    await writer.client.join("ops");
    writer.client.send({ type: "send", room: "ops", cid: "c1", text: "on call" });
    await writer.client.waitFor("ack");
    writer.client.close();
    await member.client.join("ops");

    const answer = await post(server, { to: { room: "ops" }, title: "Incident" });
    expect(answer).toMatchObject({ status: 202, json: { recipients: 2 } });
    expect((await member.client.waitFor("notification")).notification.id).toBe(answer.json.id);
    await outsider.client.roundTrip();
    expect(outsider.client.receivedOf("notification")).toEqual([]);

    const back = await TestClient.hello(server.url, { token: writer.welcome.token });
    using _w = back.client;
    expect((await back.client.waitFor("notification")).notification.title).toBe("Incident");

    expect((await post(server, { to: { room: "nowhere" }, title: "x" })).status).toBe(404);
  });

  it("pushes to all: every connected user once, and known offline users on their next connect", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path, adminToken: ADMIN_TOKEN });
    const away = await TestClient.hello(server.url, { name: "Away" });
    away.client.close();
    using clients = new Clients();
    const a = await clients.hello(server.url, { name: "A" });
    const b1 = await clients.hello(server.url, { name: "B" });
    const b2 = await clients.hello(server.url, { token: b1.welcome.token });

    const answer = await post(server, { to: "all", title: "Maintenance at noon" });
    expect(answer).toMatchObject({ status: 202, json: { recipients: 3 } });
    for (const client of [a.client, b1.client, b2.client]) {
      expect((await client.waitFor("notification")).notification.id).toBe(answer.json.id);
      await client.roundTrip();
      expect(client.receivedOf("notification")).toHaveLength(1);
    }
    const back = await TestClient.hello(server.url, { token: away.welcome.token });
    using _back = back.client;
    expect((await back.client.waitFor("notification")).notification.id).toBe(answer.json.id);
  });
});
