import type { StatsSample } from "@duplex/protocol";
import { createLogger } from "../../logger.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Peer } from "../../connection/Peer.js";
import type { StatsSource } from "./StatsSource.js";
import { StatsTicker } from "./StatsTicker.js";

const sample: StatsSample = {
  connections: 1,
  messagesPerSecond: 0,
  eventLoopLagMs: 0,
  rssBytes: 1,
  heapUsedBytes: 1,
};

function fakeSource() {
  const source = {
    start: vi.fn(async () => {}),
    sample: vi.fn(async () => sample),
    stop: vi.fn(async () => {}),
  } satisfies StatsSource;
  return source;
}

function fakeConnection(): Peer & { sentFrames: string[]; closedNow: boolean } {
  const conn = {
    sentFrames: [] as string[],
    closedNow: false,
    get closed() {
      return conn.closedNow;
    },
    sendVolatile(frame: string) {
      conn.sentFrames.push(frame);
    },
  };
  return conn as unknown as Peer & { sentFrames: string[]; closedNow: boolean };
}

describe("StatsTicker", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("measures only while someone is subscribed and encodes one frame per tick", async () => {
    const source = fakeSource();
    const ticker = new StatsTicker(source, createLogger("silent"), () => 42);
    const a = fakeConnection();
    const b = fakeConnection();
    expect(ticker.running).toBe(false);

    await ticker.subscribe(a);
    await ticker.subscribe(b);
    expect(source.start).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(source.sample).toHaveBeenCalledTimes(2);
    expect(a.sentFrames).toHaveLength(2);
    expect(b.sentFrames[0]).toBe(a.sentFrames[0]);
    expect(JSON.parse(a.sentFrames[0] ?? "")).toEqual({
      type: "data",
      topic: "stats",
      ts: 42,
      value: sample,
    });

    await ticker.unsubscribe(a);
    expect(ticker.running).toBe(true);
    await ticker.unsubscribe(b);
    expect(ticker.running).toBe(false);
    expect(source.stop).toHaveBeenCalledTimes(1);
  });

  it("drops a closed subscriber at the next tick and stops when none is left", async () => {
    const source = fakeSource();
    const ticker = new StatsTicker(source, createLogger("silent"), () => 0);
    const conn = fakeConnection();
    await ticker.subscribe(conn);
    conn.closedNow = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(conn.sentFrames).toEqual([]);
    expect(ticker.running).toBe(false);
    expect(source.stop).toHaveBeenCalledTimes(1);
  });
});
