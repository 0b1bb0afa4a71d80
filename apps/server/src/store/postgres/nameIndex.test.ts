import { afterEach, describe, expect, it, vi } from "vitest";
import { postgresForSuite, requirePostgres } from "../../../test/support/postgres.js";
import { migrate } from "./migrations.js";
import { PostgresAccountStore } from "./PostgresAccountStore.js";
import { createPool } from "./pool.js";

requirePostgres();

describe("the name index of two nodes on one Postgres", () => {
  const pg = postgresForSuite();
  const opened: Array<{ accounts: PostgresAccountStore; pool: ReturnType<typeof createPool> }> = [];

  afterEach(async () => {
    for (const { accounts, pool } of opened.splice(0)) {
      accounts.close();
      await pool.end();
    }
  });

  async function twoNodes() {
    const url = await pg.freshDatabase();
    const nodes = [createPool(url, { max: 3 }), createPool(url, { max: 3 })].map((pool) => ({
      pool,
      accounts: new PostgresAccountStore(pool),
    }));
    await migrate(nodes[0]!.pool);
    opened.push(...nodes);
    for (const { pool } of nodes) {
      await pool.query(`INSERT INTO users (id, name, created_at) VALUES ('u_ann', 'Ann', 0),
        ('u_bob', 'Bob', 0) ON CONFLICT DO NOTHING`);
    }
    return nodes as [(typeof nodes)[0], (typeof nodes)[0]];
  }

  /** Waits until `accounts` answers from its index: a lookup of a free key sends no query. */
  async function indexed(node: {
    accounts: PostgresAccountStore;
    pool: ReturnType<typeof createPool>;
  }) {
    const query = vi.spyOn(node.pool, "query");
    await vi.waitFor(async () => {
      query.mockClear();
      expect(await node.accounts.holders(["nobody"])).toEqual(new Map());
      expect(query).not.toHaveBeenCalled();
    });
    query.mockRestore();
  }

  it("answers a name nobody holds without a query, and learns the other node's bindings", async () => {
    const [a, b] = await twoNodes();
    await a.accounts.bindName("u_ann", "Ann", "ann", 1);
    await indexed(b);
    // Loaded after Ann's binding: from the table.
    expect(await b.accounts.holders(["ann", "nobody"])).toEqual(
      new Map([["ann", { id: "u_ann", name: "Ann" }]]),
    );
    // Bound on A after B loaded: through the notification.
    await a.accounts.bindName("u_bob", "Bob", "bob", 2);
    await vi.waitFor(async () =>
      expect(await b.accounts.holders(["bob"])).toEqual(
        new Map([["bob", { id: "u_bob", name: "Bob" }]]),
      ),
    );
  });

  it("queries again while its listening connection is gone, then reloads", async () => {
    const [a, b] = await twoNodes();
    await indexed(b);
    await a.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE query LIKE 'SELECT key, user_id FROM names%' AND pid <> pg_backend_pid()`,
    );
    await a.accounts.bindName("u_ann", "Ann", "ann", 1);
    // Whichever way B answers now (a query while its index reloads, or the reloaded index), it knows Ann.
    await vi.waitFor(async () =>
      expect(await b.accounts.holders(["ann"])).toEqual(
        new Map([["ann", { id: "u_ann", name: "Ann" }]]),
      ),
    );
    await indexed(b);
  });
});
