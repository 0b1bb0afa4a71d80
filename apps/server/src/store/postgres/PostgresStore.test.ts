import pgLib from "pg";
import { describe, expect, it } from "vitest";
import { requirePostgres, postgresForSuite } from "../../../test/support/postgres.js";
import { notificationStoreContract } from "../../../test/contracts/notificationStore.contract.js";
import { savedRoomsContract } from "../../../test/contracts/savedRooms.contract.js";
import { storeContract } from "../../../test/contracts/store.contract.js";
import { accountStoreContract } from "../../../test/contracts/accountStore.contract.js";
import { roomAccessContract } from "../../../test/contracts/roomAccess.contract.js";
import { passkeyStoreContract } from "../../../test/contracts/passkeyStore.contract.js";
import { readStoreContract } from "../../../test/contracts/readStore.contract.js";
import { searchContract } from "../../../test/contracts/search.contract.js";
import { PG_MIGRATIONS, migrate } from "./migrations.js";
import { createPool } from "./pool.js";
import { DatabaseStartError, PostgresStore } from "./PostgresStore.js";

const { Client } = pgLib;
const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };

requirePostgres();

describe("PostgresStore", () => {
  const pg = postgresForSuite();
  const fresh = async () => PostgresStore.open(await pg.freshDatabase(), { max: 4 });

  storeContract("PostgresStore", fresh);
  notificationStoreContract("PostgresStore", fresh);
  savedRoomsContract("PostgresStore", fresh);
  readStoreContract("PostgresStore", fresh);
  accountStoreContract("PostgresStore", fresh);
  roomAccessContract("PostgresStore", fresh);
  passkeyStoreContract("PostgresStore", fresh);
  searchContract("PostgresStore", fresh);
  storeContract("PostgresStore without group commit", async () =>
    PostgresStore.open(await pg.freshDatabase(), { max: 4, groupCommit: false }),
  );

  describe.each([
    { groupCommit: true, mode: "group commit (default)" },
    { groupCommit: { directLimit: 0 }, mode: "group commit, always batched" },
    { groupCommit: false, mode: "one transaction per append" },
  ])("across nodes (two stores on one database), $mode", ({ groupCommit }) => {
    const open = (url: string) => PostgresStore.open(url, { max: 4, groupCommit });
    /** Runs `test` on two stores (two nodes) of one fresh database holding Alice; closes both. */
    const onTwoNodes =
      (test: (a: PostgresStore, b: PostgresStore) => Promise<void>) => async () => {
        const url = await pg.freshDatabase();
        const [a, b] = await Promise.all([open(url), open(url)]);
        try {
          await a.upsertUser(alice);
          await test(a, b);
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      };

    it(
      "numbers 2×200 interleaved appends to one room 1..400 with no gap and no duplicate",
      onTwoNodes(async (a, b) => {
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
      }),
    );

    it(
      "answers a cid retried on another node with the original id and seq, stored once",
      onTwoNodes(async (a, b) => {
        const base = { room: "general", userId: alice.id, cid: "retry-1", text: "once", ts: 5 };
        const first = await a.append({ ...base, id: "m_first" });
        const retried = await b.append({ ...base, id: "m_second", text: "twice" });
        expect(retried).toEqual({ message: first.message, duplicate: true });
        expect(await b.after("general", 0, 10)).toEqual([first.message]);
        // The failed retry did not advance the room counter: the next message is seq 2.
        const next = await b.append({ ...base, cid: "retry-2", id: "m_next" });
        expect(next.message.seq).toBe(2);
      }),
    );

    it(
      "lets one of two racing retries of a cid store it and the other get the original",
      onTwoNodes(async (a, b) => {
        const base = { room: "general", userId: alice.id, cid: "race", text: "x", ts: 1 };
        const [x, y] = await Promise.all([
          a.append({ ...base, id: "m_a" }),
          b.append({ ...base, id: "m_b" }),
        ]);
        expect([x.duplicate, y.duplicate].sort()).toEqual([false, true]);
        expect(x.message).toEqual(y.message);
        expect((await a.getRoom("general"))?.seq).toBe(1);
      }),
    );

    it(
      "keeps seqs gap-free when bursts from two nodes race on one cid",
      onTwoNodes(async (a, b) => {
        const send = (store: PostgresStore, cid: string) =>
          store.append({
            room: "r",
            userId: alice.id,
            cid,
            text: cid,
            id: `m_${cid}_${Math.random()}`,
            ts: 1,
          });
        // Each burst is queued in one tick, so with group commit it is one transaction per node.
        const results = await Promise.all([
          ...["a1", "race", "a2"].map((cid) => send(a, cid)),
          ...["race", "b1", "b2"].map((cid) => send(b, cid)),
        ]);
        const stored = await a.after("r", 0, 100);
        expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
        expect(stored.filter((m) => m.cid === "race")).toHaveLength(1);
        expect(results.filter((r) => r.duplicate).map((r) => r.message.cid)).toEqual(["race"]);
      }),
    );
  });

  describe("group commit", () => {
    it("stores a burst in one transaction, in input order, answering in-batch and stored duplicates", async () => {
      const url = await pg.freshDatabase();
      const store = await PostgresStore.open(url, { groupCommit: { directLimit: 0 } });
      const sql = new Client({ connectionString: url });
      await sql.connect();
      try {
        await store.upsertUser(alice);
        const base = { userId: alice.id, text: "t", ts: 1 };
        const before = await store.append({ ...base, room: "x", cid: "old", id: "m_old" });
        const [n1, n2, old, n1Again, n3] = await Promise.all([
          store.append({ ...base, room: "x", cid: "n1", id: "m_n1" }),
          store.append({ ...base, room: "y", cid: "n2", id: "m_n2" }),
          store.append({ ...base, room: "x", cid: "old", id: "m_old_again" }),
          store.append({ ...base, room: "x", cid: "n1", id: "m_n1_again" }),
          store.append({ ...base, room: "x", cid: "n3", id: "m_n3" }),
        ]);
        expect([n1, n2, n3].map((r) => [r.message.room, r.message.seq, r.duplicate])).toEqual([
          ["x", 2, false],
          ["y", 1, false],
          ["x", 3, false],
        ]);
        expect(old).toEqual({ message: before.message, duplicate: true });
        expect(n1Again).toEqual({ message: n1.message, duplicate: true });
        // Rows written by one transaction share its id (xmin): the burst was one commit.
        const { rows } = await sql.query<{ n: string }>(
          `SELECT count(DISTINCT xmin::text) AS n FROM messages WHERE cid IN ('n1', 'n2', 'n3')`,
        );
        expect(rows[0]?.n).toBe("1");
      } finally {
        await sql.end();
        await store.close();
      }
    });

    it("fails only the bad append of a burst, without costing the others a seq", async () => {
      const url = await pg.freshDatabase();
      const store = await PostgresStore.open(url, { groupCommit: { directLimit: 0 } });
      try {
        await store.upsertUser(alice);
        const base = { userId: alice.id, text: "t", ts: 1, room: "x" };
        const settled = await Promise.allSettled([
          store.append({ ...base, cid: "a", id: "m_a" }),
          store.append({ ...base, cid: "ghost", id: "m_ghost", userId: "u_nobody" }),
          store.append({ ...base, cid: "b", id: "m_b" }),
        ]);
        expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
        expect((await store.after("x", 0, 10)).map((m) => [m.seq, m.cid])).toEqual([
          [1, "a"],
          [2, "b"],
        ]);
      } finally {
        await store.close();
      }
    });
  });

  describe("migrations", () => {
    it("migrates once when two nodes start together, and again is a no-op", async () => {
      const url = await pg.freshDatabase();
      const pools = [createPool(url), createPool(url), createPool(url)];
      try {
        const applied = await Promise.all(pools.map((pool) => migrate(pool)));
        expect(applied.flat()).toEqual(PG_MIGRATIONS.map((m) => m.id));
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
