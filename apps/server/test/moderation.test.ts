import { CloseCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { GOOD_PASSWORD, api, registerAccounts } from "./accountsHttp.js";

describe("roles, bans and the audit log", () => {
  it("an admin's ban ends the user's open tab with 4403 and refuses login and hello; the audit log shows it", async () => {
    await using world = await testWorld();
    // The first account is the owner.
    const [owner, admin, carol] = await world.accounts("olga", "adam", "carol");
    const promote = await api(world.server.httpUrl, "POST", "/api/admin/role", {
      token: owner.token,
      body: { user: admin.user.id, role: "admin" },
    });
    expect(promote.status).toBe(204);

    const tab = await world.hello({ token: carol.token });
    const banned = await api(world.server.httpUrl, "POST", "/api/admin/ban", {
      token: admin.token,
      body: { user: carol.user.id },
    });
    expect(banned.status).toBe(204);
    expect((await tab.client.closed).code).toBe(CloseCode.Forbidden);
    const login = await api(world.server.httpUrl, "POST", "/api/auth/login", {
      body: { name: "carol", password: GOOD_PASSWORD },
    });
    expect(login.status).toBe(403);
    using again = await world.connect();
    again.send({ type: "hello", token: carol.token });
    expect((await again.closed).code).toBe(CloseCode.Forbidden);

    const audit = await api(world.server.httpUrl, "GET", "/api/admin/audit", {
      token: owner.token,
    });
    expect(audit.status).toBe(200);
    expect(audit.json.entries).toMatchObject([
      { actor: admin.user.id, action: "ban", target: carol.user.id, detail: "carol" },
      { actor: owner.user.id, action: "role", target: admin.user.id, detail: "admin" },
    ]);

    const unbanned = await api(world.server.httpUrl, "POST", "/api/admin/unban", {
      token: admin.token,
      body: { user: carol.user.id },
    });
    expect(unbanned.status).toBe(204);
    const back = await api(world.server.httpUrl, "POST", "/api/auth/login", {
      body: { name: "carol", password: GOOD_PASSWORD },
    });
    expect(back.status).toBe(200);
  });

  it("refuses moderation to members and guests, and upwards (an admin cannot ban the owner or an admin)", async () => {
    await using world = await testWorld();
    const [owner, admin, admin2, member] = await world.accounts("olga", "adam", "ada", "mia");
    for (const who of [admin, admin2]) {
      await api(world.server.httpUrl, "POST", "/api/admin/role", {
        token: owner.token,
        body: { user: who.user.id, role: "admin" },
      });
    }
    const guest = await world.hello({ name: "gus" });
    const ban = (token: string, user: string) =>
      api(world.server.httpUrl, "POST", "/api/admin/ban", { token, body: { user } });
    expect((await ban(member.token, guest.welcome.user.id)).status).toBe(403);
    expect((await ban(guest.welcome.token, member.user.id)).status).toBe(403);
    expect((await ban(admin.token, owner.user.id)).status).toBe(403);
    expect((await ban(admin.token, admin2.user.id)).status).toBe(403);
    expect((await ban(admin.token, admin.user.id)).status).toBe(403);
    expect(
      (
        await api(world.server.httpUrl, "POST", "/api/admin/role", {
          token: admin.token,
          body: { user: member.user.id, role: "admin" },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api(world.server.httpUrl, "GET", "/api/admin/audit", { token: member.token })).status,
    ).toBe(403);
    // A guest can be banned: its tab closes with 4403.
    expect((await ban(admin.token, guest.welcome.user.id)).status).toBe(204);
    expect((await guest.client.closed).code).toBe(CloseCode.Forbidden);
  });

  it("makes the account named by OWNER the owner, not the first one", async () => {
    using db = tempDb();
    await using server = await startTestServer({
      dbPath: db.path,
      accounts: { guests: true, sessionMaxAgeMs: 86_400_000, tokenGraceMs: 60_000, owner: "Boss" },
    });
    const [first, boss] = await registerAccounts(server.httpUrl, ["early", "boss"]);
    const asFirst = await api(server.httpUrl, "GET", "/api/admin/audit", { token: first.token });
    const asBoss = await api(server.httpUrl, "GET", "/api/admin/audit", { token: boss.token });
    expect([asFirst.status, asBoss.status]).toEqual([403, 200]);
  });
});
