import { randomBytes } from "node:crypto";
import {
  ErrorCode,
  CloseCode,
  PROTOCOL_VERSION,
  grantCapabilities,
  nameProblem,
  normalizeName,
  type ClientMessageOf,
  type User,
} from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import { markGuest } from "../connection/guestMarks.js";
import { sharedCaps } from "../connection/sharedCaps.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { rateLimited } from "../limits/Budgets.js";
import { claimName } from "../names/claimName.js";
import type { StoredUser } from "../store/AccountStore.js";
import type { Resumed } from "../session/Sessions.js";
import { startTokenRefresh } from "../session/tokenRefresh.js";
import { sendPrefsOnWelcome } from "./reads.js";

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

/** Device label of a session a socket started (a guest's first `hello`). */
const GUEST_DEVICE = "guest (WebSocket)";

/** The name asked for in `hello`, normalized; a look-alike trick closes the socket with 4400. */
function askedName(msg: ClientMessageOf<"hello">): string | undefined {
  if (msg.name === undefined) return undefined;
  const name = normalizeName(msg.name);
  const problem = nameProblem(name);
  if (problem)
    throw new DuplexError(ErrorCode.InvalidMessage, `name ${problem}`, CloseCode.BadHello);
  return name;
}

/** Who this `hello` is: the token's session and user, or a new guest (when guests are on). */
async function identify(
  ctx: ServerContext,
  msg: ClientMessageOf<"hello">,
): Promise<{ resumed?: Resumed & { ok: true }; stored?: StoredUser; userId: string }> {
  if (msg.token === undefined) {
    if (!ctx.config.accounts.guests) {
      throw new DuplexError(
        ErrorCode.Unauthorized,
        "sign in first: this server does not admit guests",
        CloseCode.Unauthorized,
      );
    }
    return { userId: newUserId() };
  }
  const resumed = await ctx.sessions.resume(msg.token, GUEST_DEVICE, undefined, (id, name) =>
    ctx.store.upsertUser({ id, name }),
  );
  const userId = resumed.userId;
  // Read with the session when it resumed; a refused token's user is read for the ban check.
  const stored =
    resumed.ok && resumed.user !== undefined
      ? resumed.user
      : userId === undefined
        ? undefined
        : await ctx.store.accounts.getUser(userId);
  // A ban revokes the user's sessions too; it is told as a ban (4403), not as a stale token.
  if (stored?.bannedAt !== undefined) {
    throw new DuplexError(ErrorCode.Unauthorized, "banned", CloseCode.Forbidden);
  }
  if (!resumed.ok) {
    throw new DuplexError(ErrorCode.Unauthorized, resumed.reason, CloseCode.Unauthorized);
  }
  return { resumed, userId: resumed.userId, ...(stored && { stored }) };
}

/**
 * The user's display name for this socket. An account keeps its own (renamed only through the HTTP
 * API); a guest gets the name it asks for, or keeps its last one, unless someone else ever held it
 * (then a suffixed one: names are never shared or handed on).
 */
async function displayName(
  ctx: ServerContext,
  userId: string,
  stored: StoredUser | undefined,
  wanted: string,
): Promise<string> {
  if (stored && !stored.guest) return stored.name;
  const name = await claimName(ctx.store.accounts, userId, wanted, ctx.now());
  if (name === undefined) throw new DuplexError(ErrorCode.Internal, "no free name; try another");
  // The row holds `wanted` (a new guest) or its last name: written again only when it changed.
  if ((stored?.name ?? wanted) !== name) await ctx.store.upsertUser({ id: userId, name });
  return name;
}

/**
 * `hello` → `welcome`. A valid token resumes its session (a revoked, expired or replaced one closes
 * with 4401, so the client signs in afresh instead of silently becoming someone new); no token makes
 * a guest with a session of its own.
 */
export async function handleHello(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"hello">,
): Promise<void> {
  if (conn.user) throw new DuplexError(ErrorCode.HelloRequired, "hello was already received");
  const asked = askedName(msg);
  // Each token-less hello stores a new user: a budget per address, charged before anything is stored.
  if (msg.token === undefined) ctx.budgets.chargeSignUp(conn.address, ctx.now());
  const { resumed, stored, userId } = await identify(ctx, msg);
  if (msg.token !== undefined) assertSocketBudget(ctx, userId);
  const wanted = asked ?? stored?.name ?? guestName();
  // A new guest's row first (its name and session refer to it), under the name it most likely gets.
  if (!stored) await ctx.store.upsertUser({ id: userId, name: wanted });
  // The name and a new session each need only the user row: side by side, one commit round fewer.
  const [name, created] = await Promise.all([
    displayName(ctx, userId, stored, wanted),
    resumed ? undefined : ctx.sessions.create(userId, GUEST_DEVICE),
  ]);
  const session = resumed?.session ?? created;
  if (session === undefined) throw new Error("no session");
  const isGuest = stored?.guest ?? true;
  const user: User = { id: userId, name };
  const issued =
    resumed?.presented !== undefined && name === resumed.presented.payload.name
      ? resumed.issued
      : ctx.sessions.tokenFor(session, name);
  // Marked wherever the server writes this user (presence, members, typing); sockets without the
  // `accounts` capability read it unmarked (Peer.sendFrame).
  conn.user = markGuest(user, isGuest);
  conn.sessionId = session.id;
  ctx.online.connect(user, conn.id);
  const caps = grantCapabilities(msg.caps);
  if (caps.length > 0) conn.caps = sharedCaps(caps);
  conn.log.info({ user: user.id, name, restored: resumed !== undefined }, "welcome");
  const { sendPerSecond, sendBurst } = ctx.config.limits.rate;
  conn.send({
    type: "welcome",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    user: conn.user,
    token: issued.token,
    tokenExpiresAt: issued.expiresAt,
    heartbeatMs: ctx.config.heartbeatMs,
    serverTime: ctx.now(),
    protocolVersion: PROTOCOL_VERSION,
    // Announced so clients pace their outbox under it instead of being refused (0 = writes unlimited).
    // It is the user's budget, shared by all the user's sockets (and capped per address too).
    ...(sendPerSecond > 0 && { limits: { sendPerSecond, sendBurst } }),
    // Only to a client that asked: a plain v1 client gets exactly the welcome it always got.
    ...(msg.caps !== undefined && { caps }),
  });
  startTokenRefresh(ctx, conn, { sid: session.id, gen: issued.gen, name });
  // Visible until it says otherwise (a client that never reports is someone looking at the app).
  await ctx.webPush.tabs.set(user.id, conn.id, true);
  await ctx.push.notifier.welcome(conn, user);
  await sendPrefsOnWelcome(ctx, conn);
}

/** Application-level ping, for browsers (which cannot send ping frames) to measure round trips. */
export async function handlePing(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"ping">,
): Promise<void> {
  conn.send({ type: "pong", t: msg.t, serverTime: ctx.now() });
}
