import { ErrorCode, dmRoomId } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";

describe("direct messages ([R8])", () => {
  it("invites the other participant's sockets that have not joined, and lists the DM in rooms.dms", async () => {
    await using world = await testWorld();
    const alice = await world.hello({ name: "Alice" });
    const bobSidebar = await world.hello({ name: "Bob" });
    const bobOpen = await world.hello({ token: bobSidebar.welcome.token });
    const carol = await world.hello({ name: "Carol" });
    const room = dmRoomId(alice.welcome.user.id, bobSidebar.welcome.user.id);
    await alice.client.join(room);
    await bobOpen.client.join(room);

    alice.client.send({ type: "send", room, cid: "d1", text: "hi Bob" });
    expect(await bobSidebar.client.waitFor("dm_invite")).toEqual({
      type: "dm_invite",
      room,
      from: alice.welcome.user,
      seq: 1,
    });
    await bobOpen.client.waitFor("message", (m) => m.cid === "d1");
    await alice.client.waitFor("ack", (m) => m.cid === "d1");
    for (const c of [alice.client, bobOpen.client, carol.client]) await c.roundTrip();
    expect(bobOpen.client.received.some((m) => m.type === "dm_invite")).toBe(false);
    expect(alice.client.received.some((m) => m.type === "dm_invite")).toBe(false);
    expect(carol.client.received.some((m) => m.type === "dm_invite")).toBe(false);

    // After a reload, Bob finds the conversation in the directory reply; Carol does not.
    bobSidebar.client.send({ type: "rooms" });
    const bobs = await bobSidebar.client.waitFor("rooms");
    expect(bobs.dms).toEqual([{ room, user: alice.welcome.user, online: 2, seq: 1 }]);
    expect(bobs.rooms.some((r) => r.room === room)).toBe(false);
    alice.client.send({ type: "rooms" });
    expect((await alice.client.waitFor("rooms")).dms).toEqual([
      { room, user: bobSidebar.welcome.user, online: 2, seq: 1 },
    ]);
    carol.client.send({ type: "rooms" });
    expect((await carol.client.waitFor("rooms")).dms).toEqual([]);
  });

  it("keeps a third user out: join, history and send answer unauthorized or not_joined", async () => {
    await using world = await testWorld();
    const alice = await world.hello({ name: "Alice" });
    const bob = await world.hello({ name: "Bob" });
    const eve = await world.hello({ name: "Eve" });
    const room = dmRoomId(alice.welcome.user.id, bob.welcome.user.id);
    await alice.client.join(room);
    alice.client.send({ type: "send", room, cid: "s", text: "secret" });
    await alice.client.waitFor("ack");

    eve.client.send({ type: "join", room, ref: "j" });
    expect(await eve.client.waitFor("error")).toMatchObject({
      code: ErrorCode.Unauthorized,
      ref: "j",
    });
    eve.client.send({ type: "history", room, ref: "h" });
    expect(await eve.client.waitFor("error")).toMatchObject({
      code: ErrorCode.Unauthorized,
      ref: "h",
    });
    eve.client.send({ type: "send", room, cid: "x", text: "let me in", ref: "s" });
    expect(await eve.client.waitFor("error")).toMatchObject({
      code: ErrorCode.NotJoined,
      ref: "s",
    });
    await eve.client.roundTrip();
    expect(JSON.stringify(eve.client.received)).not.toContain("secret");
  });
});
