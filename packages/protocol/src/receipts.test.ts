import { describe, expect, it } from "vitest";
import { notifyDecision } from "./receipts.js";

describe("notifyDecision", () => {
  it("interrupts per room level, and never while do-not-disturb lasts", () => {
    const now = 1_000;
    expect(notifyDecision("all", 0, "message", now)).toBe(true);
    expect(notifyDecision("mentions", 0, "message", now)).toBe(false);
    expect(notifyDecision("mentions", 0, "mention", now)).toBe(true);
    expect(notifyDecision("mentions", 0, "dm", now)).toBe(true);
    expect(notifyDecision("none", 0, "mention", now)).toBe(false);
    expect(notifyDecision("all", 2_000, "dm", now)).toBe(false);
    // DND that ended is off.
    expect(notifyDecision("all", 999, "message", now)).toBe(true);
  });
});
