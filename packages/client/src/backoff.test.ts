import { describe, expect, it } from "vitest";
import { DEFAULT_BACKOFF, backoffDelay } from "./backoff.js";

describe("backoffDelay", () => {
  it("grows the window exponentially and caps it", () => {
    const top = (attempt: number) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 0.999999);
    expect(top(0)).toBe(499);
    expect(top(1)).toBe(999);
    expect(top(3)).toBe(3999);
    expect(top(5)).toBe(15_999);
    expect(top(6)).toBe(29_999);
    expect(top(60)).toBe(29_999);
  });

  it("is full jitter: the delay can be anywhere from zero to the window", () => {
    expect(backoffDelay(4, DEFAULT_BACKOFF, () => 0)).toBe(0);
    expect(backoffDelay(4, DEFAULT_BACKOFF, () => 0.5)).toBe(4000);
  });

  it("honours custom base and cap", () => {
    expect(backoffDelay(10, { baseMs: 10, capMs: 100 }, () => 0.5)).toBe(50);
  });

  it("spreads 1000 clients' first retries over the whole window", () => {
    const delays = Array.from({ length: 1000 }, () =>
      backoffDelay(0, DEFAULT_BACKOFF, Math.random),
    );
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    const sd = Math.sqrt(delays.reduce((a, d) => a + (d - mean) ** 2, 0) / delays.length);
    // Uniform on [0, 500): mean 250, standard deviation 500/√12 ≈ 144.
    expect(mean).toBeGreaterThan(200);
    expect(mean).toBeLessThan(300);
    expect(sd).toBeGreaterThan(120);
    expect(Math.min(...delays)).toBeLessThan(50);
    expect(Math.max(...delays)).toBeGreaterThan(450);
  });
});
