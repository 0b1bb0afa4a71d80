import { describe, expect, it } from "vitest";
import { Disposals } from "./Disposals.js";

describe("Disposals", () => {
  it("undoes in reverse order, each step after the previous one finished", async () => {
    const done: string[] = [];
    const disposals = new Disposals(() => undefined);
    disposals.add("store", () => void done.push("store"));
    disposals.add("broker", async () => {
      await new Promise((resolve) => setImmediate(resolve));
      done.push("broker");
    });
    disposals.add("http", () => void done.push("http"));
    expect(disposals.order).toEqual(["http", "broker", "store"]);
    await disposals.dispose();
    expect(done).toEqual(["http", "broker", "store"]);
  });

  it("a failure in the middle still disposes the rest, then rejects with it", async () => {
    const done: string[] = [];
    const reported: string[] = [];
    const disposals = new Disposals((name) => reported.push(name));
    disposals.add("store", () => void done.push("store"));
    disposals.add("broker", () => {
      throw new Error("broker gone");
    });
    disposals.add("http", () => void done.push("http"));
    await expect(disposals.dispose()).rejects.toThrow("broker gone");
    expect(done).toEqual(["http", "store"]);
    expect(reported).toEqual(["broker"]);
  });

  it("a start that fails half-way disposes only what started, in reverse", async () => {
    const done: string[] = [];
    const disposals = new Disposals(() => undefined);
    const start = async (name: string, fails = false) => {
      if (fails) throw new Error(`${name} did not start`);
      disposals.add(name, () => void done.push(name));
    };
    const started = (async () => {
      await start("store");
      await start("files");
      await start("broker", true);
      await start("http");
    })();
    await expect(started).rejects.toThrow("broker did not start");
    await disposals.dispose();
    expect(done).toEqual(["files", "store"]);
  });

  it("disposes once however often it is called, and refuses additions meanwhile", async () => {
    let runs = 0;
    const disposals = new Disposals(() => undefined);
    disposals.add("store", () => void runs++);
    await Promise.all([disposals.dispose(), disposals.dispose()]);
    await disposals.dispose();
    expect(runs).toBe(1);
    expect(() => disposals.add("late", () => undefined)).toThrow(/already disposing/);
  });
});
