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

/** The room at `start` online, then one more every 100 ms for `joins` joins. */
async function churn(change: (count: number) => void, start: number, joins: number) {
  change(start);
  await vi.advanceTimersByTimeAsync(0);
  for (let t = 1; t <= joins; t++) {
    await vi.advanceTimersByTimeAsync(100);
    change(start + t);
  }
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

  // A join every 100 ms: a room of hundreds hears its count once a second; one of ~9,000 once every
  // 5 s (not 12 times in these 12 s), so each node writes ~2,000 frames a second for it. Either way the
  // last change's count arrives last.
  it.each([
    { start: 300, joins: 25, settle: 1_000, at: [0, 1_000, 2_000, 3_000] },
    { start: 9_000, joins: 120, settle: 5_000, at: [0, 5_000, 10_000, 15_000] },
  ])("sends a churning room of $start its latest count at $at ms", async (c) => {
    vi.useFakeTimers({ now: 0 });
    const { occupancy, change, sent } = feed();
    await churn(change, c.start, c.joins);
    await vi.advanceTimersByTimeAsync(c.settle);
    expect(sent.map((s) => s.at)).toEqual(c.at);
    expect(sent.at(-1)?.online).toBe(c.start + c.joins);
    occupancy.close();
  });
});
