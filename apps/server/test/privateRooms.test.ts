import { Capability, ErrorCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";
import { api, createPrivateRoom, registerAccount } from "./accountsHttp.js";
import { limitsWith } from "./support/limits.js";

const ADMIN_TOKEN = "private-rooms-admin-token";
const caps = [Capability.Accounts, Capability.RoomsPaged];

describe("private rooms", () => {
  it("a non-member cannot join, read, list or be notified from a private room; an invited member can", async () => {
    await using world = await testWorld({ config: { adminToken: ADMIN_TOKEN } });
    const [olga, mia, otto] = await world.accounts("olga", "mia", "otto");
    const created = await api(world.server.httpUrl, "POST", "/api/rooms/private", {
      token: olga.token,
      body: { room: "board" },
    });
    expect(created.status).toBe(201);
    const invited = await api(world.server.httpUrl, "POST", "/api/rooms/invite", {
      token: olga.token,
      body: { room: "board", user: mia.user.id },
    });
    expect(invited.status).toBe(204);

    const owner = await world.hello({ token: olga.token, caps });
    const member = await world.hello({ token: mia.token, caps });
    const outsider = await world.hello({ token: otto.token, caps });
    await owner.client.join("board");
    await member.client.join("board");

    outsider.client.send({ type: "join", room: "board", ref: "j" });
    expect(await outsider.client.waitFor("error", (m) => m.ref === "j")).toMatchObject({
      code: ErrorCode.Unauthorized,
    });
    outsider.client.send({ type: "history", room: "board", ref: "h" });
    expect(await outsider.client.waitFor("error", (m) => m.ref === "h")).toMatchObject({
      code: ErrorCode.Unauthorized,
    });
    // Not in the directory for the outsider; listed for a member.
    outsider.client.send({ type: "rooms", ref: "r" });
    const outsiderRooms = await outsider.client.waitFor("rooms", (m) => m.ref === "r");
    expect(outsiderRooms.rooms.map((r) => r.room)).not.toContain("board");
    member.client.send({ type: "rooms", ref: "r" });
    const memberRooms = await member.client.waitFor("rooms", (m) => m.ref === "r");
    expect(memberRooms.rooms.map((r) => r.room)).toContain("board");
    // The member list is for members only: the outsider does not learn the room exists.
    const asOutsider = await api(world.server.httpUrl, "GET", "/api/rooms/members?room=board", {
      token: otto.token,
    });
    expect(asOutsider.status).toBe(404);
    const asMember = await api(world.server.httpUrl, "GET", "/api/rooms/members?room=board", {
      token: mia.token,
    });
    expect(asMember.json).toMatchObject({
      owner: olga.user.id,
      members: [{ id: olga.user.id }, { id: mia.user.id }],
    });

    // A mention of the outsider inside the room notifies nobody outside it; the member is notified.
    owner.client.send({ type: "send", room: "board", cid: "c1", text: "@otto @mia the numbers" });
    await member.client.waitFor("notification");
    // A room update for the public room arrives, but none ever names the private one.
    owner.client.send({ type: "join", room: "lobby" });
    owner.client.send({ type: "send", room: "lobby", cid: "c2", text: "@otto hello" });
    await outsider.client.waitFor("notification", (m) => m.notification.body === "@otto hello");
    await outsider.client.waitFor("room_update", (m) => m.room === "lobby");
    const leaked = outsider.client.received.filter((m) => "room" in m && m.room === "board");
    expect(leaked).toEqual([]);
    expect(
      outsider.client.received.filter(
        (m) => m.type === "notification" && m.notification.link?.room === "board",
      ),
    ).toEqual([]);

    // The push API's room target reaches members only, even an outsider who wrote nothing there.
    const pushed = await api(world.server.httpUrl, "POST", "/api/notifications", {
      token: ADMIN_TOKEN,
      body: { to: { room: "board" }, title: "board meeting" },
    });
    expect(pushed.status).toBe(202);
    await member.client.waitFor("notification", (m) => m.notification.title === "board meeting");
    await outsider.client.roundTrip();
    expect(
      outsider.client.received.some(
        (m) => m.type === "notification" && m.notification.title === "board meeting",
      ),
    ).toBe(false);
  });

  it("removing a member takes their open tab out of the room and keeps them out", async () => {
    await using world = await testWorld();
    const [olga, mia] = await world.accounts("olga", "mia");
    await createPrivateRoom(world.server.httpUrl, olga.token, "board", [mia]);
    const member = await world.hello({ token: mia.token, caps });
    const owner = await world.hello({ token: olga.token, caps });
    await member.client.join("board");
    await owner.client.join("board");

    const removed = await api(world.server.httpUrl, "POST", "/api/rooms/remove", {
      token: olga.token,
      body: { room: "board", user: mia.user.id },
    });
    expect(removed.status).toBe(204);
    await member.client.waitFor("left", (m) => m.room === "board");
    await owner.client.waitForPresence("leave", mia.user.id);
    // Messages sent after the removal do not reach her; sending there is refused.
    owner.client.send({ type: "send", room: "board", cid: "after", text: "after", ref: "a" });
    await owner.client.waitFor("ack", (m) => m.ref === "a");
    member.client.send({ type: "send", room: "board", cid: "m1", text: "still here?", ref: "s" });
    expect((await member.client.waitFor("error", (m) => m.ref === "s")).code).toBe(
      ErrorCode.NotJoined,
    );
    expect(member.client.received.some((m) => m.type === "message" && m.text === "after")).toBe(
      false,
    );
    member.client.send({ type: "join", room: "board", ref: "j" });
    expect((await member.client.waitFor("error", (m) => m.ref === "j")).code).toBe(
      ErrorCode.Unauthorized,
    );
    // Her saved rooms forget it, so no device of hers tries to rejoin it.
    member.client.send({ type: "rooms", ref: "r" });
    expect((await member.client.waitFor("rooms", (m) => m.ref === "r")).joined ?? []).not.toContain(
      "board",
    );
  });

  it("only the room's owner or a moderator manages members; guests own no rooms; names are not reused", async () => {
    await using world = await testWorld();
    // The first account is the server's owner.
    const [olga, mia, otto] = await world.accounts("olga", "mia", "otto");
    const guest = await world.hello({ name: "gus" });
    const create = (token: string, room: string) =>
      api(world.server.httpUrl, "POST", "/api/rooms/private", { token, body: { room } });
    expect((await create(mia.token, "mias")).status).toBe(201);
    expect((await create(otto.token, "mias")).status).toBe(409);
    expect((await create(otto.token, "general")).status).toBe(409);
    expect((await create(guest.welcome.token, "gusroom")).status).toBe(403);
    expect((await create(mia.token, "dm:x")).status).toBe(400);

    const invite = (token: string, user: string) =>
      api(world.server.httpUrl, "POST", "/api/rooms/invite", {
        token,
        body: { room: "mias", user },
      });
    expect((await invite(otto.token, otto.user.id)).status).toBe(403);
    expect((await invite(guest.welcome.token, guest.welcome.user.id)).status).toBe(403);
    expect((await invite(olga.token, otto.user.id)).status).toBe(204); // a moderator may
    expect((await invite(mia.token, guest.welcome.user.id)).status).toBe(204); // guests can be members
    const removeOwner = await api(world.server.httpUrl, "POST", "/api/rooms/remove", {
      token: olga.token,
      body: { room: "mias", user: mia.user.id },
    });
    expect(removeOwner.status).toBe(409);
    const byMember = await api(world.server.httpUrl, "POST", "/api/rooms/remove", {
      token: otto.token,
      body: { room: "mias", user: guest.welcome.user.id },
    });
    expect(byMember.status).toBe(403);

    const audit = await api(world.server.httpUrl, "GET", "/api/admin/audit", { token: olga.token });
    expect(audit.json.entries).toMatchObject([
      { actor: mia.user.id, action: "invite", target: guest.welcome.user.id, detail: "mias" },
      { actor: olga.user.id, action: "invite", target: otto.user.id, detail: "mias" },
    ]);
  });

  it("charges private rooms to the room-creation budget of the user: over it, 429 with Retry-After", async () => {
    await using world = await testWorld({
      config: { limits: limitsWith({ rooms: { perUserPerHour: 2 } }) },
    });
    const olga = await registerAccount(world.server.httpUrl, "olga");
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (const room of ["p1", "p2", "p3"]) {
      const res = await api(world.server.httpUrl, "POST", "/api/rooms/private", {
        token: olga.token,
        body: { room },
      });
      statuses.push(res.status);
      retryAfter ??= res.headers["retry-after"];
    }
    expect(statuses).toEqual([201, 201, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
