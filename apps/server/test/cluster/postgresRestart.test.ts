import pg from "pg";
import { expect, it, vi } from "vitest";
import { TestClient } from "../helpers.js";
import { requirePostgres } from "../support/postgres.js";
import { bothReadyz, describeCluster, startCluster } from "./clusterHarness.js";
import { expectGapFree } from "./invariants.js";
import { sendWithOutbox } from "../support/outboxSender.js";

const PER_SENDER = 40;

const acksOf = (client: TestClient) => client.received.filter((m) => m.type === "ack").length;

describeCluster("PostgreSQL restarted while two nodes send", () => {
  it("acks nothing while it is down, fails /readyz, reconnects by itself, and stores every message once, in order, gap-free", async () => {
    requirePostgres();
    await using cluster = await startCluster();
    const postgres = cluster.postgres!;
    const ann = await TestClient.hello(cluster.a.url, { name: "Ann" });
    const ben = await TestClient.hello(cluster.b.url, { name: "Ben" });
    await ann.client.join("general");
    await ben.client.join("general");
    const sending = Promise.all([
      sendWithOutbox(ann.client, "general", "ann", PER_SENDER),
      sendWithOutbox(ben.client, "general", "ben", PER_SENDER),
    ]);
    await vi.waitFor(() => expect(acksOf(ann.client) + acksOf(ben.client)).toBeGreaterThan(20));

    postgres.stopServer();
    const readyzFailedMs = await bothReadyz(cluster, 503);
    const body = (await (await fetch(`${cluster.a.httpUrl}/readyz`)).json()) as {
      checks: { store: string };
    };
    expect(body.checks.store).not.toBe("ok");
    // While it is down each sender's message is refused (its outbox keeps it) and none is acked.
    const acked = acksOf(ann.client) + acksOf(ben.client);
    const refusedSince = (c: TestClient) =>
      c.received.filter((m) => m.type === "error" && m.message.startsWith("message not stored"))
        .length;
    const before = [refusedSince(ann.client), refusedSince(ben.client)];
    // A refused sender retries after the error's retryAfterMs (1 s): wait past it.
    await vi.waitFor(
      () => {
        expect(refusedSince(ann.client)).toBeGreaterThan(before[0]!);
        expect(refusedSince(ben.client)).toBeGreaterThan(before[1]!);
      },
      { timeout: 5_000 },
    );
    expect(acksOf(ann.client) + acksOf(ben.client)).toBe(acked);
    // Both nodes are still up.
    expect((await fetch(`${cluster.a.httpUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${cluster.b.httpUrl}/healthz`)).status).toBe(200);

    postgres.startServer();
    const readyAgainMs = await bothReadyz(cluster, 200, 10_000);
    const [annRun, benRun] = await sending;

    // The record: every message once, seqs 1..N with no gap, each sender's messages in its order.
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ cid: string; seq: number }>(
      `SELECT cid, seq::int AS seq FROM messages WHERE room = 'general' ORDER BY seq`,
    );
    await db.end();
    const total = 2 * PER_SENDER;
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.cid)).size).toBe(total);
    for (const label of ["ann", "ben"]) {
      const mine = rows.filter((r) => r.cid.startsWith(`${label}-`)).map((r) => r.cid);
      expect(mine).toEqual(Array.from({ length: PER_SENDER }, (_, i) => `${label}-${i}`));
    }
    // Each ack names the stored row; both clients saw the room gap-free.
    const stored = new Map(rows.map((r) => [r.cid, r.seq]));
    for (const a of [...annRun.acks, ...benRun.acks]) expect(a.seq).toBe(stored.get(a.cid));
    await vi.waitFor(() => {
      expectGapFree(ann.client, "general", total);
      expectGapFree(ben.client, "general", total);
    });
    console.info(
      `postgres restart: /readyz 503 on both nodes ${readyzFailedMs} ms after the stop, 200 again ${readyAgainMs} ms after the start; ` +
        `${annRun.refusals.length + benRun.refusals.length} sends refused and retried, ${total} stored once, seq 1..${total}`,
    );
    ann.client.close();
    ben.client.close();
  }, 30_000);
});
