import { encode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { usersFor, withoutGuestMarks } from "./guestMarks.js";

describe("withoutGuestMarks", () => {
  it("takes every guest mark out of a frame, wherever the user object sits", () => {
    const frame = encode({
      type: "presence_diff",
      room: "general",
      joined: [{ id: "u_aaaaaaaaaaaaaaaa", name: "gus", guest: true }],
      left: [{ id: "u_bbbbbbbbbbbbbbbb", name: "mia" }],
    });
    expect(JSON.parse(withoutGuestMarks(frame))).toEqual({
      type: "presence_diff",
      room: "general",
      joined: [{ id: "u_aaaaaaaaaaaaaaaa", name: "gus" }],
      left: [{ id: "u_bbbbbbbbbbbbbbbb", name: "mia" }],
    });
  });

  it("leaves a frame without marks as it is, even when a text spells one out", () => {
    const frame = encode({
      type: "message",
      room: "general",
      id: "m_1",
      seq: 1,
      cid: "c",
      from: { id: "u_aaaaaaaaaaaaaaaa", name: "mia" },
      text: '{"guest":true}',
      ts: 1,
    });
    expect(withoutGuestMarks(frame)).toBe(frame);
  });
});

describe("usersFor", () => {
  const gus = { id: "u_aaaaaaaaaaaaaaaa", name: "gus", guest: true };
  const mia = { id: "u_bbbbbbbbbbbbbbbb", name: "mia" };

  it("unmarks a page of members for a socket without accounts, so its frame needs no rewrite", () => {
    const users = usersFor([gus, mia], false);
    expect(users).toEqual([{ id: gus.id, name: "gus" }, mia]);
    const frame = encode({ type: "members", room: "general", members: users, count: 2 });
    expect(withoutGuestMarks(frame)).toBe(frame);
  });

  it("keeps the marks for a socket that asked for accounts", () => {
    expect(usersFor([gus, mia], true)).toEqual([gus, mia]);
  });
});
