import { describe, expect, it, vi } from "vitest";
import { TestClient, startTestServer, tempDb } from "../helpers.js";
import { FaultyBus, seeded } from "../support/faultyBroker.js";
import { MemoryPresence } from "../../src/presence/MemoryPresence.js";
import { expectGapFree, idsOf, sendMany } from "./invariants.js";

const SENDERS = 4;
const PER_SENDER = 100;
const TOTAL = SENDERS * PER_SENDER;

describe("gap-free delivery over a faulty broker (no services)", () => {
  it("every socket on two nodes sees 1..N exactly once, in order, despite drops, reorders, duplicates and resets", async () => {
    using db = tempDb();
    const bus = new FaultyBus(
      { drop: 0.15, duplicate: 0.1, reorder: 0.1, reset: 0.02 },
      seeded(Number(process.env.FAULT_SEED ?? 10)),
    );
    // Two nodes on one SQLite file (the shared record) and one faulty bus.
    const node = () =>
      startTestServer(
        { dbPath: db.path, headCheckMs: 50 },
        { scaleOut: { broker: bus.node(), presence: new MemoryPresence() } },
      );
    await using a = await node();
    await using b = await node();
    const clients: TestClient[] = [];
    try {
      for (const server of [a, b, a, b]) {
        const { client } = await TestClient.hello(server.url);
        await client.join("general");
        clients.push(client);
      }
      await Promise.all(clients.map((c, i) => sendMany(c, "general", `s${i}`, PER_SENDER)));
      // Faults stay on to the end: only the head check can deliver a dropped last message.
      for (const client of clients) {
        await vi.waitFor(() => expectGapFree(client, "general", TOTAL), { timeout: 10_000 });
      }
      const order = idsOf(clients[0]!, "general");
      expect(order).toHaveLength(TOTAL);
      for (const client of clients) expect(idsOf(client, "general")).toEqual(order);
      // The faults did happen (else this test proves nothing).
      expect(bus.stats.dropped).toBeGreaterThan(0);
      expect(bus.stats.duplicated).toBeGreaterThan(0);
      expect(bus.stats.reordered).toBeGreaterThan(0);
      expect(bus.stats.resets).toBeGreaterThan(0);
    } finally {
      for (const c of clients) c.close();
    }
  });
});
