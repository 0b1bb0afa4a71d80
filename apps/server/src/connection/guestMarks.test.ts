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

  it("unmarks each of several frames by a guest correctly when they alternate (one-entry cache)", () => {
    const by = (name: string, text: string) =>
      encode({
        type: "message",
        room: "general",
        id: `m_${name}`,
        seq: 1,
        cid: "c",
        from: { id: `u_${name}aaaaaaaaaaaaaaa`, name, guest: true },
        text,
        ts: 1,
      });
    const gus = by("gus", "hi");
    const ann = by("ann", "hello");
    for (const frame of [gus, gus, ann, gus, ann, ann]) {
      const plain = JSON.parse(withoutGuestMarks(frame)) as { from: object; text: string };
      const original = JSON.parse(frame) as { from: { id: string; name: string }; text: string };
      expect(plain.from).toEqual({ id: original.from.id, name: original.from.name });
      expect(plain.text).toBe(original.text);
    }
  });

  it("writes exactly what re-encoding without the key would write, wherever the key sits", () => {
    const reencoded = (frame: string) =>
      JSON.stringify(
        JSON.parse(frame, (k, v: unknown) => (k === "guest" && v === true ? undefined : v)),
      );
    const frames = [
      '{"type":"x","user":{"guest":true,"id":"u_a","name":"a"}}',
      '{"type":"x","user":{"id":"u_a","guest":true,"name":"a"}}',
      '{"type":"x","users":[{"id":"u_a","name":"a","guest":true},{"guest":true}],"n":1}',
      '{"type":"x","user":{"id":"u_a","name":"say \\"guest\\":true","guest":true}}',
    ];
    for (const frame of frames) expect(withoutGuestMarks(frame)).toBe(reencoded(frame));
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
