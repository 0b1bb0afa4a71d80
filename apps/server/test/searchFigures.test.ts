import { describe, expect, it } from "vitest";
import { requirePostgres } from "./support/postgres.js";
import { FIGURE_QUERIES, searchFigures } from "./support/searchFigures.js";

requirePostgres();

// The smoke of `pnpm --filter @duplex/server bench:search`: the same code over a small corpus.
describe("search figures (smoke)", () => {
  it("measures every query on both stores, and each finds hits", async () => {
    const rows = await searchFigures(3_000, 3);
    expect(rows.map((r) => [r.store, r.query])).toEqual(
      ["SQLite", "Postgres"].flatMap((store) => FIGURE_QUERIES.map((q) => [store, q])),
    );
    for (const row of rows) {
      expect(row.p99Ms).toBeGreaterThanOrEqual(row.p50Ms);
      expect(row.hits, `${row.store} ${row.query}`).toBeGreaterThan(0);
    }
  }, 120_000);
});
