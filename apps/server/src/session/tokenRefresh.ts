import type { Connection } from "../connection/Connection.js";
import type { ServerContext } from "../context.js";
import { issueToken } from "./tokens.js";

/** Share of a token's lifetime after which a live connection gets a fresh one. */
export const REFRESH_AT = 0.8;

/**
 * Keeps a long-lived connection's identity alive: at 80% of each token's lifetime the server pushes a
 * fresh `token`, so a reconnect after several lifetimes still resumes as the same user. One timer per
 * connection, cleared when the socket closes.
 */
export function startTokenRefresh(
  ctx: ServerContext,
  conn: Connection,
  claims: { sub: string; name: string },
): void {
  const lifetimeMs = ctx.config.tokenTtlMs;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    timer = setTimeout(refresh, Math.round(lifetimeMs * REFRESH_AT));
    timer.unref();
  };
  const refresh = (): void => {
    if (conn.closed) return;
    const expiresAt = ctx.now() + lifetimeMs;
    const token = issueToken(ctx.config.tokenSecret, { ...claims, exp: expiresAt });
    conn.send({ type: "token", token, expiresAt });
    conn.log.debug({ expiresAt }, "token refreshed");
    schedule();
  };
  conn.ws.once("close", () => clearTimeout(timer));
  schedule();
}
