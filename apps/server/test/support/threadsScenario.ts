import {
  Capability,
  dmRoomId,
  type ClientMessage,
  type ServerMessage,
  type ServerMessageOf,
} from "@duplex/protocol";
import { expect } from "vitest";
import { Clients, type TestClient } from "../helpers.js";

const CAPS = [Capability.Threads, Capability.Changes, Capability.Replies];
let refs = 0;

async function ask<T extends ServerMessage["type"]>(
  client: TestClient,
  frame: ClientMessage,
  okType: T,
) {
  const ref = `t${refs++}`;
  client.send({ ...frame, ref } as ClientMessage);
  return Promise.race([
    client.waitFor(okType, (m) => "ref" in m && m.ref === ref),
    client.waitFor("error", (m) => m.ref === ref),
  ]);
}

async function post(
  client: TestClient,
  room: string,
  text: string,
  extra: { thread?: string; alsoToRoom?: true } = {},
): Promise<ServerMessageOf<"ack">> {
  const reply = await ask(client, { type: "send", room, cid: `c${refs++}`, text, ...extra }, "ack");
  if (reply.type !== "ack") throw new Error(`send failed: ${JSON.stringify(reply)}`);
  return reply;
}

const afterJoined = (client: TestClient, room: string, type: string) => {
  const at = client.received.findLastIndex((m) => m.type === "joined" && m.room === room);
  return client.received.slice(at + 1).filter((m) => m.type === type);
};

/**
 * Alice (two tabs) on the first node, Bob on the last, both granted `threads`; Carol a v1 reader on
 * the last; Dave, granted `threads`, outside a DM. Covers send, live delivery, summaries, history,
 * per-user unread synced across tabs, notifications, permissions, v1 degrade and change replay.
 */
export async function threadsScenario(urls: string[]): Promise<void> {
  const first = urls[0] as string;
  const last = urls.at(-1) as string;
  using clients = new Clients();
  const alice = await clients.hello(first, { name: "Alice", caps: CAPS });
  const alice2 = await clients.hello(last, { token: alice.welcome.token, caps: CAPS });
  const bob = await clients.hello(last, { name: "Bob", caps: CAPS });
  const carol = await clients.hello(last, { name: "Carol" });
  const dave = await clients.hello(first, { name: "Dave", caps: CAPS });
  const aliceId = alice.welcome.user.id;
  const bobId = bob.welcome.user.id;
  const room = `threads-${refs++}`;
  for (const c of [alice.client, bob.client, carol.client]) await c.join(room);

  const root = await post(alice.client, room, "shall we ship on Friday?");
  const reply1 = await post(bob.client, room, "only in the thread", { thread: root.id });
  const reply2 = await post(bob.client, room, "and in the room", {
    thread: root.id,
    alsoToRoom: true,
  });

  // Live: granted sockets get `thread` and the root's new summary; a v1 reader an ordinary message.
  const live1 = await alice.client.waitFor("message", (m) => m.id === reply1.id);
  expect(live1.thread).toEqual({ root: root.id });
  const live2 = await alice.client.waitFor("message", (m) => m.id === reply2.id);
  expect(live2.thread).toEqual({ root: root.id, alsoToRoom: true });
  const summary = await alice.client.waitFor(
    "thread_summary",
    (m) => m.root === root.id && m.summary.replyCount === 2,
  );
  expect(summary).toMatchObject({
    room,
    rootSeq: root.seq,
    summary: { lastSeq: reply2.seq, participants: [aliceId, bobId] },
  });
  expect(typeof summary.changeSeq).toBe("number");
  const plain = await carol.client.waitFor("message", (m) => m.id === reply1.id);
  expect(plain.text).toBe("only in the thread");
  expect(plain).not.toHaveProperty("thread");
  await carol.client.roundTrip();
  expect(carol.client.received.some((m) => m.type === "thread_summary")).toBe(false);

  // History: the root (Alice follows what she started) and the replies, with her unread count.
  const page = await ask(alice.client, { type: "thread", room, root: root.id }, "thread");
  if (page.type !== "thread") throw new Error(JSON.stringify(page));
  expect(page.root.threadSummary).toMatchObject({ replyCount: 2, following: true, unread: 2 });
  expect(page.replies.map((m) => m.id)).toEqual([reply1.id, reply2.id]);
  expect(page.read).toEqual({ seq: root.seq, unread: 2 });
  const older = await ask(
    bob.client,
    { type: "thread", room, root: root.id, before: reply2.seq },
    "thread",
  );
  if (older.type !== "thread") throw new Error(JSON.stringify(older));
  expect(older.replies.map((m) => m.id)).toEqual([reply1.id]);

  // Reading it clears the unread count in both of Alice's tabs (one per node on two nodes).
  alice.client.send({ type: "thread_read", room, root: root.id, seq: reply2.seq });
  for (const tab of [alice.client, alice2.client]) {
    expect(await tab.waitFor("thread_read", (m) => m.root === root.id)).toMatchObject({
      seq: reply2.seq,
      unread: 0,
    });
  }
  const history = await ask(alice.client, { type: "history", room }, "history");
  if (history.type !== "history") throw new Error(JSON.stringify(history));
  const byId = new Map(history.messages.map((m) => [m.id, m]));
  expect(byId.get(root.id)?.threadSummary).toMatchObject({ replyCount: 2, unread: 0 });
  expect(byId.get(reply1.id)?.thread).toEqual({ root: root.id });

  // Bob's replies notify Alice (she started the thread), never Bob himself.
  const note = await alice.client.waitFor(
    "notification",
    (m) => m.notification.id === `n_thread_${reply1.id}`,
  );
  expect(note.notification).toMatchObject({ kind: "mention", link: { room, messageId: root.id } });
  await bob.client.roundTrip();
  expect(bob.client.received.some((m) => m.type === "notification")).toBe(false);

  // Refusals: no capability, a reply as a root (stands in the room instead), a DM of others.
  expect(await ask(carol.client, { type: "thread", room, root: root.id }, "thread")).toMatchObject({
    type: "error",
    code: "invalid_message",
  });
  const refused = await ask(
    carol.client,
    { type: "send", room, cid: `c${refs++}`, text: "x", thread: root.id },
    "ack",
  );
  expect(refused).toMatchObject({ type: "error", code: "invalid_message" });
  const nested = await post(bob.client, room, "a reply to a reply", { thread: reply1.id });
  const nestedLive = await alice.client.waitFor("message", (m) => m.id === nested.id);
  expect(nestedLive).not.toHaveProperty("thread");
  const dm = dmRoomId(aliceId, bobId);
  await alice.client.join(dm);
  const dmRoot = await post(alice.client, dm, "private plan");
  expect(
    await ask(dave.client, { type: "thread", room: dm, root: dmRoot.id }, "thread"),
  ).toMatchObject({
    type: "error",
    code: "unauthorized",
  });
  dave.client.send({ type: "thread_read", room: dm, root: dmRoot.id, seq: 1 });
  await dave.client.waitFor("error");

  // Change replay: a resume with the change cursor replays the newest summary exactly once; a v1
  // resume gets the reply as an ordinary message and no summary.
  const joined = await alice.client.join(`${room}`);
  const resumeAt = {
    since: { seq: joined.seq, epoch: joined.epoch },
    changesSince: joined.changeSeq ?? 0,
  };
  const carolAt = { seq: joined.seq, epoch: joined.epoch };
  alice.client.send({ type: "leave", room });
  await alice.client.waitFor("left");
  carol.client.send({ type: "leave", room });
  await carol.client.waitFor("left");
  const reply3 = await post(bob.client, room, "while you were away", { thread: root.id });
  const reply4 = await post(bob.client, room, "and once more", { thread: root.id });
  alice.client.send({ type: "join", room, ...resumeAt });
  const back = await alice.client.waitFor("joined", (m) => m.room === room && m.recovered === true);
  expect(back.messages.map((m) => [m.id, m.thread?.root])).toEqual([
    [reply3.id, root.id],
    [reply4.id, root.id],
  ]);
  await alice.client.roundTrip();
  const replayed = afterJoined(alice.client, room, "thread_summary");
  expect(replayed).toHaveLength(1);
  expect(replayed[0]).toMatchObject({ root: root.id, summary: { replyCount: 4 } });
  carol.client.send({ type: "join", room, since: carolAt });
  const carolBack = await carol.client.waitFor(
    "joined",
    (m) => m.room === room && m.recovered === true,
  );
  expect(carolBack.messages.map((m) => m.id)).toEqual([reply3.id, reply4.id]);
  expect(carolBack.messages.some((m) => "thread" in m)).toBe(false);
  await carol.client.roundTrip();
  expect(carol.client.received.some((m) => m.type === "thread_summary")).toBe(false);
}
