import { afterAll, beforeAll, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { api, registerAccount } from "./accountsHttp.js";
import { startCluster, stopClusterPostgres } from "./cluster/clusterHarness.js";
import { Clients } from "./helpers.js";
import { metricValue as metric } from "./support/metrics.js";
import { startPushService, type PushService } from "./support/pushService.js";
import { describeWithRedis } from "./support/redis.js";
import { mentionWhileVisibleThenHide } from "./support/webPushConfig.js";

const webPush = { ...loadConfig({}).webPush, allowInsecureEndpoints: true };

describeWithRedis("Web Push on two nodes (Postgres + Redis)", () => {
  let service: PushService;
  beforeAll(async () => {
    service = await startPushService();
  });
  afterAll(async () => {
    await service.close();
    await stopClusterPostgres();
  });

  it("signs with one key, sees a visible tab on the other node, and pushes each notification once", async () => {
    await using cluster = await startCluster({ webPush });
    const key = async (httpUrl: string) =>
      (await api(httpUrl, "GET", "/api/push/vapid")).json.publicKey as string;
    const publicKey = await key(cluster.a.httpUrl);
    expect(await key(cluster.b.httpUrl)).toBe(publicKey);

    const bob = await registerAccount(cluster.a.httpUrl, "Bob");
    const { clientHash, ...subscription } = await service.subscribe(publicKey);
    const saved = await api(cluster.b.httpUrl, "POST", "/api/push/subscriptions", {
      token: bob.token,
      body: subscription,
    });
    expect(saved.status).toBe(201);

    using clients = new Clients();
    const bobTab = await clients.hello(cluster.b.url, {
      token: bob.token,
      caps: ["visibility"],
    });
    const alice = await clients.hello(cluster.a.url, { name: "Alice" });
    // Bob looks at the app on node B: node A, storing the mention, does not push it.
    const mention = await mentionWhileVisibleThenHide(alice, bobTab, cluster.a.httpUrl, "looking");

    const before = service.received.length;
    const first = await mention("away-1");
    await service.nthPush(before + 1);
    const second = await mention("away-2");
    await service.nthPush(before + 2);
    const ids = (await service.messages(clientHash)).map(
      (m) => (JSON.parse(m) as { id: string }).id,
    );
    expect(ids).toEqual([`n_mention_${first.id}`, `n_mention_${second.id}`]);
    const sent = async () =>
      (await metric(cluster.a.httpUrl, "duplex_web_push_sent_total")) +
      (await metric(cluster.b.httpUrl, "duplex_web_push_sent_total"));
    expect(await sent()).toBe(2);
  });
});
