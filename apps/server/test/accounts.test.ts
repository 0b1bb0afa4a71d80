import { CloseCode, type User } from "@duplex/protocol";
import { describe, expect, it } from "vitest";

import { saysThenLeaves, testWorld } from "./support/testWorld.js";
import { GOOD_PASSWORD, api } from "./accountsHttp.js";

const register = (httpUrl: string, name: string, password = GOOD_PASSWORD, token?: string) =>
  api(httpUrl, "POST", "/api/auth/register", {
    body: { name, password },
    ...(token !== undefined && { token }),
  });
const login = (httpUrl: string, name: string, password = GOOD_PASSWORD, from?: string) =>
  api(httpUrl, "POST", "/api/auth/login", {
    body: { name, password },
    ...(from !== undefined && { from }),
  });

describe("accounts: register and sign in", () => {
  it("registers, signs in over the socket with the token, and signs in again with the password", async () => {
    await using world = await testWorld();
    const created = await register(world.server.httpUrl, "Alice");
    expect(created.status).toBe(201);
    const user = created.json.user as User;
    expect(user.name).toBe("Alice");
    const { welcome } = await world.hello({
      token: created.json.token as string,
    });
    expect(welcome.user).toEqual(user);

    const again = await login(world.server.httpUrl, "alice");
    expect(again.status).toBe(200);
    expect(again.json.user).toEqual(user);
    expect(again.json.token).not.toBe(created.json.token);
  });

  it.each([
    ["short1234", "at least 10 characters"],
    ["qwertyuiop", "most common passwords"],
    ["1234567890", "most common passwords"],
    ["Alice-forever-99", "must not contain the name"],
  ])("refuses the weak password %j with 400 naming the rule", async (password, rule) => {
    await using world = await testWorld();
    const answer = await register(world.server.httpUrl, "Alice", password);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toContain(rule);
  });

  it("answers 409 for a taken name, however it is spelled", async () => {
    await using world = await testWorld();
    expect((await register(world.server.httpUrl, "alice")).status).toBe(201);
    for (const name of ["alice", "ALICE", "\u0430lice", "ａｌｉｃｅ"]) {
      expect((await register(world.server.httpUrl, name)).status).toBe(409);
    }
    // A guest cannot take it either.
    const guest = await world.hello({ name: "alice" });
    expect(guest.welcome.user.name).not.toBe("alice");
  });

  it("answers 401 alike for a wrong password and an unknown name", async () => {
    await using world = await testWorld();
    await register(world.server.httpUrl, "alice");
    const wrong = await login(world.server.httpUrl, "alice", "not-the-password-1");
    const unknown = await login(world.server.httpUrl, "nobody-here", "not-the-password-1");
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(unknown.json).toEqual(wrong.json);
  });

  it("locks a name out after 5 failures from one address, not from another, with Retry-After", async () => {
    await using world = await testWorld();
    await register(world.server.httpUrl, "alice");
    for (let i = 0; i < 5; i++) {
      expect(
        (await login(world.server.httpUrl, "alice", "wrong-password-x", "127.0.0.1")).status,
      ).toBe(401);
    }
    const locked = await login(world.server.httpUrl, "alice", GOOD_PASSWORD, "127.0.0.1");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(800);
    expect((await login(world.server.httpUrl, "alice", GOOD_PASSWORD, "127.0.0.2")).status).toBe(
      200,
    );
  });

  it("locks an address out after 20 failures over any names", async () => {
    await using world = await testWorld();
    await register(world.server.httpUrl, "alice");
    for (let i = 0; i < 20; i++) {
      await login(world.server.httpUrl, `nobody${i}`, "wrong-password-x", "127.0.0.3");
    }
    expect((await login(world.server.httpUrl, "alice", GOOD_PASSWORD, "127.0.0.3")).status).toBe(
      429,
    );
    expect((await login(world.server.httpUrl, "alice", GOOD_PASSWORD, "127.0.0.4")).status).toBe(
      200,
    );
  });

  it("lets a guest claim an account for its own name once, keeping its id and history", async () => {
    await using world = await testWorld();
    const guest = await saysThenLeaves(world, "carol", "guest days");
    const claimed = await register(
      world.server.httpUrl,
      "carol",
      GOOD_PASSWORD,
      guest.welcome.token,
    );
    expect(claimed.status).toBe(201);
    expect(claimed.json.user).toEqual(guest.welcome.user);
    expect(
      (await register(world.server.httpUrl, "carol", GOOD_PASSWORD, guest.welcome.token)).status,
    ).toBe(409);
    const back = await world.hello({ token: claimed.json.token as string });
    const { messages } = await back.client.join("general");
    expect(messages.map((m) => [m.from.id, m.text])).toEqual([
      [guest.welcome.user.id, "guest days"],
    ]);
  });

  it("renames an account; history keeps the old name, which nobody else can take", async () => {
    await using world = await testWorld();
    const created = await register(world.server.httpUrl, "dave");
    const token = created.json.token as string;
    const first = await world.hello({ token });
    await first.client.join("general");
    first.client.send({ type: "send", room: "general", cid: "c1", text: "hi" });
    await first.client.waitFor("ack");
    first.client.close();
    const renamed = await api(world.server.httpUrl, "POST", "/api/auth/rename", {
      token,
      body: { name: "David" },
    });
    expect(renamed.status).toBe(200);
    const again = await world.hello({ token });
    expect(again.welcome.user.name).toBe("David");
    expect((await again.client.join("general")).messages[0]?.from.name).toBe("dave");
    expect((await register(world.server.httpUrl, "Dave")).status).toBe(409);
  });

  it("with guests off refuses hello without a token (4401) and admits an account", async () => {
    await using world = await testWorld({
      config: { accounts: { guests: false, sessionMaxAgeMs: 86_400_000, tokenGraceMs: 60_000 } },
    });
    using anonymous = await world.connect();
    anonymous.send({ type: "hello", name: "drifter" });
    expect((await anonymous.closed).code).toBe(CloseCode.Unauthorized);
    const created = await register(world.server.httpUrl, "erin");
    const { client } = await world.hello({ token: created.json.token as string });
    await client.roundTrip();
  });
});

describe("sessions: logout and revocation", () => {
  it("logout answers 204, closes the session's live sockets with 4401 within a second, and the token stops working", async () => {
    await using world = await testWorld();
    const created = await register(world.server.httpUrl, "alice");
    const token = created.json.token as string;
    const tab1 = await world.hello({ token });
    const tab2 = await world.hello({ token });
    const other = await login(world.server.httpUrl, "alice");
    const phone = await world.hello({ token: other.json.token as string });

    const started = Date.now();
    expect((await api(world.server.httpUrl, "POST", "/api/auth/logout", { token })).status).toBe(
      204,
    );
    const closes = await Promise.all([tab1.client.closed, tab2.client.closed]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(closes.map((c) => c.code)).toEqual([CloseCode.Unauthorized, CloseCode.Unauthorized]);
    // Another session of the same user is untouched.
    await phone.client.roundTrip();

    using retry = await world.connect();
    retry.send({ type: "hello", token });
    expect((await retry.closed).code).toBe(CloseCode.Unauthorized);
    expect((await api(world.server.httpUrl, "POST", "/api/auth/logout", { token })).status).toBe(
      401,
    );
  });

  it("lists the devices signed in and revokes one of them", async () => {
    await using world = await testWorld();
    const laptop = await register(world.server.httpUrl, "alice");
    const phone = await login(world.server.httpUrl, "alice");
    const phoneSocket = await world.hello({ token: phone.json.token as string });
    const list = await api(world.server.httpUrl, "GET", "/api/auth/sessions", {
      token: laptop.json.token as string,
    });
    expect(list.status).toBe(200);
    const sessions = list.json.sessions as { id: string; current: boolean }[];
    expect(sessions.map((s) => s.current)).toEqual([false, true]);
    const phoneSession = sessions[0]!.id;

    const revoke = (token: unknown) =>
      api(world.server.httpUrl, "DELETE", `/api/auth/sessions/${phoneSession}`, {
        token: token as string,
      });
    const bob = await register(world.server.httpUrl, "bob");
    expect((await revoke(bob.json.token)).status).toBe(404); // not Bob's session
    expect((await revoke(laptop.json.token)).status).toBe(204);
    expect((await phoneSocket.client.closed).code).toBe(CloseCode.Unauthorized);
    const after = await api(world.server.httpUrl, "GET", "/api/auth/sessions", {
      token: laptop.json.token as string,
    });
    expect((after.json.sessions as unknown[]).length).toBe(1);
  });

  it("logs a guest out too", async () => {
    await using world = await testWorld();
    const guest = await world.hello({ name: "gus" });
    expect(
      (await api(world.server.httpUrl, "POST", "/api/auth/logout", { token: guest.welcome.token }))
        .status,
    ).toBe(204);
    expect((await guest.client.closed).code).toBe(CloseCode.Unauthorized);
  });
});

describe("guests are marked for clients that ask", () => {
  it("sends guest: true in welcome.user only to a socket granted the accounts capability", async () => {
    await using world = await testWorld();
    const plain = await world.hello({ name: "gail" });
    expect(plain.welcome.user).toEqual({ id: plain.welcome.user.id, name: "gail" });
    const asked = await world.hello({
      token: plain.welcome.token,
      caps: ["accounts"],
    });
    expect(asked.welcome.caps).toContain("accounts");
    expect(asked.welcome.user).toEqual({ ...plain.welcome.user, guest: true });
    const member = await register(world.server.httpUrl, "mona");
    const account = await world.hello({
      token: member.json.token as string,
      caps: ["accounts"],
    });
    expect(account.welcome.user).toEqual(member.json.user);
  });
});
