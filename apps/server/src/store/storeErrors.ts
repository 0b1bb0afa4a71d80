/** A start-up failure of the store, naming the database (password masked) and the cause. */
export class DatabaseStartError extends Error {
  override name = "DatabaseStartError";
}

/**
 * The store cannot take this write now (disk full, locked, read-only, unreachable): nothing was
 * stored, the server stays up, and the same request can be retried later. `message` says why in
 * words an operator and a user understand.
 */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
}

/** SQLite result codes (better-sqlite3 `SqliteError.code`) that mean "not now", with their reason. */
const SQLITE_UNAVAILABLE: readonly [prefix: string, reason: string][] = [
  ["SQLITE_FULL", "the database disk is full"],
  ["SQLITE_BUSY", "the database is locked by another process"],
  ["SQLITE_LOCKED", "the database is locked by another process"],
  ["SQLITE_READONLY", "the database is read-only"],
  ["SQLITE_IOERR", "the database could not write to disk"],
  ["SQLITE_CANTOPEN", "the database file cannot be opened"],
  ["SQLITE_PERM", "the database file may not be written"],
];

function codeOf(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err && typeof err.code === "string"
    ? err.code
    : undefined;
}

/** Why a SQLite error means the database cannot be written now, or undefined for any other error. */
export function sqliteUnavailableReason(err: unknown): string | undefined {
  const code = codeOf(err);
  if (code === undefined) return undefined;
  return SQLITE_UNAVAILABLE.find(([prefix]) => code.startsWith(prefix))?.[1];
}

/** `err` as a {@link StoreUnavailableError} when SQLite says "not now", else `err` unchanged. */
export function fromSqliteError(err: unknown, action: string): unknown {
  const reason = sqliteUnavailableReason(err);
  if (reason === undefined) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new StoreUnavailableError(`${action}: ${reason} (${detail})`, { cause: err });
}

/** Why a PostgreSQL (pg) error means the database cannot be reached now, or undefined for others. */
export function postgresUnavailableReason(err: unknown): string | undefined {
  const code = codeOf(err) ?? "";
  // SQLSTATE 08: connection exception; 57P01-3: shut down, crashed, starting up; 53: out of disk,
  // memory or connections.
  if (code.startsWith("08") || /^57P0[1-3]$/.test(code) || code.startsWith("53")) {
    return code.startsWith("53")
      ? "the database is out of resources"
      : "the database is restarting or unreachable";
  }
  if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH"].includes(code)) {
    return "the database is unreachable";
  }
  const message = err instanceof Error ? err.message : "";
  // pg reports a dropped or never-made connection in words only.
  if (
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  ) {
    return "the database is unreachable";
  }
  return undefined;
}

/** `err` as a {@link StoreUnavailableError} when Postgres cannot be reached, else unchanged. */
export function fromPostgresError(err: unknown, action: string): unknown {
  const reason = postgresUnavailableReason(err);
  if (reason === undefined) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new StoreUnavailableError(`${action}: ${reason} (${detail})`, { cause: err });
}
