import { expect, it, vi } from "vitest";
import type { RunningServer } from "../../src/index.js";
import { TestClient } from "../helpers.js";
import { bothReadyz, describeCluster, readyStatus, startCluster } from "./clusterHarness.js";
import { expectGapFree, sendMany } from "./invariants.js";

/** The outage, bounded for the default run (the scenario is 30 s; the behaviour is the same). */
const OUTAGE_MS = 6_000;
/** Resident memory may grow this much at most while Redis is gone (nodes and clients share the process). */
const RSS_BUDGET_MB = 64;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function metric(node: RunningServer, name: string): Promise<number> {
  const text = await (await fetch(`${node.httpUrl}/metrics`)).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, "m").exec(text)?.[1] ?? 0);
}

describeCluster("Redis gone for a while under two nodes", () => {
  it(`delivers locally throughout a ${OUTAGE_MS / 1000} s outage, then cross-node gap-free, presence rebuilt, memory bounded`, async () => {
    // No periodic head check: local delivery in the outage and the catch-up after it cannot lean on it.
    await using cluster = await startCluster({ headCheckMs: 60_000 });
    const ann = await TestClient.hello(cluster.a.url, { name: "Ann" });
    const cy = await TestClient.hello(cluster.a.url, { name: "Cy" });
    const ben = await TestClient.hello(cluster.b.url, { name: "Ben" });
    for (const m of [ann, cy, ben]) await m.client.join("general");
    await sendMany(ann.client, "general", "warm", 5);

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    try {
      cluster.redis.kill();
      const downAt = Date.now();
      await bothReadyz(cluster, 503);
      // A steady flow from both nodes for the whole outage; every send is acked (the store is up).
      const during = { ann: 0, ben: 0 };
      const flow = async (who: "ann" | "ben", client: TestClient) => {
        while (Date.now() - downAt < OUTAGE_MS) {
          await sendMany(client, "general", `${who}-out-${during[who]}`, 1);
          during[who]++;
        }
      };
      await Promise.all([flow("ann", ann.client), flow("ben", ben.client)]);
      // Local delivery kept up during the outage: Cy (node A) has every one of Ann's messages.
      const annCids = Array.from({ length: during.ann }, (_, i) => `ann-out-${i}-0`);
      await vi.waitFor(() => {
        const got = new Set(
          cy.client.received.flatMap((m) => (m.type === "message" ? [m.cid] : [])),
        );
        expect(annCids.filter((cid) => !got.has(cid))).toEqual([]);
      });
      expect(await readyStatus(cluster.a)).toBe(503);
      const failures =
        (await metric(cluster.a, "duplex_broker_publish_failures_total")) +
        (await metric(cluster.b, "duplex_broker_publish_failures_total"));
      expect(failures).toBeGreaterThan(0);

      await cluster.redis.start();
      const readyMs = await bothReadyz(cluster, 200, 10_000);
      clearInterval(sampler);

      // Cross-node delivery resumed gap-free: everyone holds seq 1..head, Ben has Ann's outage sends.
      const head = 5 + during.ann + during.ben;
      await vi.waitFor(() => {
        for (const m of [ann, cy, ben]) expectGapFree(m.client, "general", head);
      }, 10_000);
      // Presence rebuilt in the restarted (empty) Redis: a newcomer on node B sees all three.
      const late = await TestClient.hello(cluster.b.url, { name: "Late" });
      await vi.waitFor(async () => {
        const joined = await late.client.join("general");
        late.client.send({ type: "leave", room: "general" });
        await late.client.waitFor("left");
        expect(joined.members.map((u) => u.name).sort()).toEqual(["Ann", "Ben", "Cy", "Late"]);
      }, 10_000);
      console.info(
        `redis outage ${OUTAGE_MS} ms: ${during.ann + during.ben} sends acked during it (${failures} publishes failed fast), ` +
          `RSS ${mb(baseline)} MB before, peak ${mb(peak)} MB during (+${mb(peak - baseline)} MB), ` +
          `ready ${readyMs} ms after Redis returned`,
      );
      expect(peak - baseline).toBeLessThan(RSS_BUDGET_MB * 1024 * 1024);
      [ann, cy, ben, late].forEach((m) => m.client.close());
    } finally {
      clearInterval(sampler);
    }
  }, 40_000);
});
