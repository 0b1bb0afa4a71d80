import { describe, expect, it } from "vitest";
import { TypingThrottle } from "./TypingThrottle.js";

describe("TypingThrottle", () => {
  it("relays one typing per user and room per window, and again once the window has passed", () => {
    let now = 1_000;
    const throttle = new TypingThrottle(() => now, 1_500);
    expect(throttle.allow("alice", "general")).toBe(true);
    now += 1_499;
    expect(throttle.allow("alice", "general")).toBe(false);
    // Other users and other rooms have their own windows.
    expect(throttle.allow("bob", "general")).toBe(true);
    expect(throttle.allow("alice", "random")).toBe(true);
    now += 1;
    expect(throttle.allow("alice", "general")).toBe(true);
  });

  it("relays at most the room's budget per second, whoever types", () => {
    let now = 1_000;
    const throttle = new TypingThrottle(() => now, 1_500, 5);
    const relayed = Array.from({ length: 20 }, (_, i) => throttle.allow(`u${i}`, "big"));
    expect(relayed.filter(Boolean)).toHaveLength(5);
    // Another room is not affected, and the budget refills over the next second.
    expect(throttle.allow("u0", "small")).toBe(true);
    now += 1_000;
    expect(throttle.allow("u19", "big")).toBe(true);
  });

  it("forgets expired pairs once many are remembered, so memory stays bounded", () => {
    let now = 0;
    const throttle = new TypingThrottle(() => now, 1_000, 1_000_000);
    for (let i = 0; i < 10_000; i++) throttle.allow(`u${i}`, "general");
    now += 1_000;
    throttle.allow("late", "general");
    expect(throttle.size).toBe(1);
  });
});
