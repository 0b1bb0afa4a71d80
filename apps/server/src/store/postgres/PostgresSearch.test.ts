import pgLib from "pg";
import { describe, expect, it } from "vitest";
import { requirePostgres, postgresForSuite } from "../../../test/support/postgres.js";
import { PostgresStore } from "./PostgresStore.js";

requirePostgres();

describe("Postgres search index", () => {
  const pg = postgresForSuite();

  // In the C locale pg_trgm extracts no trigrams from Chinese: the index would be scanned whole.
  it("indexes Chinese trigrams on the test cluster, and a Chinese query can use the index", async () => {
    const url = await pg.freshDatabase();
    const store = await PostgresStore.open(url, { max: 2 });
    const client = new pgLib.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ t: string[] }>(`SELECT show_trgm('我们今天开会') AS t`);
      expect(rows[0]?.t.length).toBeGreaterThanOrEqual(4);
      await client.query("SET enable_seqscan = off");
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT id FROM messages WHERE text ILIKE '%今天开会%'`,
      );
      const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text).toContain("messages_text_trgm");
      expect(text).toMatch(/Index Cond: \(text ~~\* '%今天开会%'::text\)/);
    } finally {
      await client.end();
      await store.close();
    }
  });
});
