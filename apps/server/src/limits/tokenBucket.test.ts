import { describe, expect, it } from "vitest";
import { TokenBucket } from "./tokenBucket.js";

describe("TokenBucket", () => {
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
});
