import { describe, expect, it } from "vitest";
import { issueToken, verifyToken } from "./tokens.js";
import { VERIFIED_TOKENS_MAX, verifiedCount } from "./verifiedTokens.js";

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

  describe("remembered tokens (found again by their exact text)", () => {
    it("still expire: the remembered payload's exp is checked on every use", () => {
      const token = issueToken(SECRET, payload);
      expect(verifyToken(SECRET, token, 5_000)).toEqual({ ok: true, payload });
      expect(verifyToken(SECRET, token, 10_000)).toEqual({ ok: false, reason: "expired" });
      expect(verifyToken(SECRET, token, 5_000)).toEqual({ ok: true, payload });
    });

    it("answer a presented token exactly as a full check does", () => {
      const token = issueToken(SECRET, { ...payload, exp: 20_000 });
      const first = verifyToken(SECRET, token, 5_000);
      const again = verifyToken(SECRET, token, 5_000);
      expect(again).toEqual(first);
      expect(Object.isFrozen(again.ok && again.payload)).toBe(true);
    });

    it("do not vouch for any other text: a twin spelling, a cut or a longer token is checked in full", () => {
      const token = issueToken(SECRET, payload);
      expect(verifyToken(SECRET, token, 5_000).ok).toBe(true);
      const last = token.at(-1) ?? "A";
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      const twin = alphabet[alphabet.indexOf(last) ^ 1] ?? "A";
      expect(verifyToken(SECRET, token.slice(0, -1) + twin, 5_000)).toEqual({
        ok: false,
        reason: "bad signature",
      });
      expect(verifyToken(SECRET, token.slice(0, -1), 5_000).ok).toBe(false);
      expect(verifyToken(SECRET, `${token}A`, 5_000).ok).toBe(false);
    });

    it("are kept per secret: a token issued under another secret stays refused", () => {
      const token = issueToken("another-secret-entirely", payload);
      expect(verifyToken(SECRET, token, 5_000)).toEqual({ ok: false, reason: "bad signature" });
    });

    it("are capped in number", () => {
      for (let i = 0; i < VERIFIED_TOKENS_MAX + 10; i++) {
        issueToken(SECRET, { ...payload, exp: 100_000 + i });
      }
      expect(verifiedCount(SECRET)).toBe(VERIFIED_TOKENS_MAX);
    });
  });
});
