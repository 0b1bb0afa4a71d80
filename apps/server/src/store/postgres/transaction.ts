import type pg from "pg";

/**
 * Runs `work` in one transaction on a connection of its own: COMMIT when it returns, ROLLBACK when it
 * throws, and the connection back to the pool either way. A return before any write (a refusal after
 * a `FOR UPDATE` check) commits nothing and releases the lock like a rollback would.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    // The error that matters is the one that got us here, not a failed rollback on a broken link.
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
