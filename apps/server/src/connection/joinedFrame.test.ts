import { Capability, encode, type ServerMessageOf, type User } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import type { Peer } from "./Peer.js";
import { rewrite, variantOf, wireTextFor } from "./capVariants.js";
import { usersFor } from "./guestMarks.js";
import { sendJoined } from "./joinedFrame.js";

const members: User[] = [
  { id: "u_aaaaaaaaaa", name: 'Ann "members":[]', guest: true },
  { id: "u_bbbbbbbbbb", name: "Bo" },
];

const joined = (ref: string): ServerMessageOf<"joined"> => ({
  type: "joined",
  ref,
  room: "lobby",
  members: [],
  memberCount: 2,
  messages: [
    {
      room: "lobby",
      seq: 1,
      id: "m1",
      cid: "c1",
      ts: 1,
      text: "hi",
      from: { id: "u_aaaaaaaaaa", name: "Ann", guest: true },
      replyTo: { messageId: "m0", seq: 0, from: { id: "u_bbbbbbbbbb", name: "Bo" }, excerpt: "x" },
      attachment: { id: "f1", name: "a.png", type: "image/png", size: 1 },
    },
  ] as unknown as ServerMessageOf<"joined">["messages"],
  seq: 1,
  epoch: "e1",
  hasMore: false,
});

/** What the socket was sent, as the old path (encode the whole frame, then take the marks out). */
function sentText(caps: Capability[], ref: string): { got: string; want: string } {
  const frames: string[] = [];
  const conn = { caps: new Set(caps), sendFrame: (f: string) => frames.push(f) } as unknown as Peer;
  const message = joined(ref);
  sendJoined(conn, message, members);
  const mask = variantOf(conn.caps);
  const whole = encode({
    ...message,
    members: usersFor(members, caps.includes(Capability.Accounts)),
  });
  const got = frames[0] as string;
  // Already rewritten: the connection's own rewrite hands the same text back without scanning.
  const wire = wireTextFor(got, mask);
  expect(wire.text).toBe(got);
  expect(wire.payload.toString("utf8")).toBe(got);
  expect(wire.frame?.subarray(wire.frame.length - wire.payload.length)).toEqual(wire.payload);
  expect(wire.frame?.[0]).toBe(0x81);
  return { got, want: rewrite(whole, mask) };
}

describe("sendJoined", () => {
  it("sends the text the whole frame's encode and rewrite give, for every variant", () => {
    const all = [Capability.Accounts, Capability.Replies, Capability.Files, Capability.Threads];
    for (let mask = 0; mask < 16; mask++) {
      const caps = all.filter((_, bit) => mask & (1 << bit));
      const { got, want } = sentText(caps, `r"members":[]${mask}`);
      expect(got).toBe(want);
    }
  });
});
