import { CloseCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { nameKey } from "../src/names/nameKey.js";
import { saysThenLeaves, testWorld } from "./support/testWorld.js";

const ADMIN_TOKEN = "admin-token-for-tests";

async function push(httpUrl: string, to: unknown, title: string): Promise<Response> {
  return fetch(`${httpUrl}/api/notifications`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ to, title }),
  });
}

describe("[R10] identity is the id: nobody can be somebody else", () => {
  it("an impostor taking an offline user's name gets another name; history, mentions and pushes stay with the real one", async () => {
    await using world = await testWorld({ config: { adminToken: ADMIN_TOKEN } });
    const alice = await saysThenLeaves(world, "alice", "deploy at 5");

    const impostor = await world.hello({ name: "alice" });
    expect(impostor.welcome.user.name).not.toBe("alice");
    expect(nameKey(impostor.welcome.user.name)).not.toBe(nameKey("alice"));

    const back = await world.hello({ token: alice.welcome.token });
    expect(back.welcome.user).toEqual(alice.welcome.user);
    const history = await back.client.join("general");
    expect(history.messages.map((m) => [m.from.name, m.text])).toEqual([["alice", "deploy at 5"]]);

    const bob = await world.hello({ name: "bob" });
    await bob.client.join("general");
    bob.client.send({
      type: "send",
      room: "general",
      cid: "b1",
      text: "@alice rotate the password",
    });
    const mention = await back.client.waitFor("notification");
    expect(mention.notification.body).toBe("@alice rotate the password");

    expect((await push(world.server.httpUrl, { user: "alice" }, "by name")).status).toBe(202);
    expect((await push(world.server.httpUrl, { user: "ALICE" }, "by name, any case")).status).toBe(
      202,
    );
    expect(
      (await push(world.server.httpUrl, { user: alice.welcome.user.id }, "by id")).status,
    ).toBe(202);
    await back.client.waitFor("notification", (m) => m.notification.title === "by id");
    await back.client.waitFor("notification", (m) => m.notification.title === "by name");
    await back.client.waitFor("notification", (m) => m.notification.title === "by name, any case");
    await impostor.client.roundTrip();
    expect(impostor.client.receivedOf("notification")).toEqual([]);
  });

  it("a user renaming to an offline user's name cannot re-attribute what she wrote", async () => {
    await using world = await testWorld();
    const carol = await world.hello({ name: "carol" });
    carol.client.close();
    await carol.client.closed;
    const mallory = await saysThenLeaves(world, "mallory", "I resign");

    const again = await world.hello({
      token: mallory.welcome.token,
      name: "carol",
    });
    expect(again.welcome.user.id).toBe(mallory.welcome.user.id);
    expect(again.welcome.user.name).not.toBe("carol");
    const history = await again.client.join("general");
    expect(history.messages.map((m) => [m.from.id, m.from.name, m.text])).toEqual([
      [mallory.welcome.user.id, "mallory", "I resign"],
    ]);
  });

  it("a rename never rewrites history: each message keeps the name it was sent under", async () => {
    await using world = await testWorld();
    const first = await saysThenLeaves(world, "Ann", "as Ann");
    const renamed = await world.hello({
      token: first.welcome.token,
      name: "Anna",
    });
    expect(renamed.welcome.user.name).toBe("Anna");
    await renamed.client.join("general");
    renamed.client.send({ type: "send", room: "general", cid: "c2", text: "as Anna" });
    await renamed.client.waitFor("ack");
    const reader = await world.hello({ name: "Reader" });
    const { messages } = await reader.client.join("general");
    expect(messages.map((m) => `${m.from.name}: ${m.text}`)).toEqual([
      "Ann: as Ann",
      "Anna: as Anna",
    ]);
    // Her old name stays hers: nobody else can appear as "Ann" later.
    const other = await world.hello({ name: "ann" });
    expect(nameKey(other.welcome.user.name)).not.toBe(nameKey("Ann"));
  });

  it("the same user in a second tab keeps its name", async () => {
    await using world = await testWorld();
    const a = await world.hello({ name: "Alice" });
    const tab = await world.hello({ token: a.welcome.token });
    expect(tab.welcome.user).toEqual(a.welcome.user);
  });
});

describe("[R10] look-alike names", () => {
  it.each([
    ["\u0430lice", "Cyrillic а"],
    ["ALICE", "capitals"],
    ["ａｌｉｃｅ", "fullwidth"],
    ["\u0391lice", "Greek Α"],
  ])("gives %j (%s) a name of its own beside an online alice", async (asked) => {
    await using world = await testWorld();
    const alice = await world.hello({ name: "alice" });
    const other = await world.hello({ name: asked });
    expect(other.welcome.user.id).not.toBe(alice.welcome.user.id);
    expect(nameKey(other.welcome.user.name)).not.toBe(nameKey("alice"));
  });

  it.each([
    ["alice\u200b", "zero-width space"],
    ["al\u200dice", "zero-width joiner"],
    ["\u202eecila", "right-to-left override"],
    ["\u200b", "invisible"],
    ["\u3164", "Hangul filler"],
    ["\u2800", "Braille blank"],
    ["u_AAAAAAAAAAAAAAAA", "looks like a user id"],
  ])("refuses %j (%s) with 4400", async (asked) => {
    await using world = await testWorld();
    using client = await world.connect();
    client.send({ type: "hello", name: asked });
    expect((await client.closed).code).toBe(CloseCode.BadHello);
  });
});
