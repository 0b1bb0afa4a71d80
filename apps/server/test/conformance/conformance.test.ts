import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/index.js";
import { startServer } from "../../src/index.js";
import { TEST_SECRET, tempDb } from "../helpers.js";
import { CASES, type ConformanceCase } from "./cases.js";
import { expectServerFramesWellFormed } from "./expectations.js";
import { RawClient } from "./rawClient.js";

// An Autobahn-inspired frame-level suite from RFC 6455's rules, against the server's real
// configuration (loadConfig defaults: limits, maxPayload, fragment limits), over raw TCP.

const db = tempDb();
let server: RunningServer;
const outcomes = new Map<string, string | undefined>();
// One user across the cases, as one client reconnecting would be: a new user per case would spend
// the per-address sign-up budget, which is not what this suite is about.
let token: string | undefined;

async function runCase(c: ConformanceCase, port: number): Promise<void> {
  if (c.kind === "handshake") return c.run(port);
  const client = await RawClient.open(port);
  try {
    if (c.hello !== false) {
      client.sendText(JSON.stringify({ type: "hello", name: "conformance", token }));
      const welcome = await client.waitForMessage("welcome");
      token ??= (JSON.parse(welcome.payload.toString("utf8")) as { token: string }).token;
    }
    await c.run(client);
    expectServerFramesWellFormed(client);
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dbPath: db.path,
    logLevel: "silent",
    tokenSecret: TEST_SECRET,
  });
});

afterAll(async () => {
  await server.close();
  db[Symbol.dispose]();
  const failed = [...outcomes].filter(([, error]) => error !== undefined);
  console.log(
    `conformance: ${outcomes.size - failed.length} passed, ${failed.length} failed` +
      failed.map(([id, error]) => `\n  ✗ ${id}: ${error}`).join(""),
  );
});

describe("RFC 6455 conformance at the frame level", () => {
  it.each(CASES.map((c) => [`[${c.id}] ${c.rfc} ${c.title}`, c] as const))("%s", async (_, c) => {
    try {
      await runCase(c, server.port);
      outcomes.set(c.id, undefined);
    } catch (err) {
      outcomes.set(c.id, err instanceof Error ? err.message : String(err));
      throw err;
    }
  });

  it("the server is still up and serving after every case", async () => {
    const health = await fetch(`${server.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    const client = await RawClient.open(server.port);
    client.sendText(JSON.stringify({ type: "hello" }));
    await client.waitForMessage("welcome");
    client.destroy();
  });
});
