import { randomBytes } from "node:crypto";
import type { AccountsConfig } from "../accounts/accountsConfig.js";
import type { AccountStore, SessionRecord, StoredUser } from "../store/AccountStore.js";
import { issueToken, verifyToken, type TokenPayload } from "./tokens.js";

/** A verified token and its claims. */
export interface PresentedToken {
  token: string;
  payload: TokenPayload;
}

/** A token to hand out, with the time it stops being accepted. */
export interface IssuedToken {
  token: string;
  expiresAt: number;
  /** The session's refresh generation this token carries. */
  gen: number;
}

/** What a presented token resolved to. */
export type Resumed =
  | {
      ok: true;
      userId: string;
      session: SessionRecord;
      issued: IssuedToken;
      /** The token presented, when its claims were checked (for {@link Sessions.tokenFor}). */
      presented?: PresentedToken;
      /** The user's row, when it was read with the session (one read for `hello`, not two). */
      user?: StoredUser;
    }
  | {
      ok: false;
      reason: string;
      /** The token's user, when its signature was valid. */ userId?: string;
    };

export interface SessionsOptions {
  secret: string;
  tokenTtlMs: number;
  accounts: Pick<AccountsConfig, "sessionMaxAgeMs" | "tokenGraceMs">;
  now(): number;
}

/** Share of a token's lifetime after which presenting it gets a refreshed one. */
export const REFRESH_AT = 0.8;
/** Last use is written at most this often per session (a write per `hello` would be wasteful). */
const TOUCH_EVERY_MS = 60_000;

export const newSessionId = (): string => `s_${randomBytes(16).toString("base64url")}`;

/**
 * Session-backed tokens. A token names a session and a refresh generation; it is a pure function of
 * the session row, so tabs presenting the same token get the same answer, and revoking the row ends
 * every token of it. Tokens of the previous generation stay valid for a grace window after a
 * refresh; no token outlives the session's absolute end.
 */
export class Sessions {
  constructor(
    private readonly store: AccountStore,
    private readonly options: SessionsOptions,
  ) {}

  /** Starts a session for `userId` on `device`. */
  async start(userId: string, name: string, device: string): Promise<Resumed & { ok: true }> {
    const session = await this.create(userId, device);
    return { ok: true, userId, session, issued: this.tokenFor(session, name) };
  }

  /** Stores a new session for `userId` on `device`; its token is {@link tokenFor} once the name is known. */
  async create(userId: string, device: string): Promise<SessionRecord> {
    const now = this.options.now();
    return this.store.createSession({
      id: newSessionId(),
      userId,
      device: device.slice(0, 120) || "unknown device",
      now,
      expiresAt: now + this.options.accounts.sessionMaxAgeMs,
    });
  }

  /**
   * The token of the session's current generation. A `presented` token with exactly these claims is
   * handed back as it is (a returning tab's usual case): the same claims, no second HMAC.
   */
  tokenFor(session: SessionRecord, name: string, presented?: PresentedToken): IssuedToken {
    const expiresAt = Math.min(session.genAt + this.options.tokenTtlMs, session.expiresAt);
    const claims = { sub: session.userId, name, exp: expiresAt, sid: session.id, gen: session.gen };
    const p = presented?.payload;
    const same =
      p?.sub === claims.sub &&
      p.name === claims.name &&
      p.exp === claims.exp &&
      p.sid === claims.sid &&
      p.gen === claims.gen;
    const token =
      same && presented !== undefined ? presented.token : issueToken(this.options.secret, claims);
    return { token, expiresAt, gen: session.gen };
  }

  /**
   * Checks a presented token against its session. A token without a session (issued before
   * sessions existed) starts one, once, for its user; one past `REFRESH_AT` of its life is
   * refreshed. `name` is the user's current name, carried in the token for old clients.
   */
  async resume(
    token: string,
    device: string,
    name?: string,
    /** For a token from before sessions: makes sure its user has a row before a session refers to it. */
    ensureUser?: (id: string, name: string) => Promise<void>,
  ): Promise<Resumed> {
    const now = this.options.now();
    const check = verifyToken(this.options.secret, token, now);
    if (!check.ok) return { ok: false, reason: `token ${check.reason}` };
    const { sub, sid, gen } = check.payload;
    const label = name ?? check.payload.name;
    if (sid === undefined || gen === undefined) {
      if (!ensureUser) return { ok: false, reason: "token without a session" };
      await ensureUser(sub, label);
      return this.start(sub, label, device);
    }
    const read = await this.store.getSessionWithUser(sid);
    let session = read?.session;
    if (session?.userId !== sub) return { ok: false, reason: "unknown session" };
    if (session.revokedAt !== undefined) {
      return { ok: false, reason: "session revoked", userId: sub };
    }
    if (session.expiresAt <= now) return { ok: false, reason: "session expired", userId: sub };
    const current = gen === session.gen;
    const previous = gen === session.gen - 1 && now < session.prevGenUntil;
    if (!current && !previous) return { ok: false, reason: "token replaced", userId: sub };
    if (current && now - session.genAt >= this.options.tokenTtlMs * REFRESH_AT) {
      session = (await this.#rotate(session)) ?? session;
    }
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await this.store.touchSession(sid, now);
    const presented = { token, payload: check.payload };
    return {
      ok: true,
      userId: sub,
      session,
      issued: this.tokenFor(session, label, presented),
      presented,
      ...(read?.user && { user: read.user }),
    };
  }

  /**
   * Checks a token for an HTTP request: its session must be live and the generation current or in
   * grace. Nothing moves (no refresh): the browser's stored token stays the one its sockets use.
   */
  async check(token: string): Promise<{ userId: string; session: SessionRecord } | undefined> {
    const now = this.options.now();
    const check = verifyToken(this.options.secret, token, now);
    if (!check.ok) return undefined;
    const { sub, sid, gen } = check.payload;
    if (sid === undefined || gen === undefined) return undefined;
    const session = await this.store.getSession(sid);
    if (session?.userId !== sub || session.revokedAt !== undefined) return undefined;
    if (session.expiresAt <= now) return undefined;
    const valid = gen === session.gen || (gen === session.gen - 1 && now < session.prevGenUntil);
    return valid ? { userId: sub, session } : undefined;
  }

  /**
   * A fresh token for a live connection holding generation `gen`: the session moves on (or already
   * did, from another tab); undefined once the session is revoked or over.
   */
  async refresh(sid: string, gen: number, name: string): Promise<IssuedToken | undefined> {
    const session = await this.store.getSession(sid);
    if (!session || session.revokedAt !== undefined) return undefined;
    if (session.expiresAt <= this.options.now()) return undefined;
    const next = session.gen === gen ? await this.#rotate(session) : session;
    return next && next.revokedAt === undefined ? this.tokenFor(next, name) : undefined;
  }

  #rotate(session: SessionRecord): Promise<SessionRecord | undefined> {
    const now = this.options.now();
    return this.store.rotateSession(
      session.id,
      session.gen,
      now,
      now + this.options.accounts.tokenGraceMs,
    );
  }
}
