/**
 * Search latency figures: p50/p99 of the first page of a Latin, a 2-character and a 4-character
 * Chinese query over N messages, on SQLite (FTS5 trigram) and Postgres (pg_trgm). Not part of the
 * test run (filling a million messages takes minutes); `test/searchFigures.test.ts` is its smoke.
 *
 *   pnpm --filter @duplex/server bench:search [messages=1000000] [runs=100]
 */
import { searchFigures } from "../test/support/searchFigures.js";

const count = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 100);
const rows = await searchFigures(count, runs, (line) => console.log(line));
console.log(`${count} messages, ${runs} runs per query, limit 20`);
console.table(rows);
