import { describe, expect, it } from "vitest";
import { MessageRate } from "./MessageRate.js";

describe("MessageRate", () => {
  it("reports the messages per second of each interval between reads", () => {
    let now = 10_000;
    const rate = new MessageRate(() => now);
    for (let i = 0; i < 5; i++) rate.record();
    now += 1_000;
    expect(rate.read()).toBe(5);
    for (let i = 0; i < 3; i++) rate.record();
    now += 2_000;
    expect(rate.read()).toBe(1.5);
    now += 1_000;
    expect(rate.read()).toBe(0);
  });

  it("forgets what came before a reset", () => {
    let now = 0;
    const rate = new MessageRate(() => now);
    for (let i = 0; i < 100; i++) rate.record();
    now += 60_000;
    rate.reset();
    rate.record();
    now += 1_000;
    expect(rate.read()).toBe(1);
  });
});
