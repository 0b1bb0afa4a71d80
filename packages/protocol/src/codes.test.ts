import { describe, expect, it } from "vitest";
import { CLOSE_REASONS, CloseCode, ErrorCode, LOCAL_CLOSE_CODES, isRetryable } from "./codes.js";

describe("close codes", () => {
  it("treats network loss, deploys and overload as retryable", () => {
    for (const code of [1006, 1001, 1011, 1013, 4408, 4429, 1009])
      expect(isRetryable(code)).toBe(true);
  });

  it("stops retrying on a bad token, a forbidden user or a protocol violation", () => {
    for (const code of [4401, 4403, 4400, 1002, 1003, 1007]) expect(isRetryable(code)).toBe(false);
  });

  it("stops retrying when the server no longer speaks the client's protocol version (4426)", () => {
    expect(CloseCode.UpgradeRequired).toBe(4426);
    expect(isRetryable(CloseCode.UpgradeRequired)).toBe(false);
    expect(LOCAL_CLOSE_CODES.has(CloseCode.UpgradeRequired)).toBe(true);
    expect(LOCAL_CLOSE_CODES.has(CloseCode.Unauthorized)).toBe(false);
  });

  it("has a reason for every code that fits in a close frame (≤ 123 bytes)", () => {
    for (const code of Object.values(CloseCode)) {
      const reason = CLOSE_REASONS[code];
      expect(reason.length).toBeGreaterThan(0);
      expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123);
    }
  });

  it("uses 4000 + HTTP status for application codes", () => {
    expect(CloseCode.Unauthorized).toBe(4401);
    expect(CloseCode.Forbidden).toBe(4403);
    expect(CloseCode.HelloTimeout).toBe(4408);
  });

  it("keeps error codes unique", () => {
    const values = Object.values(ErrorCode);
    expect(new Set(values).size).toBe(values.length);
  });
});
