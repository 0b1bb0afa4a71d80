import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";

describe("presence", () => {
  it("counts a user with two sockets as one member: join on the first, leave on the last", async () => {
    await using world = await testWorld();
    const watcher = await world.hello({ name: "Watcher" });
    await watcher.client.join("general");

    const tab1 = await world.hello({ name: "Alice" });
    const joined1 = await tab1.client.join("general");
    expect(joined1.members).toEqual(
      expect.arrayContaining([watcher.welcome.user, tab1.welcome.user]),
    );
    await watcher.client.waitForPresence("join", tab1.welcome.user.id);

    const tab2 = await world.hello({ token: tab1.welcome.token });
    const joined2 = await tab2.client.join("general");
    expect(joined2.members).toHaveLength(2);

    tab1.client.close();
    await tab1.client.closed;
    // Let the server handle that close: a message from the remaining tab reaches the watcher after it.
    tab2.client.send({ type: "send", room: "general", cid: "still-here", text: "still here" });
    await watcher.client.waitFor("message", (m) => m.cid === "still-here");
    const aliceEvents = () =>
      watcher.client
        .presenceChanges()
        .flatMap((c) => (c.user.id === tab1.welcome.user.id ? [c.event] : []));
    expect(aliceEvents()).toEqual(["join"]);

    tab2.client.close();
    await watcher.client.waitForPresence("leave", tab1.welcome.user.id);
    await watcher.client.roundTrip();
    expect(aliceEvents()).toEqual(["join", "leave"]);
  });
});
