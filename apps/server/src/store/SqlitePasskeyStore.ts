import type Database from "better-sqlite3";
import type { NewPasskey, PasskeyRecord, PasskeyStore, StoredChallenge } from "./PasskeyStore.js";
import {
  PASSKEY_COLUMNS,
  PASSKEY_INSERT_COLUMNS,
  passkeyValues,
  toChallenge,
  toPasskey,
  type ChallengeRow,
  type PasskeyRow,
} from "./passkeyRows.js";

/** {@link PasskeyStore} on the {@link SqliteStore}'s database (migration 7). */
export class SqlitePasskeyStore implements PasskeyStore {
  readonly #stmt;

  constructor(private readonly db: Database.Database) {
    this.#stmt = {
      add: db.prepare(
        `INSERT INTO passkeys (${PASSKEY_INSERT_COLUMNS})
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
      ),
      get: db.prepare<[string], PasskeyRow>(`SELECT ${PASSKEY_COLUMNS} FROM passkeys WHERE id = ?`),
      list: db.prepare<[string], PasskeyRow>(
        `SELECT ${PASSKEY_COLUMNS} FROM passkeys WHERE user_id = ? ORDER BY created_at DESC, id`,
      ),
      remove: db.prepare(`DELETE FROM passkeys WHERE id = ? AND user_id = ?`),
      use: db.prepare(
        `UPDATE passkeys SET counter = ?, last_used_at = ?
         WHERE id = ? AND (counter < ? OR (counter = 0 AND ? = 0))`,
      ),
      sweep: db.prepare(`DELETE FROM webauthn_challenges WHERE expires_at <= ?`),
      waiting: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM webauthn_challenges`),
      put: db.prepare(
        `INSERT INTO webauthn_challenges (challenge, purpose, user_id, expires_at)
         VALUES (?, ?, ?, ?)`,
      ),
      take: db.prepare<[string], ChallengeRow>(
        `DELETE FROM webauthn_challenges WHERE challenge = ?
         RETURNING challenge, purpose, user_id, expires_at`,
      ),
    };
  }

  async addPasskey(p: NewPasskey): Promise<boolean> {
    const { changes } = this.#stmt.add.run(...passkeyValues(p));
    return changes > 0;
  }

  async getPasskey(id: string): Promise<PasskeyRecord | undefined> {
    const row = this.#stmt.get.get(id);
    return row && toPasskey(row);
  }

  async listPasskeys(userId: string): Promise<PasskeyRecord[]> {
    return this.#stmt.list.all(userId).map(toPasskey);
  }

  async removePasskey(id: string, userId: string): Promise<boolean> {
    return this.#stmt.remove.run(id, userId).changes > 0;
  }

  async usePasskey(id: string, counter: number, now: number): Promise<boolean> {
    return this.#stmt.use.run(counter, now, id, counter, counter).changes > 0;
  }

  async putChallenge(c: StoredChallenge, now: number, max: number): Promise<boolean> {
    return this.db.transaction(() => {
      this.#stmt.sweep.run(now);
      if ((this.#stmt.waiting.get()?.n ?? 0) >= max) return false;
      this.#stmt.put.run(c.challenge, c.purpose, c.userId ?? null, c.expiresAt);
      return true;
    })();
  }

  async takeChallenge(challenge: string, now: number): Promise<StoredChallenge | undefined> {
    const row = this.#stmt.take.get(challenge);
    const taken = row && toChallenge(row);
    return taken && taken.expiresAt > now ? taken : undefined;
  }
}
