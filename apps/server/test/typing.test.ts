import { describe, expect, it } from "vitest";
import type { TestClient } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

describe("typing", () => {
  it("relays one typing per user and room from a burst, to the others only, and never stores it", async () => {
    await using world = await testWorld({ users: ["Alice", "Bob"], rooms: ["general", "random"] });
    const { Alice: alice, Bob: bob } = world.users;
    for (let i = 0; i < 5; i++) alice.client.send({ type: "typing", room: "general" });
    alice.client.send({ type: "typing", room: "random" });
    bob.client.send({ type: "typing", room: "general" });
    // A message sent after the burst arrives after every relay the burst caused.
    alice.client.send({ type: "send", room: "general", cid: "after", text: "done typing" });
    await bob.client.waitFor("message", (m) => m.cid === "after");
    await alice.client.waitFor("message", (m) => m.cid === "after");

    const typingSeenBy = (c: TestClient) =>
      c.received.flatMap((m) => (m.type === "typing" ? [`${m.user.name}@${m.room}`] : []));
    expect(typingSeenBy(bob.client)).toEqual(["Alice@general", "Alice@random"]);
    expect(typingSeenBy(alice.client)).toEqual(["Bob@general"]);
    expect(alice.client.received.some((m) => m.type === "error")).toBe(false);

    // Never persisted: the room's seq counts only the one message, and history holds only it.
    alice.client.send({ type: "history", room: "general" });
    expect((await alice.client.waitFor("history")).messages.map((m) => m.cid)).toEqual(["after"]);
    alice.client.send({ type: "rooms" });
    const rooms = (await alice.client.waitFor("rooms")).rooms;
    expect(rooms.find((r) => r.room === "random")?.seq).toBe(0);
    expect(rooms.find((r) => r.room === "general")?.seq).toBe(1);
  });
});
