import Database from "better-sqlite3";
import { statSync } from "node:fs";
import { CloseCode, ErrorCode, LIMITS, encode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULT_ABUSE_LIMITS } from "../src/limits/limitsConfig.js";
import { DEFAULT_USER_LIMITS } from "../src/limits/userLimits.js";
import { TestClient } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { Bystander } from "./support/attack.js";
import { limitsWith } from "./support/limits.js";

const FLOOD_MS = 3_000;

/** Sends as fast as the socket takes them for `ms`; counts acks and rate_limited refusals. */
async function floodSends(clients: TestClient[], room: string, text: string, ms: number) {
  let acked = 0;
  let refused = 0;
  for (const c of clients) {
    c.ws.on("message", (data: Buffer) => {
      const s = data.toString("utf8", 0, 40);
      if (s.startsWith('{"type":"ack"')) acked += 1;
      else if (s.startsWith('{"type":"error"') && data.includes('"rate_limited"')) refused += 1;
    });
  }
  const started = performance.now();
  let i = 0;
  while (performance.now() - started < ms) {
    for (const [n, c] of clients.entries()) {
      if (c.ws.readyState === c.ws.OPEN && c.ws.bufferedAmount < 64 * 1024) {
        c.ws.send(encode({ type: "send", room, cid: `s${n}-${i}`, text }));
      }
    }
    i += 1;
    // Yield so the frames leave and the replies are read.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // Let the last answers arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const seconds = (performance.now() - started) / 1000;
  return { acked, refused, seconds, perSecond: acked / seconds };
}

describe("one user's budget, whatever the number of sockets", () => {
  it("caps a user's sockets and shares one write bucket among them (40 sockets, one token)", async () => {
    await using world = await testWorld();
    const first = await world.hello({ name: "Many" });
    const { token } = first.welcome;
    const sockets = [first.client];
    const refusedCodes: number[] = [];
    for (let i = 1; i < 40; i += 1) {
      const client = await TestClient.connect(world.server.url);
      client.send({ type: "hello", token });
      const answer = await Promise.race([
        client.waitFor("welcome").then(() => "welcome" as const),
        client.closed.then((c) => c.code),
      ]);
      if (answer === "welcome") sockets.push(client);
      else refusedCodes.push(answer);
    }
    expect(sockets).toHaveLength(DEFAULT_USER_LIMITS.maxSockets);
    expect(new Set(refusedCodes)).toEqual(new Set([CloseCode.RateLimited]));
    for (const s of sockets) await s.join("general");

    const flood = await floodSends(sockets, "general", "x", FLOOD_MS);
    const { sendPerSecond, sendBurst } = DEFAULT_ABUSE_LIMITS.rate;
    console.log(
      `[one user, 40 sockets] ${sockets.length} admitted, ${refusedCodes.length} closed 4429; ` +
        `${flood.acked} acked in ${flood.seconds.toFixed(1)} s = ${flood.perSecond.toFixed(0)} acked sends/s ` +
        `(announced ${sendPerSecond}/s, burst ${sendBurst}), ${flood.refused} refused rate_limited`,
    );
    expect(first.welcome.limits).toEqual({ sendPerSecond, sendBurst });
    expect(flood.acked).toBeLessThanOrEqual(sendBurst + Math.ceil(sendPerSecond * flood.seconds));
    for (const s of sockets) s.close();
  }, 60_000);

  it("charges writes to the address too: five users on one address share its bucket", async () => {
    await using world = await testWorld({
      config: { limits: limitsWith({ users: { addressSendPerSecond: 30, addressSendBurst: 30 } }) },
    });
    const clients = [];
    for (let i = 0; i < 5; i += 1) {
      const { client } = await world.hello({}, { localAddress: "127.0.0.8" });
      await client.join("general");
      clients.push(client);
    }
    const other = await world.hello({}, { localAddress: "127.0.0.9" });
    await other.client.join("general");
    const flood = await floodSends(clients, "general", "x", 2_000);
    console.log(
      `[one address, 5 users] ${flood.perSecond.toFixed(0)} acked sends/s (address budget 30/s, burst 30)`,
    );
    expect(flood.acked).toBeLessThanOrEqual(30 + Math.ceil(30 * flood.seconds));
    // Another address is not affected.
    other.client.send({ type: "send", room: "general", cid: "other", text: "still here" });
    await other.client.waitFor("ack", (a) => a.cid === "other");
    for (const c of [...clients, other.client]) c.close();
  }, 30_000);
});

describe("text limits in UTF-16 units, bytes bounded", () => {
  it("accepts 4,000 UTF-16 units of any script and refuses 4,001, counting an emoji as two", async () => {
    await using world = await testWorld();
    const { client } = await world.hello();
    await client.join("general");
    const max = LIMITS.maxTextLength;
    const texts = {
      latin: "x".repeat(max),
      cjk: "漢".repeat(max),
      emoji: "😀".repeat(max / 2),
      mixed: "é漢😀".repeat(max / 4),
      controls: "\u0001".repeat(max - 1) + "x",
    };
    for (const [name, text] of Object.entries(texts)) {
      expect(text.length).toBe(max);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(LIMITS.maxTextBytes);
      expect(
        Buffer.byteLength(encode({ type: "send", room: "general", cid: name, text })),
      ).toBeLessThan(LIMITS.maxFrameBytes);
      client.send({ type: "send", room: "general", cid: name, text });
      await client.waitFor("ack", (a) => a.cid === name);
    }
    client.send({ type: "send", room: "general", cid: "over", text: `${texts.emoji}x`, ref: "o" });
    expect(await client.waitFor("error", (e) => e.ref === "o")).toMatchObject({
      code: ErrorCode.TooLarge,
    });
    const named = await world.connect();
    named.send({ type: "hello", name: "😀".repeat(17) }); // 17 code points, 34 units
    expect((await named.closed).code).toBe(CloseCode.BadHello);
  });
});

describe("storage: quota and retention", () => {
  it("bounds the store's growth under the heaviest allowed sender (4,000-unit emoji messages)", async () => {
    const quota = 256 * 1024;
    await using world = await testWorld({
      config: { limits: limitsWith({ users: { storageBytesPerDay: quota } }) },
    });
    const { client } = await world.hello();
    await client.join("general");
    const size = () =>
      ["", "-wal"].reduce((sum, ext) => {
        try {
          return sum + statSync(`${world.dbPath}${ext}`).size;
        } catch {
          return sum;
        }
      }, 0);
    const before = size();
    const text = "😀".repeat(LIMITS.maxTextLength / 2);
    const flood = await floodSends([client], "general", text, FLOOD_MS);
    // The WAL holds page copies (the search index rewrites a few pages per message) until the
    // checkpointer folds them in and reuses it; what stays is the database file.
    const walPeak = size() - before;
    const checkpoint = new Database(world.dbPath);
    checkpoint.pragma("wal_checkpoint(TRUNCATE)");
    checkpoint.close();
    const grown = size() - before;
    const perMessage = Buffer.byteLength(text);
    console.log(
      `[storage] heaviest sender (${perMessage} B/message): ${flood.acked} stored, ` +
        `${flood.refused} refused; store grew ${(grown / 1024).toFixed(0)} KiB (with the WAL before its ` +
        `checkpoint ${(walPeak / 1024).toFixed(0)} KiB) in ` +
        `${flood.seconds.toFixed(1)} s = ${(grown / 1024 / flood.seconds).toFixed(0)} KiB/s under a ` +
        `${quota / 1024} KiB/day test quota; sustained at the default quota: ` +
        `${(DEFAULT_USER_LIMITS.storageBytesPerDay / 86_400).toFixed(0)} B/s per user, ` +
        `${(DEFAULT_USER_LIMITS.addressStorageBytesPerDay / 86_400).toFixed(0)} B/s per address`,
    );
    expect(flood.acked * perMessage).toBeLessThanOrEqual(quota);
    expect(flood.refused).toBeGreaterThan(0);
    // The database file grows in pages (plus the search index): a generous multiple, not 10 MB.
    expect(grown).toBeLessThan(4 * quota + 1024 * 1024);
  }, 30_000);

  it("deletes messages older than the retention setting", async () => {
    await using world = await testWorld({ config: { retentionMs: 300 } });
    const { client } = await world.hello();
    await client.join("general");
    client.send({ type: "send", room: "general", cid: "old", text: "soon gone" });
    await client.waitFor("ack");
    await expect
      .poll(
        async () => {
          client.send({ type: "history", room: "general" });
          return (await client.waitFor("history")).messages.length;
        },
        { timeout: 5_000, interval: 100 },
      )
      .toBe(0);
  });
});

describe("sign-ups and history reads are charged per address", () => {
  it("throttles hellos without a token per address (4429), not sign-ins with one", async () => {
    await using world = await testWorld({
      // The handshake burst (50) would refuse the 51st upgrade before its hello is read.
      config: { limits: limitsWith({ connections: { handshakeBurst: 1_000 } }) },
    });
    const { url } = world.server;
    const localAddress = "127.0.0.10";
    let token = "";
    for (let i = 0; i < DEFAULT_USER_LIMITS.signUpsPerHour; i += 1) {
      const { client, welcome } = await TestClient.hello(url, {}, { localAddress });
      token = welcome.token;
      client.close();
    }
    const over = await TestClient.connect(url, { localAddress });
    over.send({ type: "hello" });
    expect((await over.closed).code).toBe(CloseCode.RateLimited);
    const back = await TestClient.hello(url, { token }, { localAddress });
    back.client.close();
    const elsewhere = await TestClient.hello(url, {}, { localAddress: "127.0.0.11" });
    elsewhere.client.close();
  }, 30_000);

  it("charges history by rows: 100 sockets paging 4,000-character messages get their budget", async () => {
    await using world = await testWorld();
    const writer = await world.hello();
    await writer.client.join("big");
    for (let i = 0; i < 100; i += 1) {
      writer.client.send({ type: "send", room: "big", cid: `w${i}`, text: "y".repeat(4000) });
    }
    await writer.client.waitFor("ack", (a) => a.cid === "w99", 15_000);
    writer.client.close();
    using bystander = await Bystander.start(world.server.url);

    const addresses = ["127.0.0.12", "127.0.0.13", "127.0.0.14", "127.0.0.15", "127.0.0.16"];
    const readers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        world.hello({}, { localAddress: addresses[i % 5] }).then((h) => h.client),
      ),
    );
    const started = performance.now();
    const REQUESTS = 10;
    let pages = 0;
    let rows = 0;
    let refused = 0;
    await Promise.all(
      readers.map(async (reader) => {
        for (let r = 0; r < REQUESTS; r += 1) {
          reader.send({ type: "history", room: "big", limit: 100, ref: `h${r}` });
        }
        for (let r = 0; r < REQUESTS; r += 1) {
          const ref = `h${r}`;
          const answer = await Promise.race([
            reader.waitFor("history", (m) => m.ref === ref, 30_000),
            reader.waitFor("error", (m) => m.ref === ref, 30_000),
          ]);
          if (answer.type === "history") {
            pages += 1;
            rows += answer.messages.length;
          } else if (answer.code === ErrorCode.RateLimited) refused += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await bystander.stop();
    for (const r of readers) r.close();
    const u = DEFAULT_USER_LIMITS;
    const allowed =
      addresses.length * (u.addressHistoryRowsBurst + u.addressHistoryRowsPerSecond * seconds);
    console.log(
      `[history] 100 sockets × ${REQUESTS} pages of 100 × 4,000 chars: ${pages} pages (${rows} rows) ` +
        `served, ${refused} refused rate_limited in ${seconds.toFixed(1)} s; bystander ping p99 ` +
        `${bystander.p99.toFixed(1)} ms (n=${bystander.latencies.length})`,
    );
    expect(rows).toBeLessThanOrEqual(allowed + 100 * addresses.length);
    expect(refused).toBeGreaterThan(0);
  }, 90_000);
});
