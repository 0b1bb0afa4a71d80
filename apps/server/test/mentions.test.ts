import { dmRoomId } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { testWorld, withScene } from "./support/testWorld.js";

/** Alice in #general, and Bob signed in on two tabs. */
async function aliceAndBobOnTwoTabs() {
  const world = await testWorld({ users: ["Alice", "Bob"] });
  return withScene(world, async () => {
    const { Alice: alice, Bob: tab1 } = world.users;
    const tab2 = await world.hello({ token: tab1.welcome.token });
    await alice.client.join("general");
    return { alice, tab1, tab2 };
  });
}

describe("mention notifications", () => {
  it("notifies a mentioned user live, even outside the room, linking to the message", async () => {
    await using world = await testWorld({ users: ["Alice", "Bob"] });
    const { Alice: alice, Bob: bob } = world.users;
    await alice.client.join("general");
    await bob.client.join("elsewhere");

    alice.client.send({ type: "send", room: "general", cid: "c1", text: "hey @bob and @Alice" });
    const ack = await alice.client.waitFor("ack");
    const { notification } = await bob.client.waitFor("notification");
    expect(notification).toMatchObject({
      kind: "mention",
      read: false,
      title: "Alice mentioned you in #general",
      body: "hey @bob and @Alice",
      link: { room: "general", messageId: ack.id, seq: ack.seq },
    });

    // Not for a self-mention: the author's notification would have been stored in the same step.
    await alice.client.roundTrip();
    expect(alice.client.receivedOf("notification")).toEqual([]);
  });

  it("delivers a mention made while offline on the next connect, oldest first", async () => {
    await using world = await testWorld({ users: ["Alice", "Carol", "Bob"] });
    const { Alice: alice, Carol: carol, Bob: bob } = world.users;
    bob.client.close();
    await bob.client.closed;
    await alice.client.join("general");

    alice.client.send({ type: "send", room: "general", cid: "c1", text: "@Bob first" });
    alice.client.send({ type: "send", room: "general", cid: "c2", text: "@Bob second, @Carol" });
    // Carol's copy of the second mention proves both are stored (same transaction as Bob's).
    await carol.client.waitFor("notification");

    const again = await world.hello({ token: bob.welcome.token });
    const first = await again.client.waitFor("notification");
    const second = await again.client.waitFor("notification");
    expect([first.notification.body, second.notification.body]).toEqual([
      "@Bob first",
      "@Bob second, @Carol",
    ]);
    // Right after welcome: nothing else came in between.
    expect(again.client.received.map((m) => m.type)).toEqual([
      "welcome",
      "notification",
      "notification",
    ]);
  });

  it("gives two tabs and a reconnect the same notification id, once each", async () => {
    await using world = await aliceAndBobOnTwoTabs();
    const { alice, tab1, tab2 } = world;

    alice.client.send({ type: "send", room: "general", cid: "c1", text: "@Bob @bob ping" });
    const one = await tab1.client.waitFor("notification");
    const two = await tab2.client.waitFor("notification");
    expect(two.notification.id).toBe(one.notification.id);
    // Re-sending the same cid is a duplicate: acked again, no second notification.
    alice.client.send({ type: "send", room: "general", cid: "c1", text: "@Bob @bob ping" });
    await alice.client.waitFor("ack");
    await alice.client.waitFor("ack");

    const tab3 = await world.hello({ token: tab1.welcome.token });
    expect((await tab3.client.waitFor("notification")).notification.id).toBe(one.notification.id);
    await Promise.all([tab1.client.roundTrip(), tab2.client.roundTrip(), tab3.client.roundTrip()]);
    for (const tab of [tab1, tab2, tab3])
      expect(tab.client.receivedOf("notification")).toHaveLength(1);
  });

  it("in a DM notifies only the other participant, never a third user", async () => {
    await using world = await testWorld({ users: ["Alice", "Bob", "Carol"] });
    const { Alice: alice, Bob: bob, Carol: carol } = world.users;
    const room = dmRoomId(alice.welcome.user.id, bob.welcome.user.id);
    await alice.client.join(room);

    alice.client.send({ type: "send", room, cid: "c1", text: "@Carol is wrong, right @Bob?" });
    const { notification } = await bob.client.waitFor("notification");
    expect(notification.title).toBe("Alice mentioned you in a direct message");
    expect(notification.link?.room).toBe(room);
    await carol.client.roundTrip();
    expect(carol.client.receivedOf("notification")).toEqual([]);
  });

  it("syncs read state: mark_read in one tab reaches the other, and read ones are not replayed", async () => {
    await using world = await aliceAndBobOnTwoTabs();
    const { alice, tab1, tab2 } = world;
    alice.client.send({ type: "send", room: "general", cid: "c1", text: "@Bob one" });
    alice.client.send({ type: "send", room: "general", cid: "c2", text: "@Bob two" });
    const first = (await tab1.client.waitFor("notification")).notification;
    const second = (await tab1.client.waitFor("notification")).notification;

    // Another user's id is ignored: Alice cannot mark Bob's notification read.
    alice.client.send({ type: "mark_read", ids: [first.id], ref: "sneaky" });
    expect(await alice.client.waitFor("notifications_read")).toMatchObject({ ids: [] });

    tab1.client.send({ type: "mark_read", ids: [first.id], ref: "r1" });
    expect(await tab1.client.waitFor("notifications_read")).toEqual({
      type: "notifications_read",
      ref: "r1",
      ids: [first.id],
    });
    expect(await tab2.client.waitFor("notifications_read")).toEqual({
      type: "notifications_read",
      ids: [first.id],
    });

    const tab3 = await world.hello({ token: tab1.welcome.token });
    expect((await tab3.client.waitFor("notification")).notification.id).toBe(second.id);

    tab3.client.send({ type: "mark_read", all: true });
    expect(await tab1.client.waitFor("notifications_read")).toMatchObject({ ids: [], all: true });
    expect(await tab3.client.waitFor("notifications_read")).toMatchObject({ all: true });

    const tab4 = await world.hello({ token: tab1.welcome.token });
    await tab4.client.roundTrip();
    expect(tab4.client.receivedOf("notification")).toEqual([]);
  });
});
