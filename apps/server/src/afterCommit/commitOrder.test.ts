import { afterEach, describe, expect, it, vi } from "vitest";
import { AfterCommit, STALL_MS } from "./AfterCommit.js";

/** A list whose commit-ordered step records what it published; `fail` makes it throw for one item. */
function publishing(out: string[], fail?: string): AfterCommit<string> {
  return new AfterCommit<string>([
    {
      name: "publish",
      inCommitOrder: true,
      run: async (m) => {
        if (m === fail) throw new Error("broker down");
        out.push(m);
      },
    },
  ]);
}

describe("AfterCommit's commit order", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("publishes a room's messages in reservation order whatever order they finish in", async () => {
    const out: string[] = [];
    const list = publishing(out);
    const [a, b, c] = [list.reserve("r"), list.reserve("r"), list.reserve("r")];
    const other = list.reserve("elsewhere");
    const pc = list.run("c", c);
    const pOther = list.run("other", other);
    const pb = list.run("b", b);
    await Promise.resolve();
    expect(out).toEqual(["other"]); // another room is not held back
    list.skip(a); // a refused or duplicate send publishes nothing
    await Promise.all([pb, pc, pOther]);
    expect(out).toEqual(["other", "b", "c"]);
    expect(list.pendingRooms).toBe(0);
  });

  it("lets later messages go after a stalled one instead of holding the room forever", async () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const list = publishing(out);
    const stuck = list.reserve("r");
    const later = list.reserve("r");
    const published = list.run("later", later);
    await vi.advanceTimersByTimeAsync(STALL_MS / 2);
    expect(out).toEqual([]);
    await vi.advanceTimersByTimeAsync(STALL_MS);
    await published;
    expect(out).toEqual(["later"]);
    // The stalled one still goes out when it is ready, and skipping it after that is harmless.
    await list.run("stuck", stuck);
    list.skip(stuck);
    expect(out).toEqual(["later", "stuck"]);
    expect(list.pendingRooms).toBe(0);
    list.close();
  });

  it("starts a new head's wait when it becomes the head, not when the one before it did", async () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const list = publishing(out);
    const [a, b, c] = [list.reserve("r"), list.reserve("r"), list.reserve("r")];
    const pc = list.run("c", c); // ready, held back by a
    await vi.advanceTimersByTimeAsync(STALL_MS * 0.8);
    await list.run("a", a); // a is the room's next: out at once; now b holds c back
    expect(out).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(STALL_MS * 0.6);
    expect(out).toEqual(["a"]); // b has waited 60 ms, not 140: c still waits for it
    await list.run("b", b);
    await pc;
    expect(out).toEqual(["a", "b", "c"]);
    expect(list.pendingRooms).toBe(0);
    list.close();
  });

  it("passes a failed publish back to its caller and keeps the room's order going", async () => {
    const out: string[] = [];
    const list = publishing(out, "a");
    const [a, b] = [list.reserve("r"), list.reserve("r")];
    await expect(list.run("a", a)).rejects.toThrow("broker down");
    list.skip(a); // what the sender's failure path does: harmless after the turn was taken
    await list.run("b", b);
    expect(out).toEqual(["b"]);
    expect(list.pendingRooms).toBe(0);
  });
});
