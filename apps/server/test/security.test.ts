import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CloseCode, SUBPROTOCOL, isRetryable } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { issueToken } from "../src/session/tokens.js";
import { TEST_SECRET, TestClient, refusedUpgrade } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { builtWebApp } from "./support/builtWebApp.js";

const HOUR = 60 * 60 * 1000;
const user = { sub: "u_AAAAAAAAAAAAAAAA", name: "Alice" };

function flipLastChar(s: string): string {
  const last = s.at(-1) === "A" ? "B" : "A";
  return s.slice(0, -1) + last;
}

const badTokens: { name: string; token: () => string }[] = [
  { name: "expired", token: () => issueToken(TEST_SECRET, { ...user, exp: Date.now() - 1 }) },
  {
    name: "signed with another secret (forged)",
    token: () => issueToken("attacker-secret-0123456789", { ...user, exp: Date.now() + HOUR }),
  },
  {
    name: "payload tampered (another user id)",
    token: () => {
      const real = issueToken(TEST_SECRET, { ...user, exp: Date.now() + HOUR });
      const sig = real.split(".")[1] ?? "";
      const body = Buffer.from(
        JSON.stringify({ sub: "u_BBBBBBBBBBBBBBBB", name: "Alice", exp: Date.now() + HOUR }),
      ).toString("base64url");
      return `${body}.${sig}`;
    },
  },
  {
    name: "signature tampered",
    token: () => flipLastChar(issueToken(TEST_SECRET, { ...user, exp: Date.now() + HOUR })),
  },
  { name: "malformed", token: () => "not-a-token" },
  { name: "unsigned (alg none style)", token: () => `${Buffer.from("{}").toString("base64url")}.` },
];

describe("tokens: no user can become another", () => {
  it.each(badTokens)(
    "a $name token is closed with 4401, which the client treats as fatal",
    async ({ token }) => {
      await using world = await testWorld();
      using client = await TestClient.connect(world.server.url);
      client.send({ type: "hello", token: token() });
      const closed = await client.closed;
      expect(closed.code).toBe(CloseCode.Unauthorized);
      expect(isRetryable(closed.code)).toBe(false);
      expect(client.received.some((m) => m.type === "welcome")).toBe(false);
    },
  );
});

describe("impersonation", () => {
  it("ignores an author named in a send ([C1]) and stamps every message with the socket's user", async () => {
    await using world = await testWorld({ users: ["Alice", "Mallory"], rooms: ["general"] });
    const { Alice: alice, Mallory: mallory } = world.users;
    mallory.client.sendRaw(
      JSON.stringify({
        type: "send",
        room: "general",
        cid: "spoof",
        text: "I am Alice",
        from: alice.welcome.user,
        ref: "s1",
      }),
    );
    // An unknown field is set aside like any other: the message is Mallory's, never Alice's.
    const spoof = await alice.client.waitFor("message", (m) => m.cid === "spoof");
    expect(spoof.from).toEqual(mallory.welcome.user);
    // Taking Alice's name gives a suffixed name and Mallory's own id, never Alice's.
    const again = await TestClient.hello(world.server.url, {
      name: "Alice",
      token: mallory.welcome.token,
    });
    using _again = again.client;
    expect(again.welcome.user).toEqual({ id: mallory.welcome.user.id, name: "Alice 2" });
    await again.client.join("general");
    again.client.send({ type: "send", room: "general", cid: "c1", text: "hi" });
    const seen = await alice.client.waitFor("message", (m) => m.cid === "c1");
    expect(seen.from).toEqual({ id: mallory.welcome.user.id, name: "Alice 2" });
  });
});

describe("cross-site WebSocket hijacking", () => {
  const evilOrigins = [
    "https://evil.example",
    "null", // sandboxed iframes and file: pages
    "http://localhost:5173.evil.example",
    "https://localhost:5173", // right host, wrong scheme
    "http://localhost:51730",
  ];

  it.each(evilOrigins)(
    "refuses the upgrade from Origin %s with 403 before any frame",
    async (origin) => {
      await using world = await testWorld();
      const refusal = await refusedUpgrade(world.server.url, [SUBPROTOCOL], { Origin: origin });
      expect(refusal.status).toBe(403);
    },
  );

  it("accepts the page's own origin", async () => {
    await using world = await testWorld();
    using own = await world.connect({ origin: `http://localhost:${world.server.port}` });
    expect(own.ws.protocol).toBe(SUBPROTOCOL);
  });
});

describe("HTTP security headers", () => {
  it("serves the web app, its assets and the API with a strict CSP, nosniff and no referrer", async () => {
    using app = builtWebApp();
    await using world = await testWorld({ config: { webDist: app.webDist } });
    const { server } = world;
    for (const path of ["/", "/assets/app.js", "/rooms/general", "/healthz", "/missing.js"]) {
      const res = await fetch(`${server.httpUrl}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self';");
      expect(csp, path).toContain("style-src 'self';");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} wss://`);
      expect(csp, path).not.toContain("unsafe");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  const builtIndex = fileURLToPath(new URL("../../web/dist/index.html", import.meta.url));
  it("the built web app needs nothing the CSP forbids (no inline script, style or handlers)", () => {
    // `pnpm test` builds first; run alone, this test says what is missing rather than passing silently.
    if (!existsSync(builtIndex)) throw new Error(`${builtIndex} missing: run pnpm build first`);
    const html = readFileSync(builtIndex, "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs = "", body = ""] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/[^/]/); // same-origin file
      expect(body.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i); // nothing from another origin
  });
});
