import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "./SqliteStore.js";

const dir = mkdtempSync(join(tmpdir(), "duplex-writes-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WAL_HEADER = 32;
const FRAME = 4096 + 24;

/** A store whose WAL is only checkpointed by hand, and the number of frames in its WAL. */
function openStore() {
  const path = join(dir, `writes-${++n}.db`);
  const store = new SqliteStore(path, { backgroundCheckpoints: false });
  const frames = () => Math.max(0, (statSync(`${path}-wal`).size - WAL_HEADER) / FRAME);
  return { store, path, frames };
}

const userId = (i: number) => `u_${String(i).padStart(16, "0")}`;

/** What a guest's `hello` writes: its user row, its name, its session. */
async function signUpGuest(store: SqliteStore, i: number): Promise<void> {
  await store.upsertUser({ id: userId(i), name: `guest ${i}` });
  await store.accounts.bindName(userId(i), `guest ${i}`, `guest ${i}`, 1);
  await store.accounts.createSession({
    id: `s_${i}`,
    userId: userId(i),
    device: "test",
    now: 1,
    expiresAt: 1e13,
  });
}

describe("SqliteWrites (group commit of the sign-in path's writes)", () => {
  it("commits a storm of guests' writes together: far fewer WAL frames than one commit per write", async () => {
    const { store, frames } = openStore();
    await store.upsertUser({ id: userId(0), name: "first" });
    const before = frames();
    await Promise.all(Array.from({ length: 100 }, (_, i) => signUpGuest(store, i + 1)));
    const batched = frames() - before;
    // 300 writes: one commit each would append ≥ 300 frames (each commit rewrites its pages).
    expect(batched).toBeLessThan(60);
    const sequentialStart = frames();
    for (let i = 101; i <= 110; i++) await signUpGuest(store, i);
    // Each awaited write still commits on its own (and is durable when its promise settles).
    expect(frames() - sequentialStart).toBeGreaterThanOrEqual(30);
    const sessions = await Promise.all(
      Array.from({ length: 110 }, (_, i) => store.accounts.getSession(`s_${i + 1}`)),
    );
    expect(sessions.every((s) => s?.userId !== undefined)).toBe(true);
    await store.close();
  });

  it("a write that fails fails alone; the others of its turn are stored", async () => {
    const { store, path } = openStore();
    await store.upsertUser({ id: userId(1), name: "one" });
    const results = await Promise.allSettled([
      store.accounts.createSession({
        id: "s_a",
        userId: userId(1),
        device: "d",
        now: 1,
        expiresAt: 9e12,
      }),
      // No such user: the foreign key refuses this session.
      store.accounts.createSession({
        id: "s_b",
        userId: userId(99),
        device: "d",
        now: 1,
        expiresAt: 9e12,
      }),
      store.accounts.bindName(userId(1), "one", "one", 1),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT id FROM sessions").all()).toEqual([{ id: "s_a" }]);
    expect(db.prepare("SELECT key FROM names").all()).toEqual([{ key: "one" }]);
    db.close();
  });

  it("nothing is visible to another connection before the promise settles, everything after", async () => {
    const { store, path } = openStore();
    const reader = new Database(path, { readonly: true });
    const count = () =>
      (reader.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n;
    const pending = Promise.all(
      [1, 2, 3].map((i) => store.upsertUser({ id: userId(i), name: `u${i}` })),
    );
    expect(count()).toBe(0);
    await pending;
    expect(count()).toBe(3);
    reader.close();
    await store.close();
  });
});
