import type { AuditAction, User } from "@duplex/protocol";

/** A user as the server keeps it: the public {@link User} plus whether it is a guest. */
/** Account roles; a guest has none (it is `guest`). */
export type Role = "owner" | "admin" | "member";

export interface StoredUser {
  id: string;
  name: string;
  guest: boolean;
  role: Role;
  /** When the user was banned; absent when not banned. */
  bannedAt?: number;
}

/** One moderation action, as the audit log keeps it. */
export interface AuditEntry {
  ts: number;
  actorId: string;
  action: AuditAction;
  targetId: string;
  /** Free text, e.g. the new role. */
  detail: string;
}

/** A sign-in session: what a token names, so revoking the row ends every token issued for it. */
export interface SessionRecord {
  id: string;
  userId: string;
  /** A label for the device list (from the User-Agent), not trusted for anything. */
  device: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end: no refresh carries a token past it. */
  expiresAt: number;
  revokedAt?: number;
  /** Refresh generation of the current token. */
  gen: number;
  /** When the current generation was issued. */
  genAt: number;
  /** Until when a token of generation `gen - 1` is still accepted. */
  prevGenUntil: number;
}

export interface NewSession {
  id: string;
  userId: string;
  device: string;
  now: number;
  expiresAt: number;
}

/**
 * Identity and sessions: who holds which name, account credentials, sign-in sessions. Part of the
 * {@link Store} seam (`store.accounts`); every method returns a Promise and is awaited.
 */
export interface AccountStore {
  /**
   * Gives `name` (by its `key`, see nameKey) to `userId` for good if nobody holds it; returns the id of
   * the holder afterwards (`userId` itself when it got the name or already had it).
   */
  bindName(userId: string, name: string, key: string, now: number): Promise<string>;
  /** For each key held by someone: the holder under its current name. */
  holders(keys: readonly string[]): Promise<Map<string, User>>;
  /** The id of the user holding `key`, if anyone does (no user row read: a returning guest's check). */
  holderId(key: string): Promise<string | undefined>;
  /** Which of these users are guests (unknown ids are not). */
  guestsAmong(ids: readonly string[]): Promise<Set<string>>;
  /** The user with its guest flag. */
  getUser(id: string): Promise<StoredUser | undefined>;
  /** Sets an account's role. */
  setRole(userId: string, role: Role): Promise<void>;
  /** Whether any account is the owner. */
  hasOwner(): Promise<boolean>;
  /** Bans (`at` a time) or unbans (`undefined`) a user. */
  setBanned(userId: string, at: number | undefined): Promise<void>;
  /** Appends to the audit log. */
  audit(entry: AuditEntry): Promise<void>;
  /** The latest `limit` audit entries, newest first. */
  auditLog(limit: number): Promise<AuditEntry[]>;
  /** Makes a user an account with this password hash (no longer a guest). */
  setPassword(userId: string, hash: string): Promise<void>;
  /** The password hash of the account holding `key`, or undefined (no such account, or a guest). */
  credentials(key: string): Promise<{ user: User; hash: string } | undefined>;

  createSession(session: NewSession): Promise<SessionRecord>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** The session and its user's row, read together (`hello`'s two reads in one). */
  getSessionWithUser(
    id: string,
  ): Promise<{ session: SessionRecord; user?: StoredUser } | undefined>;
  /**
   * Moves the session to generation `fromGen + 1` if it is still at `fromGen`, keeping `fromGen`
   * valid until `prevGenUntil`; returns the session afterwards (whoever moved it).
   */
  rotateSession(
    id: string,
    fromGen: number,
    now: number,
    prevGenUntil: number,
  ): Promise<SessionRecord | undefined>;
  /** Stamps last use. */
  touchSession(id: string, now: number): Promise<void>;
  /** Revokes the session if it belongs to `userId` and is live; returns whether it did. */
  revokeSession(id: string, userId: string, now: number): Promise<boolean>;
  /** Revokes every live session of the user; returns their ids. */
  revokeSessionsOf(userId: string, now: number): Promise<string[]>;
  /** The user's live sessions (not revoked, not expired), newest first. */
  listSessions(userId: string, now: number): Promise<SessionRecord[]>;
}
