import { describe, expect, it } from "vitest";
import { GroupCommit } from "./groupCommit.js";

/** A fake database that records its transactions; inputs below 0 make any transaction fail. */
function recorder(maxBatch?: number) {
  const transactions: number[][] = [];
  const check = (n: number) => {
    if (n < 0) throw new Error(`bad input ${n}`);
    return n * 10;
  };
  const commit = new GroupCommit<number, number>(
    (inputs) => {
      inputs.forEach(check); // all or nothing, as a rolled-back transaction
      transactions.push([...inputs]);
      return inputs.map(check);
    },
    (input) => {
      const output = check(input);
      transactions.push([input]);
      return output;
    },
    undefined,
    maxBatch,
  );
  return { commit, transactions };
}

describe("GroupCommit", () => {
  it("commits everything submitted in one turn in one transaction, answering each in order", async () => {
    const { commit, transactions } = recorder();
    const outputs = await Promise.all([1, 2, 3].map((n) => commit.submit(n)));
    expect(outputs).toEqual([10, 20, 30]);
    expect(transactions).toEqual([[1, 2, 3]]);
  });

  it("answers no one before the commit", async () => {
    const { commit, transactions } = recorder();
    let answered = false;
    const pending = commit.submit(1).then(() => {
      answered = true;
      expect(transactions).toEqual([[1]]);
    });
    await Promise.resolve();
    expect(answered).toBe(false);
    await pending;
    expect(answered).toBe(true);
  });

  it("starts a new transaction for writes submitted in a later turn", async () => {
    const { commit, transactions } = recorder();
    await Promise.all([commit.submit(1), commit.submit(2)]);
    await commit.submit(3);
    expect(transactions).toEqual([[1, 2], [3]]);
  });

  it("fails only the bad write when a batch fails: the others commit one by one", async () => {
    const { commit, transactions } = recorder();
    const results = await Promise.allSettled([1, -1, 3].map((n) => commit.submit(n)));
    expect(results).toEqual([
      { status: "fulfilled", value: 10 },
      { status: "rejected", reason: new Error("bad input -1") },
      { status: "fulfilled", value: 30 },
    ]);
    expect(transactions).toEqual([[1], [3]]);
  });

  it("fails the whole batch at once, without one-by-one retries, when the error fails every write (disk full)", async () => {
    let attempts = 0;
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    const commit = new GroupCommit<number, number>(
      () => {
        attempts++;
        throw full;
      },
      () => {
        attempts++;
        throw full;
      },
      (err) => err === full,
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => commit.submit(n)));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(attempts).toBe(1);
  });

  it("flush commits what is waiting at once (before the database closes)", async () => {
    const { commit, transactions } = recorder();
    const pending = commit.submit(7);
    commit.flush();
    expect(transactions).toEqual([[7]]);
    expect(await pending).toBe(70);
  });

  it("commits a turn's writes in batches of at most maxBatch, in order, with a turn between them", async () => {
    const { commit, transactions } = recorder(3);
    let laterTurn = false;
    const first = [1, 2, 3, 4, 5, 6, 7].map((n) => commit.submit(n));
    // Between the first batch and the next, the event loop serves other I/O.
    setImmediate(() => {
      laterTurn = true;
      expect(transactions).toEqual([[1, 2, 3]]);
    });
    expect(await Promise.all(first)).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(laterTurn).toBe(true);
    expect(transactions).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it("flush commits everything waiting, in bounded batches", async () => {
    const { commit, transactions } = recorder(2);
    const pending = [1, 2, 3, 4, 5].map((n) => commit.submit(n));
    commit.flush();
    expect(transactions).toEqual([[1, 2], [3, 4], [5]]);
    expect(await Promise.all(pending)).toEqual([10, 20, 30, 40, 50]);
  });
});
