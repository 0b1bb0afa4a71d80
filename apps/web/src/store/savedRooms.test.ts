import type { ServerMessageOf } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { ALICE, ScriptedClient } from "../test/scriptedClient.js";
import { createDuplexStore } from "./createDuplexStore.js";

function joined(room: string): ServerMessageOf<"joined"> {
  return {
    type: "joined",
    room,
    members: [ALICE],
    messages: [],
    seq: 0,
    epoch: "e1",
    hasMore: false,
  };
}

function signedIn() {
  const client = new ScriptedClient();
  const store = createDuplexStore(client);
  store.getState().actions.signIn("Alice");
  client.welcome(ALICE);
  client.emit("message", joined("general"));
  return { client, store };
}

describe("rooms the server remembers", () => {
  it("rejoins the user's saved rooms on connect and opens the one last on screen", () => {
    const { client, store } = signedIn();
    expect(client.calls).toContain("rooms");
    // Nothing is announced as open before the saved room was read: it would overwrite it.
    expect(client.calls.filter((c) => c.startsWith("open"))).toEqual([]);

    client.emit("message", { type: "rooms", rooms: [], joined: ["general", "ops"], open: "ops" });

    expect(client.calls).toContain("join ops");
    expect(store.getState().rooms.current).toBe("ops");
    client.emit("message", joined("ops"));
    expect(store.getState().rooms.joined).toEqual(["general", "ops"]);
  });

  it("keeps the room the user picked while the saved ones were on their way", () => {
    const { client, store } = signedIn();
    store.getState().actions.joinRoom("random");
    client.emit("message", { type: "rooms", rooms: [], joined: ["general", "ops"], open: "ops" });
    expect(store.getState().rooms.current).toBe("random");
    expect(client.calls).toContain("open random");
    expect(client.calls).not.toContain("open ops");
  });

  it("does not bring back #general after a reload when the user had left it", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);
    store.getState().actions.signIn("Alice");
    client.welcome(ALICE);
    client.emit("message", { type: "rooms", rooms: [], joined: ["ops", "design"] });

    expect(client.calls).not.toContain("join general");
    expect(client.calls).toContain("join ops");
    expect(client.calls).toContain("join design");
    expect(store.getState().rooms.current).toBe("ops");
    expect(client.calls).toContain("open ops");
  });

  it("joins #general when the server answers without saved rooms (a node that does not keep them)", () => {
    const client = new ScriptedClient();
    const store = createDuplexStore(client);
    store.getState().actions.signIn("Alice");
    client.welcome(ALICE);
    client.emit("message", { type: "rooms", rooms: [] });
    expect(client.calls).toContain("join general");
    expect(store.getState().rooms.current).toBe("general");
  });

  it("tells the server each room the user opens, for their other devices", () => {
    const { client, store } = signedIn();
    client.emit("message", { type: "rooms", rooms: [], joined: ["general"] });
    store.getState().actions.joinRoom("ops");
    expect(client.calls.filter((c) => c.startsWith("open"))).toEqual(["open general", "open ops"]);
  });
});
