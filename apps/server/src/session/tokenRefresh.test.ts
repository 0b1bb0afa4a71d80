import { EventEmitter } from "node:events";
import type { ServerMessage } from "@duplex/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Connection } from "../connection/Connection.js";
import type { ServerContext } from "../context.js";
import { startTokenRefresh, stopTokenRefresh } from "./tokenRefresh.js";
import { verifyToken } from "./tokens.js";

const SECRET = "unit-test-secret-0123456789";
const TTL_MS = 10_000;

function fakeConnection() {
  const ws = new EventEmitter();
  const sent: ServerMessage[] = [];
  const conn = {
    ws,
    closed: false,
    send: (m: ServerMessage) => sent.push(m),
    log: { debug: () => undefined },
  };
  return { conn: conn as unknown as Connection, ws, sent };
}

const ctx = {
  config: { tokenSecret: SECRET, tokenTtlMs: TTL_MS },
  now: () => Date.now(),
} as unknown as ServerContext;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("token refresh", () => {
  it("refreshes many connections with one shared timer, each on its own schedule", () => {
    const a = fakeConnection();
    const b = fakeConnection();
    startTokenRefresh(ctx, a.conn, { sub: "u_aaaaaaaaaaaaaaaa", name: "Alice" });
    vi.advanceTimersByTime(3_000);
    startTokenRefresh(ctx, b.conn, { sub: "u_bbbbbbbbbbbbbbbb", name: "Bob" });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(5_000);
    expect(a.sent.map((m) => m.type)).toEqual(["token"]);
    expect(b.sent).toEqual([]);
    vi.advanceTimersByTime(3_000);
    expect(b.sent.map((m) => m.type)).toEqual(["token"]);
    stopTokenRefresh(ctx, a.conn);
    stopTokenRefresh(ctx, b.conn);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("pushes a valid token for the same user at 80% of each lifetime", () => {
    const { conn, sent } = fakeConnection();
    startTokenRefresh(ctx, conn, { sub: "u_aaaaaaaaaaaaaaaa", name: "Alice" });
    vi.advanceTimersByTime(7_999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(8_000);
    expect(sent.map((m) => m.type)).toEqual(["token", "token"]);
    const last = sent[1];
    if (last?.type !== "token") throw new Error("expected a token");
    expect(last.expiresAt).toBe(Date.now() + TTL_MS);
    const check = verifyToken(SECRET, last.token, Date.now());
    expect(check).toMatchObject({
      ok: true,
      payload: { sub: "u_aaaaaaaaaaaaaaaa", name: "Alice" },
    });
  });

  it("stops when the socket closes", () => {
    const { conn, sent } = fakeConnection();
    startTokenRefresh(ctx, conn, { sub: "u_aaaaaaaaaaaaaaaa", name: "Alice" });
    stopTokenRefresh(ctx, conn);
    vi.advanceTimersByTime(TTL_MS * 5);
    expect(sent).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
