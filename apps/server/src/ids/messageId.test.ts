import { describe, expect, it } from "vitest";
import { newMessageId } from "./messageId.js";

describe("newMessageId", () => {
  it("sorts by time in byte order (as SQLite's index compares them) and never repeats", () => {
    const base = Date.UTC(2026, 11, 3);
    const ids = [base, base + 1, base + 1, base + 59_000, base + 86_400_000].map(newMessageId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^m_[0-9a-z]{9}[A-Za-z0-9_-]{12}$/);
    const byBytes = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(byBytes.map((id) => id.slice(0, 11))).toEqual(ids.map((id) => id.slice(0, 11)));
  });

  it("keeps 72 unguessable bits within one millisecond", () => {
    const ids = Array.from({ length: 2_000 }, () => newMessageId(1_000));
    expect(new Set(ids).size).toBe(2_000);
    expect(new Set(ids.map((id) => id.slice(11, 13))).size).toBeGreaterThan(1_000);
  });
});
