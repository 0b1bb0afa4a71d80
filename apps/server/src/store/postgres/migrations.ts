import type pg from "pg";
import { PG_MIGRATIONS_1_TO_7, type PgMigration } from "./migrations1to7.js";
import { PG_MIGRATIONS_FROM_8 } from "./migrationsFrom8.js";
import { inTransaction } from "./transaction.js";

/**
 * Postgres schema migrations, applied in order and recorded in `migrations`. Append new ones (in
 * migrationsFrom8.ts); never
 * edit one that has shipped. Numbered on their own (not SQLite's ids): migration 1 is the shape
 * SQLite reached after its migrations 1–2, so both stores hold the same data in the same columns.
 *
 * Names and rooms are `COLLATE "C"`: byte order as in SQLite, whatever locale the cluster was created
 * with, so `listRooms` sorts alike and the DM-prefix range scan uses the primary key.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  ...PG_MIGRATIONS_1_TO_7,
  ...PG_MIGRATIONS_FROM_8,
];

// Any constant shared by every node: the advisory lock that serializes migrations between them.
const MIGRATION_LOCK = 0x6475_706c; // "dupl"

/**
 * Applies the missing migrations in one transaction under an advisory lock, so nodes starting
 * together neither race nor half-apply: the second waits, then finds everything recorded.
 * @returns the ids applied now (empty when the schema was current).
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
         applied_at BIGINT NOT NULL)`,
    );
    const { rows } = await client.query<{ id: number }>("SELECT id FROM migrations");
    const applied = new Set(rows.map((r) => r.id));
    const now: number[] = [];
    for (const m of PG_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      await client.query(m.sql);
      if (m.after) await m.after(client);
      await client.query("INSERT INTO migrations (id, name, applied_at) VALUES ($1, $2, $3)", [
        m.id,
        m.name,
        Date.now(),
      ]);
      now.push(m.id);
    }
    return now;
  });
}
