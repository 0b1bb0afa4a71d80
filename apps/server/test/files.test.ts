import { existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { Capability, dmRoomId } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { png, expectUploadResumesAfterDrop, sha256, start, upload } from "./filesSupport.js";
import { testWorld } from "./support/testWorld.js";
import type { Config } from "../src/config.js";
import { requirePostgres, postgresForSuite } from "./support/postgres.js";

requirePostgres();

const FILES = [Capability.Files];
const get = (base: string, path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, base), { headers });

const pg = postgresForSuite();

describe.each(["sqlite", "postgres"] as const)("files over binary frames (%s)", (kind) => {
  /** A server on this store; `users` say hello with the files capability and join #general. */
  async function filesWorld<const Name extends string = never>(
    users: readonly Name[] = [],
    config: Partial<Config> = {},
  ) {
    const databaseUrl = kind === "postgres" ? await pg.freshDatabase() : undefined;
    return testWorld({
      users,
      rooms: ["general"],
      caps: FILES,
      config: { databaseUrl, ...config },
    });
  }

  it("an image arrives in the room with its thumbnail; members download it, others get 404", async () => {
    await using world = await filesWorld();
    const a = await world.hello({ name: "Alice", caps: FILES });
    const b = await world.hello({ name: "Bob", caps: FILES });
    const old = await world.hello({ name: "Vee" }); // a v1 client: no capability
    const c = await world.hello({ name: "Carol", caps: FILES });
    const room = dmRoomId(a.welcome.user.id, b.welcome.user.id);
    await a.client.join(room);
    await b.client.join(room);
    await a.client.join("general");
    await old.client.join("general");

    const image = await png(640, 480);
    const done = await upload(a.client, room, "shot.png", image);
    expect(done.attachment).toMatchObject({
      name: "shot.png",
      mime: "image/png",
      width: 640,
      height: 480,
      thumb: true,
      size: image.length,
    });
    const seen = await b.client.waitFor("message", (m) => m.id === done.messageId);
    expect(seen.attachment?.id).toBe(done.attachment.id);
    expect(seen.text).toBe("shot.png");

    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const file = await get(
      world.server.httpUrl,
      `/files/${done.attachment.id}`,
      auth(b.welcome.token),
    );
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toMatch(/^sandbox/);
    expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(image));
    const thumb = await get(
      world.server.httpUrl,
      `/files/${done.attachment.id}/thumb`,
      auth(b.welcome.token),
    );
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(0);

    const part = await get(world.server.httpUrl, `/files/${done.attachment.id}`, {
      ...auth(a.welcome.token),
      range: "bytes=1-4",
    });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1-4/${image.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(image.subarray(1, 5));
    const again = await get(world.server.httpUrl, `/files/${done.attachment.id}`, {
      ...auth(a.welcome.token),
      "if-none-match": file.headers.get("etag") ?? "",
    });
    expect(again.status).toBe(304);

    // Carol is not in the DM; no token at all is 401.
    expect(
      (await get(world.server.httpUrl, `/files/${done.attachment.id}`, auth(c.welcome.token)))
        .status,
    ).toBe(404);
    expect((await get(world.server.httpUrl, `/files/${done.attachment.id}`)).status).toBe(401);
    expect(
      (
        await get(
          world.server.httpUrl,
          `/api/files/${done.attachment.id}/url`,
          auth(c.welcome.token),
        )
      ).status,
    ).toBe(404);

    // The signed URL works without a token (an <img src>), and only for this file.
    const signed = (await (
      await get(world.server.httpUrl, `/api/files/${done.attachment.id}/url`, auth(b.welcome.token))
    ).json()) as { url: string; thumbUrl: string };
    expect((await get(world.server.httpUrl, signed.url)).status).toBe(200);
    expect((await get(world.server.httpUrl, signed.thumbUrl)).status).toBe(200);
    // One character of the signature changed (whatever it was) is a forgery.
    const forged = signed.url.replace(/sig=(.)/u, (_, c: string) => `sig=${c === "A" ? "B" : "A"}`);
    expect((await get(world.server.httpUrl, forged)).status).toBe(401);

    // A v1 reader in another room gets the file name as text, without the attachment field.
    const inGeneral = await upload(a.client, "general", "notes.txt", Buffer.from("hello"));
    const v1 = await old.client.waitFor("message", (m) => m.id === inGeneral.messageId);
    expect(v1.text).toBe("notes.txt");
    expect(v1).not.toHaveProperty("attachment");
  });

  it("an HTML upload is served as a sandboxed download that cannot run script", async () => {
    await using world = await filesWorld(["Alice"]);
    const { Alice: a } = world.users;
    const html = Buffer.from("<!doctype html><script>alert(document.cookie)</script>");
    const done = await upload(a.client, "general", "evil.html", html);
    expect(done.attachment.mime).toBe("application/octet-stream");
    expect(done.attachment.thumb).toBe(false);
    const r = await get(world.server.httpUrl, `/files/${done.attachment.id}`, {
      authorization: `Bearer ${a.welcome.token}`,
    });
    expect(r.headers.get("content-type")).toBe("application/octet-stream");
    expect(r.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(r.headers.get("content-security-policy")).toMatch(/^sandbox/);
  });

  it("resumes after a disconnect at the server's offset; the digest proves nothing was sent twice", async () => {
    await using world = await filesWorld();
    const bytes = Buffer.alloc(300_000, 7);
    for (let i = 0; i < bytes.length; i += 997) bytes[i] = i % 251;
    await expectUploadResumesAfterDrop(world, bytes, { cut: 100_000 });
  });

  it("refuses what is over the limits: size, uploads in flight, quota; cancel frees a slot", async () => {
    await using world = await filesWorld(["Alice"], {
      files: { maxUploadBytes: 1000, maxPerSocket: 2, userBytesPerDay: 2500 },
    });
    const { Alice: a } = world.users;
    expect(await start(a.client, "general", "x", 1001)).toMatchObject({
      type: "error",
      code: "too_large",
    });
    const one = await start(a.client, "general", "x", 1000);
    const two = await start(a.client, "general", "x", 1000);
    expect(await start(a.client, "general", "x", 10)).toMatchObject({
      type: "error",
      code: "rate_limited",
    });
    if (one.type !== "upload_ready" || two.type !== "upload_ready") throw new Error("refused");
    a.client.send({ type: "upload_cancel", uploadId: one.uploadId });
    // A slot is free again, but 2,000 of the 2,500 daily bytes are spent.
    expect(await start(a.client, "general", "x", 600)).toMatchObject({
      type: "error",
      code: "rate_limited",
    });
    expect(await start(a.client, "general", "x", 400)).toMatchObject({ type: "upload_ready" });
    // Without the capability a binary frame still closes the socket with 1003.
    const old = await world.hello({ name: "Vee" });
    old.client.sendRaw(Buffer.from([1, 2, 3]), true);
    expect((await old.client.closed).code).toBe(1003);
  });

  it("deleting the message deletes its file", async () => {
    await using world = await filesWorld(["Alice"]);
    const { Alice: a } = world.users;
    const bytes = Buffer.from("delete me, please");
    const done = await upload(a.client, "general", "d.txt", bytes);
    const auth = { authorization: `Bearer ${a.welcome.token}` };
    expect((await get(world.server.httpUrl, `/files/${done.attachment.id}`, auth)).status).toBe(
      200,
    );
    a.client.send({ type: "delete", room: "general", id: done.messageId, ref: "del" });
    const deleted = await Promise.race([
      a.client.waitFor("deleted", (m) => m.ref === "del"),
      a.client.waitFor("error", (m) => m.ref === "del"),
    ]);
    expect(deleted.type, JSON.stringify(deleted)).toBe("deleted");
    expect((await get(world.server.httpUrl, `/files/${done.attachment.id}`, auth)).status).toBe(
      404,
    );
    if (kind === "sqlite") {
      const blob = join(dirname(world.dbPath), "files", sha256(bytes).slice(0, 2), sha256(bytes));
      // The file goes after its message, so the 404 can come a moment before the blob is gone.
      await expect.poll(() => existsSync(blob), { timeout: 5_000 }).toBe(false);
    }
  });

  it("a message past retention takes its file with it", async () => {
    await using world = await filesWorld(["Alice"], { retentionMs: 3_000 });
    const { Alice: a } = world.users;
    const bytes = Buffer.from("gone with its message");
    const done = await upload(a.client, "general", "r.txt", bytes);
    const auth = { authorization: `Bearer ${a.welcome.token}` };
    const status = async () =>
      (await get(world.server.httpUrl, `/files/${done.attachment.id}`, auth)).status;
    expect(await status()).toBe(200);
    await expect.poll(status, { timeout: 15_000, interval: 200 }).toBe(404);
    if (kind === "sqlite") {
      const blob = join(dirname(world.dbPath), "files", sha256(bytes).slice(0, 2), sha256(bytes));
      // The file goes after its message, so the 404 can come a moment before the blob is gone.
      await expect.poll(() => existsSync(blob), { timeout: 5_000 }).toBe(false);
    }
  });
});

describe("two nodes on one Postgres", () => {
  it("a file uploaded on node A downloads from node B", async () => {
    using dbA = tempDb();
    using dbB = tempDb();
    const databaseUrl = await pg.freshDatabase();
    await using nodeA = await startTestServer({ dbPath: dbA.path, databaseUrl });
    await using nodeB = await startTestServer({ dbPath: dbB.path, databaseUrl });
    const a = await TestClient.hello(nodeA.url, { name: "Alice", caps: FILES });
    using _a = a.client;
    await a.client.join("general");
    const image = await png(1200, 900);
    const done = await upload(a.client, "general", "wide.png", image);
    const b = await TestClient.hello(nodeB.url, { name: "Bob", caps: FILES });
    using _b = b.client;
    const joined = await b.client.join("general");
    expect(joined.messages.at(-1)?.attachment?.id).toBe(done.attachment.id);
    const r = await get(nodeB.httpUrl, `/files/${done.attachment.id}`, {
      authorization: `Bearer ${b.welcome.token}`,
    });
    expect(r.status).toBe(200);
    expect(sha256(new Uint8Array(await r.arrayBuffer()))).toBe(sha256(image));
    const t = await get(nodeB.httpUrl, `/files/${done.attachment.id}/thumb`, {
      authorization: `Bearer ${b.welcome.token}`,
    });
    expect(t.status).toBe(200);
  });
});
