import { describe, expect, it } from "vitest";
import { TestClient, startTestServer, tempDb } from "./helpers.js";

describe("/metrics", () => {
  it("reports this node's open connections and process metrics in Prometheus text format", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path, nodeId: "node-m" });
    const { client } = await TestClient.hello(server.url, { name: "Mia" });
    try {
      const res = await fetch(`${server.httpUrl}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      const text = await res.text();
      expect(text).toContain('duplex_connections{node="node-m"} 1');
      expect(text).toContain('duplex_gap_fills_total{node="node-m"} 0');
      expect(text).toMatch(/nodejs_eventloop_lag_seconds\{node="node-m"\} \d/);
    } finally {
      client.close();
    }
  });
});
