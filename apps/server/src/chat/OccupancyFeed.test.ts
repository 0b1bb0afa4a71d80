import { LIMITS, type ServerMessage } from "@duplex/protocol";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OccupancyFeed, occupancyInterval } from "./OccupancyFeed.js";

/** A feed over one node's sockets in `general`, the room's online count set by the test. */
function feed() {
  let online = 0;
  const sent: { at: number; online: number }[] = [];
  const occupancy = new OccupancyFeed(
    {
      hasLocal: () => true,
      deliverLocal: (_room: string, message: ServerMessage) => {
        if (message.type === "occupancy") sent.push({ at: Date.now(), online: message.online });
      },
    },
    async () => online,
    pino({ level: "silent" }),
    () => Date.now(),
  );
  /** The room's count changes now (a join or leave somewhere in the cluster). */
  const change = (count: number) => {
    online = count;
    occupancy.changed("general");
  };
  return { occupancy, change, sent };
}

describe("OccupancyFeed", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits one interval per 2,000 online members, and at least one", () => {
    const interval = LIMITS.occupancyIntervalMs;
    expect(occupancyInterval(201, interval)).toBe(interval);
    expect(occupancyInterval(2_000, interval)).toBe(interval);
    expect(occupancyInterval(2_001, interval)).toBe(2 * interval);
    expect(occupancyInterval(10_000, interval)).toBe(5 * interval);
  });

  it("sends a churning room's latest count at most once a second, and the last change's count last", async () => {
    vi.useFakeTimers({ now: 0 });
    const { occupancy, change, sent } = feed();
    change(300);
    await vi.advanceTimersByTimeAsync(0);
    for (let t = 1; t <= 25; t++) {
      await vi.advanceTimersByTimeAsync(100);
      change(300 + t); // a join every 100 ms
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent.map((s) => s.at)).toEqual([0, 1_000, 2_000, 3_000]);
    expect(sent.at(-1)?.online).toBe(325);
    occupancy.close();
  });

  it("slows down in a room of thousands, so each node writes ~2,000 frames a second for it", async () => {
    vi.useFakeTimers({ now: 0 });
    const { occupancy, change, sent } = feed();
    change(9_000);
    await vi.advanceTimersByTimeAsync(0);
    for (let t = 1; t <= 120; t++) {
      await vi.advanceTimersByTimeAsync(100);
      change(9_000 + t);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    // ~9,000 members: one every 5 s (not 12 in these 12 s), and the last change still arrives.
    expect(sent.map((s) => s.at)).toEqual([0, 5_000, 10_000, 15_000]);
    expect(sent.at(-1)?.online).toBe(9_120);
    occupancy.close();
  });
});
