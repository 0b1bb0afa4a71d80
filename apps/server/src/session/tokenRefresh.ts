import type { Connection } from "../connection/Connection.js";
import type { ServerContext } from "../context.js";
import { issueToken } from "./tokens.js";

/** Share of a token's lifetime after which a live connection gets a fresh one. */
export const REFRESH_AT = 0.8;

interface Due {
  claims: { sub: string; name: string };
  dueAt: number;
}

/**
 * One sweep per server instead of a timer per socket (a Timeout, its closures and a close listener
 * cost ~0.5 KiB on every idle connection). Every token has the same lifetime, so a Map in insertion
 * order is also in due order: the sweep pops from the front and re-appends what it refreshed.
 */
class RefreshSweep {
  readonly #due = new Map<Connection, Due>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: ServerContext) {}

  add(conn: Connection, claims: Due["claims"]): void {
    this.#due.delete(conn);
    this.#due.set(conn, { claims, dueAt: this.ctx.now() + this.#intervalMs() });
    if (this.#timer === undefined) this.#arm();
  }

  remove(conn: Connection): void {
    if (!this.#due.delete(conn) || this.#due.size > 0) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #intervalMs(): number {
    return Math.round(this.ctx.config.tokenTtlMs * REFRESH_AT);
  }

  #arm(): void {
    const first = this.#due.values().next();
    if (first.done === true) {
      this.#timer = undefined;
      return;
    }
    this.#timer = setTimeout(() => this.#sweep(), Math.max(0, first.value.dueAt - this.ctx.now()));
    this.#timer.unref();
  }

  #sweep(): void {
    const now = this.ctx.now();
    for (const [conn, due] of this.#due) {
      if (due.dueAt > now) break;
      this.#due.delete(conn);
      if (conn.closed) continue;
      this.#refresh(conn, due.claims, now);
      this.#due.set(conn, { claims: due.claims, dueAt: now + this.#intervalMs() });
    }
    this.#arm();
  }

  #refresh(conn: Connection, claims: Due["claims"], now: number): void {
    const expiresAt = now + this.ctx.config.tokenTtlMs;
    const token = issueToken(this.ctx.config.tokenSecret, { ...claims, exp: expiresAt });
    conn.send({ type: "token", token, expiresAt });
    conn.log.debug({ expiresAt }, "token refreshed");
  }
}

const sweeps = new WeakMap<ServerContext, RefreshSweep>();

function sweepOf(ctx: ServerContext): RefreshSweep {
  let sweep = sweeps.get(ctx);
  if (sweep === undefined) {
    sweep = new RefreshSweep(ctx);
    sweeps.set(ctx, sweep);
  }
  return sweep;
}

/**
 * Keeps a long-lived connection's identity alive: at 80% of each token's lifetime the server pushes a
 * fresh `token`, so a reconnect after several lifetimes still resumes as the same user. The socket's
 * close path must call `stopTokenRefresh`.
 */
export function startTokenRefresh(
  ctx: ServerContext,
  conn: Connection,
  claims: { sub: string; name: string },
): void {
  sweepOf(ctx).add(conn, claims);
}

/** Forgets a closed connection (and stops the shared timer when none is left). */
export function stopTokenRefresh(ctx: ServerContext, conn: Connection): void {
  sweeps.get(ctx)?.remove(conn);
}
