import { describe, expect, it } from "vitest";

import { testWorld } from "./support/testWorld.js";

describe("/metrics", () => {
  it("reports this node's open connections and process metrics in Prometheus text format", async () => {
    await using world = await testWorld({ config: { nodeId: "node-m" } });
    const { client } = await world.hello({ name: "Mia" });
    try {
      const res = await fetch(`${world.server.httpUrl}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      const text = await res.text();
      expect(text).toContain('duplex_connections{node="node-m"} 1');
      expect(text).toContain('duplex_gap_fills_total{node="node-m"} 0');
      expect(text).toMatch(/nodejs_eventloop_lag_seconds\{node="node-m"\} \d/);
      // The test runner is not started by bin/start.sh: glibc's malloc (the script's own test
      // checks the jemalloc side).
      expect(text).toMatch(/duplex_malloc_info\{[^}]*malloc="system"[^}]*\} 1/);
    } finally {
      client.close();
    }
  });

  it("counts frames, deliveries and store latency of a chat exchange", async () => {
    await using world = await testWorld({ config: { nodeId: "node-m" } });
    const { client } = await world.hello({ name: "Mia" });
    await client.join("general");
    client.send({ type: "send", room: "general", cid: "c1", text: "hello" });
    await client.waitFor("message");
    // A room that never stored a message is joined without a page read: Noa's join, after Mia's
    // message, reads one.
    const { client: noa } = await world.hello({ name: "Noa" });
    await noa.join("general");
    noa.close();

    const text = await (await fetch(`${world.server.httpUrl}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(text)?.[1]);
    // hello, join, send
    expect(value('duplex_frames_in_total\\{node="node-m"\\}')).toBeGreaterThanOrEqual(3);
    // welcome, joined, ack, message
    expect(value('duplex_frames_out_total\\{node="node-m"\\}')).toBeGreaterThanOrEqual(4);
    // Frames of one tick share a write: never more writes than frames.
    const flushes = Number(/^duplex_socket_flushes_total\{node="node-m"\} (\d+)$/m.exec(text)?.[1]);
    expect(flushes).toBeGreaterThanOrEqual(1);
    expect(flushes).toBeLessThanOrEqual(value('duplex_frames_out_total\\{node="node-m"\\}'));
    expect(value('duplex_deliveries_total\\{node="node-m"\\}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('duplex_volatile_dropped_total{node="node-m"} 0');
    expect(text).toContain('duplex_store_seconds_count{node="node-m",op="append"} 1');
    expect(text).toMatch(/duplex_store_seconds_count\{node="node-m",op="page"\} [1-9]/);
    expect(text).toContain('duplex_broker_resets_total{node="node-m"}');
  });
});
