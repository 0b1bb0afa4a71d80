import { afterEach, describe, expect, it, vi } from "vitest";
import { CommitOrder, STALL_MS } from "./commitOrder.js";

describe("CommitOrder", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("publishes a room's messages in reservation order whatever order they finish in", async () => {
    const order = new CommitOrder();
    const out: string[] = [];
    const [a, b, c] = [order.reserve("r"), order.reserve("r"), order.reserve("r")];
    const other = order.reserve("elsewhere");
    const pc = order.publish("r", c, async () => void out.push("c"));
    const pOther = order.publish("elsewhere", other, async () => void out.push("other"));
    const pb = order.publish("r", b, async () => void out.push("b"));
    expect(out).toEqual(["other"]); // another room is not held back
    order.skip("r", a); // a refused or duplicate send publishes nothing
    await Promise.all([pb, pc, pOther]);
    expect(out).toEqual(["other", "b", "c"]);
    expect(order.pendingRooms).toBe(0);
  });

  it("lets later messages go after a stalled one instead of holding the room forever", async () => {
    vi.useFakeTimers();
    const order = new CommitOrder();
    const out: string[] = [];
    const stuck = order.reserve("r");
    const later = order.reserve("r");
    const published = order.publish("r", later, async () => void out.push("later"));
    await vi.advanceTimersByTimeAsync(STALL_MS / 2);
    expect(out).toEqual([]);
    await vi.advanceTimersByTimeAsync(STALL_MS);
    await published;
    expect(out).toEqual(["later"]);
    // The stalled one still goes out when it is ready, and skipping it after that is harmless.
    await order.publish("r", stuck, async () => void out.push("stuck"));
    order.skip("r", stuck);
    expect(out).toEqual(["later", "stuck"]);
    expect(order.pendingRooms).toBe(0);
    order.close();
  });

  it("passes a failed publish back to its caller and keeps the room's order going", async () => {
    const order = new CommitOrder();
    const [a, b] = [order.reserve("r"), order.reserve("r")];
    const failed = order.publish("r", a, () => Promise.reject(new Error("broker down")));
    await expect(failed).rejects.toThrow("broker down");
    let ran = false;
    await order.publish("r", b, async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
