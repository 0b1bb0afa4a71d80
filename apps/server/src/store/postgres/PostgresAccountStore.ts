import type { User } from "@duplex/protocol";
import type pg from "pg";
import type {
  AccountStore,
  AuditEntry,
  NewSession,
  Role,
  SessionRecord,
  StoredUser,
} from "../AccountStore.js";
import { USER_COLUMNS, toAudit, toStoredUser, type AuditRow } from "../userRows.js";
import {
  SESSION_COLUMNS,
  sessionWithUserSql,
  toSession,
  toSessionWithUser,
  type SessionRow,
} from "../sessionRows.js";
import { PostgresNameIndex } from "./nameIndex.js";
import { preparedRow, type NamedStatement } from "./preparedRow.js";

const GET_USER: NamedStatement = {
  name: "duplex_get_stored_user",
  text: `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`,
};
const GET_SESSION_WITH_USER: NamedStatement = {
  name: "duplex_get_session_with_user",
  text: sessionWithUserSql("$1"),
};
const GET_SESSION: NamedStatement = {
  name: "duplex_get_session",
  text: `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`,
};

/** {@link AccountStore} on the {@link PostgresStore}'s pool (its migration 2). */
export class PostgresAccountStore implements AccountStore {
  readonly #pool: pg.Pool;
  readonly #names: PostgresNameIndex;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#names = new PostgresNameIndex(pool);
  }

  /** Lets the name index's listening connection go (before the pool ends). */
  close(): void {
    this.#names.close();
  }

  async bindName(userId: string, name: string, key: string, now: number): Promise<string> {
    // The insert and the read are one statement: a concurrent binder on another node either lost
    // the insert (and its row is visible to the second SELECT) or won it.
    const { rows } = await this.#pool.query<{ user_id: string }>(
      `WITH ins AS (
         INSERT INTO names (key, user_id, name, bound_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO NOTHING RETURNING user_id
       ) SELECT user_id FROM ins UNION ALL SELECT user_id FROM names WHERE key = $1`,
      [key, userId, name, now],
    );
    const holder = rows[0]?.user_id;
    if (holder !== undefined) {
      this.#names.noteBound(key, holder);
      return holder;
    }
    // Conflicted with a transaction that committed after this statement's snapshot: read again.
    const again = await this.#pool.query<{ user_id: string }>(
      `SELECT user_id FROM names WHERE key = $1`,
      [key],
    );
    const row = again.rows[0];
    if (!row) throw new Error(`name ${key} not bound`);
    return row.user_id;
  }

  async guestsAmong(ids: readonly string[]): Promise<Set<string>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Set();
    const { rows } = await this.#pool.query<{ id: string }>(
      `SELECT id FROM users WHERE guest AND id = ANY($1::text[])`,
      [wanted],
    );
    return new Set(rows.map((r) => r.id));
  }

  async holders(keys: readonly string[]): Promise<Map<string, User>> {
    const found = new Map<string, User>();
    const wanted = [...new Set(keys)];
    if (wanted.length === 0) return found;
    const indexed = this.#names.lookup(wanted);
    // Most mention candidates name nobody: no query at all then.
    if (indexed !== undefined) return this.#usersHolding(indexed);
    const { rows } = await this.#pool.query<{ key: string; id: string; name: string }>(
      `SELECT n.key, u.id, u.name FROM names n JOIN users u ON u.id = n.user_id
       WHERE n.key = ANY($1::text[])`,
      [wanted],
    );
    for (const row of rows) found.set(row.key, { id: row.id, name: row.name });
    return found;
  }

  async #usersHolding(holders: ReadonlyMap<string, string>): Promise<Map<string, User>> {
    const found = new Map<string, User>();
    if (holders.size === 0) return found;
    const { rows } = await this.#pool.query<{ id: string; name: string }>(
      `SELECT id, name FROM users WHERE id = ANY($1::text[])`,
      [[...new Set(holders.values())]],
    );
    const byId = new Map(rows.map((row) => [row.id, row.name]));
    for (const [key, id] of holders) {
      const name = byId.get(id);
      if (name !== undefined) found.set(key, { id, name });
    }
    return found;
  }

  async holderId(key: string): Promise<string | undefined> {
    const { rows } = await this.#pool.query<{ user_id: string }>(
      `SELECT user_id FROM names WHERE key = $1`,
      [key],
    );
    return rows[0]?.user_id;
  }

  async getUser(id: string): Promise<StoredUser | undefined> {
    return preparedRow(this.#pool, GET_USER, [id], toStoredUser);
  }

  async setRole(userId: string, role: Role): Promise<void> {
    await this.#pool.query(`UPDATE users SET role = $1 WHERE id = $2`, [role, userId]);
  }

  async hasOwner(): Promise<boolean> {
    const { rows } = await this.#pool.query(
      `SELECT 1 FROM users WHERE role = 'owner' AND NOT guest LIMIT 1`,
    );
    return rows.length > 0;
  }

  async setBanned(userId: string, at: number | undefined): Promise<void> {
    await this.#pool.query(`UPDATE users SET banned_at = $1 WHERE id = $2`, [at ?? null, userId]);
  }

  async audit(e: AuditEntry): Promise<void> {
    await this.#pool.query(
      `INSERT INTO audit (ts, actor_id, action, target_id, detail) VALUES ($1, $2, $3, $4, $5)`,
      [e.ts, e.actorId, e.action, e.targetId, e.detail],
    );
  }

  async auditLog(limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.#pool.query<AuditRow>(
      `SELECT ts, actor_id, action, target_id, detail FROM audit ORDER BY seq DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toAudit);
  }

  async setPassword(userId: string, hash: string): Promise<void> {
    await this.#pool.query(`UPDATE users SET password_hash = $1, guest = false WHERE id = $2`, [
      hash,
      userId,
    ]);
  }

  async credentials(key: string): Promise<{ user: User; hash: string } | undefined> {
    const { rows } = await this.#pool.query<{ id: string; name: string; password_hash: string }>(
      `SELECT u.id, u.name, u.password_hash FROM names n JOIN users u ON u.id = n.user_id
       WHERE n.key = $1 AND NOT u.guest AND u.password_hash IS NOT NULL`,
      [key],
    );
    const row = rows[0];
    return row && { user: { id: row.id, name: row.name }, hash: row.password_hash };
  }

  async createSession(s: NewSession): Promise<SessionRecord> {
    const { rows } = await this.#pool.query<SessionRow>(
      `INSERT INTO sessions (id, user_id, device, created_at, last_seen_at, expires_at, gen, gen_at,
         prev_gen_until) VALUES ($1, $2, $3, $4, $4, $5, 1, $4, 0) RETURNING ${SESSION_COLUMNS}`,
      [s.id, s.userId, s.device, s.now, s.expiresAt],
    );
    if (!rows[0]) throw new Error("session not created");
    return toSession(rows[0]);
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    return preparedRow(this.#pool, GET_SESSION, [id], toSession);
  }

  async getSessionWithUser(
    id: string,
  ): Promise<{ session: SessionRecord; user?: StoredUser } | undefined> {
    return preparedRow(this.#pool, GET_SESSION_WITH_USER, [id], toSessionWithUser);
  }

  async rotateSession(
    id: string,
    fromGen: number,
    now: number,
    prevGenUntil: number,
  ): Promise<SessionRecord | undefined> {
    await this.#pool.query(
      `UPDATE sessions SET gen = gen + 1, gen_at = $1, prev_gen_until = $2
       WHERE id = $3 AND gen = $4 AND revoked_at IS NULL`,
      [now, prevGenUntil, id, fromGen],
    );
    return this.getSession(id);
  }

  async touchSession(id: string, now: number): Promise<void> {
    await this.#pool.query(`UPDATE sessions SET last_seen_at = $1 WHERE id = $2`, [now, id]);
  }

  async revokeSession(id: string, userId: string, now: number): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      `UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`,
      [now, id, userId],
    );
    return (rowCount ?? 0) > 0;
  }

  async revokeSessionsOf(userId: string, now: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      `UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL
       AND expires_at > $1 RETURNING id`,
      [now, userId],
    );
    return rows.map((r) => r.id);
  }

  async listSessions(userId: string, now: number): Promise<SessionRecord[]> {
    const { rows } = await this.#pool.query<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE user_id = $1 AND revoked_at IS NULL
       AND expires_at > $2 ORDER BY created_at DESC, id`,
      [userId, now],
    );
    return rows.map(toSession);
  }
}
