import { Capability, type User } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";
import { registerAccount } from "./accountsHttp.js";

const caps = [Capability.Accounts];

describe("guests are marked for clients that asked (capability accounts)", () => {
  it("marks a guest, never a member, in welcome, members, presence, typing and message authors; a v1 client sees no mark", async () => {
    await using world = await testWorld();
    const mia = await registerAccount(world.server.httpUrl, "mia");
    const member = await world.hello({ token: mia.token, caps });
    const v1 = await world.hello({ name: "old" });
    await member.client.join("general");
    await v1.client.join("general");
    member.client.send({ type: "send", room: "general", cid: "m1", text: "member here" });
    await member.client.waitFor("message", (m) => m.cid === "m1");

    const guest = await world.hello({ name: "gus" }, {});
    expect(guest.welcome.user.guest).toBeUndefined(); // asked for nothing
    const marked = await world.hello({ token: guest.welcome.token, caps });
    expect(marked.welcome.user).toEqual({ ...guest.welcome.user, guest: true });
    const joined = await marked.client.join("general");
    const byId = new Map<string, User>(joined.members.map((u) => [u.id, u]));
    expect(byId.get(mia.user.id)).toEqual({ id: mia.user.id, name: "mia" });
    expect(byId.get(v1.welcome.user.id)?.guest).toBe(true);
    expect(joined.messages.find((m) => m.cid === "m1")?.from).toEqual({
      id: mia.user.id,
      name: "mia",
    });

    await member.client.waitForPresence("join", guest.welcome.user.id);
    const seen = member.client
      .presenceChanges("general")
      .find((c) => c.user.id === guest.welcome.user.id);
    expect(seen?.user.guest).toBe(true);
    marked.client.send({ type: "typing", room: "general" });
    expect((await member.client.waitFor("typing")).user.guest).toBe(true);
    marked.client.send({ type: "send", room: "general", cid: "g1", text: "guest here" });
    expect((await member.client.waitFor("message", (m) => m.cid === "g1")).from.guest).toBe(true);
    member.client.send({ type: "history", room: "general", ref: "h" });
    const history = await member.client.waitFor("history", (m) => m.ref === "h");
    expect(history.messages.find((m) => m.cid === "g1")?.from.guest).toBe(true);
    expect(history.messages.find((m) => m.cid === "m1")?.from.guest).toBeUndefined();

    // The v1 client got the same conversation without a single mark.
    await v1.client.waitFor("message", (m) => m.cid === "g1");
    v1.client.send({ type: "history", room: "general", ref: "h" });
    await v1.client.waitFor("history", (m) => m.ref === "h");
    expect(JSON.stringify(v1.client.received)).not.toContain('"guest"');
  });
});
