import { describe, expect, it } from "vitest";
import { TokenBucket } from "./tokenBucket.js";

describe("TokenBucket (server rate limits and client pacing)", () => {
  it("allows a burst of `capacity`, then refuses until time refills it", () => {
    const bucket = new TokenBucket(3, 2, 0);
    expect([1, 2, 3, 4].map(() => bucket.tryTake(0))).toEqual([true, true, true, false]);
    expect(bucket.msUntilToken(0)).toBe(500);
    expect(bucket.tryTake(499)).toBe(false);
    expect(bucket.tryTake(500)).toBe(true);
  });

  it("never holds more than its capacity however long it idles", () => {
    const bucket = new TokenBucket(2, 10, 0);
    const taken = [1, 2, 3].map(() => bucket.tryTake(60_000));
    expect(taken).toEqual([true, true, false]);
  });

  it("reports full only once every token has come back", () => {
    const bucket = new TokenBucket(2, 1, 0);
    bucket.tryTake(0);
    expect(bucket.isFull(500)).toBe(false);
    expect(bucket.isFull(1000)).toBe(true);
  });

  it("allows a full burst at once, then refuses", () => {
    const bucket = new TokenBucket(5, 10, 0);
    const taken = Array.from({ length: 6 }, () => bucket.tryTake(0));
    expect(taken).toEqual([true, true, true, true, true, false]);
  });

  it("refills at the sustained rate and says when the next token comes", () => {
    const bucket = new TokenBucket(2, 4, 1000); // one token per 250 ms
    bucket.tryTake(1000);
    bucket.tryTake(1000);
    expect(bucket.msUntilToken(1000)).toBe(250);
    expect(bucket.msUntilToken(1100)).toBe(150);
    expect(bucket.tryTake(1249)).toBe(false);
    expect(bucket.tryTake(1250)).toBe(true);
    expect(bucket.msUntilToken(1250)).toBe(250);
  });

  it("never holds more than its capacity, however long it idles", () => {
    const bucket = new TokenBucket(3, 100, 0);
    let taken = 0;
    while (bucket.tryTake(60_000)) taken += 1;
    expect(taken).toBe(3);
  });

  it("takes no more than rate × time plus the burst over a long run", () => {
    const bucket = new TokenBucket(10, 20, 0);
    let taken = 0;
    for (let t = 0; t <= 5000; t += 7) while (bucket.tryTake(t)) taken += 1;
    expect(taken).toBeLessThanOrEqual(10 + 20 * 5);
    expect(taken).toBeGreaterThanOrEqual(10 + 20 * 5 - 1);
  });

  it("after drain, waits a whole interval for the next token", () => {
    const bucket = new TokenBucket(10, 5, 0);
    bucket.drain(0);
    expect(bucket.tryTake(0)).toBe(false);
    expect(bucket.msUntilToken(0)).toBe(200);
  });

  it("mints nothing when the clock steps back", () => {
    const bucket = new TokenBucket(1, 1, 10_000);
    expect(bucket.tryTake(10_000)).toBe(true);
    expect(bucket.tryTake(5_000)).toBe(false);
    expect(bucket.tryTake(10_999)).toBe(false);
    expect(bucket.tryTake(11_000)).toBe(true);
  });

  it("takes several tokens at once, goes into debt when spent after the fact, and refunds up to full", () => {
    const bucket = new TokenBucket(10, 10, 0);
    expect(bucket.tryTake(0, 11)).toBe(false);
    expect(bucket.tryTake(0, 6)).toBe(true);
    bucket.spend(0, 9); // 4 - 9 = -5
    expect(bucket.msUntilToken(0, 1)).toBe(600);
    expect(bucket.msUntilToken(0, 50)).toBe(1500); // at most a full bucket is waited for
    bucket.refund(0, 100);
    expect(bucket.isFull(0)).toBe(true);
  });
});
