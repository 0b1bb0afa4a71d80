import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GroupCommit } from "./groupCommit.js";
import { WalSync } from "./walSync.js";

/** A WalSync on a scratch file whose syncs the test completes (or fails) by hand. */
function manualSync() {
  const dir = mkdtempSync(join(tmpdir(), "walsync-"));
  const file = join(dir, "db-wal");
  writeFileSync(file, "");
  const pending: ((err: NodeJS.ErrnoException | null) => void)[] = [];
  const sync = new WalSync(file, (_fd, callback) => pending.push(callback));
  const settle = async (err: NodeJS.ErrnoException | null = null) => {
    const next = pending.shift();
    if (!next) throw new Error("no sync in flight");
    next(err);
    // Let the answered promises' continuations run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { sync, pending, settle };
}

/** Group commit of numbers over a barrier; records each committed batch. */
function commitsOver(sync: WalSync, maxBatch = 1000) {
  const transactions: number[][] = [];
  const commit = new GroupCommit<number, number>(
    (inputs) => {
      transactions.push([...inputs]);
      return inputs.map((n) => n * 10);
    },
    (input) => {
      transactions.push([input]);
      return input * 10;
    },
    undefined,
    maxBatch,
    sync,
  );
  return { commit, transactions };
}

describe("WalSync under a group commit", () => {
  it("answers a committed batch only once the sync that follows its commit is done", async () => {
    const { sync, pending, settle } = manualSync();
    const { commit, transactions } = commitsOver(sync);
    const answered: number[] = [];
    const all = [1, 2].map((n) => commit.submit(n).then((v) => answered.push(v)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(transactions).toEqual([[1, 2]]);
    expect(pending).toHaveLength(1);
    expect(answered).toEqual([]);
    await settle();
    await Promise.all(all);
    expect(answered).toEqual([10, 20]);
  });

  it("keeps one sync in flight: batches committed meanwhile share the next one, answered in commit order", async () => {
    const { sync, pending, settle } = manualSync();
    const { commit, transactions } = commitsOver(sync, 1);
    const answered: number[] = [];
    const all = [1, 2, 3, 4].map((n) => commit.submit(n).then((v) => answered.push(v)));
    // Four turns, four commits of one row each, while the first sync is still running.
    for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(transactions).toEqual([[1], [2], [3], [4]]);
    expect(pending).toHaveLength(1);
    await settle();
    expect(answered).toEqual([10]);
    // The second sync starts only now, and covers the three later batches.
    expect(pending).toHaveLength(1);
    await settle();
    await Promise.all(all);
    expect(answered).toEqual([10, 20, 30, 40]);
    expect(sync.syncs).toBe(2);
  });

  it("fails every batch after a failed sync, even if a later sync would succeed (its pages may be gone)", async () => {
    const { sync, pending, settle } = manualSync();
    const { commit } = commitsOver(sync);
    const first = commit.submit(1).catch((err: unknown) => err);
    await new Promise((resolve) => setImmediate(resolve));
    await settle(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" }));
    expect(await first).toMatchObject({ code: "SQLITE_IOERR_FSYNC" });
    await expect(commit.submit(2)).rejects.toMatchObject({ code: "SQLITE_IOERR_FSYNC" });
    expect(pending).toHaveLength(0);
  });

  it("close waits for the sync in flight and syncs what is left before the database closes", async () => {
    const { sync, settle } = manualSync();
    const { commit } = commitsOver(sync, 1);
    const all = Promise.all([1, 2].map((n) => commit.submit(n)));
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    const closed = sync.close();
    await settle();
    await closed;
    expect(await all).toEqual([10, 20]);
    expect(sync.syncs).toBe(2);
  });
});
