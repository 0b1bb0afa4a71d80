import { describe, expect, it } from "vitest";
import { RateLimiter, limitsAnything, type RateLimits } from "./rateLimiter.js";

const limits: RateLimits = {
  framesPerSecond: 10,
  framesBurst: 5,
  sendPerSecond: 1,
  sendBurst: 2,
  maxStrikes: 3,
  strikeWindowMs: 1000,
};

describe("RateLimiter", () => {
  it("limits sends more strictly than pings", () => {
    const limiter = new RateLimiter(limits, 0);
    expect(limiter.check("send", 0).action).toBe("allow");
    expect(limiter.check("send", 0).action).toBe("allow");
    expect(limiter.check("send", 0)).toEqual({ action: "refuse", retryAfterMs: 1000 });
    // The frame bucket still has room for a ping.
    expect(limiter.check("ping", 0).action).toBe("allow");
  });

  it("counts frames that did not decode against the frame bucket", () => {
    const limiter = new RateLimiter(limits, 0);
    for (let i = 0; i < 5; i += 1) expect(limiter.check(undefined, 0).action).toBe("allow");
    expect(limiter.check(undefined, 0)).toEqual({ action: "refuse", retryAfterMs: 100 });
  });

  it("closes after more than maxStrikes refusals inside the window, not when they are spread out", () => {
    const spread = new RateLimiter({ ...limits, framesBurst: 1, framesPerSecond: 1 }, 0);
    spread.check("ping", 0);
    for (let t = 1; t <= 10; t += 1) {
      // One refusal every 600 ms: never more than 2 in a 1 s window.
      expect(spread.check("ping", t * 600 - 599).action).not.toBe("close");
    }
    const flood = new RateLimiter(limits, 0);
    const actions = Array.from({ length: 10 }, () => flood.check("ping", 0).action);
    expect(actions.slice(0, 5)).toEqual(Array(5).fill("allow"));
    expect(actions.slice(5, 8)).toEqual(Array(3).fill("refuse"));
    expect(actions[8]).toBe("close");
  });

  it("lets everything through when the rates are 0", () => {
    const off = new RateLimiter({ ...limits, framesPerSecond: 0, sendPerSecond: 0 }, 0);
    for (let i = 0; i < 1000; i += 1) expect(off.check("send", 0).action).toBe("allow");
  });

  it("needs no limiter only when both rates are off", () => {
    expect(limitsAnything({ ...limits, framesPerSecond: 0, sendPerSecond: 0 })).toBe(false);
    expect(limitsAnything({ ...limits, framesPerSecond: 0 })).toBe(true);
    expect(limitsAnything({ ...limits, sendPerSecond: 0 })).toBe(true);
  });
});
