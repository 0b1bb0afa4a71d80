import { describe, expect, it } from "vitest";
import { classify, retryAfterMs } from "./pushSender.js";

describe("classify (RFC 8030 answers)", () => {
  it("sorts a push service's status into sent, gone, retry or failed", () => {
    expect(classify(201, undefined)).toEqual({ kind: "sent", status: 201 });
    expect(classify(410, undefined)).toEqual({ kind: "gone", status: 410 });
    expect(classify(404, undefined)).toEqual({ kind: "gone", status: 404 });
    expect(classify(429, 5_000)).toEqual({ kind: "retry", status: 429, retryAfterMs: 5_000 });
    expect(classify(503, undefined)).toEqual({ kind: "retry", status: 503 });
    expect(classify(301, undefined)).toEqual({ kind: "failed", status: "redirect" });
    expect(classify(413, undefined)).toEqual({ kind: "failed", status: 413 });
    expect(classify(403, undefined)).toEqual({ kind: "failed", status: 403 });
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("120", 0)).toBe(120_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(null, 0)).toBeUndefined();
    expect(retryAfterMs("soon", 0)).toBeUndefined();
  });
});
