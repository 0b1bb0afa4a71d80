import { describe, expect, it } from "vitest";
import { randomToken } from "./randomId.js";

describe("randomToken", () => {
  it("gives tokens of the asked size that never repeat across pool refills", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const token = randomToken(12); // ~15 refills of the pool
      expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
      seen.add(token);
    }
    expect(seen.size).toBe(5_000);
    expect(Buffer.from(randomToken(8), "base64url")).toHaveLength(8);
    expect(Buffer.from(randomToken(10_000), "base64url")).toHaveLength(10_000);
  });

  it("spreads its bytes over every value (not a counter)", () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2_000; i++) {
      for (const byte of Buffer.from(randomToken(16), "base64url"))
        counts[byte] = (counts[byte] ?? 0) + 1;
    }
    // 32,000 bytes: each value ~125 times; a broken source (zeros, a counter) leaves most at 0.
    expect(Math.min(...counts)).toBeGreaterThan(60);
  });
});
