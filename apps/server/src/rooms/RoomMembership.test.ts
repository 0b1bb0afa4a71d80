import { Capability, type ServerMessage, type User } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { InProcessBroker } from "../broker/InProcessBroker.js";
import { Connection } from "../connection/Connection.js";
import { RoomFanout } from "../fanout/RoomFanout.js";
import { createLogger } from "../logger.js";
import { MemoryPresence } from "../presence/MemoryPresence.js";
import { RoomMembership } from "./RoomMembership.js";

const alice: User = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
const bob: User = { id: "u_bobbbbbbbbbbbbbb", name: "Bob" };
const log = createLogger("silent");

/** A real Connection over a socket stub that records what it is sent, as the JSON it carries. */
function peer(id: string): { conn: Connection; received: () => ServerMessage[] } {
  const sent: string[] = [];
  const ws = {
    readyState: WebSocket.OPEN,
    bufferedAmount: 0,
    send: (frame: Buffer) => sent.push(frame.toString("utf8")),
  };
  const conn = new Connection(id, ws as unknown as WebSocket, log);
  return { conn, received: () => sent.map((f) => JSON.parse(f) as ServerMessage) };
}

/** The service over the real in-process fan-out and presence; the feed and directory recorded. */
function world() {
  // Each broadcast's pass over local sockets, by how many sockets it may reach.
  const passes: number[] = [];
  const fanout = new RoomFanout(new InProcessBroker(), log, {
    broadcast: (peers, deliver) => {
      passes.push(peers);
      deliver();
    },
  });
  const presence = new MemoryPresence();
  const announced: string[] = [];
  const touched: string[] = [];
  const membership = new RoomMembership({
    fanout,
    presence,
    feed: { announce: (room, event, user) => announced.push(`${event} ${user.name} ${room}`) },
    directory: { touch: (room) => touched.push(room) },
  });
  // Any frame will do: `left` carries a string we can read back.
  const say = (text: string) => fanout.publish("general", { type: "left", room: text });
  return { membership, presence, announced, touched, say, fanout, passes };
}

const texts = (messages: ServerMessage[]) =>
  messages.map((m) => (m.type === "left" ? m.room : m.type));

describe("RoomMembership", () => {
  it("buffers the room's broadcasts between `enter` and `joined`, then delivers them after `joined`", async () => {
    const { membership, presence, announced, say } = world();
    const a = peer("c_1");
    const entry = await membership.enter(a.conn, alice, "general");
    expect(entry).toEqual({ room: "general", entered: true, first: true });
    expect(await presence.members("general")).toEqual([alice]);
    await say("while joining");
    expect(a.received()).toEqual([]);
    // Not announced before the joiner has its `joined`.
    expect(announced).toEqual([]);
    a.conn.send({ type: "left", room: "joined" });
    membership.joined(a.conn, alice, entry);
    await say("live");
    expect(texts(a.received())).toEqual(["joined", "while joining", "live"]);
    expect(announced).toEqual(["join Alice general"]);
  });

  it("announces a user once however many sockets join, and its leave with the last one", async () => {
    const { membership, announced, touched } = world();
    const tab1 = peer("c_1");
    const tab2 = peer("c_2");
    membership.joined(tab1.conn, alice, await membership.enter(tab1.conn, alice, "general"));
    membership.joined(tab2.conn, alice, await membership.enter(tab2.conn, alice, "general"));
    await membership.leave(tab1.conn, alice, "general");
    expect(announced).toEqual(["join Alice general"]);
    await membership.leave(tab2.conn, alice, "general");
    expect(announced).toEqual(["join Alice general", "leave Alice general"]);
    expect(touched).toEqual(["general", "general"]);
  });

  it("enters nothing twice: a repeated join is neither subscribed again nor announced", async () => {
    const { membership, announced, say } = world();
    const a = peer("c_1");
    membership.joined(a.conn, alice, await membership.enter(a.conn, alice, "general"));
    const again = await membership.enter(a.conn, alice, "general");
    expect(again).toEqual({ room: "general", entered: false, first: false });
    membership.joined(a.conn, alice, again);
    await say("once");
    expect(texts(a.received())).toEqual(["once"]);
    expect(announced).toEqual(["join Alice general"]);
  });

  it("on close takes the peer out of every room: it hears nothing more and its user is announced gone", async () => {
    const { membership, presence, announced, say } = world();
    const a = peer("c_1");
    const b = peer("c_2");
    for (const room of ["general", "random"]) {
      membership.joined(a.conn, alice, await membership.enter(a.conn, alice, room));
    }
    membership.joined(b.conn, bob, await membership.enter(b.conn, bob, "general"));
    await membership.leaveAll(a.conn, alice);
    await say("after close");
    expect(a.received()).toEqual([]);
    expect(texts(b.received())).toEqual(["after close"]);
    expect([...a.conn.rooms.keys()]).toEqual([]);
    expect(await presence.members("general")).toEqual([bob]);
    expect(await presence.count("random")).toBe(0);
    expect(announced).toEqual([
      "join Alice general",
      "join Alice random",
      "join Bob general",
      "leave Alice general",
      "leave Alice random",
    ]);
  });

  it("sends a big room's quiet broadcasts to plain sockets and watchers only, without a pass when none is here", async () => {
    const { membership, fanout, passes } = world();
    const pages = new Set([Capability.PresenceDiff, Capability.MemberPages]);
    const [a, b, plain] = [peer("c_1"), peer("c_2"), peer("c_3")];
    a.conn.caps = pages;
    b.conn.caps = pages;
    for (const p of [a, b, plain]) {
      membership.joined(p.conn, alice, await membership.enter(p.conn, alice, "general"));
    }
    const quiet = (text: string) =>
      fanout.publish("general", { type: "left", room: text }, { quietFor: Capability.MemberPages });

    await quiet("plain only");
    membership.watch(a.conn, "general", true);
    await quiet("watcher too");
    membership.watch(a.conn, "general", false);
    await membership.leave(plain.conn, alice, "general");
    await quiet("nobody");
    await fanout.publish("general", { type: "left", room: "everyone" });

    expect(texts(a.received())).toEqual(["watcher too", "everyone"]);
    expect(texts(b.received())).toEqual(["everyone"]);
    expect(texts(plain.received())).toEqual(["plain only", "watcher too"]);
    // Passes over 1, 2, then none, then both sockets: never over member_pages sockets only to skip them.
    expect(passes).toEqual([1, 2, 2]);
  });

  it("announces a lapsed member as a leave, and keeps each socket's member-list watch", async () => {
    const { membership, announced, touched } = world();
    const a = peer("c_1");
    membership.joined(a.conn, alice, await membership.enter(a.conn, alice, "general"));
    membership.watch(a.conn, "general", true);
    expect(a.conn.watchesMembers("general")).toBe(true);
    membership.expired("general", bob);
    expect(announced).toEqual(["join Alice general", "leave Bob general"]);
    expect(touched).toEqual(["general", "general"]);
    // Leaving ends the watch with the membership.
    await membership.leave(a.conn, alice, "general");
    expect(a.conn.watchesMembers("general")).toBe(false);
  });
});
