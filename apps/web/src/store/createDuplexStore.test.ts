import { LIMITS, type ServerMessageOf } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { ALICE, BOB, ScriptedClient, chatMessage } from "../test/scriptedClient.js";
import { createDuplexStore } from "./createDuplexStore.js";
import { NAME_STORAGE_KEY } from "./sessionSlice.js";
import { memoryStorage } from "../test/memoryStorage.js";

describe("createDuplexStore", () => {
  it("signs in by naming the user, connecting and, with no saved rooms, joining #general", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);

    const result = store.getState().actions.signIn("  Alice ");

    expect(result).toEqual({ ok: true, name: "Alice" });
    expect(client.calls).toEqual(["setName Alice", "connect"]);
    expect(store.getState().rooms.current).toBe("general");
    expect(store.getState().session.name).toBe("Alice");
    expect(store.getState().connection.status).toBe("connecting");
    client.welcome(ALICE);
    client.emit("message", { type: "rooms", rooms: [] });
    expect(client.calls).toEqual([
      "setName Alice",
      "connect",
      "rooms",
      "join general",
      "open general",
    ]);
  });

  it("refuses a name the protocol would refuse, without touching the connection", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);

    const result = store.getState().actions.signIn("x".repeat(LIMITS.maxNameLength + 1));

    expect(result.ok).toBe(false);
    expect(client.calls).toEqual([]);
    expect(store.getState().session.name).toBeUndefined();
  });

  it("remembers the name so a reload signs in again", () => {
    const storage = memoryStorage();
    createDuplexStore(new ScriptedClient(), { storage }).getState().actions.signIn("Alice");
    expect(storage.getItem(NAME_STORAGE_KEY)).toBe("Alice");

    const client = new ScriptedClient();
    const reloaded = createDuplexStore(client, { storage });
    expect(reloaded.getState().actions.restoreSession()).toBe(true);
    expect(client.calls).toContain("setName Alice");
    expect(reloaded.getState().session.name).toBe("Alice");
  });

  it("does not sign in on start when no name was remembered", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client, { storage: memoryStorage() });
    expect(store.getState().actions.restoreSession()).toBe(false);
    expect(client.calls).toEqual([]);
  });

  it("keeps each room's messages in seq order and never twice across a replay", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);
    const [m1, m2, m3] = [1, 2, 3].map((seq) => chatMessage(BOB, `hi ${seq}`, { seq }));

    client.deliver("general", [m1!, m3!]);
    client.deliver("general", [m2!, m3!]);

    expect(store.getState().messages.byRoom.general?.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("replaces a room's messages when the client says reset (stale epoch)", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);
    client.deliver("general", [chatMessage(BOB, "old", { seq: 7 })]);

    client.deliver("general", [chatMessage(BOB, "fresh", { seq: 1 })], true);

    expect(store.getState().messages.byRoom.general?.map((m) => m.text)).toEqual(["fresh"]);
  });

  it("sends to the current room and shows the entry at once", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);
    store.getState().actions.signIn("Alice");

    expect(store.getState().actions.sendMessage("hello")).toBe(true);

    expect(client.calls).toContain("send general hello");
    expect(store.getState().messages.outbox).toMatchObject([{ text: "hello", status: "queued" }]);
  });

  it("sends nothing blank or over the length limit", () => {
    const client = new ScriptedClient();
    const { actions } = createDuplexStore(client).getState();
    expect(actions.sendMessage("   \n ")).toBe(false);
    expect(actions.sendMessage("x".repeat(LIMITS.maxTextLength + 1))).toBe(false);
    expect(client.calls.filter((c) => c.startsWith("send"))).toEqual([]);
  });

  it("shows the latest round-trip time, and forgets it when the link drops", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);
    client.welcome(ALICE);
    client.emit("rtt", 23);
    expect(store.getState().connection.rttMs).toBe(23);

    client.setState({ status: "reconnecting", attempt: 1, nextRetryAt: Date.now() + 1000 });
    expect(store.getState().connection).toMatchObject({ status: "reconnecting", attempt: 1 });
    expect(store.getState().connection.rttMs).toBeUndefined();
  });

  it("lists rooms the server confirmed and drops ones we left", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);
    const joined: ServerMessageOf<"joined"> = {
      type: "joined",
      room: "general",
      members: [ALICE],
      messages: [],
      seq: 0,
      epoch: "e1",
      hasMore: false,
    };
    client.emit("message", joined);
    client.emit("message", { ...joined, room: "random" });
    expect(store.getState().rooms.joined).toEqual(["general", "random"]);

    client.emit("message", { type: "left", room: "random" });
    expect(store.getState().rooms.joined).toEqual(["general"]);
  });
});
