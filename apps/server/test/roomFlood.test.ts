import { Capability, ErrorCode, encode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULT_ABUSE_LIMITS } from "../src/limits/limitsConfig.js";
import { TestClient } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { Bystander } from "./support/attack.js";
import { limitsWith } from "./support/limits.js";

const ADDRESSES = ["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"];
const SOCKETS_PER_ADDRESS = 10;
/** Within every socket's frame burst, so the frame rate limit is not what stops the flood. */
const JOINS_PER_SOCKET = 120;
const SLOW_CONSUMER_BOUND = 4 * 1024 * 1024;

/**
 * 50 anonymous sockets (each a fresh user) from 5 addresses ask to join new rooms as fast as their
 * frame budget lets them; resolves once every join is answered, with how many created a room.
 */
async function joinFlood(url: string): Promise<{ created: number; refused: number; ms: number }> {
  const sockets = await Promise.all(
    ADDRESSES.flatMap((localAddress) =>
      Array.from({ length: SOCKETS_PER_ADDRESS }, () =>
        TestClient.hello(url, {}, { localAddress }).then((h) => h.client),
      ),
    ),
  );
  const started = performance.now();
  let created = 0;
  let refused = 0;
  await Promise.all(
    sockets.map(async (client, s) => {
      for (let i = 0; i < JOINS_PER_SOCKET; i += 1) {
        client.ws.send(encode({ type: "join", room: `flood-${s}-${i}`, ref: `j${i}` }));
      }
      for (let i = 0; i < JOINS_PER_SOCKET; i += 1) {
        const ref = `j${i}`;
        const answer = await Promise.race([
          client.waitFor("joined", (m) => m.ref === ref, 30_000),
          client.waitFor("error", (m) => m.ref === ref, 30_000),
        ]);
        if (answer.type === "joined") created += 1;
        else if (answer.code === ErrorCode.RateLimited) refused += 1;
      }
    }),
  );
  const ms = performance.now() - started;
  for (const client of sockets) client.close();
  return { created, refused, ms };
}

/** A plain v1 client's `rooms` reply: its byte size and how many rooms it lists. */
async function v1Directory(url: string): Promise<{ bytes: number; rooms: number }> {
  const { client } = await TestClient.hello(url);
  using _ = client;
  let bytes = 0;
  client.ws.on("message", (data: Buffer) => {
    if (bytes === 0 && data.toString("utf8", 0, 16).includes('"rooms"')) bytes = data.length;
  });
  client.send({ type: "rooms" });
  const reply = await client.waitFor("rooms", () => true, 30_000);
  expect(reply.next).toBeUndefined();
  return { bytes, rooms: reply.rooms.length };
}

describe("a room-creation flood", () => {
  it("is charged per address: 50 sockets from 5 addresses create at most 5 × the hourly budget", async () => {
    await using world = await testWorld();
    const watcher = await world.hello({ name: "Watcher" });
    watcher.client.send({ type: "rooms" });
    await watcher.client.waitFor("rooms");
    using bystander = await Bystander.start(world.server.url);

    const flood = await joinFlood(world.server.url);
    await bystander.stop();
    const directory = await v1Directory(world.server.url);
    const budget = ADDRESSES.length * DEFAULT_ABUSE_LIMITS.rooms.perAddressPerHour;
    const updates = watcher.client.received.filter((m) => m.type === "room_update").length;
    console.log(
      `[room flood] ${ADDRESSES.length * SOCKETS_PER_ADDRESS * JOINS_PER_SOCKET} joins of new rooms ` +
        `from ${ADDRESSES.length} addresses in ${flood.ms.toFixed(0)} ms: ${flood.created} created ` +
        `(${((flood.created * 1000) / flood.ms).toFixed(0)}/s), ${flood.refused} refused ` +
        `rate_limited; directory ${directory.rooms} rooms, v1 reply ${directory.bytes} bytes; ` +
        `watcher got ${updates} room_update frames; bystander ping p99 ` +
        `${bystander.p99.toFixed(1)} ms (n=${bystander.latencies.length})`,
    );
    expect(flood.created).toBeLessThanOrEqual(budget);
    expect(flood.created + flood.refused).toBe(
      ADDRESSES.length * SOCKETS_PER_ADDRESS * JOINS_PER_SOCKET,
    );
    expect(directory.rooms).toBeLessThanOrEqual(budget + 1);
    // Coalesced per watcher: never more than one frame per room it could have heard of (created
    // rooms, joined once, then left when the flooders closed) plus general.
    expect(updates).toBeLessThanOrEqual(2 * (flood.created + 1));
  }, 120_000);

  it("caps the directory in total, so even an unpaged v1 reply stays far below the 4 MiB bound", async () => {
    const maxTotal = 300;
    await using world = await testWorld({
      config: {
        limits: limitsWith({ rooms: { maxTotal, perUserPerHour: 0, perAddressPerHour: 0 } }),
      },
    });
    const flood = await joinFlood(world.server.url);
    const directory = await v1Directory(world.server.url);
    // Measured at this cap, then scaled to the default cap: the bound that matters.
    const bytesPerRoom = directory.bytes / directory.rooms;
    const atDefaultCap = bytesPerRoom * DEFAULT_ABUSE_LIMITS.rooms.maxTotal;
    console.log(
      `[room cap] ${flood.created} created of ${flood.created + flood.refused} (cap ${maxTotal}); ` +
        `v1 reply ${directory.bytes} bytes for ${directory.rooms} rooms → ~${(atDefaultCap / 1024).toFixed(0)} KiB ` +
        `at the default cap of ${DEFAULT_ABUSE_LIMITS.rooms.maxTotal} names of up to 32 characters`,
    );
    expect(directory.rooms).toBeLessThanOrEqual(maxTotal);
    // Names of 32 characters are ~1.5× these; still far below the bound.
    expect(atDefaultCap * 1.5).toBeLessThan(SLOW_CONSUMER_BOUND / 4);
  }, 120_000);

  it("collects rooms created and never used, and keeps rooms with history or people", async () => {
    await using world = await testWorld({
      config: {
        limits: limitsWith({ rooms: { emptyTtlMs: 100 } }),
      },
    });
    const { client } = await world.hello();
    using _ = client;
    for (const room of ["unused", "talked-in", "occupied"]) await client.join(room);
    client.send({ type: "send", room: "talked-in", cid: "c1", text: "hello" });
    await client.waitFor("ack");
    for (const room of ["unused", "talked-in"]) {
      client.send({ type: "leave", room });
      await client.waitFor("left", (m) => m.room === room);
    }
    await expect
      .poll(
        async () => {
          client.send({ type: "rooms" });
          return (await client.waitFor("rooms")).rooms.map((r) => r.room);
        },
        { timeout: 5_000, interval: 100 },
      )
      .toEqual(["general", "occupied", "talked-in"]);
  });
});

describe("rooms paged and searchable (capability rooms_paged)", () => {
  it("pages and searches for a client that asked, and gives a v1 client the whole list", async () => {
    await using world = await testWorld();
    const { client: maker } = await world.hello();
    using _m = maker;
    for (const room of ["alpha", "beta", "gamma", "Alphabet"]) await maker.join(room);

    const { client, welcome } = await world.hello({
      caps: [Capability.RoomsPaged],
    });
    using _c = client;
    expect(welcome.caps).toContain(Capability.RoomsPaged);
    client.send({ type: "rooms", limit: 2, ref: "p1" });
    const first = await client.waitFor("rooms", (m) => m.ref === "p1");
    expect(first.rooms.map((r) => r.room)).toEqual(["Alphabet", "alpha"]);
    expect(first.next).toBe("alpha");
    expect(first.dms).toEqual([]);
    client.send({ type: "rooms", limit: 2, after: "alpha", ref: "p2" });
    const second = await client.waitFor("rooms", (m) => m.ref === "p2");
    expect(second.rooms.map((r) => r.room)).toEqual(["beta", "gamma"]);
    client.send({ type: "rooms", limit: 2, after: "gamma", ref: "p3" });
    const last = await client.waitFor("rooms", (m) => m.ref === "p3");
    expect(last.rooms.map((r) => r.room)).toEqual(["general"]);
    expect(last.next).toBeUndefined();
    client.send({ type: "rooms", query: "ALPHA", ref: "q" });
    const found = await client.waitFor("rooms", (m) => m.ref === "q");
    expect(found.rooms.map((r) => r.room)).toEqual(["Alphabet", "alpha"]);

    const { client: v1 } = await world.hello();
    using _v = v1;
    v1.send({ type: "rooms", limit: 2 });
    const whole = await v1.waitFor("rooms");
    expect(whole.rooms).toHaveLength(5);
    expect(whole.next).toBeUndefined();
  });
});
