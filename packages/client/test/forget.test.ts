import { startServer } from "@duplex/server";
import { describe, expect, it, vi } from "vitest";
import { memoryStorage } from "../src/environment.js";
import { controllableOnline } from "./harness.js";
import { RecordingClient, tempDb } from "./fixtures.js";

describe("DuplexClient.forget (sign-out) against the real server", () => {
  it("never sends what the signed-out user queued, and the next identity rejoins none of their rooms", async () => {
    using db = tempDb();
    await using server = await startServer({ port: 0, dbPath: db.path, logLevel: "silent" });
    const storage = memoryStorage();
    const online = controllableOnline();
    using shared = new RecordingClient({ url: server.url, name: "alice", storage, online });
    using watcher = new RecordingClient({ url: server.url, name: "carol" });
    for (const c of [shared, watcher]) {
      c.client.join("general");
      c.client.connect();
    }
    await Promise.all([shared.until("open"), watcher.until("open")]);
    await vi.waitFor(() => expect(shared.views.has("general")).toBe(true));
    await vi.waitFor(() => expect(watcher.views.has("general")).toBe(true));

    online.set(false); // the network drops: the message waits in the outbox
    await vi.waitFor(() => expect(shared.client.state.status).toBe("reconnecting"));
    shared.client.send("general", "alice's secret draft");
    expect(shared.client.outbox).toHaveLength(1);

    shared.client.forget(); // alice signs out on this browser
    expect(shared.client.outbox).toEqual([]);
    expect(shared.client.joinedRooms).toEqual([]);
    expect(shared.client.token).toBeUndefined();
    expect(storage.getItem("duplex:outbox")).toBeNull();
    expect(storage.getItem("duplex:cursors")).toBeNull();

    // A page reload would read the same storage: nothing of alice's is left there either.
    using reloaded = new RecordingClient({ url: server.url, name: "x", storage });
    expect(reloaded.client.outbox).toEqual([]);

    online.set(true);
    shared.client.setName("bob"); // bob signs in on the same browser
    shared.client.connect();
    await shared.until("open");
    expect(shared.client.user?.name).toBe("bob");
    expect(shared.client.joinedRooms).toEqual([]);
    shared.client.join("general");
    const marker = shared.client.send("general", "bob's first message");
    await vi.waitFor(() => expect(shared.acked.has(marker.cid)).toBe(true));
    await vi.waitFor(() =>
      expect(watcher.view("general").map((m) => m.text)).toEqual(["bob's first message"]),
    );
    expect(watcher.view("general")[0]?.from.name).toBe("bob");
  });
});
