import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReadSender } from "./readSender.js";

describe("ReadSender", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends the latest seq per room once per interval, never one already sent", () => {
    const sent: string[] = [];
    const reads = new ReadSender((room, seq) => sent.push(`${room} ${seq}`), 1_000);
    reads.mark("general", 3);
    reads.mark("general", 5);
    reads.mark("general", 4);
    reads.mark("ops", 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(["general 5", "ops 1"]);
    reads.mark("general", 5);
    reads.mark("general", 2);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(["general 5", "ops 1"]);
    reads.mark("general", 6);
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(["general 5", "ops 1", "general 6"]);
  });
});
