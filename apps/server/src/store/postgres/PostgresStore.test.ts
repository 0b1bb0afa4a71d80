import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  postgresAvailable,
  startPostgres,
  type PostgresHandle,
} from "../../../test/support/postgres.js";
import { notificationStoreContract } from "../notificationStoreContract.js";
import { storeContract } from "../storeContract.js";
import { migrate } from "./migrations.js";
import { createPool } from "./pool.js";
import { DatabaseStartError, PostgresStore } from "./PostgresStore.js";

const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };

describe.skipIf(!postgresAvailable())("PostgresStore", () => {
  let pg: PostgresHandle;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg.stop();
  });
  const fresh = async () => PostgresStore.open(await pg.freshDatabase(), { max: 4 });

  storeContract("PostgresStore", fresh);
  notificationStoreContract("PostgresStore", fresh);

  describe("across nodes (two stores on one database)", () => {
    it("numbers 2×200 interleaved appends to one room 1..400 with no gap and no duplicate", async () => {
      const url = await pg.freshDatabase();
      const [a, b] = await Promise.all([
        PostgresStore.open(url, { max: 4 }),
        PostgresStore.open(url, { max: 4 }),
      ]);
      try {
        await a.upsertUser(alice);
        const send = (store: PostgresStore, node: string, i: number) =>
          store.append({
            room: "busy",
            userId: alice.id,
            cid: `${node}${i}`,
            text: `${node} ${i}`,
            id: `m_${node}${i}`,
            ts: i,
          });
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => [send(a, "a", i), send(b, "b", i)]).flat(),
        );
        const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
        expect(seqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
        expect(results.every((r) => !r.duplicate)).toBe(true);
        const stored = await b.after("busy", 0, 1000);
        expect(stored.map((m) => m.seq)).toEqual(seqs);
        expect((await a.getRoom("busy"))?.seq).toBe(400);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("answers a cid retried on another node with the original id and seq, stored once", async () => {
      const url = await pg.freshDatabase();
      const [a, b] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
      try {
        await a.upsertUser(alice);
        const base = { room: "general", userId: alice.id, cid: "retry-1", text: "once", ts: 5 };
        const first = await a.append({ ...base, id: "m_first" });
        const retried = await b.append({ ...base, id: "m_second", text: "twice" });
        expect(retried).toEqual({ message: first.message, duplicate: true });
        expect(await b.after("general", 0, 10)).toEqual([first.message]);
        // The failed retry did not advance the room counter: the next message is seq 2.
        const next = await b.append({ ...base, cid: "retry-2", id: "m_next" });
        expect(next.message.seq).toBe(2);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("lets one of two racing retries of a cid store it and the other get the original", async () => {
      const url = await pg.freshDatabase();
      const [a, b] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
      try {
        await a.upsertUser(alice);
        const base = { room: "general", userId: alice.id, cid: "race", text: "x", ts: 1 };
        const [x, y] = await Promise.all([
          a.append({ ...base, id: "m_a" }),
          b.append({ ...base, id: "m_b" }),
        ]);
        expect([x.duplicate, y.duplicate].sort()).toEqual([false, true]);
        expect(x.message).toEqual(y.message);
        expect((await a.getRoom("general"))?.seq).toBe(1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("migrates once when two nodes start together, and again is a no-op", async () => {
      const url = await pg.freshDatabase();
      const pools = [createPool(url), createPool(url), createPool(url)];
      try {
        const applied = await Promise.all(pools.map((pool) => migrate(pool)));
        expect(applied.flat()).toEqual([1]);
        expect(await migrate(pools[0]!)).toEqual([]);
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
    });
  });

  it("sorts room names bytewise like SQLite, whatever the cluster's locale", async () => {
    const store = await fresh();
    try {
      for (const room of ["b", "B", "a", "_x"]) await store.ensureRoom(room);
      expect((await store.listRooms()).map((r) => r.room)).toEqual(["B", "_x", "a", "b"]);
    } finally {
      await store.close();
    }
  });

  it("answers ping while up and refuses to start on an unreachable database with a clear error", async () => {
    const store = await fresh();
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    const dead = "postgres://duplex:secret@127.0.0.1:1/nowhere";
    const opening = PostgresStore.open(dead, { connectionTimeoutMs: 2000 });
    await expect(opening).rejects.toBeInstanceOf(DatabaseStartError);
    await expect(opening).rejects.toThrow(/127\.0\.0\.1:1\/nowhere.*ECONNREFUSED/);
    await expect(opening).rejects.not.toThrow(/secret/);
  });
});
