import { Capability, type ServerMessage } from "@duplex/protocol";
import { expect } from "vitest";
import { Clients, TestClient } from "../helpers.js";

const BOTH = [Capability.Reactions, Capability.Changes];
let refs = 0;

async function react(
  client: TestClient,
  room: string,
  messageId: string,
  emoji: string,
  on: boolean,
) {
  const ref = `r${refs++}`;
  client.send({ type: "react", ref, room, messageId, emoji, on });
  return client.waitFor("reaction", (m) => m.ref === ref);
}

/** Frames of `types` received after the last `joined` of `room` (what a join replayed). */
function afterJoined(client: TestClient, room: string, types: readonly string[]): ServerMessage[] {
  const at = client.received.findLastIndex((m) => m.type === "joined" && m.room === room);
  return client.received.slice(at + 1).filter((m) => types.includes(m.type));
}

export interface ReactionReplayStart {
  room: string;
  ids: string[];
  since: { seq: number; epoch: string };
  changesSince: number;
  /** Alice's token (granted `reactions` + `changes`), away while Bob reacted. */
  token: string;
  /** Carol's token (granted `changes` only). */
  carolToken: string;
}

/**
 * Alice (granted `reactions` + `changes`) joins on `awayUrl` and leaves; Bob, on `actUrl`, reacts,
 * edits and takes a reaction back while she is away. Live, a socket with both capabilities gets each
 * `reaction` with its `changeSeq`, one with `reactions` alone without it.
 */
export async function reactWhileAway(
  awayUrl: string,
  actUrl: string,
): Promise<ReactionReplayStart> {
  const room = "replay";
  using clients = new Clients();
  const alice = await clients.hello(awayUrl, { name: "Alice", caps: BOTH });
  const carol = await clients.hello(awayUrl, { name: "Carol", caps: [Capability.Changes] });
  const bob = await clients.hello(actUrl, { name: "Bob", caps: BOTH });
  const watcher = await clients.hello(awayUrl, { name: "Wes", caps: BOTH });
  const plain = await clients.hello(awayUrl, { name: "Pia", caps: [Capability.Reactions] });
  await bob.client.join(room);
  const ids: string[] = [];
  for (const text of ["one", "two"]) {
    bob.client.send({ type: "send", room, cid: text, text });
    ids.push((await bob.client.waitFor("ack", (m) => m.cid === text)).id);
  }
  const joined = await alice.client.join(room);
  await carol.client.join(room);
  await watcher.client.join(room);
  await plain.client.join(room);
  alice.client.close();
  carol.client.close();
  const [one, two] = ids as [string, string];
  const first = await react(bob.client, room, one, "👍", true);
  expect(first.changeSeq).toBe((joined.changeSeq ?? 0) + 1);
  // A repeat changes nothing and is not logged.
  expect((await react(bob.client, room, one, "👍", true)).changeSeq).toBeUndefined();
  await react(bob.client, room, two, "🎉", true);
  bob.client.send({ type: "edit", room, id: one, text: "one!" });
  await bob.client.waitFor("edited");
  await react(bob.client, room, one, "👍", false);
  const live = await watcher.client.waitFor("reaction", (m) => !m.on);
  expect(live.changeSeq).toBe((joined.changeSeq ?? 0) + 4);
  const plainLive = await plain.client.waitFor("reaction", (m) => !m.on);
  expect(plainLive).not.toHaveProperty("changeSeq");
  return {
    room,
    ids,
    since: { seq: joined.seq, epoch: joined.epoch },
    changesSince: joined.changeSeq ?? 0,
    token: alice.welcome.token,
    carolToken: carol.welcome.token,
  };
}

/**
 * Alice resumes on `url`: every reaction change (and the edit between them) replays once, in order,
 * as the live frames; resuming from the last change replays nothing; Carol, without `reactions`,
 * gets the edit alone.
 */
export async function resumeAndCheck(url: string, start: ReactionReplayStart): Promise<void> {
  const { room, since, changesSince } = start;
  const [one, two] = start.ids as [string, string];
  const back = await TestClient.hello(url, { token: start.token, caps: BOTH });
  using _back = back.client;
  back.client.send({ type: "join", room, since, changesSince });
  expect(await back.client.waitFor("joined")).toMatchObject({ recovered: true });
  await back.client.roundTrip();
  const kinds = ["reaction", "edited", "deleted"];
  const bob = { id: expect.any(String) as string, name: "Bob" };
  expect(afterJoined(back.client, room, kinds)).toEqual([
    {
      type: "reaction",
      room,
      messageId: one,
      emoji: "👍",
      user: bob,
      on: true,
      count: 1,
      changeSeq: changesSince + 1,
    },
    {
      type: "reaction",
      room,
      messageId: two,
      emoji: "🎉",
      user: bob,
      on: true,
      count: 1,
      changeSeq: changesSince + 2,
    },
    expect.objectContaining({ type: "edited", id: one, text: "one!", changeSeq: changesSince + 3 }),
    {
      type: "reaction",
      room,
      messageId: one,
      emoji: "👍",
      user: bob,
      on: false,
      count: 0,
      changeSeq: changesSince + 4,
    },
  ]);

  back.client.send({ type: "leave", room });
  await back.client.waitFor("left");
  back.client.send({ type: "join", room, since, changesSince: changesSince + 4 });
  await back.client.waitFor("joined", (m) => m.room === room);
  await back.client.roundTrip();
  expect(afterJoined(back.client, room, kinds)).toEqual([]);

  const carol = await TestClient.hello(url, {
    token: start.carolToken,
    caps: [Capability.Changes],
  });
  using _c = carol.client;
  carol.client.send({ type: "join", room, since, changesSince });
  await carol.client.waitFor("joined");
  await carol.client.roundTrip();
  expect(afterJoined(carol.client, room, kinds)).toEqual([
    expect.objectContaining({ type: "edited", id: one, changeSeq: changesSince + 3 }),
  ]);
}
