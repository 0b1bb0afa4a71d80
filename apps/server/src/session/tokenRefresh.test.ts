import { EventEmitter } from "node:events";
import type { ServerMessage } from "@duplex/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { SqliteStore } from "../store/SqliteStore.js";
import { Sessions } from "./Sessions.js";
import { startTokenRefresh, stopTokenRefresh } from "./tokenRefresh.js";
import { verifyToken } from "./tokens.js";

const SECRET = "unit-test-secret-0123456789";
const TTL_MS = 10_000;
const alice = { id: "u_aaaaaaaaaaaaaaaa", name: "Alice" };
const bob = { id: "u_bbbbbbbbbbbbbbbb", name: "Bob" };

function fakeConnection() {
  const ws = new EventEmitter();
  const sent: ServerMessage[] = [];
  const closes: number[] = [];
  const conn = {
    ws,
    closed: false,
    user: alice,
    send: (m: ServerMessage) => sent.push(m),
    frames: { enqueue: (task: () => Promise<void>) => task() },
    closeConnection: (code: number) => closes.push(code),
    log: { debug: () => undefined },
  };
  return { conn: conn as unknown as Peer, ws, sent, closes };
}

let store: SqliteStore;
let ctx: ServerContext;
beforeEach(async () => {
  // setImmediate stays real: the store commits its writes on it (group commit).
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  });
  store = new SqliteStore(":memory:");
  await store.upsertUser(alice);
  await store.upsertUser(bob);
  const now = () => Date.now();
  const sessions = new Sessions(store.accounts, {
    secret: SECRET,
    tokenTtlMs: TTL_MS,
    accounts: { sessionMaxAgeMs: 100 * TTL_MS, tokenGraceMs: 1_000 },
    now,
  });
  ctx = { config: { tokenSecret: SECRET, tokenTtlMs: TTL_MS }, now, sessions } as never;
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

const claimsOf = async (userId: string, name: string) => {
  const started = await ctx.sessions.start(userId, name, "test");
  return { sid: started.session.id, gen: started.issued.gen, name };
};

describe("token refresh", () => {
  it("refreshes many connections with one shared timer, each on its own schedule", async () => {
    const a = fakeConnection();
    const b = fakeConnection();
    startTokenRefresh(ctx, a.conn, await claimsOf(alice.id, "Alice"));
    await vi.advanceTimersByTimeAsync(3_000);
    startTokenRefresh(ctx, b.conn, await claimsOf(bob.id, "Bob"));
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(a.sent.map((m) => m.type)).toEqual(["token"]);
    expect(b.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(b.sent.map((m) => m.type)).toEqual(["token"]);
    stopTokenRefresh(ctx, a.conn);
    stopTokenRefresh(ctx, b.conn);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("pushes a token of the session's next generation at 80% of each lifetime", async () => {
    const { conn, sent } = fakeConnection();
    const claims = await claimsOf(alice.id, "Alice");
    startTokenRefresh(ctx, conn, claims);
    await vi.advanceTimersByTimeAsync(7_999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(sent.map((m) => m.type)).toEqual(["token", "token"]);
    const last = sent[1];
    if (last?.type !== "token") throw new Error("expected a token");
    expect(last.expiresAt).toBe(Date.now() + TTL_MS);
    const check = verifyToken(SECRET, last.token, Date.now());
    expect(check).toMatchObject({
      ok: true,
      payload: { sub: alice.id, name: "Alice", sid: claims.sid, gen: 3 },
    });
    stopTokenRefresh(ctx, conn);
  });

  it("closes with 4401 instead of refreshing a revoked session", async () => {
    const { conn, sent, closes } = fakeConnection();
    const claims = await claimsOf(alice.id, "Alice");
    startTokenRefresh(ctx, conn, claims);
    await store.accounts.revokeSession(claims.sid, alice.id, Date.now());
    await vi.advanceTimersByTimeAsync(8_000);
    expect(sent).toEqual([]);
    expect(closes).toEqual([4401]);
    stopTokenRefresh(ctx, conn);
  });

  it("stops when the socket closes", async () => {
    const { conn, sent } = fakeConnection();
    startTokenRefresh(ctx, conn, await claimsOf(alice.id, "Alice"));
    stopTokenRefresh(ctx, conn);
    await vi.advanceTimersByTimeAsync(TTL_MS * 5);
    expect(sent).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
