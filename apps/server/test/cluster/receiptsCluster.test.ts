import { Capability, dmRoomId } from "@duplex/protocol";
import { expect, it } from "vitest";
import { Clients, TestClient } from "../helpers.js";
import { describeCluster, startCluster } from "./clusterHarness.js";

const CAPS = [Capability.ReadReceipts, Capability.Changes];

describeCluster("read receipts and change replay across nodes", () => {
  it("moves a read cursor forward only and syncs it to the user's tab on the other node; seen crosses too", async () => {
    await using cluster = await startCluster();
    using clients = new Clients();
    const tabA = await clients.hello(cluster.a.url, { name: "Alice", caps: CAPS });
    const tabB = await clients.hello(cluster.b.url, { token: tabA.welcome.token, caps: CAPS });
    const bob = await clients.hello(cluster.b.url, { name: "Bob", caps: CAPS });
    const dm = dmRoomId(tabA.welcome.user.id, bob.welcome.user.id);
    for (const c of [tabA.client, tabB.client, bob.client]) await c.join(dm);
    const acks = [];
    for (const cid of ["c1", "c2"]) {
      bob.client.send({ type: "send", room: dm, cid, text: cid });
      acks.push(await bob.client.waitFor("ack", (m) => m.cid === cid));
    }
    const last = acks[1]?.seq ?? 0;
    tabA.client.send({ type: "read", room: dm, seq: last });
    expect(await tabB.client.waitFor("read_cursor")).toEqual({
      type: "read_cursor",
      room: dm,
      seq: last,
      unread: 0,
    });
    expect(await bob.client.waitFor("seen")).toMatchObject({ user: tabA.welcome.user, seq: last });
    // From node B, backwards: the cursor stays (no frame anywhere).
    tabB.client.send({ type: "read", room: dm, seq: 1 });
    await tabB.client.roundTrip();
    const again = await TestClient.hello(cluster.b.url, { token: tabA.welcome.token, caps: CAPS });
    using _again = again.client;
    expect((await again.client.join(dm)).read).toEqual({ seq: last, unread: 0 });
  });

  it("replays on node B exactly the changes made on node A while the client was away", async () => {
    await using cluster = await startCluster();
    const author = await TestClient.hello(cluster.a.url, { name: "Ann", caps: CAPS });
    const reader = await TestClient.hello(cluster.b.url, { name: "Rex", caps: CAPS });
    using _a = author.client;
    await author.client.join("general");
    author.client.send({ type: "send", room: "general", cid: "c1", text: "draft" });
    const { id } = await author.client.waitFor("ack");
    const joined = await reader.client.join("general");
    reader.client.close();
    author.client.send({ type: "edit", room: "general", id, text: "final" });
    const edited = await author.client.waitFor("edited");
    expect(edited.changeSeq).toBe((joined.changeSeq ?? 0) + 1);

    const back = await TestClient.hello(cluster.b.url, { token: reader.welcome.token, caps: CAPS });
    using _back = back.client;
    back.client.send({
      type: "join",
      room: "general",
      since: { seq: joined.seq, epoch: joined.epoch },
      changesSince: joined.changeSeq ?? 0,
    });
    await back.client.waitFor("joined");
    await back.client.roundTrip();
    const changes = back.client.received.filter((m) => m.type === "edited");
    expect(changes).toEqual([
      expect.objectContaining({ id, text: "final", changeSeq: edited.changeSeq }),
    ]);
  });
});
