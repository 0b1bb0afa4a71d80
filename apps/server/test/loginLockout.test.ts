import { describe, expect, it } from "vitest";

import { testWorld } from "./support/testWorld.js";
import { GOOD_PASSWORD, api, registerAccount } from "./accountsHttp.js";

const p50 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? 0;

describe("login lockout, as an attacker and the real user see it", () => {
  it("30 wrong passwords for one name from one address: 5 × 401, then 25 × 429 with Retry-After; the real user elsewhere gets in", async () => {
    await using world = await testWorld();
    await registerAccount(world.server.httpUrl, "alice");
    const statuses: number[] = [];
    const retryAfter: number[] = [];
    const took: Record<number, number[]> = {};
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const res = await api(world.server.httpUrl, "POST", "/api/auth/login", {
        body: { name: "alice", password: `wrong-password-${i}` },
        from: "127.0.0.1",
      });
      (took[res.status] ??= []).push(performance.now() - started);
      statuses.push(res.status);
      if (res.status === 429) retryAfter.push(Number(res.headers["retry-after"]));
    }
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(25).fill(429)]);
    // The rest of the 15-minute window, in seconds.
    expect(Math.min(...retryAfter)).toBeGreaterThan(880);
    expect(Math.max(...retryAfter)).toBeLessThanOrEqual(900);
    // Even the right password is refused from that address while locked.
    const locked = await api(world.server.httpUrl, "POST", "/api/auth/login", {
      body: { name: "alice", password: GOOD_PASSWORD },
      from: "127.0.0.1",
    });
    expect(locked.status).toBe(429);

    const started = performance.now();
    const real = await api(world.server.httpUrl, "POST", "/api/auth/login", {
      body: { name: "alice", password: GOOD_PASSWORD },
      from: "127.0.0.2",
    });
    const realMs = performance.now() - started;
    expect(real.status).toBe(200);
    console.info(
      `lockout: ${statuses.filter((s) => s === 401).length}×401 (p50 ${p50(took[401] ?? []).toFixed(1)} ms), ` +
        `${statuses.filter((s) => s === 429).length}×429 (p50 ${p50(took[429] ?? []).toFixed(1)} ms, ` +
        `Retry-After ${Math.max(...retryAfter)}..${Math.min(...retryAfter)} s); ` +
        `real user from another address: ${real.status} in ${realMs.toFixed(1)} ms`,
    );
  });
});
