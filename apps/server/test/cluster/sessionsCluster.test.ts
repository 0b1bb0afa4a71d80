import { CloseCode, type User } from "@duplex/protocol";
import { expect, it } from "vitest";
import { TestClient } from "../helpers.js";
import { GOOD_PASSWORD, api } from "../accountsHttp.js";
import { describeCluster, startCluster } from "./clusterHarness.js";

describeCluster("accounts on two nodes", () => {
  it("a logout on node A closes the session's socket on node B within a second", async () => {
    await using cluster = await startCluster();
    const created = await api(cluster.a.httpUrl, "POST", "/api/auth/register", {
      body: { name: "alice", password: GOOD_PASSWORD },
    });
    const token = created.json.token as string;
    const onB = await TestClient.hello(cluster.b.url, { token });
    await onB.client.roundTrip();
    const started = Date.now();
    expect((await api(cluster.a.httpUrl, "POST", "/api/auth/logout", { token })).status).toBe(204);
    expect((await onB.client.closed).code).toBe(CloseCode.Unauthorized);
    expect(Date.now() - started).toBeLessThan(1_000);
    using retry = await TestClient.connect(cluster.b.url);
    retry.send({ type: "hello", token });
    expect((await retry.closed).code).toBe(CloseCode.Unauthorized);
  });

  it("a name taken on one node is taken on the other, look-alikes included", async () => {
    await using cluster = await startCluster();
    const alice = await TestClient.hello(cluster.a.url, { name: "alice" });
    alice.client.close();
    const impostor = await TestClient.hello(cluster.b.url, { name: "\u0430lice" });
    impostor.client.close();
    expect(impostor.welcome.user.name).not.toBe("\u0430lice");
    const taken = await api(cluster.b.httpUrl, "POST", "/api/auth/register", {
      body: { name: "ALICE", password: GOOD_PASSWORD },
    });
    expect(taken.status).toBe(409);
    const claimed = await api(cluster.b.httpUrl, "POST", "/api/auth/register", {
      body: { name: "alice", password: GOOD_PASSWORD },
      token: alice.welcome.token,
    });
    expect((claimed.json.user as User).id).toBe(alice.welcome.user.id);
  });
});
