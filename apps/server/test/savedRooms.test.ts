import { ErrorCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";

describe("saved rooms", () => {
  it("gives a user's joined rooms and open room back on another connection, until left", async () => {
    await using world = await testWorld();
    const first = await world.hello({ name: "Alice", caps: ["saved_rooms"] });
    expect(first.welcome.caps).toContain("saved_rooms");
    await first.client.join("general");
    await first.client.join("ops");
    await first.client.join("design");
    first.client.send({ type: "open", room: "ops" });
    first.client.send({ type: "leave", room: "design" });
    await first.client.waitFor("left");
    first.client.close();
    await first.client.closed;

    // Another browser of the same user (its token), after the first disconnected.
    const second = await world.hello({
      token: first.welcome.token,
      caps: ["saved_rooms"],
    });
    second.client.send({ type: "rooms", ref: "r1" });
    expect(await second.client.waitFor("rooms")).toMatchObject({
      joined: ["general", "ops"],
      open: "ops",
    });

    // Someone else's rooms are theirs alone.
    const bob = await world.hello({ name: "Bob", caps: ["saved_rooms"] });
    bob.client.send({ type: "rooms" });
    expect(await bob.client.waitFor("rooms")).toMatchObject({ joined: [] });
  });

  it("[C4] answers a client that did not ask for saved_rooms without joined or open", async () => {
    await using world = await testWorld();
    const first = await world.hello({ name: "Alice", caps: ["saved_rooms"] });
    await first.client.join("ops");
    first.client.send({ type: "open", room: "ops" });
    first.client.send({ type: "rooms", ref: "r1" });
    expect(await first.client.waitFor("rooms")).toMatchObject({ joined: ["ops"], open: "ops" });
    first.client.close();
    await first.client.closed;

    // The same user from a plain v1 client: the reply is the v1 `rooms`, nothing it would refuse.
    const plain = await world.hello({ token: first.welcome.token });
    plain.client.send({ type: "rooms", ref: "r2" });
    const reply = await plain.client.waitFor("rooms");
    expect(reply).not.toHaveProperty("joined");
    expect(reply).not.toHaveProperty("open");
    expect(reply.rooms.map((r) => r.room)).toContain("ops");
  });

  it("refuses to open a room the socket has not joined", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({ name: "Alice", caps: ["saved_rooms"] });
    using _c = client;
    client.send({ type: "open", room: "ops" });
    expect(await client.waitFor("error")).toMatchObject({ code: ErrorCode.NotJoined });
    await client.roundTrip();
  });
});
