import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../store/SqliteStore.js";
import { Sessions } from "./Sessions.js";
import { issueToken } from "./tokens.js";

const SECRET = "unit-test-secret-0123456789";
const TTL = 10_000;
const GRACE = 1_000;
const MAX_AGE = 100_000;
const alice = { id: "u_aaaaaaaaaaaaaaaa", name: "Alice" };

let store: SqliteStore;
let now: number;
let sessions: Sessions;
beforeEach(async () => {
  store = new SqliteStore(":memory:");
  await store.upsertUser(alice);
  now = 1_000_000;
  sessions = new Sessions(store.accounts, {
    secret: SECRET,
    tokenTtlMs: TTL,
    accounts: { sessionMaxAgeMs: MAX_AGE, tokenGraceMs: GRACE },
    now: () => now,
  });
});
afterEach(() => store.close());

describe("Sessions", () => {
  it("gives two tabs presenting one young token the same token back", async () => {
    const { issued } = await sessions.start(alice.id, "Alice", "Firefox");
    now += 1_000;
    const a = await sessions.resume(issued.token, "x");
    const b = await sessions.resume(issued.token, "x");
    expect(a.ok && b.ok && a.issued.token === issued.token && b.issued.token === issued.token).toBe(
      true,
    );
  });

  it("refreshes an old token once; the replaced one still gets in during the grace window, then not", async () => {
    const { issued } = await sessions.start(alice.id, "Alice", "Firefox");
    now += TTL * 0.8;
    const first = await sessions.resume(issued.token, "x");
    if (!first.ok) throw new Error(first.reason);
    expect(first.issued.gen).toBe(2);
    // The second tab, same stored token, a moment later: admitted, handed the same new token.
    now += GRACE / 2;
    const second = await sessions.resume(issued.token, "x");
    expect(second).toMatchObject({ ok: true, issued: { token: first.issued.token } });
    now += GRACE;
    expect(await sessions.resume(issued.token, "x")).toEqual({
      ok: false,
      reason: "token replaced",
      userId: alice.id,
    });
    expect((await sessions.resume(first.issued.token, "x")).ok).toBe(true);
  });

  it("never carries a session past its absolute lifetime", async () => {
    let { issued } = await sessions.start(alice.id, "Alice", "Firefox");
    const started = now;
    while (now < started + MAX_AGE - TTL) {
      now += TTL * 0.85;
      const resumed = await sessions.resume(issued.token, "x");
      if (!resumed.ok) throw new Error(resumed.reason);
      issued = resumed.issued;
      expect(issued.expiresAt).toBeLessThanOrEqual(started + MAX_AGE);
    }
    now = started + MAX_AGE;
    expect(await sessions.resume(issued.token, "x")).toMatchObject({ ok: false });
  });

  it("refuses a revoked session's tokens and HTTP checks", async () => {
    const { issued, session } = await sessions.start(alice.id, "Alice", "Firefox");
    expect(await sessions.check(issued.token)).toMatchObject({ userId: alice.id });
    await store.accounts.revokeSession(session.id, alice.id, now);
    expect(await sessions.resume(issued.token, "x")).toEqual({
      ok: false,
      reason: "session revoked",
      userId: alice.id,
    });
    expect(await sessions.check(issued.token)).toBeUndefined();
  });

  it("moves a token from before sessions into a session of its own, once per presentation", async () => {
    const legacy = issueToken(SECRET, { sub: alice.id, name: "Alice", exp: now + TTL });
    expect(await sessions.check(legacy)).toBeUndefined();
    const resumed = await sessions.resume(legacy, "old tab", undefined, async () => {});
    expect(resumed).toMatchObject({ ok: true, userId: alice.id, session: { device: "old tab" } });
  });
});
