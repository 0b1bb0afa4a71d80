import { randomBytes } from "node:crypto";
import {
  ErrorCode,
  CloseCode,
  PROTOCOL_VERSION,
  grantCapabilities,
  type ClientMessageOf,
} from "@duplex/protocol";
import type { Connection } from "../connection/Connection.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { rateLimited } from "../limits/Budgets.js";
import { issueToken, verifyToken } from "../session/tokens.js";
import { startTokenRefresh } from "../session/tokenRefresh.js";

/** `u_` + 16 url-safe characters (12 random bytes), matching the protocol's `UserId`. */
export function newUserId(): string {
  return `u_${randomBytes(12).toString("base64url")}`;
}

function guestName(): string {
  return `guest-${randomBytes(3).toString("hex")}`;
}

/** A user's sockets on this node are capped: more tabs than this buy no more budget, only load. */
function assertSocketBudget(ctx: ServerContext, userId: string): void {
  const max = ctx.config.limits.users.maxSockets;
  if (max > 0 && ctx.online.socketCount(userId) >= max) {
    throw rateLimited(`at most ${max} connections per user`, 5_000, CloseCode.RateLimited);
  }
}

/**
 * `hello` → `welcome`. A valid token restores its user id (and name, unless a new one is given); a bad
 * one closes with 4401 so the client signs in afresh instead of silently becoming someone new.
 */
export async function handleHello(
  ctx: ServerContext,
  conn: Connection,
  msg: ClientMessageOf<"hello">,
): Promise<void> {
  if (conn.user) throw new DuplexError(ErrorCode.HelloRequired, "hello was already received");
  const now = ctx.now();
  let userId: string;
  let wanted: string;
  if (msg.token !== undefined) {
    const check = verifyToken(ctx.config.tokenSecret, msg.token, now);
    if (!check.ok) {
      throw new DuplexError(
        ErrorCode.Unauthorized,
        `token ${check.reason}`,
        CloseCode.Unauthorized,
      );
    }
    userId = check.payload.sub;
    wanted = msg.name ?? check.payload.name;
    assertSocketBudget(ctx, userId);
  } else {
    // Each token-less hello stores a new user: a budget per address, not per socket.
    ctx.budgets.chargeSignUp(conn.address, now);
    userId = newUserId();
    wanted = msg.name ?? guestName();
  }
  const user = ctx.online.connect(userId, wanted, conn.id);
  conn.user = user;
  const caps = grantCapabilities(msg.caps);
  if (caps.length > 0) conn.caps = new Set(caps);
  await ctx.store.upsertUser(user);
  const tokenExpiresAt = now + ctx.config.tokenTtlMs;
  // The token keeps the name the user asked for, so a suffix ("Alice 2") is not carried forward.
  const token = issueToken(ctx.config.tokenSecret, {
    sub: userId,
    name: wanted,
    exp: tokenExpiresAt,
  });
  conn.log.info({ user: user.id, name: user.name, restored: msg.token !== undefined }, "welcome");
  const { sendPerSecond, sendBurst } = ctx.config.limits.rate;
  conn.send({
    type: "welcome",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    user,
    token,
    tokenExpiresAt,
    heartbeatMs: ctx.config.heartbeatMs,
    serverTime: now,
    protocolVersion: PROTOCOL_VERSION,
    // Announced so clients pace their outbox under it instead of being refused (0 = writes unlimited).
    // It is the user's budget, shared by all the user's sockets (and capped per address too).
    ...(sendPerSecond > 0 && { limits: { sendPerSecond, sendBurst } }),
    // Only to a client that asked: a plain v1 client gets exactly the welcome it always got.
    ...(msg.caps !== undefined && { caps }),
  });
  startTokenRefresh(ctx, conn, { sub: userId, name: wanted });
  await ctx.push.notifier.welcome(conn, user);
}

/** Application-level ping, for browsers (which cannot send ping frames) to measure round trips. */
export async function handlePing(
  ctx: ServerContext,
  conn: Connection,
  msg: ClientMessageOf<"ping">,
): Promise<void> {
  conn.send({ type: "pong", t: msg.t, serverTime: ctx.now() });
}
