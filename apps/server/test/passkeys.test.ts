import { describe, expect, it } from "vitest";
import type { User } from "@duplex/protocol";
import { GOOD_PASSWORD, api, registerAccount } from "./accountsHttp.js";
import { startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { SoftAuthenticator } from "./support/softAuthenticator.js";
import { addPasskey, optionsOf, passkeyLogin } from "./support/passkeyHttp.js";

const RP = { rpId: "localhost", origin: "http://localhost:5173" };
const passkeys = { passkeys: RP };
const laptop = { label: "Laptop" };

describe("passkeys", () => {
  it("an account adds a passkey and signs in with it like a password login", async () => {
    await using world = await testWorld({ config: { ...passkeys } });
    const alice = await registerAccount(world.server.httpUrl, "Alice");
    const key = new SoftAuthenticator(RP.rpId, RP.origin);
    const added = await addPasskey(world.server.httpUrl, alice.token, key, laptop);
    expect(added.status).toBe(201);
    expect(added.json.passkey).toMatchObject({
      id: key.id,
      label: "Laptop",
      transports: ["internal"],
    });

    const signedIn = await passkeyLogin(world.server.httpUrl, key);
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.user).toEqual(alice.user);
    const { welcome } = await world.hello({
      token: signedIn.json.token as string,
    });
    expect((welcome.user as User).id).toBe(alice.user.id);

    const listed = await api(world.server.httpUrl, "GET", "/api/auth/passkeys", {
      token: alice.token,
    });
    expect(listed.json.passkeys).toEqual([
      expect.objectContaining({ id: key.id, lastUsedAt: expect.any(Number) }),
    ]);
    const devices = await api(world.server.httpUrl, "GET", "/api/auth/sessions", {
      token: alice.token,
    });
    expect(devices.json.sessions).toHaveLength(2);
  });

  it("guests and strangers cannot add passkeys", async () => {
    await using world = await testWorld({ config: { ...passkeys } });
    const path = "/api/auth/passkey-registration/options";
    expect((await api(world.server.httpUrl, "POST", path)).status).toBe(401);
    const { client, welcome } = await world.hello({ name: "guesty" });
    client.close();
    const guest = await api(world.server.httpUrl, "POST", path, { token: welcome.token as string });
    expect(guest.status).toBe(403);
    expect(guest.json.error).toMatch(/guests cannot add passkeys/);
  });

  it("refuses a replayed answer, a wound-back counter, and another site's origin", async () => {
    await using world = await testWorld({ config: { ...passkeys } });
    const alice = await registerAccount(world.server.httpUrl, "Alice");
    const key = new SoftAuthenticator(RP.rpId, RP.origin);
    await addPasskey(world.server.httpUrl, alice.token, key, laptop);

    const options = await api(world.server.httpUrl, "POST", "/api/auth/passkey-login/options");
    const answer = key.authenticate(optionsOf(options));
    const verify = () =>
      api(world.server.httpUrl, "POST", "/api/auth/passkey-login/verify", {
        body: { response: answer },
      });
    expect((await verify()).status).toBe(200);
    // The challenge was used up: the same signed answer does not sign in twice.
    expect((await verify()).status).toBe(401);

    // A clone of the authenticator (its counter behind the server's) is refused.
    key.counter = 0;
    expect((await passkeyLogin(world.server.httpUrl, key)).status).toBe(401);
    key.counter = 10;
    expect((await passkeyLogin(world.server.httpUrl, key)).status).toBe(200);

    const phished = await api(world.server.httpUrl, "POST", "/api/auth/passkey-login/options");
    const elsewhere = key.authenticate(optionsOf(phished), "https://evil.example");
    const refused = await api(world.server.httpUrl, "POST", "/api/auth/passkey-login/verify", {
      body: { response: elsewhere },
    });
    expect(refused.status).toBe(401);
    expect(refused.json.error).toBe("passkey not recognised");
  });

  it("answers bad input with 400 naming the problem", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path, ...passkeys });
    const alice = await registerAccount(server.httpUrl, "Alice");
    const verify = "/api/auth/passkey-login/verify";
    const missing = await api(server.httpUrl, "POST", verify, { body: {} });
    expect([missing.status, missing.json.error]).toEqual([400, expect.stringMatching(/response/)]);
    const notB64 = await api(server.httpUrl, "POST", verify, {
      body: { response: { id: "a b", rawId: "x", type: "public-key", response: {} } },
    });
    expect(notB64.status).toBe(400);
    expect(notB64.json.error).toMatch(/base64url/);

    // A registration answer to a challenge the server never issued.
    const key = new SoftAuthenticator(RP.rpId, RP.origin);
    const forged = await api(server.httpUrl, "POST", "/api/auth/passkey-registration/verify", {
      token: alice.token,
      body: { response: key.register({ challenge: "bm90LWlzc3VlZA" }) },
    });
    expect(forged.status).toBe(400);
    expect(forged.json.error).toMatch(/^passkey not accepted: .*challenge/i);
  });

  it("charges failed passkey sign-ins to the address's login budget", async () => {
    await using world = await testWorld({ config: { ...passkeys } });
    await registerAccount(world.server.httpUrl, "Alice");
    const from = "127.0.0.31";
    // Unknown credentials: each a failure; 20 from one address use up its budget.
    for (let i = 0; i < 20; i++) {
      const stranger = new SoftAuthenticator(RP.rpId, RP.origin);
      expect((await passkeyLogin(world.server.httpUrl, stranger, { from })).status).toBe(401);
    }
    const blocked = await passkeyLogin(
      world.server.httpUrl,
      new SoftAuthenticator(RP.rpId, RP.origin),
      { from },
    );
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // The same budget as password login: a right password from that address waits too.
    const password = await api(world.server.httpUrl, "POST", "/api/auth/login", {
      body: { name: "Alice", password: GOOD_PASSWORD },
      from,
    });
    expect(password.status).toBe(429);
    // Another address is not affected.
    const other = await api(world.server.httpUrl, "POST", "/api/auth/login", {
      body: { name: "Alice", password: GOOD_PASSWORD },
      from: "127.0.0.32",
    });
    expect(other.status).toBe(200);
  });

  it("a challenge issued by one node verifies on another sharing the database", async () => {
    using db = tempDb();
    await using nodeA = await startTestServer({ dbPath: db.path, ...passkeys });
    await using nodeB = await startTestServer({ dbPath: db.path, ...passkeys });
    const alice = await registerAccount(nodeA.httpUrl, "Alice");
    const key = new SoftAuthenticator(RP.rpId, RP.origin);
    const added = await addPasskey(nodeA.httpUrl, alice.token, key, { verifyAt: nodeB.httpUrl });
    expect(added.status).toBe(201);
    const signedIn = await passkeyLogin(nodeB.httpUrl, key, { verifyAt: nodeA.httpUrl });
    expect(signedIn.status).toBe(200);
  });
});
