import pg from "pg";

/** Options of {@link createPool}. */
export interface PoolOptions {
  /** Connections per node. Appends are one statement each, so a few connections go far. @default 10 */
  max?: number;
  /** How long to wait for a connection before failing a query. @default 5000 */
  connectionTimeoutMs?: number;
  /** Errors of idle connections (the server restarted, a network blip); the pool replaces them. */
  onIdleError?: (err: Error) => void;
}

const INT8_OID = 20;

/**
 * BIGINT (seq, ts, counts) as a JS number. pg returns int8 as a string by default (it may exceed 2^53);
 * our values are millisecond times and counters, so a value beyond the safe range is a bug, not data.
 */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`BIGINT ${text} exceeds Number.MAX_SAFE_INTEGER`);
  return n;
}

// Per pool rather than pg.types.setTypeParser: no global side effect on other pg users in the process.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A connection pool on `url` with BIGINT parsed as numbers. Opens no connection yet. */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    types,
  });
  // An idle client's error (the server restarted, a network blip) is emitted on the pool; without a
  // listener it would crash the process. The next query gets a fresh connection.
  pool.on("error", (err) => options.onIdleError?.(err));
  return pool;
}

/** The SQLSTATE of a pg error, if it is one. */
export function sqlState(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err && typeof err.code === "string"
    ? err.code
    : undefined;
}

/** The constraint a pg error names, if any (unique violations name theirs). */
export function constraintOf(err: unknown): string | undefined {
  return typeof err === "object" &&
    err !== null &&
    "constraint" in err &&
    typeof err.constraint === "string"
    ? err.constraint
    : undefined;
}

export const UNIQUE_VIOLATION = "23505";
