import { describe, expect, it } from "vitest";
import { ConnectionLimiter, type ConnectionLimits } from "./connectionLimiter.js";

/** A limiter with every limit off but the ones a test names. */
const limiterWith = (limits: Partial<ConnectionLimits>) =>
  new ConnectionLimiter({ maxPerIp: 0, handshakesPerSecond: 0, handshakeBurst: 0, ...limits });

describe("ConnectionLimiter", () => {
  it("refuses an address past maxPerIp open sockets until one is released", () => {
    const limiter = limiterWith({ maxPerIp: 2 });
    const a = limiter.admit("1.1.1.1", 0);
    const b = limiter.admit("1.1.1.1", 0);
    expect(limiter.admit("1.1.1.1", 0).ok).toBe(false);
    expect(limiter.admit("2.2.2.2", 0).ok).toBe(true);
    if (!a.ok || !b.ok) throw new Error("expected admissions");
    a.release();
    a.release(); // idempotent: a double release must not free a second slot
    expect(limiter.openCount("1.1.1.1")).toBe(1);
    expect(limiter.admit("1.1.1.1", 0).ok).toBe(true);
    expect(limiter.admit("1.1.1.1", 0).ok).toBe(false);
  });

  it("refuses a handshake storm from one address and recovers with time", () => {
    const limiter = limiterWith({ handshakesPerSecond: 1, handshakeBurst: 3 });
    const results = Array.from({ length: 4 }, () => limiter.admit("1.1.1.1", 0).ok);
    expect(results).toEqual([true, true, true, false]);
    expect(limiter.admit("9.9.9.9", 0).ok).toBe(true);
    expect(limiter.admit("1.1.1.1", 1000).ok).toBe(true);
  });

  it("refuses past maxTotal open sockets from every address together", () => {
    const limiter = limiterWith({ maxTotal: 2 });
    const a = limiter.admit("1.1.1.1", 0);
    expect(limiter.admit("2.2.2.2", 0).ok).toBe(true);
    expect(limiter.admit("3.3.3.3", 0)).toMatchObject({ ok: false });
    if (!a.ok) throw new Error("expected an admission");
    a.release();
    expect(limiter.total).toBe(1);
    expect(limiter.admit("3.3.3.3", 0).ok).toBe(true);
  });
});
