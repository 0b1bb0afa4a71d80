import { describe, expect, it } from "vitest";
import { AfterCommit } from "./AfterCommit.js";
import { messageSteps } from "./messageSteps.js";
import type { ServerContext } from "../context.js";

describe("AfterCommit", () => {
  it("runs its steps in list order, each after the previous one finished", async () => {
    const done: string[] = [];
    const list = new AfterCommit<string>([
      { name: "publish", run: (m) => void done.push(`publish ${m}`) },
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

  it("a failing step stops the ones after it and rejects (the sender is answered)", async () => {
    const done: string[] = [];
    const list = new AfterCommit<string>([
      {
        name: "publish",
        run: () => {
          throw new Error("broker down");
        },
      },
      { name: "notify", run: () => void done.push("notify") },
    ]);
    await expect(list.run("m1")).rejects.toThrow("broker down");
    expect(done).toEqual([]);
  });

  it("the server's list publishes first, then the rest in a fixed order", () => {
    const steps = messageSteps(() => ({}) as ServerContext).steps;
    expect(steps.map((s) => s.name)).toEqual([
      "publish",
      "directory activity",
      "dm invite",
      "notifications",
      "thread followers",
    ]);
  });
});
