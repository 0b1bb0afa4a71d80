import {
  Capability,
  ErrorCode,
  dmRoomId,
  type ClientMessage,
  type ServerMessage,
} from "@duplex/protocol";
import { expect } from "vitest";
import { Clients, TestClient } from "../helpers.js";

const CAPS = [Capability.Reactions, Capability.Replies];
let refs = 0;

/** Sends `frame` with a fresh ref; the reply of `okType` or the error answering it. */
async function ask(client: TestClient, frame: ClientMessage, okType: string) {
  const ref = `x${refs++}`;
  client.send({ ...frame, ref } as ClientMessage);
  return Promise.race([
    client.waitFor(okType as ServerMessage["type"], (m) => "ref" in m && m.ref === ref),
    client.waitFor("error", (m) => m.ref === ref),
  ]);
}

async function react(
  client: TestClient,
  room: string,
  messageId: string,
  emoji: string,
  on = true,
) {
  return ask(client, { type: "react", room, messageId, emoji, on }, "reaction");
}

async function sent(client: TestClient, room: string, text: string, replyTo?: string) {
  const cid = `c${refs++}`;
  client.send({ type: "send", room, cid, text, ref: cid, ...(replyTo && { replyTo }) });
  return Promise.race([
    client.waitFor("ack", (m) => m.ref === cid),
    client.waitFor("error", (m) => m.ref === cid),
  ]);
}

const reactionsOf = (client: TestClient) => client.received.filter((m) => m.type === "reaction");

/**
 * Alice on the first node, Bob on the last (both granted `reactions` and `replies`), Carol a v1
 * reader on the last: toggles are idempotent and counted, live to granted members on every node and
 * never to Carol; pages carry reactions and quotes only for granted sockets; bounds, bad emoji, DMs
 * of others and replies from ungranted sockets are refused.
 */
export async function reactionsScenario(urls: string[]): Promise<void> {
  const first = urls[0] as string;
  const last = urls.at(-1) as string;
  using clients = new Clients();
  const alice = await clients.hello(first, { name: "Alice", caps: CAPS });
  const bob = await clients.hello(last, { name: "Bob", caps: CAPS });
  const carol = await clients.hello(last, { name: "Carol" });
  const dave = await clients.hello(first, { name: "Dave", caps: CAPS });
  const room = "reactions";
  for (const c of [alice.client, bob.client, carol.client]) await c.join(room);
  const original = await sent(alice.client, room, "hello **world**");
  if (original.type !== "ack") throw new Error(`send failed: ${JSON.stringify(original)}`);
  const id = original.id;

  // On twice is one reaction; the repeat answers the same count and is not broadcast.
  expect(await react(alice.client, room, id, "👍")).toMatchObject({ type: "reaction", count: 1 });
  expect(await bob.client.waitFor("reaction")).toMatchObject({
    room,
    messageId: id,
    emoji: "👍",
    user: { id: alice.welcome.user.id, name: "Alice" },
    on: true,
    count: 1,
  });
  expect(await react(alice.client, room, id, "👍")).toMatchObject({ count: 1, on: true });
  expect(await react(bob.client, room, id, "👍")).toMatchObject({ count: 2 });
  expect(await alice.client.waitFor("reaction", (m) => m.user.name === "Bob")).toMatchObject({
    count: 2,
  });
  await bob.client.roundTrip();
  expect(reactionsOf(bob.client).filter((m) => m.user.name === "Alice")).toHaveLength(1);

  // Pages: counts, who, and "me" for granted sockets; nothing for the v1 reader.
  const history = await ask(bob.client, { type: "history", room }, "history");
  if (history.type !== "history") throw new Error("no history");
  expect(history.messages.find((m) => m.id === id)?.reactions).toEqual([
    { emoji: "👍", count: 2, me: true, users: ["Alice", "Bob"] },
  ]);
  const plain = await ask(carol.client, { type: "history", room }, "history");
  if (plain.type !== "history") throw new Error("no history");
  expect(plain.messages.find((m) => m.id === id)).not.toHaveProperty("reactions");
  const late = await TestClient.hello(last, { name: "Erin", caps: CAPS });
  using _e = late.client;
  const joined = await late.client.join(room);
  expect(joined.messages.find((m) => m.id === id)?.reactions).toEqual([
    { emoji: "👍", count: 2, me: false, users: ["Alice", "Bob"] },
  ]);

  // Off, and off again (no change), down to one.
  expect(await react(bob.client, room, id, "👍", false)).toMatchObject({ count: 1, on: false });
  expect(await alice.client.waitFor("reaction", (m) => !m.on)).toMatchObject({ count: 1 });
  expect(await react(bob.client, room, id, "👍", false)).toMatchObject({ count: 1 });

  // Bad emoji, unknown message, a DM of others, and the bound per user per message.
  for (const emoji of ["ab", "👍👍", "x"]) {
    expect(await react(alice.client, room, id, emoji)).toMatchObject({
      code: ErrorCode.InvalidMessage,
    });
  }
  expect(await react(alice.client, room, "m_none", "👍")).toMatchObject({
    code: ErrorCode.NotFound,
  });
  const dm = dmRoomId(alice.welcome.user.id, bob.welcome.user.id);
  await alice.client.join(dm);
  const secret = await sent(alice.client, dm, "just us");
  if (secret.type !== "ack") throw new Error("dm send failed");
  expect(await react(dave.client, dm, secret.id, "👍")).toMatchObject({
    code: ErrorCode.Unauthorized,
  });
  expect(await react(bob.client, dm, secret.id, "🎉")).toMatchObject({ count: 1 });
  const many = ["😀", "😂", "❤️", "🎉", "🔥", "👀", "🚀", "✅", "🙏"];
  for (const emoji of many) {
    expect(await react(alice.client, room, id, emoji)).toMatchObject({ type: "reaction" });
  }
  expect(await react(alice.client, room, id, "💯")).toMatchObject({ code: ErrorCode.TooLarge });
  expect(await react(carol.client, room, id, "👍")).toMatchObject({
    code: ErrorCode.InvalidMessage,
  });
  await carol.client.roundTrip();
  expect(reactionsOf(carol.client)).toEqual([]);

  // Replies: the quote goes to granted sockets, live and in pages; the v1 reader gets the message.
  const reply = await sent(bob.client, room, "agreed", id);
  if (reply.type !== "ack") throw new Error(`reply failed: ${JSON.stringify(reply)}`);
  const quote = {
    messageId: id,
    seq: original.seq,
    from: { id: alice.welcome.user.id, name: "Alice" },
    excerpt: "hello **world**",
  };
  expect(await alice.client.waitFor("message", (m) => m.id === reply.id)).toMatchObject({
    text: "agreed",
    replyTo: quote,
  });
  expect(await carol.client.waitFor("message", (m) => m.id === reply.id)).not.toHaveProperty(
    "replyTo",
  );
  const withQuote = await ask(alice.client, { type: "history", room }, "history");
  if (withQuote.type !== "history") throw new Error("no history");
  expect(withQuote.messages.find((m) => m.id === reply.id)?.replyTo).toEqual(quote);
  expect(await sent(carol.client, room, "me too", id)).toMatchObject({
    code: ErrorCode.InvalidMessage,
  });
  // A reply to a message of another room stands alone.
  const stray = await sent(bob.client, room, "stray", secret.id);
  if (stray.type !== "ack") throw new Error("stray send failed");
  expect(await alice.client.waitFor("message", (m) => m.id === stray.id)).not.toHaveProperty(
    "replyTo",
  );
}
