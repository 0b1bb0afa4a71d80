import { describe, expect, it } from "vitest";
import { AfterCommit } from "./AfterCommit.js";
import { messageSteps } from "./messageSteps.js";
import type { ServerContext } from "../context.js";

describe("AfterCommit", () => {
  it("runs its steps in list order, each after the previous one finished", async () => {
    const done: string[] = [];
    const list = new AfterCommit<string>([
      { name: "publish", inCommitOrder: true, run: (m) => void done.push(`publish ${m}`) },
      {
        name: "slow",
        run: async (m) => {
          await new Promise((resolve) => setImmediate(resolve));
          done.push(`slow ${m}`);
        },
      },
      { name: "last", run: (m) => void done.push(`last ${m}`) },
    ]);
    await list.run("m1");
    expect(done).toEqual(["publish m1", "slow m1", "last m1"]);
  });

  it("holds only the commit-ordered step for an earlier turn; the others run after it", async () => {
    const done: string[] = [];
    const list = new AfterCommit<string>([
      { name: "publish", inCommitOrder: true, run: (m) => void done.push(`publish ${m}`) },
      { name: "notify", run: (m) => void done.push(`notify ${m}`) },
    ]);
    const first = list.reserve("r");
    const second = list.reserve("r");
    const later = list.run("m2", second);
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual([]); // m1's publish has not run yet
    await list.run("m1", first);
    await later;
    // m2's publish goes the moment m1's has: m1's notification does not hold the room back.
    expect(done.slice(0, 2)).toEqual(["publish m1", "publish m2"]);
    expect(done.slice(2).sort()).toEqual(["notify m1", "notify m2"]);
  });

  it("a failing step stops the ones after it and rejects (the sender is answered)", async () => {
    const done: string[] = [];
    const list = new AfterCommit<string>([
      {
        name: "publish",
        inCommitOrder: true,
        run: () => {
          throw new Error("broker down");
        },
      },
      { name: "notify", run: () => void done.push("notify") },
    ]);
    await expect(list.run("m1")).rejects.toThrow("broker down");
    expect(done).toEqual([]);
  });

  it("refuses a commit-ordered step that is not first", () => {
    expect(
      () =>
        new AfterCommit<string>([
          { name: "notify", run: () => undefined },
          { name: "publish", inCommitOrder: true, run: () => undefined },
        ]),
    ).toThrow(/publish: only the first runs in commit order/);
  });

  it("the server's list publishes first, in commit order, then the rest in a fixed order", () => {
    const steps = messageSteps(() => ({}) as ServerContext).steps;
    expect(steps.map((s) => s.name)).toEqual([
      "publish",
      "directory activity",
      "dm invite",
      "notifications",
      "thread followers",
    ]);
    expect(steps.filter((s) => s.inCommitOrder).map((s) => s.name)).toEqual(["publish"]);
  });
});
