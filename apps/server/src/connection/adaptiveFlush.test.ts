import { describe, expect, it } from "vitest";
import { AdaptiveFlush, BIG_FLUSH_SOCKETS, MAX_GATHER_MS } from "./adaptiveFlush.js";

describe("AdaptiveFlush", () => {
  it("flushes at once while no big fan-out has been written", () => {
    const flush = new AdaptiveFlush();
    expect(flush.gatherMs(0)).toBe(0);
    flush.flushed(BIG_FLUSH_SOCKETS - 1, 0, 50);
    expect(flush.gatherMs(51)).toBe(0);
  });

  it("gathers for about one flush when a big room's writes come back before a flush's time", () => {
    const flush = new AdaptiveFlush();
    flush.flushed(10_000, 100, 108.2);
    expect(flush.gatherMs(110)).toBe(9);
    // A small flush in between (an ack) does not end the gathering.
    flush.flushed(3, 110, 110.1);
    expect(flush.gatherMs(111)).toBe(9);
  });

  it("keeps today's latency below saturation: writes that come later flush at once", () => {
    const flush = new AdaptiveFlush();
    flush.flushed(10_000, 0, 30);
    expect(flush.gatherMs(60)).toBe(0);
    expect(flush.gatherMs(500)).toBe(0);
  });

  it("bounds the gather, however long the last flush took", () => {
    const flush = new AdaptiveFlush();
    flush.flushed(10_000, 0, 400);
    expect(flush.gatherMs(401)).toBe(MAX_GATHER_MS);
    flush.flushed(10_000, 1_000, 1_000.2);
    expect(flush.gatherMs(1_000.3)).toBe(1);
  });
});
