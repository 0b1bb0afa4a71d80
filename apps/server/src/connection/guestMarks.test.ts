import { encode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { withoutGuestMarks } from "./guestMarks.js";

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
