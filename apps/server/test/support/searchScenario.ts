import { dmRoomId, type ClientMessageOf, type ServerMessage } from "@duplex/protocol";
import { expect } from "vitest";
import { TestClient } from "../helpers.js";

let refs = 0;

/** One `search`, answered by `search_results` or `error` with the same ref. */
async function ask(
  client: TestClient,
  query: Omit<ClientMessageOf<"search">, "type" | "ref">,
): Promise<ServerMessage> {
  const ref = `s${refs++}`;
  client.send({ type: "search", ref, ...query });
  return Promise.race([
    client.waitFor("search_results", (m) => m.ref === ref),
    client.waitFor("error", (m) => m.ref === ref),
  ]);
}

async function texts(client: TestClient, query: string): Promise<string[]> {
  const reply = await ask(client, { query });
  if (reply.type !== "search_results") throw new Error(`search failed: ${JSON.stringify(reply)}`);
  return reply.hits.map((h) => h.message.text);
}

async function sent(client: TestClient, room: string, cid: string, text: string) {
  client.send({ type: "send", room, cid, text, ref: cid });
  return client.waitFor("ack", (m) => m.ref === cid);
}

/**
 * Three users on `urls` (round robin): Chinese and Latin search across nodes, newest first with
 * highlights; a DM never shows to a third user; edits and deletes are searched as they stand; bad
 * input gets `invalid_message` and the socket stays usable; searching is charged to the read budget
 * (unless `budgeted` is false: servers run with abuse limits off).
 */
export async function searchScenario(
  urls: string[],
  { budgeted = true }: { budgeted?: boolean } = {},
): Promise<void> {
  const at = (i: number) => urls[i % urls.length] as string;
  const alice = await TestClient.hello(at(0), { name: "Alice" });
  const bob = await TestClient.hello(at(1), { name: "Bob" });
  const carol = await TestClient.hello(at(2), { name: "Carol" });
  try {
    const dm = dmRoomId(alice.welcome.user.id, bob.welcome.user.id);
    await alice.client.join("general");
    await alice.client.join(dm);
    await sent(alice.client, "general", "c1", "我们今天开会吧 deploy friday");
    const secret = await sent(alice.client, dm, "c2", "秘密开会 at noon");

    // Bob, on another node, finds both; Carol never sees the DM.
    const reply = await ask(bob.client, { query: "开会" });
    if (reply.type !== "search_results") throw new Error(JSON.stringify(reply));
    expect(reply.hits.map((h) => [h.message.room, h.message.text, h.ranges])).toEqual([
      [dm, "秘密开会 at noon", [[2, 4]]],
      ["general", "我们今天开会吧 deploy friday", [[4, 6]]],
    ]);
    expect(reply.hits[0]?.message.from).toEqual(alice.welcome.user);
    expect(await texts(carol.client, "开会")).toEqual(["我们今天开会吧 deploy friday"]);
    expect(await texts(carol.client, "秘密")).toEqual([]);
    expect(await texts(carol.client, "今天开会")).toEqual(["我们今天开会吧 deploy friday"]);

    // Edits and deletes, made on one node, are what the other node's search sees.
    const general = await ask(bob.client, { query: "friday", room: "general" });
    const id = general.type === "search_results" ? general.hits[0]?.message.id : undefined;
    if (id === undefined) throw new Error("no hit to edit");
    alice.client.send({ type: "edit", room: "general", id, text: "我们明天开会 deploy monday" });
    await alice.client.waitFor("edited", (m) => m.id === id);
    alice.client.send({ type: "delete", room: dm, id: secret.id });
    await alice.client.waitFor("deleted", (m) => m.id === secret.id);
    expect(await texts(bob.client, "friday")).toEqual([]);
    expect(await texts(bob.client, "deploy monday")).toEqual(["我们明天开会 deploy monday"]);
    expect(await texts(bob.client, "秘密")).toEqual([]);

    // Bad input: an error naming the request, and the socket goes on.
    for (const bad of [{ query: "  " }, { query: "开会", cursor: "not-ours" }]) {
      const answer = await ask(bob.client, bad);
      expect(answer).toMatchObject({ type: "error", code: "invalid_message" });
    }
    await bob.client.roundTrip();

    // Charged to the read budget: a burst of searches is refused with a retry time.
    if (!budgeted) return;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => ask(carol.client, { query: "deploy" })),
    );
    const refused = answers.filter((a) => a.type === "error");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ code: "rate_limited", retryAfterMs: expect.any(Number) });
  } finally {
    for (const c of [alice, bob, carol]) c.client.close();
  }
}
