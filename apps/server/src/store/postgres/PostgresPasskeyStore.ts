import type pg from "pg";
import type { NewPasskey, PasskeyRecord, PasskeyStore, StoredChallenge } from "../PasskeyStore.js";
import {
  PASSKEY_COLUMNS,
  PASSKEY_INSERT_COLUMNS,
  passkeyValues,
  toChallenge,
  toPasskey,
  type ChallengeRow,
  type PasskeyRow,
} from "../passkeyRows.js";
import { touchesAnyRow } from "./touchesAnyRow.js";

/** {@link PasskeyStore} on the {@link PostgresStore}'s pool (its migration 5). */
export class PostgresPasskeyStore implements PasskeyStore {
  constructor(private readonly pool: pg.Pool) {}

  async addPasskey(p: NewPasskey): Promise<boolean> {
    return touchesAnyRow(
      this.pool,
      `INSERT INTO passkeys (${PASSKEY_INSERT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      passkeyValues(p),
    );
  }

  async getPasskey(id: string): Promise<PasskeyRecord | undefined> {
    const { rows } = await this.pool.query<PasskeyRow>(
      `SELECT ${PASSKEY_COLUMNS} FROM passkeys WHERE id = $1`,
      [id],
    );
    return rows[0] && toPasskey(rows[0]);
  }

  async listPasskeys(userId: string): Promise<PasskeyRecord[]> {
    const { rows } = await this.pool.query<PasskeyRow>(
      `SELECT ${PASSKEY_COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY created_at DESC, id`,
      [userId],
    );
    return rows.map(toPasskey);
  }

  async removePasskey(id: string, userId: string): Promise<boolean> {
    return touchesAnyRow(this.pool, `DELETE FROM passkeys WHERE id = $1 AND user_id = $2`, [
      id,
      userId,
    ]);
  }

  async usePasskey(id: string, counter: number, now: number): Promise<boolean> {
    // One conditional UPDATE: two nodes verifying the same assertion cannot both move the counter.
    return touchesAnyRow(
      this.pool,
      `UPDATE passkeys SET counter = $1, last_used_at = $2
       WHERE id = $3 AND (counter < $1 OR (counter = 0 AND $1 = 0))`,
      [counter, now, id],
    );
  }

  async putChallenge(c: StoredChallenge, now: number, max: number): Promise<boolean> {
    await this.pool.query(`DELETE FROM webauthn_challenges WHERE expires_at <= $1`, [now]);
    // The count and the insert in one statement; concurrent inserts may overshoot `max` by a few.
    return touchesAnyRow(
      this.pool,
      `INSERT INTO webauthn_challenges (challenge, purpose, user_id, expires_at)
       SELECT $1, $2, $3, $4 WHERE (SELECT count(*) FROM webauthn_challenges) < $5`,
      [c.challenge, c.purpose, c.userId ?? null, c.expiresAt, max],
    );
  }

  async takeChallenge(challenge: string, now: number): Promise<StoredChallenge | undefined> {
    const { rows } = await this.pool.query<ChallengeRow>(
      `DELETE FROM webauthn_challenges WHERE challenge = $1
       RETURNING challenge, purpose, user_id, expires_at`,
      [challenge],
    );
    const taken = rows[0] && toChallenge(rows[0]);
    return taken && taken.expiresAt > now ? taken : undefined;
  }
}
