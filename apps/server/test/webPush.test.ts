import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebPushPayload } from "@duplex/protocol";
import { api, registerAccount } from "./accountsHttp.js";
import { startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { metricValue as metric } from "./support/metrics.js";
import { startPushService, type PushService } from "./support/pushService.js";
import {
  mentionWhileVisibleThenHide,
  subscribeBrowser,
  testWebPush as webPush,
} from "./support/webPushConfig.js";

let service: PushService;
beforeAll(async () => {
  service = await startPushService();
});
afterAll(async () => {
  await service.close();
});

/** A JWT's claims, and whether its ES256 signature verifies with the raw P-256 `publicKey`. */
function readJwt(jwt: string, publicKey: string) {
  const [header, claims, signature] = jwt.split(".");
  if (!header || !claims || !signature) throw new Error("not a JWT");
  const raw = Buffer.from(publicKey, "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: raw.subarray(1, 33).toString("base64url"),
      y: raw.subarray(33).toString("base64url"),
    },
    format: "jwk",
  });
  const valid = verify(
    "sha256",
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  return {
    claims: JSON.parse(Buffer.from(claims, "base64url").toString()) as Record<string, unknown>,
    valid,
  };
}

describe("Web Push to a real push service (web-push-testing)", () => {
  it("pushes a mention to a user with no open tab: decrypted payload, VAPID JWT, TTL, Urgency", async () => {
    await using world = await testWorld({ config: { webPush } });
    const { json: vapid } = await api(world.server.httpUrl, "GET", "/api/push/vapid");
    const publicKey = vapid.publicKey as string;
    expect(Buffer.from(publicKey, "base64url")).toHaveLength(65);

    const bob = await registerAccount(world.server.httpUrl, "Bob");
    const sub = await service.subscribe(publicKey);
    const { clientHash, ...subscription } = sub;
    const saved = await api(world.server.httpUrl, "POST", "/api/push/subscriptions", {
      token: bob.token,
      body: { ...subscription, expirationTime: null },
    });
    expect(saved.status).toBe(201);
    expect(saved.json.device).toMatchObject({ origin: service.origin });

    const pushesBefore = service.received.length;
    const alice = await world.hello({ name: "Alice" });
    await alice.client.join("general");
    const ack = await alice.client.sendAndAck("general", "@Bob the build is red", "c1");

    const push = await service.nthPush(pushesBefore + 1);
    expect(push.status).toBe(201);
    const [text] = await service.messages(clientHash);
    const payload = WebPushPayload.parse(JSON.parse(text ?? "null"));
    expect(payload).toEqual({
      id: `n_mention_${ack.id}`,
      kind: "mention",
      title: "Alice mentioned you in #general",
      body: "@Bob the build is red",
      room: "general",
      messageId: ack.id,
      ts: ack.ts,
    });
    expect(push.headers.ttl).toBe("3600");
    expect(push.headers.urgency).toBe("high");
    const vapidHeader = /^vapid t=([^,]+), k=(.+)$/.exec(push.headers.authorization ?? "");
    expect(vapidHeader?.[2]).toBe(publicKey);
    const jwt = readJwt(vapidHeader?.[1] ?? "", publicKey);
    expect(jwt.valid).toBe(true);
    expect(jwt.claims).toMatchObject({ aud: service.origin, sub: "mailto:ops@duplex.invalid" });
    expect(jwt.claims.exp).toBeGreaterThan(Date.now() / 1000);
    await vi.waitFor(async () =>
      expect(await metric(world.server.httpUrl, "duplex_web_push_sent_total")).toBe(1),
    );
  });

  it("suppresses the push while a tab is visible, pushes once it reports hidden or closes", async () => {
    await using world = await testWorld({ config: { webPush } });
    const bob = await registerAccount(world.server.httpUrl, "Bob");
    const clientHash = await subscribeBrowser(service, world.server.httpUrl, bob.token);

    const alice = await world.hello({ name: "Alice" });
    const bobTab = await world.hello({ token: bob.token, caps: ["visibility"] });
    expect(bobTab.welcome.caps).toContain("visibility");
    const mention = await mentionWhileVisibleThenHide(alice, bobTab, world.server.httpUrl, "seen");

    const before = service.received.length;
    const hidden = await mention("hidden");
    await service.nthPush(before + 1);
    bobTab.client.close();
    await bobTab.client.closed;
    // The server forgets the closed socket in its own time: retry until a mention is pushed.
    const closed = await mention("closed");
    await service.nthPush(before + 2);
    const ids = (await service.messages(clientHash)).map(
      (m) => (JSON.parse(m) as { id: string }).id,
    );
    expect(ids).toEqual([`n_mention_${hidden.id}`, `n_mention_${closed.id}`]);
  });

  it("prunes a subscription the push service answers 410 for, and counts it", async () => {
    await using world = await testWorld({ config: { webPush } });
    const olga = await registerAccount(world.server.httpUrl, "Olga"); // first account: the owner
    const bob = await registerAccount(world.server.httpUrl, "Bob");
    const clientHash = await subscribeBrowser(service, world.server.httpUrl, bob.token);
    const devices = () =>
      api(world.server.httpUrl, "GET", `/api/admin/push-devices/${bob.user.id}`, {
        token: olga.token,
      });
    expect((await devices()).json.devices).toEqual([
      { id: expect.any(String), origin: service.origin, createdAt: expect.any(Number) },
    ]);
    expect(
      (
        await api(world.server.httpUrl, "GET", `/api/admin/push-devices/${bob.user.id}`, {
          token: bob.token,
        })
      ).status,
    ).toBe(403);

    await service.expire(clientHash);
    const before = service.received.length;
    const alice = await world.hello({ name: "Alice" });
    await alice.client.join("general");
    alice.client.send({ type: "send", room: "general", cid: "c1", text: "@Bob are you there?" });
    expect((await service.nthPush(before + 1)).status).toBe(410);
    await vi.waitFor(async () =>
      expect(await metric(world.server.httpUrl, "duplex_web_push_subscriptions_pruned_total")).toBe(
        1,
      ),
    );
    expect((await devices()).json.devices).toEqual([]);
    expect(await metric(world.server.httpUrl, "duplex_web_push_failed_total", 'status="410"')).toBe(
      1,
    );
  });

  it("retries a push the service answered 503, honouring Retry-After, and records the last success", async () => {
    await using world = await testWorld({ config: { webPush } });
    const olga = await registerAccount(world.server.httpUrl, "Olga");
    const bob = await registerAccount(world.server.httpUrl, "Bob");
    const clientHash = await subscribeBrowser(service, world.server.httpUrl, bob.token);
    const alice = await world.hello({ name: "Alice" });
    await alice.client.join("general");

    const before = service.received.length;
    service.failNext(503, 1, 0);
    alice.client.send({ type: "send", room: "general", cid: "c1", text: "@Bob retry me" });
    expect((await service.nthPush(before + 1)).status).toBe(503);
    expect((await service.nthPush(before + 2)).status).toBe(201);
    expect(await service.messages(clientHash)).toHaveLength(1);
    const { json } = await api(
      world.server.httpUrl,
      "GET",
      `/api/admin/push-devices/${bob.user.id}`,
      {
        token: olga.token,
      },
    );
    expect((json.devices as { lastSuccessAt?: number }[])[0]?.lastSuccessAt).toBeGreaterThan(0);
  });

  it("pushes a notification from the push API too, at normal urgency, without a room", async () => {
    using db = tempDb();
    const adminToken = "push-api-token-0123456789abcdef";
    await using server = await startTestServer({ dbPath: db.path, webPush, adminToken });
    const bob = await registerAccount(server.httpUrl, "Bob");
    const clientHash = await subscribeBrowser(service, server.httpUrl, bob.token);
    const before = service.received.length;
    const sent = await api(server.httpUrl, "POST", "/api/notifications", {
      token: adminToken,
      body: { to: { user: "Bob" }, title: "Deploy finished", body: "v1.4 is live" },
    });
    expect(sent.status).toBe(202);
    const push = await service.nthPush(before + 1);
    expect(push.headers.urgency).toBe("normal");
    const [text] = await service.messages(clientHash);
    expect(JSON.parse(text ?? "null")).toEqual({
      id: sent.json.id,
      kind: "system",
      title: "Deploy finished",
      body: "v1.4 is live",
      ts: expect.any(Number),
    });
  });

  it("refuses endpoints that are not https push services, and bounds what a subscription holds", async () => {
    await using world = await testWorld({
      config: { webPush: { ...webPush, allowInsecureEndpoints: false } },
    });
    const bob = await registerAccount(world.server.httpUrl, "Bob");
    const keys = { p256dh: "B".repeat(87), auth: "A".repeat(22) };
    const post = (body: unknown, token: string | null = bob.token) =>
      api(world.server.httpUrl, "POST", "/api/push/subscriptions", {
        ...(token && { token }),
        body,
      });
    expect((await post({ endpoint: "https://push.example.com/x", keys }, null)).status).toBe(401);
    for (const endpoint of [
      `${service.origin}/notify/abc`,
      "https://10.0.0.5/push",
      "https://push.example.com:8443/x",
      "https://localhost/x",
      "https://user:pw@push.example.com/x",
      "ftp://push.example.com/x",
      `https://push.example.com/${"x".repeat(1100)}`,
    ]) {
      const res = await post({ endpoint, keys });
      expect([endpoint.slice(0, 40), res.status]).toEqual([endpoint.slice(0, 40), 400]);
    }
    expect(
      (await post({ endpoint: "https://push.example.com/x", keys: { ...keys, auth: "!" } })).status,
    ).toBe(400);
    expect((await post({ endpoint: "https://push.example.com/x", keys })).status).toBe(201);
    expect((await post({ endpoint: "https://push.example.com/x", keys })).status).toBe(200);
    // fetch, as a browser sends it (a length, not chunks: Node's client would chunk a DELETE body).
    const removed = await fetch(`${world.server.httpUrl}/api/push/subscriptions`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${bob.token}`, "content-type": "application/json" },
      body: JSON.stringify({ endpoint: "https://push.example.com/x" }),
    });
    expect(removed.status).toBe(204);
  });
});
