// What the server benches use to count SQLite statements: by SQL text, with the time spent in each.
import Database from "better-sqlite3";

export interface StatementCount {
  calls: number;
  ns: bigint;
}

/**
 * Counts every SQLite statement this process runs between `start` and `stop`, keyed by its SQL
 * (whitespace folded, first 90 characters). Every prepared statement of the process shares one
 * prototype, so patching it there sees all of them (only this checkout's copy of better-sqlite3).
 */
export function countStatements(): {
  counts: Map<string, StatementCount>;
  start(): void;
  stop(): void;
} {
  const counts = new Map<string, StatementCount>();
  let counting = false;
  const probe = new Database(":memory:");
  const statementProto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  probe.close();
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = statementProto[method];
    if (!original) continue;
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      if (!counting) return original.apply(this, args);
      const started = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const sql = this.source.replace(/\s+/g, " ").trim().slice(0, 90);
        const entry = counts.get(sql) ?? { calls: 0, ns: 0n };
        entry.calls++;
        entry.ns += process.hrtime.bigint() - started;
        counts.set(sql, entry);
      }
    };
  }
  return {
    counts,
    start: () => void (counting = true),
    stop: () => void (counting = false),
  };
}
