import { describe, expect, it } from "vitest";
import { MessageRate } from "./MessageRate.js";

describe("MessageRate", () => {
  it("counts the messages of the last second only", () => {
    let now = 10_000;
    const rate = new MessageRate(() => now);
    for (let i = 0; i < 5; i++) rate.record();
    now += 500;
    for (let i = 0; i < 3; i++) rate.record();
    expect(rate.perSecond()).toBe(8);
    now += 600; // the first five are now older than a second
    expect(rate.perSecond()).toBe(3);
    now += 10_000;
    expect(rate.perSecond()).toBe(0);
  });
});
