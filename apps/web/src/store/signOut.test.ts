import { DuplexClient, memoryStorage } from "@duplex/client";
import { FakePeer } from "@duplex/client/testing";
import { AUTH_PATHS } from "@duplex/protocol";
import { describe, expect, it, vi } from "vitest";
import type { HttpCall } from "./accountActions.js";
import { createDuplexStore } from "./createDuplexStore.js";

/** The store over the real client and the client package's fake server, sharing one browser storage. */
function setup() {
  const peer = new FakePeer();
  const storage = memoryStorage();
  const client = new DuplexClient({
    url: "ws://127.0.0.1/ws",
    WebSocket: peer.WebSocket,
    storage,
    random: () => 0,
    online: { isOnline: () => true, subscribe: () => () => undefined },
  });
  const logouts: string[] = [];
  const http: HttpCall = (path, init) => {
    if (path === AUTH_PATHS.logout) logouts.push(new Headers(init.headers).get("authorization")!);
    return Promise.resolve(new Response(null, { status: 204 }));
  };
  const store = createDuplexStore(client, { storage, http });
  return { peer, client, storage, store, logouts };
}

describe("sign-out on a shared browser", () => {
  it("drops the unsent messages: the next user who signs in never sends them, nor rejoins the rooms", async () => {
    const { peer, client, storage, store, logouts } = setup();
    const { actions } = store.getState();
    actions.signIn("Alice");
    await vi.waitFor(() => expect(store.getState().rooms.joined).toContain("general"));
    peer.onFrame = (_socket, message) => message.type === "send"; // the server never acks it
    expect(actions.sendMessage("alice's unsent words")).toBe(true);
    await vi.waitFor(() => expect(store.getState().messages.outbox).toHaveLength(1));
    const aliceToken = client.token;

    await store.getState().actions.signOut();
    expect(logouts).toEqual([`Bearer ${aliceToken ?? ""}`]);
    expect(store.getState().messages.outbox).toEqual([]);
    expect(storage.getItem("duplex:outbox")).toBeNull();
    peer.onFrame = undefined;

    const sockets = peer.sockets.length;
    store.getState().actions.signIn("Bob");
    await vi.waitFor(() => expect(client.user?.name).toBe("Bob"));
    await vi.waitFor(() => expect(store.getState().rooms.joined).toContain("general"));
    const bobFrames = peer.sockets.slice(sockets).flatMap((s) => s.received);
    expect(bobFrames.filter((m) => m.type === "send")).toEqual([]);
    expect(bobFrames.find((m) => m.type === "hello")).not.toHaveProperty("token", aliceToken);
    // Only the room Bob's own sign-in opens is joined, once.
    expect(bobFrames.filter((m) => m.type === "join").map((m) => m.room)).toEqual(["general"]);
  });
});
