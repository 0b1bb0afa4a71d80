import { MeResponse } from "@duplex/protocol";
import { describe, expect, it } from "vitest";

import { testWorld } from "./support/testWorld.js";
import { api } from "./accountsHttp.js";

describe("GET /api/auth/me", () => {
  it("tells each bearer who it is and its role: owner, admin, member, guest", async () => {
    await using world = await testWorld();
    // The first account is the owner.
    const [owner, admin, member] = await world.accounts("olga", "adam", "mia");
    await api(world.server.httpUrl, "POST", "/api/admin/role", {
      token: owner.token,
      body: { user: admin.user.id, role: "admin" },
    });
    const guest = await world.hello({ name: "gus" });

    const me = async (token: string) => {
      const res = await api(world.server.httpUrl, "GET", "/api/auth/me", { token });
      expect(res.status).toBe(200);
      return MeResponse.parse(res.json);
    };
    expect(await me(owner.token)).toEqual({ user: owner.user, role: "owner", guest: false });
    expect(await me(admin.token)).toEqual({ user: admin.user, role: "admin", guest: false });
    expect(await me(member.token)).toEqual({ user: member.user, role: "member", guest: false });
    expect(await me(guest.welcome.token)).toEqual({
      user: { id: guest.welcome.user.id, name: "gus" },
      role: "guest",
      guest: true,
    });
  });

  it("answers 401 without a token, with a logged-out one and for a banned user; 405 for POST", async () => {
    await using world = await testWorld();
    const [owner, carol, dave] = await world.accounts("olga", "carol", "dave");

    const none = await api(world.server.httpUrl, "GET", "/api/auth/me");
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toBe("Bearer");
    expect(
      (await api(world.server.httpUrl, "POST", "/api/auth/me", { token: dave.token })).status,
    ).toBe(405);

    await api(world.server.httpUrl, "POST", "/api/auth/logout", { token: dave.token });
    expect(
      (await api(world.server.httpUrl, "GET", "/api/auth/me", { token: dave.token })).status,
    ).toBe(401);

    await api(world.server.httpUrl, "POST", "/api/admin/ban", {
      token: owner.token,
      body: { user: carol.user.id },
    });
    expect(
      (await api(world.server.httpUrl, "GET", "/api/auth/me", { token: carol.token })).status,
    ).toBe(401);
  });
});
