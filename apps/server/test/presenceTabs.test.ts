import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";

describe("presence across tabs ([R5])", () => {
  it("keeps a two-tab user one member until the last tab's heartbeat fails", async () => {
    await using world = await testWorld({ config: { heartbeatMs: 100 } });
    const watcher = await world.hello({ name: "Watcher" });
    await watcher.client.join("general");
    watcher.client.send({ type: "rooms" });
    await watcher.client.waitFor("rooms");

    const tab1 = await world.hello({ name: "Alice" });
    const tab2 = await world.hello({ token: tab1.welcome.token });
    await tab1.client.join("general");
    const joined2 = await tab2.client.join("general");
    expect(joined2.members).toHaveLength(2);
    await watcher.client.waitFor("room_update", (m) => m.room === "general" && m.online === 2);

    tab1.client.close();
    await tab1.client.closed;
    // The remaining tab still talks; its message reaches the watcher after tab1's close was handled.
    tab2.client.send({ type: "send", room: "general", cid: "still", text: "still here" });
    await watcher.client.waitFor("message", (m) => m.cid === "still");
    const aliceEvents = () =>
      watcher.client
        .presenceChanges()
        .flatMap((c) => (c.user.id === tab1.welcome.user.id ? [c.event] : []));
    expect(aliceEvents()).toEqual(["join"]);

    // The last tab stops reading (a frozen laptop): no pongs, so the heartbeat terminates it.
    tab2.client.ws.pause();
    await watcher.client.waitForPresence("leave", tab1.welcome.user.id);
    expect(aliceEvents()).toEqual(["join", "leave"]);
    await watcher.client.waitFor("room_update", (m) => m.room === "general" && m.online === 1);
  });
});
