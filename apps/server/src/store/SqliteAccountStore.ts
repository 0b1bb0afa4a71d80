import type { User } from "@duplex/protocol";
import type Database from "better-sqlite3";
import type {
  AccountStore,
  AuditEntry,
  NewSession,
  Role,
  SessionRecord,
  StoredUser,
} from "./AccountStore.js";
import { USER_COLUMNS, toAudit, toStoredUser, type AuditRow, type UserRow } from "./userRows.js";
import {
  SESSION_COLUMNS,
  sessionWithUserSql,
  toSession,
  toSessionWithUser,
  type SessionRow,
  type SessionUserRow,
} from "./sessionRows.js";
import type { SqliteWrites } from "./sqliteWrites.js";

/** {@link AccountStore} on the {@link SqliteStore}'s database (migrations 3 and 4). */
export class SqliteAccountStore implements AccountStore {
  readonly #db: Database.Database;
  readonly #stmt;
  readonly #writes: SqliteWrites;
  // Name key → holder id, read once and kept in step by bindName: a name is bound for good and only
  // this process writes this file, so every mention resolves without a query (most texts name nobody).
  #holderIds: Map<string, string> | undefined;

  /** `writes` commits the sign-in path's writes (name, session, last use) with others of its turn. */
  constructor(db: Database.Database, writes: SqliteWrites) {
    this.#db = db;
    this.#writes = writes;
    this.#stmt = {
      bind: db.prepare(
        `INSERT INTO names (key, user_id, name, bound_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO NOTHING`,
      ),
      holder: db.prepare<[string], { user_id: string }>(`SELECT user_id FROM names WHERE key = ?`),
      allHolders: db.prepare<[], { key: string; user_id: string }>(
        `SELECT key, user_id FROM names`,
      ),
      user: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`),
      setRole: db.prepare(`UPDATE users SET role = ? WHERE id = ?`),
      hasOwner: db.prepare<[], { one: number }>(
        `SELECT 1 AS one FROM users WHERE role = 'owner' AND guest = 0 LIMIT 1`,
      ),
      setBanned: db.prepare(`UPDATE users SET banned_at = ? WHERE id = ?`),
      audit: db.prepare(
        `INSERT INTO audit (ts, actor_id, action, target_id, detail) VALUES (?, ?, ?, ?, ?)`,
      ),
      auditLog: db.prepare<[number], AuditRow>(
        `SELECT ts, actor_id, action, target_id, detail FROM audit ORDER BY seq DESC LIMIT ?`,
      ),
      setPassword: db.prepare(`UPDATE users SET password_hash = ?, guest = 0 WHERE id = ?`),
      credentials: db.prepare<[string], { id: string; name: string; password_hash: string }>(
        `SELECT u.id, u.name, u.password_hash FROM names n JOIN users u ON u.id = n.user_id
         WHERE n.key = ? AND u.guest = 0 AND u.password_hash IS NOT NULL`,
      ),
      createSession: db.prepare(
        `INSERT INTO sessions (id, user_id, device, created_at, last_seen_at, expires_at, gen,
           gen_at, prev_gen_until) VALUES (?, ?, ?, ?, ?, ?, 1, ?, 0)`,
      ),
      session: db.prepare<[string], SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`,
      ),
      sessionWithUser: db.prepare<[string], SessionUserRow>(sessionWithUserSql("?")),
      rotate: db.prepare(
        `UPDATE sessions SET gen = gen + 1, gen_at = ?, prev_gen_until = ?
         WHERE id = ? AND gen = ? AND revoked_at IS NULL`,
      ),
      touch: db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE id = ?`),
      revoke: db.prepare(
        `UPDATE sessions SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`,
      ),
      revokeAll: db.prepare<[number, string, number], { id: string }>(
        `UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL
         AND expires_at > ? RETURNING id`,
      ),
      list: db.prepare<[string, number], SessionRow>(
        `SELECT ${SESSION_COLUMNS} FROM sessions WHERE user_id = ? AND revoked_at IS NULL
         AND expires_at > ? ORDER BY created_at DESC, id`,
      ),
    };
  }

  async bindName(userId: string, name: string, key: string, now: number): Promise<string> {
    const holder = await this.#writes.run(() => {
      this.#stmt.bind.run(key, userId, name, now);
      const row = this.#stmt.holder.get(key);
      if (!row) throw new Error(`name ${key} not bound`);
      return row.user_id;
    });
    this.#holderIds?.set(key, holder);
    return holder;
  }

  #holderMap(): Map<string, string> {
    this.#holderIds ??= new Map(
      this.#stmt.allHolders.all().map((row) => [row.key, row.user_id] as const),
    );
    return this.#holderIds;
  }

  async holderId(key: string): Promise<string | undefined> {
    return this.#holderMap().get(key);
  }

  async holders(keys: readonly string[]): Promise<Map<string, User>> {
    const holderIds = this.#holderMap();
    const found = new Map<string, User>();
    for (const key of new Set(keys)) {
      const id = holderIds.get(key);
      const row = id === undefined ? undefined : this.#stmt.user.get(id);
      if (row) found.set(key, { id: row.id, name: row.name });
    }
    return found;
  }

  async guestsAmong(ids: readonly string[]): Promise<Set<string>> {
    const guests = new Set<string>();
    for (const id of new Set(ids)) {
      if (this.#stmt.user.get(id)?.guest) guests.add(id);
    }
    return guests;
  }

  async getUser(id: string): Promise<StoredUser | undefined> {
    const row = this.#stmt.user.get(id);
    return row && toStoredUser(row);
  }

  async setRole(userId: string, role: Role): Promise<void> {
    this.#stmt.setRole.run(role, userId);
  }

  async hasOwner(): Promise<boolean> {
    return this.#stmt.hasOwner.get() !== undefined;
  }

  async setBanned(userId: string, at: number | undefined): Promise<void> {
    this.#stmt.setBanned.run(at ?? null, userId);
  }

  async audit(e: AuditEntry): Promise<void> {
    this.#stmt.audit.run(e.ts, e.actorId, e.action, e.targetId, e.detail);
  }

  async auditLog(limit: number): Promise<AuditEntry[]> {
    return this.#stmt.auditLog.all(limit).map(toAudit);
  }

  async setPassword(userId: string, hash: string): Promise<void> {
    this.#stmt.setPassword.run(hash, userId);
  }

  async credentials(key: string): Promise<{ user: User; hash: string } | undefined> {
    const row = this.#stmt.credentials.get(key);
    return row && { user: { id: row.id, name: row.name }, hash: row.password_hash };
  }

  async createSession(s: NewSession): Promise<SessionRecord> {
    return this.#writes.run(() => {
      this.#stmt.createSession.run(s.id, s.userId, s.device, s.now, s.now, s.expiresAt, s.now);
      const row = this.#stmt.session.get(s.id);
      if (!row) throw new Error("session not created");
      return toSession(row);
    });
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const row = this.#stmt.session.get(id);
    return row && toSession(row);
  }

  async getSessionWithUser(
    id: string,
  ): Promise<{ session: SessionRecord; user?: StoredUser } | undefined> {
    const row = this.#stmt.sessionWithUser.get(id);
    return row && toSessionWithUser(row);
  }

  async rotateSession(
    id: string,
    fromGen: number,
    now: number,
    prevGenUntil: number,
  ): Promise<SessionRecord | undefined> {
    this.#stmt.rotate.run(now, prevGenUntil, id, fromGen);
    return this.getSession(id);
  }

  async touchSession(id: string, now: number): Promise<void> {
    await this.#writes.run(() => this.#stmt.touch.run(now, id));
  }

  async revokeSession(id: string, userId: string, now: number): Promise<boolean> {
    return this.#stmt.revoke.run(now, id, userId).changes > 0;
  }

  async revokeSessionsOf(userId: string, now: number): Promise<string[]> {
    return this.#db.transaction(() =>
      this.#stmt.revokeAll.all(now, userId, now).map((r) => r.id),
    )();
  }

  async listSessions(userId: string, now: number): Promise<SessionRecord[]> {
    return this.#stmt.list.all(userId, now).map(toSession);
  }
}
