import type { Config } from "../config.js";
import { redactUrl } from "./postgres/databaseUrl.js";
import { PostgresStore } from "./postgres/PostgresStore.js";
import { SqliteStore } from "./SqliteStore.js";
import type { Store } from "./Store.js";

/** Where the record lives, for the start-up log line (the Postgres password masked). */
export function storeLabel(config: Pick<Config, "databaseUrl" | "dbPath">): string {
  return config.databaseUrl === undefined
    ? `sqlite:${config.dbPath}`
    : redactUrl(config.databaseUrl);
}

/**
 * The store the config selects: Postgres when `databaseUrl` is set (migrated, reachable, else a
 * `DatabaseStartError` naming the URL), else the SQLite file at `dbPath` (a `DatabaseStartError`
 * naming the file when it cannot be opened, written or migrated).
 */
export async function openStore(
  config: Pick<
    Config,
    "databaseUrl" | "dbPath" | "durability" | "sqliteBusyTimeoutMs" | "sqliteCacheMib"
  >,
): Promise<Store> {
  if (config.databaseUrl !== undefined) return PostgresStore.open(config.databaseUrl);
  return new SqliteStore(config.dbPath, {
    durability: config.durability,
    busyTimeoutMs: config.sqliteBusyTimeoutMs,
    cacheMib: config.sqliteCacheMib,
  });
}
