import { describe, expect, it } from "vitest";
import { issueToken, verifyToken } from "./tokens.js";

const SECRET = "a-test-secret-of-some-length";
const payload = { sub: "u_abcdefghijklmnop", name: "Alice", exp: 10_000 };

describe("session tokens", () => {
  it("verifies a token it issued and returns its payload", () => {
    const token = issueToken(SECRET, payload);
    expect(verifyToken(SECRET, token, 5_000)).toEqual({ ok: true, payload });
  });

  it("rejects a token signed with another secret", () => {
    const token = issueToken("another-secret-entirely", payload);
    expect(verifyToken(SECRET, token, 5_000)).toEqual({ ok: false, reason: "bad signature" });
  });

  it("rejects a token whose payload was altered", () => {
    const [, signature] = issueToken(SECRET, payload).split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: "u_zzzzzzzzzzzzzzzz" })).toString(
      "base64url",
    );
    expect(verifyToken(SECRET, `${forged}.${signature}`, 5_000).ok).toBe(false);
  });

  it("rejects an expired token", () => {
    const token = issueToken(SECRET, payload);
    expect(verifyToken(SECRET, token, 10_000)).toEqual({ ok: false, reason: "expired" });
  });

  it.each(["", "abc", "a.b.c", "..", "x.y"])("rejects malformed token %j", (token) => {
    expect(verifyToken(SECRET, token, 0).ok).toBe(false);
  });
  it("rejects another spelling of the right signature (only the unused low bits of its last character differ)", () => {
    const token = issueToken(SECRET, payload);
    const last = token.at(-1) ?? "A";
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const value = alphabet.indexOf(last);
    // A 32-byte HMAC is 43 base64url characters; the last one carries 4 data bits and 2 unused ones.
    const twin = alphabet[value ^ 1] ?? "A";
    expect(Buffer.from(token.slice(0, -1) + twin, "base64url").length).toBeGreaterThan(0);
    expect(verifyToken(SECRET, token.slice(0, -1) + twin, 5_000).ok).toBe(false);
    expect(verifyToken(SECRET, token, 5_000).ok).toBe(true);
  });
});
