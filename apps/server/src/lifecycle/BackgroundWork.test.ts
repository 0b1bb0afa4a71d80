import { describe, expect, it } from "vitest";
import { BackgroundWork } from "./BackgroundWork.js";

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("BackgroundWork", () => {
  it("drains only after every piece ended, including one started by another while draining", async () => {
    const work = new BackgroundWork();
    const first = deferred();
    const second = deferred();
    void work.track(first.promise.then(() => void work.track(second.promise)));
    let drained = false;
    const draining = work.drain(5_000).then((left) => {
      drained = true;
      return left;
    });
    first.resolve();
    await first.promise;
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    expect(work.pending).toBe(1);
    second.resolve();
    expect(await draining).toBe(0);
    expect(work.pending).toBe(0);
  });

  it("forgets a piece that failed, and its failure stays the caller's", async () => {
    const work = new BackgroundWork();
    const piece = deferred();
    const tracked = work.track(piece.promise);
    piece.reject(new Error("store gone"));
    await expect(tracked).rejects.toThrow("store gone");
    expect(await work.drain(1_000)).toBe(0);
  });

  it("gives up after the timeout and says how many pieces were still running", async () => {
    const work = new BackgroundWork();
    void work.track(new Promise(() => undefined));
    expect(await work.drain(20)).toBe(1);
  });
});
