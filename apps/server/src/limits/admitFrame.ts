import { CloseCode, ErrorCode, type ClientMessage, type DecodeResult } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import { cutOffAfterGrace } from "../connection/slowReader.js";
import type { Budgets } from "./Budgets.js";
import { PERSISTING, type RateDecision, type RateLimiter } from "./rateLimiter.js";

/** The socket's own frame bucket, then, for writes, the budget shared by the user's sockets. */
function decide(
  conn: Peer,
  limiter: RateLimiter,
  budgets: Budgets,
  type: string | undefined,
  now: number,
): RateDecision {
  const own = limiter.check(type, now);
  if (own.action !== "allow" || type === undefined || !PERSISTING.has(type)) return own;
  if (conn.user === undefined) return own;
  const wait = budgets.takeWrite(conn.user.id, conn.address, now);
  return wait > 0 ? limiter.refuse(wait, now) : own;
}

/**
 * Applies the rate limits to one decoded frame, before it is queued: a refused frame is answered
 * `rate_limited` with `retryAfterMs` (and its `ref`); a client that keeps flooding is closed with
 * 4429. Returns whether the frame may be handled.
 */
export function admitFrame(
  conn: Peer,
  /** Absent when the limits are off (no per-socket object for them). */
  limiter: RateLimiter | undefined,
  budgets: Budgets,
  decoded: DecodeResult<ClientMessage>,
  now: number,
): boolean {
  if (limiter === undefined) return true;
  const decision = decide(conn, limiter, budgets, decoded.ok ? decoded.value.type : undefined, now);
  if (decision.action === "allow") return true;
  if (decision.action === "close") {
    conn.closeConnection(CloseCode.RateLimited);
    cutOffAfterGrace(conn.ws);
    return false;
  }
  const ref = decoded.ok
    ? "ref" in decoded.value
      ? decoded.value.ref
      : undefined
    : decoded.error.ref;
  conn.send({
    type: "error",
    code: ErrorCode.RateLimited,
    message: `too many messages; retry in ${decision.retryAfterMs} ms`,
    retryAfterMs: decision.retryAfterMs,
    ...(ref !== undefined && { ref }),
  });
  return false;
}
