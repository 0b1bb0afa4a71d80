import { Capability, ErrorCode } from "@duplex/protocol";
import { describe, expect, it, vi } from "vitest";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { api, createPrivateRoom, registerAccounts } from "./accountsHttp.js";

const caps = [Capability.Accounts];

describe("mutes and a moderator's delete", () => {
  it("a muted user's sends and edits are refused with `muted` until the mute ends or is lifted, in that room only", async () => {
    await using world = await testWorld();
    const [olga, bob] = await world.accounts("olga", "bob");
    const tab = await world.hello({ token: bob.token, caps });
    const v1Tab = await world.hello({ token: bob.token });
    await tab.client.join("general");
    await tab.client.join("random");
    await v1Tab.client.join("general");
    tab.client.send({ type: "send", room: "general", cid: "before", text: "hi", ref: "b" });
    const before = await tab.client.waitFor("ack", (m) => m.ref === "b");

    const muted = await api(world.server.httpUrl, "POST", "/api/admin/mute", {
      token: olga.token,
      body: { user: bob.user.id, room: "general", durationMs: 60_000 },
    });
    expect(muted.status).toBe(200);
    tab.client.send({ type: "send", room: "general", cid: "m1", text: "spam", ref: "s" });
    const refused = await tab.client.waitFor("error", (m) => m.ref === "s");
    expect(refused.code).toBe(ErrorCode.Muted);
    expect(refused.retryAfterMs).toBeGreaterThan(55_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    tab.client.send({ type: "edit", room: "general", id: before.id, text: "edited", ref: "e" });
    expect((await tab.client.waitFor("error", (m) => m.ref === "e")).code).toBe(ErrorCode.Muted);
    // A client that did not ask for `accounts` reads a code it knows and does not retry.
    v1Tab.client.send({ type: "send", room: "general", cid: "v1", text: "spam", ref: "v" });
    expect((await v1Tab.client.waitFor("error", (m) => m.ref === "v")).code).toBe(
      ErrorCode.Unauthorized,
    );
    // Another room is fine.
    tab.client.send({ type: "send", room: "random", cid: "r1", text: "ok here", ref: "r" });
    await tab.client.waitFor("ack", (m) => m.ref === "r");

    const lifted = await api(world.server.httpUrl, "POST", "/api/admin/unmute", {
      token: olga.token,
      body: { user: bob.user.id, room: "general" },
    });
    expect(lifted.status).toBe(204);
    tab.client.send({ type: "send", room: "general", cid: "m2", text: "sorry", ref: "s2" });
    await tab.client.waitFor("ack", (m) => m.ref === "s2");

    // A global mute holds in every room, and ends by itself.
    await api(world.server.httpUrl, "POST", "/api/admin/mute", {
      token: olga.token,
      body: { user: bob.user.id, durationMs: 1_000 },
    });
    tab.client.send({ type: "send", room: "random", cid: "g1", text: "x", ref: "g1" });
    expect((await tab.client.waitFor("error", (m) => m.ref === "g1")).code).toBe(ErrorCode.Muted);
    // The mute's own length passes on the clock, not in a sleep (only Date is faked: sockets keep time).
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 1_100);
      tab.client.send({ type: "send", room: "random", cid: "g2", text: "x", ref: "g2" });
      await tab.client.waitFor("ack", (m) => m.ref === "g2");
    } finally {
      vi.useRealTimers();
    }

    const audit = await api(world.server.httpUrl, "GET", "/api/admin/audit", { token: olga.token });
    expect((audit.json.entries as { action: string }[]).map((e) => e.action)).toEqual([
      "mute",
      "unmute",
      "mute",
    ]);
  });

  it("keeps a mute across a restart (the store is the record)", async () => {
    using db = tempDb();
    let bobToken: string;
    {
      await using server = await startTestServer({ dbPath: db.path });
      const [olga, bob] = await registerAccounts(server.httpUrl, ["olga", "bob"]);
      bobToken = bob.token;
      await api(server.httpUrl, "POST", "/api/admin/mute", {
        token: olga.token,
        body: { user: bob.user.id, durationMs: 60_000 },
      });
    }
    await using again = await startTestServer({ dbPath: db.path });
    const tab = await TestClient.hello(again.url, { token: bobToken, caps });
    using _t = tab.client;
    await tab.client.join("general");
    tab.client.send({ type: "send", room: "general", cid: "m1", text: "x", ref: "s" });
    expect((await tab.client.waitFor("error", (m) => m.ref === "s")).code).toBe(ErrorCode.Muted);
  });

  it("only a higher role mutes: members, guests and upwards are refused", async () => {
    await using world = await testWorld();
    const [olga, mia] = await world.accounts("olga", "mia");
    const mute = (token: string, user: string) =>
      api(world.server.httpUrl, "POST", "/api/admin/mute", {
        token,
        body: { user, durationMs: 60_000 },
      });
    expect((await mute(mia.token, olga.user.id)).status).toBe(403);
    expect((await mute(olga.token, olga.user.id)).status).toBe(403);
    const tooLong = await api(world.server.httpUrl, "POST", "/api/admin/mute", {
      token: olga.token,
      body: { user: mia.user.id, durationMs: 31 * 24 * 3_600_000 },
    });
    expect(tooLong.status).toBe(400);
  });

  it("a moderator deletes anyone's message (audited); a member cannot; a private room's owner can in it", async () => {
    await using world = await testWorld();
    const [olga, bob, mia] = await world.accounts("olga", "bob", "mia");
    const mod = await world.hello({ token: olga.token, caps });
    const author = await world.hello({ token: bob.token, caps });
    const member = await world.hello({ token: mia.token, caps });
    for (const c of [mod, author, member]) await c.client.join("general");
    author.client.send({ type: "send", room: "general", cid: "c1", text: "buy pills", ref: "s" });
    const ack = await author.client.waitFor("ack", (m) => m.ref === "s");

    member.client.send({ type: "delete", room: "general", id: ack.id, ref: "d1" });
    expect((await member.client.waitFor("error", (m) => m.ref === "d1")).code).toBe(
      ErrorCode.Unauthorized,
    );
    mod.client.send({ type: "delete", room: "general", id: ack.id, ref: "d2" });
    await mod.client.waitFor("deleted", (m) => m.ref === "d2");
    await author.client.waitFor("deleted", (m) => m.id === ack.id);
    await member.client.waitFor("deleted", (m) => m.id === ack.id);
    const page = await member.client.join("general");
    expect(page.messages.find((m) => m.id === ack.id)).toMatchObject({ deleted: true, text: "" });
    const audit = await api(world.server.httpUrl, "GET", "/api/admin/audit", { token: olga.token });
    expect(audit.json.entries).toMatchObject([
      { actor: olga.user.id, action: "delete", target: bob.user.id, detail: `general ${ack.id}` },
    ]);

    // Mia owns a private room: she moderates messages there, not elsewhere.
    await createPrivateRoom(world.server.httpUrl, mia.token, "mias", [bob]);
    await member.client.join("mias");
    await author.client.join("mias");
    author.client.send({ type: "send", room: "mias", cid: "c2", text: "off topic", ref: "s2" });
    const ack2 = await author.client.waitFor("ack", (m) => m.ref === "s2");
    member.client.send({ type: "delete", room: "mias", id: ack2.id, ref: "d3" });
    await member.client.waitFor("deleted", (m) => m.ref === "d3");
  });
});
