import { describe, expect, it } from "vitest";
import { DEFAULT_ABUSE_LIMITS, abuseLimitsFromEnv } from "../src/limits/limitsConfig.js";
import { TestClient, startTestServer, tempDb } from "./helpers.js";

describe("welcome announces the write rate limit", () => {
  it("carries the configured send bucket so clients can pace under it", async () => {
    using db = tempDb();
    const d = DEFAULT_ABUSE_LIMITS;
    await using server = await startTestServer({
      dbPath: db.path,
      limits: { ...d, rate: { ...d.rate, sendPerSecond: 7, sendBurst: 30 } },
    });
    const { client, welcome } = await TestClient.hello(server.url);
    using _ = client;
    expect(welcome.limits).toEqual({ sendPerSecond: 7, sendBurst: 30 });
  });

  it("leaves limits out when ABUSE_LIMITS=off", async () => {
    using db = tempDb();
    await using server = await startTestServer({
      dbPath: db.path,
      limits: abuseLimitsFromEnv({ ABUSE_LIMITS: "off" }),
    });
    const { client, welcome } = await TestClient.hello(server.url);
    using _ = client;
    expect(welcome).not.toHaveProperty("limits");
  });
});
