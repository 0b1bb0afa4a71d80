import { Agent, request } from "node:http";
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { startTestServer, tempDb } from "./helpers.js";

const ADMIN_TOKEN = "admin-token-0123456789-abcdefghijkl";
const METRICS_TOKEN = "metrics-token-0123456789-abcdefghij";

interface Answer {
  status: number;
  retryAfter: string | undefined;
  reused: boolean;
}

/** One request on `agent` (keep-alive, one socket), so every attempt rides the same connection. */
function attempt(
  server: RunningServer,
  agent: Agent,
  path: string,
  token: string,
  from = "127.0.0.1",
  // No body by default: a refused request leaves nothing unread, so the connection stays open.
  body = "",
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.httpUrl}${path}`, {
      agent,
      localAddress: from,
      method: path === "/metrics" ? "GET" : "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(path !== "/metrics" && { "content-length": Buffer.byteLength(body) }),
      },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers["retry-after"],
          reused: req.reusedSocket,
        }),
      );
    });
    req.on("error", reject);
    req.end(path === "/metrics" ? undefined : body);
  });
}

describe("failed bearer tokens are throttled per address", () => {
  it("answers 429 with Retry-After after 10 wrong admin tokens on one keep-alive connection, even to the right one, while other addresses go on", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path, adminToken: ADMIN_TOKEN });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const statuses: number[] = [];
    let firstRetryAfter: string | undefined;
    let reused = 0;
    const started = performance.now();
    for (let i = 0; i < 200; i++) {
      const answer = await attempt(server, agent, "/api/notifications", `guess-${i}`);
      statuses.push(answer.status);
      if (answer.reused) reused++;
      if (answer.status === 429) firstRetryAfter ??= answer.retryAfter;
    }
    const seconds = (performance.now() - started) / 1000;
    const right = await attempt(server, agent, "/api/notifications", ADMIN_TOKEN);
    agent.destroy();

    expect(statuses.slice(0, 10)).toEqual(Array<number>(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array<number>(190).fill(429));
    expect(Number(firstRetryAfter)).toBeGreaterThanOrEqual(1);
    // Blocked is blocked: a correct guess while throttled is not confirmed.
    expect(right.status).toBe(429);
    expect(reused).toBeGreaterThan(150);
    // Another address still reaches the endpoint.
    const other = new Agent({ keepAlive: false });
    const notification = JSON.stringify({ to: "all", title: "Deploy finished" });
    const fromElsewhere = await attempt(
      server,
      other,
      "/api/notifications",
      ADMIN_TOKEN,
      "127.0.0.2",
      notification,
    );
    expect(fromElsewhere.status).toBe(202);
    console.info(
      `auth throttle: 200 wrong admin tokens on one keep-alive connection in ${seconds.toFixed(2)} s ` +
        `(${Math.round(200 / seconds)}/s tried): 10 × 401, then 190 × 429 (Retry-After ${firstRetryAfter} s); ` +
        `${reused} requests reused the connection`,
    );
  });

  it("counts failures on /metrics and the push API against one budget", async () => {
    using db = tempDb();
    await using server = await startTestServer({
      dbPath: db.path,
      adminToken: ADMIN_TOKEN,
      metrics: { token: METRICS_TOKEN, port: undefined, open: false },
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 5; i++) {
      expect((await attempt(server, agent, "/metrics", `guess-${i}`)).status).toBe(401);
      expect((await attempt(server, agent, "/api/notifications", `guess-${i}`)).status).toBe(401);
    }
    expect((await attempt(server, agent, "/metrics", METRICS_TOKEN)).status).toBe(429);
    agent.destroy();
  });
});
