import { ErrorCode, SUBPROTOCOL } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../src/config.js";
import { TEST_SECRET, TestClient, refusedUpgrade } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

const METRICS_TOKEN = "metrics-token-0123456789-abcdefghij";

/** The settings `NODE_ENV=production` gives, plus `env`, as the CLI would load them. */
function production(env: Record<string, string> = {}): Partial<Config> {
  const {
    port: _p,
    dbPath: _d,
    webDist: _w,
    logLevel: _l,
    ...config
  } = loadConfig({
    NODE_ENV: "production",
    TOKEN_SECRET: TEST_SECRET,
    GUESTS: "on",
    ...env,
  });
  return config;
}

describe("/metrics and /readyz in production", () => {
  it("does not serve /metrics on the public port without METRICS_TOKEN or METRICS_PORT", async () => {
    await using world = await testWorld({ config: production() });
    expect((await fetch(`${world.server.httpUrl}/metrics`)).status).toBe(404);
    expect(world.server.metricsUrl).toBeUndefined();
  });

  it("serves /metrics only with the METRICS_TOKEN bearer", async () => {
    await using world = await testWorld({ config: { ...production({ METRICS_TOKEN }) } });
    const anonymous = await fetch(`${world.server.httpUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain("duplex_connections");
    const wrong = await fetch(`${world.server.httpUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${world.server.httpUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("duplex_connections");
  });

  it("serves /metrics on METRICS_PORT and not on the public port", async () => {
    await using world = await testWorld({ config: { ...production({ METRICS_PORT: "0" }) } });
    expect((await fetch(`${world.server.httpUrl}/metrics`)).status).toBe(404);
    expect(world.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const own = await fetch(`${world.server.metricsUrl}/metrics`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("duplex_connections");
    expect((await fetch(`${world.server.metricsUrl}/healthz`)).status).toBe(404);
  });

  it("keeps /metrics open in development with no configuration", async () => {
    await using world = await testWorld();
    expect((await fetch(`${world.server.httpUrl}/metrics`)).status).toBe(200);
  });

  it("answers /readyz with ready or not only: no node id, version or checks", async () => {
    await using world = await testWorld({ config: { ...production({ NODE_ID: "node-secret" }) } });
    const res = await fetch(`${world.server.httpUrl}/readyz`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: "ready" });
    expect(text).not.toContain("node-secret");
  });
});

describe("the stats topic in production", () => {
  it("refuses guests and members with unauthorized, and lets the owner and admins subscribe", async () => {
    await using world = await testWorld({ config: production() });
    // The first account is the owner.
    const [owner, member] = await world.accounts("olga", "mike");

    const guest = await world.hello({ name: "Guest" });
    guest.client.send({ type: "subscribe", topic: "stats", ref: "g1" });
    const refused = await guest.client.waitFor("error", (m) => m.ref === "g1");
    expect(refused.code).toBe(ErrorCode.Unauthorized);

    const asMember = await world.hello({ token: member.token });
    asMember.client.send({ type: "subscribe", topic: "stats", ref: "m1" });
    expect((await asMember.client.waitFor("error", (m) => m.ref === "m1")).code).toBe(
      ErrorCode.Unauthorized,
    );

    const asOwner = await world.hello({ token: owner.token });
    asOwner.client.send({ type: "subscribe", topic: "stats", ref: "o1" });
    await asOwner.client.waitFor("subscribed", (m) => m.ref === "o1");
    expect((await asOwner.client.waitFor("data", () => true, 2_500)).topic).toBe("stats");
    // Nobody refused ever gets a sample.
    await guest.client.roundTrip();
    expect(guest.client.received.some((m) => m.type === "data")).toBe(false);
    expect(asMember.client.received.some((m) => m.type === "data")).toBe(false);
  });
});

describe("browser origins in production", () => {
  it("refuses the dev origins when ALLOWED_ORIGINS is unset, and accepts the page's own", async () => {
    await using world = await testWorld({ config: production() });
    for (const origin of [
      "http://localhost:5173",
      "http://127.0.0.1:5173",
      "http://localhost:8080",
    ]) {
      const refusal = await refusedUpgrade(world.server.url, [SUBPROTOCOL], { Origin: origin });
      expect(refusal.status, origin).toBe(403);
    }
    // The page served by this server (or by the proxy in front, which passes Host on).
    using own = await TestClient.connect(world.server.url, {
      headers: { Origin: "https://chat.example.com", Host: "chat.example.com" },
    });
    expect(own.ws.protocol).toBe(SUBPROTOCOL);
    const foreign = await refusedUpgrade(world.server.url, [SUBPROTOCOL], {
      Origin: "https://evil.example",
      Host: "chat.example.com",
    });
    expect(foreign.status).toBe(403);
  });

  it("still accepts the dev server's origin in development", async () => {
    await using world = await testWorld();
    using dev = await world.connect({ origin: "http://localhost:5173" });
    expect(dev.ws.protocol).toBe(SUBPROTOCOL);
  });
});
