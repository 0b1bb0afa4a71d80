import type Database from "better-sqlite3";

/** One schema migration: `after` runs in the same transaction, for data only code can compute. */
export interface Migration {
  id: number;
  name: string;
  sql: string;
  after?: (db: Database.Database) => void;
}
