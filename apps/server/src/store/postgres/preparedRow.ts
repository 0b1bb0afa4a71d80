import type pg from "pg";

/** A statement Postgres prepares once per connection, by name: for reads on every sign-in and join. */
export interface NamedStatement {
  name: string;
  text: string;
}

/** The first row `statement` reads with `values`, mapped by `map`; undefined when there is none. */
export async function preparedRow<Row extends pg.QueryResultRow, T>(
  db: pg.Pool | pg.PoolClient,
  statement: NamedStatement,
  values: unknown[],
  map: (row: Row) => T,
): Promise<T | undefined> {
  const { rows } = await db.query<Row>({ ...statement, values });
  const row = rows[0];
  return row === undefined ? undefined : map(row);
}
