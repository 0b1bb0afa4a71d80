import { describe, expect, it } from "vitest";
import { testWorld, type WorldUser } from "./support/testWorld.js";

/**
 * Closes `tab1` of a two-tab user while `tab2` stays: a message from `tab2` reaching `watcher` after
 * it proves the server handled the close, and by then the watcher heard only the user's join.
 * Returns the user's presence events as the watcher hears them, to ask again later.
 */
async function closeFirstTab(watcher: WorldUser, tab1: WorldUser, tab2: WorldUser, cid: string) {
  tab1.client.close();
  await tab1.client.closed;
  tab2.client.send({ type: "send", room: "general", cid, text: "still here" });
  await watcher.client.waitFor("message", (m) => m.cid === cid);
  const events = () =>
    watcher.client
      .presenceChanges()
      .flatMap((c) => (c.user.id === tab1.welcome.user.id ? [c.event] : []));
  expect(events()).toEqual(["join"]);
  return events;
}

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

    const aliceEvents = await closeFirstTab(watcher, tab1, tab2, "still-here");

    tab2.client.close();
    await watcher.client.waitForPresence("leave", tab1.welcome.user.id);
    await watcher.client.roundTrip();
    expect(aliceEvents()).toEqual(["join", "leave"]);
  });
});

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

    const aliceEvents = await closeFirstTab(watcher, tab1, tab2, "still");

    // The last tab stops reading (a frozen laptop): no pongs, so the heartbeat terminates it.
    tab2.client.ws.pause();
    await watcher.client.waitForPresence("leave", tab1.welcome.user.id);
    expect(aliceEvents()).toEqual(["join", "leave"]);
    await watcher.client.waitFor("room_update", (m) => m.room === "general" && m.online === 1);
  });
});
