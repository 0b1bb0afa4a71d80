import { describe, expect, it } from "vitest";
import {
  AdaptiveFlush,
  BIG_FLUSH_SOCKETS,
  MAX_GATHER_MS,
  SATURATED_GAP_SHARE,
} from "./adaptiveFlush.js";

describe("AdaptiveFlush", () => {
  it("flushes at once while no big fan-out has been written", () => {
    const flush = new AdaptiveFlush();
    expect(flush.gatherMs(0)).toBe(0);
    flush.flushed(BIG_FLUSH_SOCKETS - 1, 0, 50);
    expect(flush.gatherMs(51)).toBe(0);
  });

  it("gathers for about one flush when a big room's writes come back right after a flush", () => {
    const flush = new AdaptiveFlush();
    flush.flushed(10_000, 100, 108.2);
    expect(flush.gatherMs(109)).toBe(9);
    // A small flush in between (an ack) does not end the gathering.
    flush.flushed(3, 109, 109.1);
    expect(flush.gatherMs(109.5)).toBe(9);
  });

  it("keeps today's latency below saturation: writes that come later flush at once", () => {
    const flush = new AdaptiveFlush();
    flush.flushed(10_000, 0, 30);
    // Half a core's load: the next message a little after the flush shares nothing by waiting.
    expect(flush.gatherMs(30 + 30 * SATURATED_GAP_SHARE)).toBe(0);
    expect(flush.gatherMs(60)).toBe(0);
    expect(flush.gatherMs(500)).toBe(0);
    // Saturated: the next writes were waiting behind the flush.
    expect(flush.gatherMs(30 + 30 * SATURATED_GAP_SHARE - 1)).toBe(MAX_GATHER_MS);
  });

  it("bounds the gather, however long the last flush took", () => {
    const flush = new AdaptiveFlush();
    flush.flushed(10_000, 0, 400);
    expect(flush.gatherMs(401)).toBe(MAX_GATHER_MS);
    flush.flushed(10_000, 1_000, 1_000.4);
    expect(flush.gatherMs(1_000.45)).toBe(1);
  });
});
