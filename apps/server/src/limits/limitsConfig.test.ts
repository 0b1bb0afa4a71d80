import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { DEFAULT_ABUSE_LIMITS } from "./limitsConfig.js";

describe("abuse limits and secrets in the configuration", () => {
  it("uses the default limits when nothing is set", () => {
    expect(loadConfig({}).limits).toEqual(DEFAULT_ABUSE_LIMITS);
  });

  it("reads each limit from its variable, 0 turning it off", () => {
    const { limits } = loadConfig({
      RATE_SEND_PER_SEC: "3",
      RATE_SEND_BURST: "7",
      RATE_FRAMES_PER_SEC: "0",
      MAX_CONNECTIONS_PER_IP: "9",
      HANDSHAKES_PER_SEC: "2",
      MAX_BUFFERED_BYTES: "1048576",
    });
    expect(limits.rate).toMatchObject({ sendPerSecond: 3, sendBurst: 7, framesPerSecond: 0 });
    expect(limits.connections).toMatchObject({ maxPerIp: 9, handshakesPerSecond: 2 });
    expect(limits.maxBufferedBytes).toBe(1_048_576);
  });

  it("ABUSE_LIMITS=off turns every rate and connection limit off", () => {
    const { limits } = loadConfig({ ABUSE_LIMITS: "off" });
    expect(limits.rate.framesPerSecond + limits.rate.sendPerSecond).toBe(0);
    expect(limits.connections.maxPerIp + limits.connections.handshakesPerSecond).toBe(0);
  });

  it("names a bad limit value", () => {
    expect(() => loadConfig({ RATE_SEND_PER_SEC: "fast" })).toThrow(/RATE_SEND_PER_SEC/);
  });

  it("refuses to start in production without TOKEN_SECRET, with a message naming it", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /TOKEN_SECRET: required when NODE_ENV=production/,
    );
    const ok = loadConfig({ NODE_ENV: "production", TOKEN_SECRET: "s".repeat(32) });
    expect(ok.tokenSecret).toBe("s".repeat(32));
  });

  it("allows a missing TOKEN_SECRET outside production (the server warns and uses a random one)", () => {
    expect(loadConfig({ NODE_ENV: "development" }).tokenSecret).toBeUndefined();
  });
});
