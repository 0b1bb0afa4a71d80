import { dmRoomId } from "@duplex/protocol";
import { describe, expect, it } from "vitest";

import { testWorld } from "./support/testWorld.js";

describe("dm notifications ([C4] dm_notifications)", () => {
  it("notifies the other participant's sockets that asked, and only those, once per message", async () => {
    await using world = await testWorld();
    const alice = await world.hello({ name: "Alice" });
    const bobNew = await world.hello({ name: "Bob", caps: ["dm_notifications"] });
    expect(bobNew.welcome.caps).toContain("dm_notifications");
    const bobV1 = await world.hello({ token: bobNew.welcome.token });
    const room = dmRoomId(alice.welcome.user.id, bobNew.welcome.user.id);
    await alice.client.join(room);

    const ack = await alice.client.sendAndAck(room, "are you free?", "d1");
    const { notification } = await bobNew.client.waitFor("notification");
    expect(notification).toEqual({
      id: `n_dm_${ack.id}`,
      kind: "dm",
      title: "Alice sent you a direct message",
      body: "are you free?",
      level: "info",
      ts: ack.ts,
      read: false,
      link: { room, messageId: ack.id, seq: 1 },
    });

    // The v1 socket of the same user gets what v1 always got for a DM: the invite, no notification.
    await bobV1.client.waitFor("dm_invite");
    await Promise.all([bobV1.client.roundTrip(), alice.client.roundTrip()]);
    expect(bobV1.client.received.some((m) => m.type === "notification")).toBe(false);
    expect(alice.client.received.some((m) => m.type === "notification")).toBe(false);

    // A mention in a DM is one notification, not two.
    alice.client.send({ type: "send", room, cid: "d2", text: "@Bob ping" });
    const mention = await bobNew.client.waitFor(
      "notification",
      (m) => m.notification.id !== notification.id,
    );
    expect(mention.notification.kind).toBe("mention");
    alice.client.send({ type: "send", room, cid: "d3", text: "last one" });
    await bobNew.client.waitFor("notification", (m) => m.notification.body === "last one");
    const kinds = bobNew.client.received.flatMap((m) =>
      m.type === "notification" ? [m.notification.kind] : [],
    );
    expect(kinds).toEqual(["dm", "mention", "dm"]);
  });

  it("replays unread dm notifications on connect only to a client that asked for them", async () => {
    await using world = await testWorld();
    const alice = await world.hello({ name: "Alice" });
    const bob = await world.hello({ name: "Bob", caps: ["dm_notifications"] });
    const room = dmRoomId(alice.welcome.user.id, bob.welcome.user.id);
    await alice.client.join(room);
    alice.client.send({ type: "send", room, cid: "d1", text: "while you were away" });
    await bob.client.waitFor("notification");
    bob.client.close();
    await bob.client.closed;

    const plain = await world.hello({ token: bob.welcome.token });
    await plain.client.roundTrip();
    expect(plain.client.received.some((m) => m.type === "notification")).toBe(false);

    const asked = await world.hello({
      token: bob.welcome.token,
      caps: ["dm_notifications"],
    });
    const replayed = await asked.client.waitFor("notification");
    expect(replayed.notification).toMatchObject({ kind: "dm", body: "while you were away" });
  });
});
