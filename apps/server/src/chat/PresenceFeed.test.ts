import type { ServerMessage } from "@duplex/protocol";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FanoutOptions } from "../fanout/RoomFanout.js";
import { PresenceFeed } from "./PresenceFeed.js";

const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
const bob = { id: "u_bobbbbbbbbbbbbbb", name: "Bob" };
const carol = { id: "u_carolccccccccccc", name: "Carol" };

function feed(intervalMs = 10, roomSize?: (room: string) => Promise<number>) {
  const published: { room: string; message: ServerMessage; options: FanoutOptions }[] = [];
  const batches: number[] = [];
  const signals: string[] = [];
  const presence = new PresenceFeed(
    {
      publish: async (room, message, options = {}) => {
        published.push({ room, message, options });
      },
      // Recorded as the frames each socket gets: one batch, each frame skipping its own user.
      publishMany: async (room, messages, options = {}) => {
        batches.push(messages.length);
        for (const { message, exceptUser } of messages) {
          published.push({
            room,
            message,
            options: { ...options, ...(exceptUser !== undefined && { exceptUser }) },
          });
        }
      },
      signal: async (room) => {
        signals.push(room);
      },
    },
    pino({ level: "silent" }),
    { intervalMs, ...(roomSize && { roomSize, bigRoomThreshold: 200 }) },
  );
  return { presence, published, batches, signals };
}

describe("PresenceFeed", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("announces a lone join as `presence`, leaving out the joiner's own sockets", async () => {
    vi.useFakeTimers();
    const { presence, published } = feed();
    presence.announce("general", "join", alice);
    await vi.advanceTimersByTimeAsync(10); // one interval
    expect(published).toEqual([
      {
        room: "general",
        message: { type: "presence", room: "general", event: "join", user: alice },
        options: { exceptUser: alice.id },
      },
    ]);
  });

  it("[C4] announces the changes of one window in one `presence_diff` per room to sockets that asked, one `presence` each to the rest", async () => {
    const { presence, published } = feed(1_000);
    presence.announce("general", "join", alice);
    presence.announce("general", "join", bob);
    presence.announce("general", "leave", carol);
    presence.announce("random", "leave", bob);
    await presence.close();
    const plainV1 = { exceptCap: "presence_diff" };
    expect(published.map((p) => [p.message, p.options])).toEqual([
      [
        { type: "presence_diff", room: "general", joined: [alice, bob], left: [carol] },
        { onlyCap: "presence_diff" },
      ],
      [
        { type: "presence", room: "general", event: "join", user: alice },
        { ...plainV1, exceptUser: alice.id },
      ],
      [
        { type: "presence", room: "general", event: "join", user: bob },
        { ...plainV1, exceptUser: bob.id },
      ],
      [{ type: "presence", room: "general", event: "leave", user: carol }, plainV1],
      [{ type: "presence", room: "random", event: "leave", user: bob }, {}],
    ]);
  });

  it("[R12] in a big room leaves out unwatching member_pages sockets and signals occupancy instead", async () => {
    let size = 201;
    const { presence, published, batches, signals } = feed(1_000, async () => size);
    presence.announce("general", "join", alice);
    presence.announce("general", "join", bob);
    await presence.close();
    expect(published.map((p) => p.options)).toEqual([
      { onlyCap: "presence_diff", quietFor: "member_pages" },
      { exceptCap: "presence_diff", exceptUser: alice.id },
      { exceptCap: "presence_diff", exceptUser: bob.id },
    ]);
    expect(batches).toEqual([2]);
    expect(signals).toEqual(["general"]);
    // Back at the threshold: presence for everyone again, and one last occupancy.
    size = 200;
    presence.announce("general", "leave", alice);
    await presence.close();
    expect(published.at(-1)?.options).toEqual({});
    expect(signals).toEqual(["general", "general"]);
    presence.announce("general", "leave", bob);
    await presence.close();
    expect(signals).toHaveLength(2);
  });

  it("keeps a user's last change of the window: a quick reconnect is one join", async () => {
    const { presence, published } = feed(1_000);
    presence.announce("general", "leave", alice);
    presence.announce("general", "join", alice);
    presence.announce("general", "join", bob);
    await presence.close();
    expect(published.map((p) => p.message)[0]).toEqual({
      type: "presence_diff",
      room: "general",
      joined: [alice, bob],
      left: [],
    });
  });

  it("starts a new window after announcing", async () => {
    vi.useFakeTimers();
    const { presence, published } = feed();
    presence.announce("general", "join", alice);
    await vi.advanceTimersByTimeAsync(10);
    presence.announce("general", "leave", alice);
    await vi.advanceTimersByTimeAsync(10);
    expect(published.map((p) => p.message.type === "presence" && p.message.event)).toEqual([
      "join",
      "leave",
    ]);
  });
});
