import type pg from "pg";

/** Runs one writing statement: true when it inserted, updated or deleted at least one row. */
export async function touchesAnyRow(
  db: pg.Pool | pg.PoolClient,
  sql: string,
  values: unknown[],
): Promise<boolean> {
  const { rowCount } = await db.query(sql, values);
  return (rowCount ?? 0) > 0;
}
