import { describe, expect, it } from "vitest";
import { KeyedBuckets, MAX_BUCKET_KEYS } from "./keyedBuckets.js";

const DAY_MS = 86_400_000;

describe("KeyedBuckets under churn", () => {
  it("a day's quota for 250,000 one-off users stays bounded, and shrinks back once the day has passed", () => {
    // As the daily storage quota: every user spends a little and leaves; no bucket refills for a day.
    const perDay = new KeyedBuckets(10_000, 10_000 / 86_400);
    let largest = 0;
    for (let i = 0; i < 250_000; i++) {
      expect(perDay.take(`u${i}`, i, 300)).toBe(0);
      largest = Math.max(largest, perDay.size);
    }
    expect(largest).toBeLessThanOrEqual(MAX_BUCKET_KEYS);
    expect(perDay.size).toBeGreaterThan(10_000);
    // A day later every old bucket is full again: the next sweep forgets them all, and only the
    // users seen since are held.
    const later = 250_000 + DAY_MS;
    for (let i = 0; i < 20_000; i++) perDay.take(`next${i}`, later, 300);
    expect(perDay.size).toBeLessThanOrEqual(20_000);
  });

  it("forgets the least recently charged key first, so an active user keeps its debt", () => {
    const buckets = new KeyedBuckets(2, 1 / 3600, 1_000);
    expect(buckets.take("active", 0, 2)).toBe(0);
    for (let i = 0; i < 5_000; i++) {
      buckets.take(`oneoff${i}`, 1);
      if (i % 100 === 0) expect(buckets.take("active", 1)).toBeGreaterThan(0);
      expect(buckets.size).toBeLessThanOrEqual(1_000);
    }
    // Still refused: its empty bucket was charged recently, so it survived every eviction.
    expect(buckets.take("active", 2)).toBeGreaterThan(0);
  });

  it("a per-second budget's full buckets are swept as before: they remember nothing", () => {
    const perSecond = new KeyedBuckets(5, 5);
    for (let i = 0; i < 30_000; i++) perSecond.take(`u${i}`, i * 10);
    // Each bucket is full a second after its one take: only the last second's keys remain.
    expect(perSecond.size).toBeLessThanOrEqual(10_000);
  });
});
