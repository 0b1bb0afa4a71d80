import { describe, expect, it } from "vitest";
import { DEFAULT_ABUSE_LIMITS, abuseLimitsFromEnv } from "../src/limits/limitsConfig.js";
import { testWorld } from "./support/testWorld.js";

describe("welcome announces the write rate limit", () => {
  it("carries the configured send bucket so clients can pace under it", async () => {
    const d = DEFAULT_ABUSE_LIMITS;
    await using world = await testWorld({
      config: { limits: { ...d, rate: { ...d.rate, sendPerSecond: 7, sendBurst: 30 } } },
    });
    const { client, welcome } = await world.hello();
    using _ = client;
    expect(welcome.limits).toEqual({ sendPerSecond: 7, sendBurst: 30 });
  });

  it("leaves limits out when ABUSE_LIMITS=off", async () => {
    await using world = await testWorld({
      config: {
        limits: abuseLimitsFromEnv({ ABUSE_LIMITS: "off" }),
      },
    });
    const { client, welcome } = await world.hello();
    using _ = client;
    expect(welcome).not.toHaveProperty("limits");
  });
});
