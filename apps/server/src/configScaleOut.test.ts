import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { itRejectsVariables } from "../test/support/configRejects.js";

describe("loadConfig: scale-out variables", () => {
  it("reads REDIS_URL and NODE_ID; without them fan-out is in-process and the node id random", () => {
    const config = loadConfig({ REDIS_URL: "redis://127.0.0.1:6390", NODE_ID: "node-a" });
    expect(config.redisUrl).toBe("redis://127.0.0.1:6390");
    expect(config.nodeId).toBe("node-a");
    const plain = loadConfig({});
    expect(plain.redisUrl).toBeUndefined();
    expect(plain.nodeId).toMatch(/^n_[0-9a-f]{8}$/);
    expect(loadConfig({}).nodeId).not.toBe(plain.nodeId);
  });

  itRejectsVariables([
    ["REDIS_URL", "localhost:6379"],
    ["REDIS_URL", "http://localhost:6379"],
    ["NODE_ID", "has space"],
    ["LEAVE_GRACE_MS", "-1"],
  ]);
});
