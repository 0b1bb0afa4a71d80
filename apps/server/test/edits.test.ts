import { ErrorCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

/** Sends and waits for the ack: the stored message's id and seq. */
async function post(client: TestClient, room: string, cid: string, text: string) {
  client.send({ type: "send", room, cid, text });
  return client.waitFor("ack", (m) => m.cid === cid);
}

describe("edit and delete ([R9])", () => {
  it("broadcasts an edit to every member, answers the author with its ref, and stores the new text", async () => {
    await using world = await testWorld();
    const tab1 = await world.hello({ name: "Alice" });
    const tab2 = await world.hello({ token: tab1.welcome.token });
    const bob = await world.hello({ name: "Bob" });
    for (const c of [tab1.client, tab2.client, bob.client]) await c.join("general");
    const { id, seq } = await post(tab1.client, "general", "c1", "tpyo");

    tab1.client.send({ type: "edit", room: "general", id, text: "typo fixed", ref: "e1" });
    const reply = await tab1.client.waitFor("edited");
    expect(reply).toMatchObject({ ref: "e1", room: "general", id, seq, text: "typo fixed" });
    // The others get the same event without the requester's ref.
    const seen = {
      type: "edited",
      room: "general",
      id,
      seq,
      text: "typo fixed",
      editedAt: reply.editedAt,
    };
    expect(await tab2.client.waitFor("edited")).toEqual(seen);
    expect(await bob.client.waitFor("edited")).toEqual(seen);
    await tab1.client.roundTrip();
    expect(tab1.client.received.filter((m) => m.type === "edited")).toHaveLength(1);

    // History and a fresh join carry the current text and editedAt, under the same seq.
    const carol = await world.hello({ name: "Carol" });
    const stored = { id, seq, text: "typo fixed", editedAt: reply.editedAt };
    expect((await carol.client.join("general")).messages).toEqual([
      expect.objectContaining(stored),
    ]);
    carol.client.send({ type: "history", room: "general" });
    expect((await carol.client.waitFor("history")).messages).toEqual([
      expect.objectContaining(stored),
    ]);
  });

  it("deletes for everyone: empty text and deleted: true in history and joined; no edits after", async () => {
    await using world = await testWorld({ users: ["Alice", "Bob"], rooms: ["general"] });
    const { Alice: alice, Bob: bob } = world.users;
    const { id, seq } = await post(alice.client, "general", "c1", "regrettable");
    await post(alice.client, "general", "c2", "fine");

    alice.client.send({ type: "delete", room: "general", id, ref: "d1" });
    expect(await alice.client.waitFor("deleted")).toEqual({
      type: "deleted",
      ref: "d1",
      room: "general",
      id,
      seq,
    });
    expect(await bob.client.waitFor("deleted")).toEqual({
      type: "deleted",
      room: "general",
      id,
      seq,
    });

    bob.client.send({ type: "history", room: "general" });
    const history = await bob.client.waitFor("history");
    expect(history.messages.map((m) => [m.text, m.deleted])).toEqual([
      ["", true],
      ["fine", undefined],
    ]);
    const later = await TestClient.hello(world.server.url, { name: "Carol" });
    using _c = later.client;
    expect((await later.client.join("general")).messages[0]).toMatchObject({
      text: "",
      deleted: true,
    });

    alice.client.send({ type: "edit", room: "general", id, text: "undo", ref: "e" });
    expect(await alice.client.waitFor("error")).toMatchObject({
      code: ErrorCode.NotFound,
      ref: "e",
    });
    // Deleting again is answered again, harmlessly.
    alice.client.send({ type: "delete", room: "general", id, ref: "d2" });
    expect(await alice.client.waitFor("deleted", (m) => m.ref === "d2")).toMatchObject({ id, seq });
  });

  it("refuses another user's edit and delete with unauthorized and changes nothing", async () => {
    await using world = await testWorld({ users: ["Alice", "Bob"], rooms: ["general"] });
    const { Alice: alice, Bob: bob } = world.users;
    const { id } = await post(alice.client, "general", "c1", "mine");

    bob.client.send({ type: "edit", room: "general", id, text: "yours now", ref: "e" });
    expect(await bob.client.waitFor("error")).toMatchObject({
      code: ErrorCode.Unauthorized,
      ref: "e",
    });
    bob.client.send({ type: "delete", room: "general", id, ref: "d" });
    expect(await bob.client.waitFor("error")).toMatchObject({
      code: ErrorCode.Unauthorized,
      ref: "d",
    });
    // Bob's next message reaches Alice after anything his refused requests could have caused.
    await post(bob.client, "general", "b1", "sorry");
    await alice.client.waitFor("message", (m) => m.cid === "b1");
    expect(alice.client.received.some((m) => m.type === "edited" || m.type === "deleted")).toBe(
      false,
    );
    alice.client.send({ type: "history", room: "general" });
    expect((await alice.client.waitFor("history")).messages[0]).toMatchObject({ id, text: "mine" });
  });

  it("answers not_found for an unknown id, or an id that lives in another room", async () => {
    await using world = await testWorld();
    const alice = await world.hello({ name: "Alice" });
    await alice.client.join("general");
    await alice.client.join("random");
    const { id } = await post(alice.client, "random", "c1", "over here");
    alice.client.send({ type: "edit", room: "general", id, text: "x", ref: "1" });
    expect(await alice.client.waitFor("error")).toMatchObject({
      code: ErrorCode.NotFound,
      ref: "1",
    });
    alice.client.send({ type: "delete", room: "general", id: "m_missing", ref: "2" });
    expect(await alice.client.waitFor("error")).toMatchObject({
      code: ErrorCode.NotFound,
      ref: "2",
    });
  });
});
