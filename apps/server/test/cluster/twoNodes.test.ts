import type { ServerMessageOf } from "@duplex/protocol";
import { expect, it, vi } from "vitest";
import { TestClient } from "../helpers.js";
import { ADMIN_TOKEN, describeCluster, startCluster, type TestCluster } from "./clusterHarness.js";
import { expectGapFree, idsOf, sendMany } from "./invariants.js";

interface Member {
  client: TestClient;
  welcome: ServerMessageOf<"welcome">;
}

async function membersOn(cluster: TestCluster, names: string[]): Promise<Member[]> {
  const out: Member[] = [];
  for (const [i, name] of names.entries()) {
    const server = i % 2 === 0 ? cluster.a : cluster.b;
    const member = await TestClient.hello(server.url, { name });
    await member.client.join("general");
    out.push(member);
  }
  return out;
}

/** The cluster's invariant after a scenario: gap-free everywhere, one order, every ack exactly one row. */
function expectInvariant(members: Member[], acks: ServerMessageOf<"ack">[]): void {
  const head = acks.length;
  expect(new Set(acks.map((a) => a.seq)).size).toBe(head);
  expect(Math.max(...acks.map((a) => a.seq))).toBe(head);
  for (const { client } of members) expectGapFree(client, "general", head);
  const order = idsOf(members[0]!.client, "general");
  expect(new Set(order)).toEqual(new Set(acks.map((a) => a.id)));
  for (const { client } of members) expect(idsOf(client, "general")).toEqual(order);
}

async function sendFromAll(members: Member[], perMember: number) {
  const acks = await Promise.all(
    members.map(({ client }, i) => sendMany(client, "general", `m${i}`, perMember)),
  );
  return acks.flat();
}

const settle = { timeout: 10_000 };
// Two node processes, a database and hundreds of sends while Redis is cut: ~6 s on a quiet machine,
// over 20 s at load 10 on two cores (seen in a full run beside other work).
const underOutage = 60_000;

describeCluster("two nodes on one record and one Redis", () => {
  it("400 interleaved sends from clients on both nodes arrive gap-free, in one order, everywhere", async () => {
    await using cluster = await startCluster();
    const members = await membersOn(cluster, ["Ann", "Ben", "Cy", "Di"]);
    const acks = await sendFromAll(members, 100);
    await vi.waitFor(() => expectInvariant(members, acks), settle);
    members.forEach((m) => m.client.close());
  });

  it(
    "stays gap-free while the Redis subscriber connections are killed again and again",
    async () => {
      await using cluster = await startCluster();
      const members = await membersOn(cluster, ["Ann", "Ben"]);
      let kills = 0;
      const killer = setInterval(() => {
        cluster.redis.cli("CLIENT", "KILL", "TYPE", "pubsub");
        kills++;
      }, 40);
      try {
        const acks = await sendFromAll(members, 150);
        clearInterval(killer);
        expect(kills).toBeGreaterThan(2);
        await vi.waitFor(() => expectInvariant(members, acks), settle);
        // The kills did reset the subscribers (each followed by a catch-up), as /metrics reports.
        const resets = await Promise.all(
          [cluster.a, cluster.b].map(async (node) => {
            const text = await (await fetch(`${node.httpUrl}/metrics`)).text();
            return Number(/^duplex_broker_resets_total\{[^}]*\} (\d+)$/m.exec(text)?.[1] ?? 0);
          }),
        );
        expect(resets[0]! + resets[1]!).toBeGreaterThan(0);
      } finally {
        clearInterval(killer);
        members.forEach((m) => m.client.close());
      }
    },
    underOutage,
  );

  it(
    "keeps acking while Redis is killed and restarted mid-stream; presence comes back",
    async () => {
      await using cluster = await startCluster();
      const members = await membersOn(cluster, ["Ann", "Ben"]);
      const sending = sendFromAll(members, 150);
      await vi.waitFor(() => expect(members[1]!.client.received.length).toBeGreaterThan(60));
      cluster.redis.kill();
      // Acks continue with Redis down: the record is the store, Redis is only a hint.
      const before = members[0]!.client.received.filter((m) => m.type === "ack").length;
      await vi.waitFor(() =>
        expect(members[0]!.client.received.filter((m) => m.type === "ack").length).toBeGreaterThan(
          before + 20,
        ),
      );
      await cluster.redis.start();
      const acks = await sending;
      await vi.waitFor(() => expectInvariant(members, acks), settle);
      // Redis restarted empty; each node re-registers its sockets, so a newcomer sees both users.
      const late = await TestClient.hello(cluster.b.url, { name: "Late" });
      await vi.waitFor(async () => {
        const joined = await late.client.join("general");
        late.client.send({ type: "leave", room: "general" });
        await late.client.waitFor("left");
        expect(joined.members.map((u) => u.name).sort()).toEqual(["Ann", "Ben", "Late"]);
      }, settle);
      [...members, late].forEach((m) => m.client.close());
    },
    underOutage,
  );

  it("counts a user with a tab on each node as one member: one join, one leave", async () => {
    await using cluster = await startCluster();
    const bob = await TestClient.hello(cluster.a.url, { name: "Bob" });
    await bob.client.join("general");
    const tabA = await TestClient.hello(cluster.a.url, { name: "Alice" });
    await tabA.client.join("general");
    const tabB = await TestClient.hello(cluster.b.url, { token: tabA.welcome.token });
    const joinedB = await tabB.client.join("general");
    expect(joinedB.members.filter((u) => u.name === "Alice")).toHaveLength(1);
    tabA.client.send({ type: "leave", room: "general" });
    await tabA.client.waitFor("left");
    tabB.client.send({ type: "leave", room: "general" });
    await tabB.client.waitFor("left");
    await bob.client.waitForPresence("leave", tabA.welcome.user.id);
    const aliceEvents = bob.client
      .presenceChanges()
      .flatMap((c) => (c.user.id === tabA.welcome.user.id ? [c.event] : []));
    expect(aliceEvents).toEqual(["join", "leave"]);
    [bob, tabA, tabB].forEach((m) => m.client.close());
  });

  it("a notification pushed through node A's HTTP API reaches the user on node B once", async () => {
    await using cluster = await startCluster();
    const bob = await TestClient.hello(cluster.b.url, { name: "Bob" });
    const res = await fetch(`${cluster.a.httpUrl}/api/notifications`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ to: { user: "Bob" }, title: "Deploy finished" }),
    });
    expect(res.status).toBe(202);
    const got = await bob.client.waitFor("notification");
    expect(got.notification.title).toBe("Deploy finished");
    await bob.client.roundTrip();
    await bob.client.roundTrip();
    expect(bob.client.received.filter((m) => m.type === "notification")).toHaveLength(1);
    bob.client.close();
  });
});
