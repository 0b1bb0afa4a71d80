import { CloseCode } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { REFRESH_AT } from "./Sessions.js";

export { REFRESH_AT };

interface Claims {
  sid: string;
  gen: number;
  name: string;
}

interface Due {
  claims: Claims;
  dueAt: number;
}

/**
 * One sweep per server instead of a timer per socket (a Timeout, its closures and a close listener
 * cost ~0.5 KiB on every idle connection). Every token has the same lifetime, so a Map in insertion
 * order is also in due order: the sweep pops from the front and re-appends what it refreshed.
 */
class RefreshSweep {
  readonly #due = new Map<Peer, Due>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: ServerContext) {}

  add(conn: Peer, claims: Claims): void {
    this.#due.delete(conn);
    this.#due.set(conn, { claims, dueAt: this.ctx.now() + this.#intervalMs() });
    if (this.#timer === undefined) this.#arm();
  }

  remove(conn: Peer): void {
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
      this.#due.set(conn, due);
      due.dueAt = now + this.#intervalMs();
      void conn.frames.enqueue(() => this.#refresh(conn, due));
    }
    this.#arm();
  }

  // In the socket's queue, so the `token` frame keeps its place among replies.
  async #refresh(conn: Peer, due: Due): Promise<void> {
    if (conn.closed) return;
    const { sid, gen, name } = due.claims;
    const issued = await this.ctx.sessions.refresh(sid, gen, conn.user?.name ?? name);
    if (!issued) {
      // Revoked or over meanwhile (the revocation broadcast may have been lost): sign in again.
      conn.closeConnection(CloseCode.Unauthorized);
      return;
    }
    due.claims = { ...due.claims, gen: issued.gen };
    conn.send({ type: "token", token: issued.token, expiresAt: issued.expiresAt });
    conn.log.debug({ expiresAt: issued.expiresAt }, "token refreshed");
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
 * Keeps a long-lived connection's identity alive: at 80% of each token's lifetime the session moves
 * to its next generation and the server pushes that `token`, so a reconnect after several lifetimes
 * still resumes as the same user (up to the session's absolute end). The socket's close path must
 * call `stopTokenRefresh`.
 */
export function startTokenRefresh(ctx: ServerContext, conn: Peer, claims: Claims): void {
  sweepOf(ctx).add(conn, claims);
}

/** Forgets a closed connection (and stops the shared timer when none is left). */
export function stopTokenRefresh(ctx: ServerContext, conn: Peer): void {
  sweeps.get(ctx)?.remove(conn);
}
